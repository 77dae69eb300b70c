"""Import LinkedIn's downloads from the app: pick a file or folder, watch it go in."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, ProgressBar, Static

from ssi_tui.core.text import strip_control

if TYPE_CHECKING:
    from ssi_tui.store.imports import FileReport

IMPORTABLE = (".zip", ".csv", ".xlsx", ".tsv", ".txt")


class ImportableTree(DirectoryTree):
    """Folders and the files ssi-tui can import; hidden files left out."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            path
            for path in paths
            if not path.name.startswith(".")
            and (path.is_dir() or path.suffix.casefold() in IMPORTABLE)
        ]


def start_folder() -> Path:
    downloads = Path.home() / "Downloads"
    return downloads if downloads.is_dir() else Path.home()


def report_text(reports: list[FileReport]) -> Text:
    """One line per file: what it was and what went in (the counts add up to the rows read),
    or that it was imported before and changed nothing; then a line when every file was."""
    from ssi_tui.importers.report import outcome_text, total_text, visible

    text = Text()
    for report in reports:
        name = visible(report.name)
        if report.kind == "skipped":
            text.append(f"{name}: skipped ({visible(report.reason or 'unknown')})\n", style="dim")
            continue
        if report.already_imported:
            text.append(f"{name}: ", style="dim bold")
            text.append(outcome_text(report), style="dim")
        else:
            text.append(f"{name}: ", style="bold")
            text.append(f"{report.kind}, ")
            text.append(outcome_text(report), style="red" if report.error_rows else "")
        if report.errors:
            text.append(f" (first problem: {visible(report.errors[0])})", style="red")
        text.append("\n")
    total = total_text(reports)
    if total is not None:
        text.append(total, style="bold")
    return text


class ImportScreen(ModalScreen[bool]):
    """Dismisses with True when something was imported."""

    BINDINGS = [Binding("escape", "close", "Close", id="import.close")]

    def __init__(self, db_path: Path, folder: Path | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.folder = folder or start_folder()
        self.imported = False

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog", classes="dialog"):
            yield Static("Import from LinkedIn", classes="dialog-title")
            yield Static(
                "The data-export ZIP (or its unpacked folder), an analytics .xlsx, or a posts "
                "CSV. Importing twice changes nothing.",
                classes="caption",
            )
            yield ImportableTree(self.folder, id="import-tree")
            with Horizontal(classes="buttons"):
                yield Input(placeholder="…or type a path", id="import-path")
                yield Button("Import", id="import-start", variant="primary", compact=True)
            yield ProgressBar(id="import-progress", show_eta=False)
            with VerticalScroll(id="import-report"):
                yield Static("", id="import-status")

    @on(DirectoryTree.FileSelected)
    def _file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        """Picking a file imports it, as a file dialog's Open would (a folder only opens in
        the tree: Import takes an unpacked export folder once it is chosen)."""
        self.query_one("#import-path", Input).value = str(event.path)
        if not self.query_one("#import-start", Button).disabled:
            self._start()

    @on(DirectoryTree.DirectorySelected)
    def _folder_chosen(self, event: DirectoryTree.DirectorySelected) -> None:
        self.query_one("#import-path", Input).value = str(event.path)

    @on(Button.Pressed, "#import-start")
    @on(Input.Submitted, "#import-path")
    def _start(self) -> None:
        raw = self.query_one("#import-path", Input).value.strip()
        if not raw:
            self._status(Text("Pick a file or folder first.", style="bold red"))
            return
        self.query_one("#import-start", Button).disabled = True
        self._status(Text("Reading…"))
        self._import(Path(raw).expanduser())

    def _status(self, message: Text) -> None:
        self.query_one("#import-status", Static).update(message)

    def _progress(self, name: str, done: int, total: int, phase: str) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=total * 2, progress=done + (total if phase == "Writing" else 0))
        self._status(Text(f"{phase} {strip_control(name)} ({done} of {total})"))

    @work(thread=True, exclusive=True, group="import")
    def _import(self, path: Path) -> None:
        """Read everything first (nothing is written if a file is refused), then write."""
        from ssi_tui.importers import ImportRefused, read_path
        from ssi_tui.store.errors import DatabaseError
        from ssi_tui.store.imports import write_results_to
        from ssi_tui.store.transactions import why_it_stopped

        def reading(name: str, done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, name, done, total, "Reading")

        def writing(name: str, done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, name, done, total, "Writing")

        def waiting() -> None:
            note = "Waiting for the database: another program is writing to it…"
            self.app.call_from_thread(self._status, Text(note))

        try:
            results = read_path(path, progress=reading)
        except ImportRefused as error:
            self.app.call_from_thread(self._finished, Text(str(error), style="bold red"))
            return
        try:
            reports = write_results_to(self.db_path, path, results, writing, waiting)
        except (DatabaseError, sqlite3.Error) as error:
            message = Text(
                f"The import stopped ({why_it_stopped(error)}); import again to finish: "
                "the files already written are kept.",
                style="bold red",
            )
            self.app.call_from_thread(self._finished, message)
            return
        self.imported = True
        self.app.call_from_thread(self._finished, report_text(list(reports)))

    def _finished(self, message: Text) -> None:
        self._status(message)
        self.query_one("#import-start", Button).disabled = False

    def action_close(self) -> None:
        self.dismiss(self.imported)
