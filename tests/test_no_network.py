"""ssi-tui works with networking disabled: nothing it does reaches for the network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BLOCK_NETWORK = """
import socket

def refuse(*args, **kwargs):
    raise OSError("network disabled by the test")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""

SESSION = (
    BLOCK_NETWORK
    + """
import asyncio, contextlib, io, sys
from datetime import date
from pathlib import Path
from ssi_tui.cli import cli
from ssi_tui.app import make_app
from ssi_tui.store.database import open_database
from ssi_tui.store.demo import write_demo

path = Path(sys.argv[1])
database = open_database(path)
write_demo(database, date(2026, 6, 1))
database.close()
out = io.StringIO()
with contextlib.redirect_stdout(out):
    for args in (["estimate", "--json"], ["model", "train", "--json"], ["log", "comment", "2"]):
        assert cli.main(["--db", str(path), *args], standalone_mode=False) in (None, 0), args
draft = path.with_name("draft.txt")
draft.write_text("Three lessons from 100 calls. What would you add? #sales", encoding="utf-8")
with contextlib.redirect_stdout(out):
    cli.main(["--db", str(path), "analyze", str(draft), "--json"], standalone_mode=False)

async def main():
    app = make_app(path, today=date(2026, 6, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("4")
        draft = "Draft without a network"
        app.query_one("#draft-editor").text = draft
        pane = app.query_one("#drafts-pane")
        for _ in range(1200):  # until the draft is analysed (at most a minute), not a fixed time
            if pane.analysis is not None and pane.analysis.text == draft:
                break
            await pilot.pause(0.05)
        assert pane.analysis is not None and pane.analysis.text == draft, "it was analysed"
        await app.workers.wait_for_complete()
        await pilot.pause()

asyncio.run(main())
print("OFFLINE-OK", '"suggestion"' in out.getvalue())
"""
)


def test_cli_analysis_and_app_run_with_networking_disabled(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SESSION, str(tmp_path / "offline.db")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "SSI_TUI_TODAY": "2026-06-01", "NLTK_DATA": str(tmp_path / "none")},
    )
    assert result.returncode == 0, result.stderr[-1500:]
    assert result.stdout.strip().splitlines()[-1] == "OFFLINE-OK True"
