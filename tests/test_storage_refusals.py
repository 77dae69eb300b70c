"""A read-only database is read and never written; a full disk loses nothing already saved.

Both once ended badly: in a read-only folder every command, even `journal`, `export` and
`backup`, failed with "unable to open database file", and a full disk during `import` or `log`
was reported as "disk I/O error" or "database or disk is full". Each runs here in a real
child process on a read-only mount or a small tmpfs (see tests/confined.py).
"""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path

import pytest
from tests.confined import confined, needs_confinement, read_only_mount, small_disk
from tests.importers.export_builders import comments_csv
from tests.processes import ssi_tui

pytestmark = needs_confinement

READ_ONLY = (
    "ssi-tui: The database is read-only (its file or its folder cannot be written); "
    "nothing was saved.\n"
)
DISK_FULL = "ssi-tui: The disk is full, so nothing was saved: free some space and try again.\n"


@pytest.fixture
def shared_folder(demo_db_path: Path, tmp_path: Path) -> Path:
    """A demo history in a folder of its own, to be mounted read-only."""
    folder = tmp_path / "share"
    folder.mkdir()
    shutil.copy(demo_db_path, folder / "ssi.db")
    return folder


def on_read_only(folder: Path, *arguments: str) -> tuple[int, str, str]:
    command = " ".join(f"'{argument}'" for argument in arguments)
    done = confined(read_only_mount(folder), f'$SSI --db "{folder}/ssi.db" {command}')
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(
    "arguments",
    [
        ["log", "comment", "1"],
        ["targets", "comment", "5"],
        ["activity", "add", "webinar", "--pillar", "brand"],
        shlex.split("ssi add --brand 20 --people 15 --insights 12 --relationships 18"),
        ["ssi", "target", "80"],
    ],
    ids=["log", "targets", "activity add", "ssi add", "ssi target"],
)
def test_writes_to_a_read_only_database_are_refused(
    shared_folder: Path, arguments: list[str]
) -> None:
    before = (shared_folder / "ssi.db").read_bytes()
    assert on_read_only(shared_folder, *arguments) == (2, "", READ_ONLY)
    assert (shared_folder / "ssi.db").read_bytes() == before
    assert sorted(path.name for path in shared_folder.iterdir()) == ["ssi.db"]


@pytest.mark.slow  # a process per command, a dozen
def test_a_read_only_database_is_still_read_exported_and_backed_up(
    shared_folder: Path, tmp_path: Path
) -> None:
    reads = {
        "journal": ["journal", "--json", "--since", "2000-01-01"],
        "posts": ["posts", "--json"],
        "readings": ["ssi", "list", "--json"],
        "plan": ["plan", "--target", "80"],
    }
    expected = {
        name: ssi_tui(shared_folder / "ssi.db", *command).stdout for name, command in reads.items()
    }
    before = (shared_folder / "ssi.db").read_bytes()
    for name, command in reads.items():
        assert on_read_only(shared_folder, *command) == (0, expected[name], "")
    status, output, errors = on_read_only(shared_folder, "estimate", "--json")
    assert (status, errors) == (0, "")
    assert set(json.loads(output)["pillars"]) == {"brand", "people", "insights", "relationships"}
    draft = tmp_path / "draft.txt"
    draft.write_text("Three lessons from a year of cold outreach. What would you add?\n")
    status, output, errors = on_read_only(shared_folder, "analyze", str(draft), "--json")
    assert (status, errors) == (0, "")
    analysis = json.loads(output)
    assert analysis["basis"] in {"user", "blend"} and "note" not in analysis
    exported, backup = tmp_path / "exported", tmp_path / "backup.db"
    assert on_read_only(shared_folder, "export", str(exported))[0] == 0
    assert (exported / "journal.csv").is_file()
    assert on_read_only(shared_folder, "backup", str(backup))[0] == 0
    assert (
        ssi_tui(backup, "journal", "--json", "--since", "2000-01-01").stdout == expected["journal"]
    )
    assert (shared_folder / "ssi.db").read_bytes() == before
    assert sorted(path.name for path in shared_folder.iterdir()) == ["ssi.db"]


def test_a_full_disk_refuses_the_import_in_one_sentence_and_keeps_the_file(
    tmp_path: Path,
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    comments = comments_csv(tmp_path / "Comments.csv", 3000)

    def fill(name: str, leave_kb: int) -> str:
        return (
            "python3 -c \"import os; s = os.statvfs('$D'); "
            f"open('$D/{name}', 'wb').write(b'x' * (s.f_bavail * s.f_frsize - {leave_kb} * 1024))\""
        )

    script = f"""
D={disk}
$SSI --db $D/ssi.db log comment 2 >/dev/null
{fill("filler", 64)}
echo "== import"; $SSI --db $D/ssi.db import {comments}; echo "rc=$?"
echo "== backup"; $SSI --db $D/ssi.db backup $D/copy.db; echo "rc=$?"
{fill("more", 4)}
echo "== log"; $SSI --db $D/ssi.db log comment 3; echo "rc=$?"
rm $D/filler $D/more
echo "== journal"; $SSI --db $D/ssi.db journal --json --since 2000-01-01
echo "== check"
python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); \\
print(c.execute('PRAGMA integrity_check').fetchone()[0])" $D/ssi.db
echo "== files"; ls $D
"""
    done = confined(small_disk(disk, 400), script)
    sections = dict(section.split("\n", 1) for section in done.stdout.split("== ")[1:])
    assert sections["import"] == "rc=2\n", done.stderr
    assert sections["backup"] == "rc=2\n"
    assert sections["log"] == "rc=2\n"
    assert done.stderr == DISK_FULL * 3
    journal = json.loads(sections["journal"])
    assert [(row["activity"], row["count"]) for row in journal] == [("comment", 2)]
    assert sections["check"] == "ok\n"
    assert sections["files"].split() == ["ssi.db"]  # no half-written backup
