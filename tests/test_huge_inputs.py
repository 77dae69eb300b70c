"""Huge inputs are handled in bounded memory or refused with a sentence."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from ssi_tui.cli import cli

TARGET_BYTES = 100_000_000
PEAK_MEMORY_LIMIT_MB = 300


def write_big_comments(path: Path) -> int:
    start = datetime(2020, 1, 1)
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write("Date,Link,Message\r\n")
        while handle.tell() < TARGET_BYTES:
            stamp = (start + timedelta(minutes=3 * rows)).strftime("%Y-%m-%d %H:%M:%S")
            handle.write(
                f"{stamp},https://www.linkedin.com/feed/update/urn:li:activity:{rows},"
                f'"A thoughtful comment on pipeline reviews, number {rows}, thanks for sharing"\r\n'
            )
            rows += 1
    return rows


@pytest.mark.slow  # writes and imports a 100 MB file
def test_a_100_mb_export_file_imports_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "Comments.csv"
    rows = write_big_comments(path)
    # VmHWM is this process's own peak; ru_maxrss would also count the forking test process.
    measured_import = (
        "import re, sys\n"
        "from pathlib import Path\n"
        "from ssi_tui.cli import cli\n"
        "cli.main(['import', sys.argv[1], '--json'], standalone_mode=False)\n"
        "status = Path('/proc/self/status').read_text()\n"
        "print('PEAK_KB', re.search(r'VmHWM:\\s+(\\d+)', status).group(1), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", measured_import, str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "SSI_TUI_DB": str(tmp_path / "big.db")},
    )
    assert result.returncode == 0, result.stderr[-500:]
    peak_mb = int(result.stderr.split("PEAK_KB")[-1].split()[0]) / 1024
    assert f'"imported": {rows}' in result.stdout
    assert peak_mb < PEAK_MEMORY_LIMIT_MB, f"peak memory {peak_mb:.0f} MB for a 100 MB file"


def test_a_paste_over_two_megabytes_is_refused_with_a_sentence() -> None:
    page = "Find the right people 12.5\n" * 90_000
    result = CliRunner().invoke(cli, ["ssi", "paste", "-", "--dry-run"], input=page)
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("far more than the SSI page holds.")


def test_a_one_megabyte_paste_is_answered_quickly() -> None:
    page = ("Engage with insights 12.5\n" * 40_000)[:1_000_000]
    started = datetime.now()
    result = CliRunner().invoke(cli, ["ssi", "paste", "-", "--dry-run"], input=page)
    assert result.exit_code == 2, "no member total or pillars: refused, not guessed"
    assert datetime.now() - started < timedelta(seconds=5)
