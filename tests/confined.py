"""Running `ssi-tui` where storage says no: a read-only folder, a full disk.

A test cannot make a folder read-only for root with `chmod`, nor fill a real disk. A private
mount namespace can do both for one child process, without privileges: a read-only bind mount
of the test's folder, or a tmpfs of a few hundred kilobytes. The child sees exactly what a
user on a read-only share or a full disk sees.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest


@cache
def can_confine() -> bool:
    """True when this kernel lets an unprivileged process make its own mount namespace."""
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "true"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


needs_confinement = pytest.mark.skipif(
    not can_confine(), reason="needs unprivileged mount namespaces (unshare --user --mount)"
)


def confined(setup: str, script: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run shell `script` after `setup` (mounts) in a mount namespace of its own; in it,
    `$SSI` runs the ssi-tui under test."""
    ssi = f"{shlex.quote(sys.executable)} -m ssi_tui"
    body = f"set -e\n{setup}\nset +e\nSSI={shlex.quote(ssi)}\n{script}\n"
    return subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", body],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def read_only_mount(folder: Path) -> str:
    quoted = shlex.quote(str(folder))
    return f"mount --bind {quoted} {quoted}\nmount -o remount,bind,ro {quoted}"


def small_disk(folder: Path, kilobytes: int) -> str:
    return f"mount -t tmpfs -o size={kilobytes}k tmpfs {shlex.quote(str(folder))}"
