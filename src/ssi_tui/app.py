"""The Textual application: a thin shell that loads views from the store into the panes."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterable
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from ssi_tui import __version__
from ssi_tui.background import JOB_DOINGS, BackgroundWork
from ssi_tui.core import clock
from ssi_tui.core.text import strip_control
from ssi_tui.exit_codes import EXIT_REFUSED
from ssi_tui.messages import (
    DeleteReading,
    LogActivity,
    OpenDrafts,
    OpenPost,
    SaveDraft,
    SaveReading,
    SetTarget,
    ShowJournalDay,
    TagPost,
    UndoJournalChange,
    UpdatePost,
)
from ssi_tui.panes.deck import PANES, PaneDeck
from ssi_tui.panes.score import ScorePane
from ssi_tui.saving import Saver
from ssi_tui.store import journal, readings, settings, views
from ssi_tui.store.database import (
    DatabaseError,
    IntegrityCheck,
    open_connection_checking_aside,
)
from ssi_tui.store.reader import Reader
from ssi_tui.widgets.key_bar import KeyBar
from ssi_tui.widgets.pane_tabs import PaneTabs

if TYPE_CHECKING:
    from sqlite_utils import Database

    from ssi_tui.core.readings import Reading

OTHER_PANES_AFTER_SECONDS = 0.05
"""How long after the first frame the hidden panes are built: enough for the Score pane's
charts and history table to reach the screen first (a few frames)."""
UNDO_DEPTH = 50
"""How many journal changes `u` can take back, newest first."""
EXTERNAL_CHANGE_POLL_SECONDS = 2.0
"""How often the app looks for writes from other processes (e.g. `ssi-tui log`)."""


class MainScreen(Screen[object]):
    """The screen of panes; the keyboard starts on the Score pane, so `p` pastes at once."""

    AUTO_FOCUS = "#score-pane"


class SsiApp(App[None]):
    """ssi-tui: a private, offline coach for LinkedIn's Social Selling Index."""

    CSS_PATH = "ssi.tcss"
    _kept_theme: str | None = None
    """The theme the database has (or Textual's default): a new choice is saved."""
    TITLE = "ssi-tui"
    BINDINGS = [
        *(
            Binding(
                str(number), f"show_pane('{key}')", title, id=f"pane.{key}", tooltip=why, show=False
            )
            for number, (key, title, why) in enumerate(PANES, start=1)
        ),
        Binding("ctrl+right", "cycle_pane(1)", "Next pane", id="pane.next", show=False),
        Binding("ctrl+left", "cycle_pane(-1)", "Previous pane", id="pane.previous", show=False),
        Binding("f5,ctrl+r", "reload", "Reload", id="app.reload", tooltip="Re-read the database"),
        Binding(
            "w", "plan", "What-if", id="app.plan", tooltip="Plan the weekly activity for a target"
        ),
        Binding("i", "import", "Import", id="app.import", tooltip="Import LinkedIn's downloads"),
        Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="Keys and panes"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave ssi-tui"),
    ]

    def __init__(
        self,
        db_path: Path,
        *,
        today: date | None = None,
        label: str | None = None,
        integrity: IntegrityCheck | None = None,
    ):
        super().__init__()
        self.db_path = db_path
        self.connection, self.integrity = open_connection_checking_aside(db_path, integrity)
        self.refusal: str | None = None
        """Why the app closed at once (a damaged file), for `running.run_app` to print."""
        self.reader = Reader(self.connection)
        self.today = today or clock.today()
        self.journal_day = self.today
        self.draft_ids: dict[int, int] = {}
        """Each editing of the Drafts pane (see `SaveDraft.session`) → the draft it saved."""
        self.journal_changes: list[journal.JournalChange] = []
        """The changes made on the Journal card this session, for undo (oldest first)."""
        self.background = BackgroundWork(db_path)
        self.saver = Saver(self, db_path, lambda: self.db, self.show_database_status)
        self.title = f"ssi-tui {__version__}"
        self.sub_title = label or str(db_path)
        self._data_version = self._read_data_version()
        saved_theme = settings.get_theme(self.reader)
        if saved_theme is not None and saved_theme in self.available_themes:
            self.theme = saved_theme
        self._kept_theme = self.theme

    def watch_theme(self, theme: str) -> None:
        """Keep the theme chosen in the palette for the next start."""
        if self._kept_theme is not None and theme != self._kept_theme:
            self._kept_theme = theme
            if self.saver.writes_refused is None:  # a read-only file keeps it for this run
                self.saver.save(lambda db: settings.set_theme(db, theme))

    def get_default_screen(self) -> Screen[object]:
        return MainScreen(id="_default")

    @cached_property
    def db(self) -> Database:
        """sqlite-utils over the same connection, for writes: loaded at the first one.

        The first screen is read through `reader`, with the standard library alone.
        """
        from sqlite_utils import Database

        return Database(self.connection, execute_plugins=False)

    def compose(self) -> ComposeResult:
        if self.refusal is not None:
            return
        yield Static(f"{self.title} — {self.sub_title}", id="title-bar", markup=False)
        names = [(key, f"{number} {title}") for number, (key, title, _) in enumerate(PANES, 1)]
        yield PaneTabs(names, "score", id="pane-tabs")  # "1 Score": the key that shows it
        score_pane = ScorePane(views.load_score_view(self.reader, self.today), id="score-pane")
        yield PaneDeck(score_pane, id="panes")
        yield Static(id="database-status", markup=False)
        yield KeyBar()

    def on_load(self) -> None:
        """Take the verdict of the integrity check, which ran while Textual was loading.

        Nothing is read before it: a damaged file closes the app before the terminal changes.
        """
        try:
            self.integrity.confirm()
        except DatabaseError as error:
            self.refusal = str(error)
            self.exit(return_code=EXIT_REFUSED)

    def on_mount(self) -> None:
        if self.refusal is None:
            self.call_after_refresh(self._after_first_paint)
        if getattr(self.connection, "read_only", False):
            self.saver.writes_refused = (
                f"{self.db_path} is read-only (or its folder is): you can look around, "
                "but changes are not saved."
            )
            self.show_database_status(self.saver.writes_refused)

    def _after_first_paint(self) -> None:
        """The Score pane draws its charts and history table now; the rest waits for that."""
        self.set_timer(OTHER_PANES_AFTER_SECONDS, self._build_the_other_panes)

    async def _build_the_other_panes(self) -> None:
        """Build the hidden panes, then start the background work: neither delays the paint."""
        deck = self.query_one(PaneDeck)
        await deck.build_the_others()
        if deck.asked_for is not None:  # a key pressed before the panes were there
            self.action_show_pane(deck.asked_for)
        self.refresh_views(score_pane=False)  # the Score pane was composed with its view
        self.set_interval(EXTERNAL_CHANGE_POLL_SECONDS, self._reload_if_changed)
        await self.mount(self.background)  # after the first frame, like everything it starts
        self.background.first_paint_done()
        self._ask_background()
        self.resume_garbage_collection()

    @staticmethod
    def resume_garbage_collection() -> None:
        """Turn collection back on, with what start-up built kept out of later collections.

        Frozen objects (the widgets, the modules, the views) are never scanned again, which
        keeps later pauses short while typing. A full collection first would stall the
        screen, visibly, to free some ten thousand small objects (a couple of MB), so they
        stay. A no-op unless `running.run_app` paused collection.
        """
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    @property
    def panes_ready(self) -> bool:
        """True once the panes other than Score are built (just after the first frames)."""
        return self.query_one(PaneDeck).ready

    @property
    def active_pane(self) -> str:
        """The key of the pane on show ("score", "journal", "posts" or "drafts")."""
        return self.query_one(PaneDeck).active

    def _focus_active_pane(self) -> None:
        """Focus the visible pane, so that its own keys work and show in the key bar."""
        for pane in self.query(f"#{self.active_pane}-pane"):
            pane.focus()

    def refresh_views(
        self, *, score_pane: bool = True, journal_pane: bool = True, posts_pane: bool = True
    ) -> None:
        """Read what the panes show from the database and hand it over.

        A change names the panes it cannot affect, so logging a day does not re-read every post.
        A file that another program damaged or locked is said once, not a crash: the panes
        keep what they showed.
        """
        try:
            self._load_views(score_pane, journal_pane, posts_pane)
        except sqlite3.Error as error:
            self.notify(
                f"Cannot read the database ({error}); the screen may be out of date.",
                title="Database",
                severity="error",
                markup=False,
            )

    def _load_views(self, score_pane: bool, journal_pane: bool, posts_pane: bool) -> None:
        if score_pane:
            self.query_one(ScorePane).view = views.load_score_view(self.reader, self.today)
        if not self.panes_ready:
            return
        self._ask_background()
        if journal_pane:
            self.query_one(PaneDeck).journal.view = views.load_journal_view(
                self.reader, self.today, self.journal_day
            )
        if posts_pane:
            self.query_one(PaneDeck).posts.view = views.load_posts_view(self.reader)

    def _ask_background(self) -> None:
        """Tell the background work what the data now needs: a fresh fit, a model for the posts."""
        from ssi_tui.store.posts import posts_fingerprint

        view = self.query_one(ScorePane).view
        stale_fit = view is not None and view.calibration_pending
        self.background.needs(
            calibration=stale_fit and self.saver.writes_refused is None,  # else never kept
            posts_fingerprint=posts_fingerprint(self.reader),
        )

    @on(BackgroundWork.FullCheckDone)
    def _full_check_done(self, message: BackgroundWork.FullCheckDone) -> None:
        self.background.full_check_done(message.damage)
        if message.damage is None:
            self._ask_background()
            return
        self.saver.writes_refused = message.damage  # nothing more is written, by anyone
        self.show_database_status(message.damage)

    @on(BackgroundWork.Calibrated)
    def _calibrated(self) -> None:
        self.background.calibration_finished()
        self.refresh_views()

    @on(BackgroundWork.ModelRetraining)
    def _model_retraining(self) -> None:
        self.query_one(PaneDeck).drafts.set_status("Your posts changed: retraining the model…")

    @on(BackgroundWork.ModelLoaded)
    def _model_loaded(self, message: BackgroundWork.ModelLoaded) -> None:
        self.background.model_finished(loaded=True)
        self.query_one(PaneDeck).drafts.show_model(message.state, message.rows, message.record)
        self._ask_background()  # the posts may have changed while it loaded

    @on(BackgroundWork.JobFailed)
    def _background_job_failed(self, message: BackgroundWork.JobFailed) -> None:
        """Say what failed, once; the job runs again when another program changes the data."""
        from ssi_tui.store.transactions import DatabaseBusy, why_it_stopped

        self.background.job_failed(message.job)
        what = JOB_DOINGS[message.job]
        reason = why_it_stopped(message.problem)
        if not isinstance(message.problem, DatabaseBusy):  # busy: tried again at the next change
            self.notify(
                f"{what} failed ({reason}); it runs again when the data changes.",
                severity="warning",
                markup=False,
            )
        if message.job == "model":
            self.query_one(PaneDeck).drafts.set_status(
                f"The format model could not be loaded ({reason}): no suggestion until it "
                "loads; it is tried again when your posts change."
            )

    def show_database_status(self, text: str | None) -> None:
        """A line above the keys while writes wait for the database (None clears it)."""
        status = self.query_one("#database-status", Static)
        status.update(text or "")
        status.display = text is not None

    @on(SaveDraft)
    def _save_draft(self, message: SaveDraft) -> None:
        from ssi_tui.store import drafts

        session = message.session

        def write(db: Database) -> int:
            draft_id = message.draft_id
            if draft_id is None:  # an earlier save of this editing may have made it already
                draft_id = self.draft_ids.get(session)
            return drafts.save_draft(db, message.text, draft_id, message.prediction)

        def saved(draft_id: int) -> None:
            self.draft_ids[session] = draft_id
            self.query_one(PaneDeck).drafts.saved(draft_id, message.text, session)
            if not message.quiet:
                self.notify("Draft saved.")

        self.saver.save(write, saved)

    @on(OpenDrafts)
    def _open_drafts(self) -> None:
        self._choose_a_draft()

    @work(exclusive=True, group="drafts-dialog")
    async def _choose_a_draft(self) -> None:
        """List the saved drafts; open the chosen one, or delete it once the user agrees."""
        from ssi_tui.screens.confirm import ConfirmScreen
        from ssi_tui.screens.drafts_list import DraftsListScreen
        from ssi_tui.store import drafts

        saved = {draft.id: draft for draft in drafts.list_drafts(self.reader)}
        choice = await self.push_screen_wait(DraftsListScreen(list(saved.values())))
        if choice is None or choice[1] not in saved:
            return
        action, draft_id = choice
        if action == "open":
            self.query_one(PaneDeck).drafts.load(saved[draft_id].text, draft_id)
        elif await self.push_screen_wait(ConfirmScreen("Delete this draft?", yes="Delete")):
            self.saver.save(
                lambda db: drafts.delete_draft(db, draft_id),
                lambda _: self.notify("Draft deleted."),
            )

    @on(SaveReading)
    def _save_reading(self, message: SaveReading) -> None:
        reading, previous, replace = message.reading, message.previous, message.replace

        def write(db: Database) -> None:
            if previous is not None and previous != reading.date:
                readings.delete_reading(db, previous)
            readings.save_reading(db, reading, replace=replace)

        self.saver.save(write, lambda _: self._reading_saved(reading))

    def _reading_saved(self, reading: Reading) -> None:
        self.refresh_views()
        self.notify(f"Saved the reading of {reading.date.isoformat()}: {reading.total:g}.")

    @on(DeleteReading)
    def _delete_reading(self, message: DeleteReading) -> None:
        day = message.day

        def deleted(_: object) -> None:
            self.refresh_views()
            self.notify(f"Deleted the reading of {day.isoformat()}.")

        self.saver.save(lambda db: readings.delete_reading(db, day), deleted)

    @on(LogActivity)
    def _log_activity(self, message: LogActivity) -> None:
        day, activity = message.day, message.activity
        count, delta, note = message.count, message.delta, message.note

        def write(db: Database) -> journal.JournalChange:
            before = journal.manual_entry(db, day, activity)
            if count is not None:
                imported = journal.other_sources_count(db, day, activity)
                journal.set_manual(db, day, activity, max(0, count - imported))
            elif delta:
                journal.add_manual(db, day, activity, delta)
            if note is not None:
                current = journal.manual_count(db, day, activity)
                journal.set_manual(db, day, activity, current, note)
            return journal.JournalChange(
                day, activity, before, journal.manual_entry(db, day, activity)
            )

        def saved(change: journal.JournalChange) -> None:
            if change.before != change.after:
                self.journal_changes = [*self.journal_changes, change][-UNDO_DEPTH:]
            self.refresh_views(posts_pane=False)
            if count is not None:
                self.notify(
                    f"{self._activity_label(activity)} on {day:%a %d %b}: {count}. u undoes it.",
                    markup=False,
                )

        self.saver.save(write, saved)

    @on(UndoJournalChange)
    def _undo_journal_change(self) -> None:
        if not self.journal_changes:
            self.notify("Nothing to undo on the journal.", timeout=3)
            return
        change = self.journal_changes[-1]

        def undone(entry: journal.ManualEntry) -> None:
            self.journal_changes = self.journal_changes[:-1]
            self.refresh_views(posts_pane=False)
            self.notify(
                f"Undone: {self._activity_label(change.activity)} on {change.day:%a %d %b} "
                f"is {entry.count} again.",
                markup=False,
            )

        self.saver.save(lambda db: journal.undo_change(db, change), undone)

    def _activity_label(self, activity: str) -> str:
        labels = {a.key: a.label for a in journal.activity_types(self.reader)}
        return strip_control(labels.get(activity, activity))

    @on(ShowJournalDay)
    def _show_journal_day(self, message: ShowJournalDay) -> None:
        self.journal_day = message.day
        self.refresh_views(score_pane=False, posts_pane=False)

    @on(UpdatePost)
    def _update_post(self, message: UpdatePost) -> None:
        from ssi_tui.store import posts

        post_id, post_format, metrics = message.post_id, message.format, message.metrics

        def updated(_: object) -> None:
            self.refresh_views()
            self.notify("Post updated.")

        self.saver.save(lambda db: posts.update_post(db, post_id, post_format, metrics), updated)

    @on(TagPost)
    def _tag_post(self, message: TagPost) -> None:
        from ssi_tui.store import posts

        post_id, post_format = message.post_id, message.format
        self.saver.save(
            lambda db: posts.tag_post(db, post_id, post_format), lambda _: self.refresh_views()
        )

    @on(OpenPost)
    def _open_post(self, message: OpenPost) -> None:
        from ssi_tui.screens.post_detail import PostDetailScreen
        from ssi_tui.store.posts import post_names_of

        self.push_screen(
            PostDetailScreen(message.post, post_names_of(self.reader, message.post.id))
        )

    @on(SetTarget)
    def _set_target(self, message: SetTarget) -> None:
        target = message.target

        def changed(_: object) -> None:
            self.refresh_views()
            self.notify(f"Target SSI set to {target}.")

        self.saver.save(lambda db: settings.set_target(db, target), changed)

    def _read_data_version(self) -> int:
        return int(self.reader.execute("PRAGMA data_version").fetchone()[0])

    def _reload_if_changed(self) -> None:
        """Show entries that another process (a quick log in another terminal) wrote, and
        try again to save what waits for the database."""
        self.saver.retry()
        try:
            version = self._read_data_version()
        except sqlite3.Error:
            return  # said by refresh_views when the panes next read
        if version != self._data_version:
            self._data_version = version
            self.background.data_changed()
            self.refresh_views()

    def action_show_pane(self, pane: str) -> None:
        if self.query_one(PaneDeck).show(pane):
            self.query_one(PaneTabs).active = pane
            self._focus_active_pane()

    def action_cycle_pane(self, step: int) -> None:
        keys = [key for key, _, _ in PANES]
        current = keys.index(self.active_pane)
        self.action_show_pane(keys[(current + step) % len(keys)])

    def action_reload(self) -> None:
        self.refresh_views()
        self.notify("Reloaded from the database.", timeout=2)

    def action_plan(self) -> None:
        """Open the what-if planner on the current journal and (calibrated) weights."""
        from ssi_tui.screens.planner import PlannerScreen

        self.push_screen(PlannerScreen(views.load_plan_inputs(self.reader, self.today)))

    @work(exclusive=True, group="import-dialog")
    async def action_import(self) -> None:
        from ssi_tui.screens.import_file import ImportScreen

        if await self.push_screen_wait(ImportScreen(self.db_path)):
            self.refresh_views()

    async def action_quit(self) -> None:
        """Quit, keeping the draft being written; unless writes still wait for the database
        and the user wants to keep them."""
        self._keep_the_draft()
        if self.saver.unsaved:
            self._quit_if_agreed()
        else:
            self.exit()

    def _keep_the_draft(self) -> None:
        """Save the draft being written, if it changed since it was last kept."""
        deck = self.query_one(PaneDeck)
        if deck.ready and deck.drafts.unsaved:
            drafts_pane = deck.drafts
            self._save_draft(
                SaveDraft(drafts_pane.draft_id, drafts_pane.text, session=drafts_pane.session)
            )

    def on_exit_app(self) -> None:
        """An exit that did not come through `q`: the browser tab's server stopping (it sends
        the web driver a quit) keeps the draft as `q` does."""
        self._keep_the_draft()

    @work(exclusive=True, group="quit-dialog")
    async def _quit_if_agreed(self) -> None:
        from ssi_tui.screens.confirm import ConfirmScreen

        count = self.saver.unsaved
        question = (
            f"{'1 change is' if count == 1 else f'{count} changes are'} not saved yet: the "
            "database is busy. Quit anyway and lose it?"
        )
        if await self.push_screen_wait(ConfirmScreen(question, yes="Quit")):
            self.exit()

    def action_help(self) -> None:
        """Every key, grouped by pane, from the bindings (the palette lists the same)."""
        from ssi_tui.key_map import key_groups
        from ssi_tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(key_groups(self)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """ssi-tui's commands, then Textual's that none of them replaces (its Quit is ours, and
        its Keys panel, which lists scrolling keys, gives way to Help; in a browser tab its
        Screenshot, a download, is left out)."""
        from ssi_tui.palette import ssi_commands

        ours = list(ssi_commands(self))
        replaced = {command.title for command in ours} | {"Keys"}
        if self.is_web:  # a screenshot is a download, which the browser tab does not offer
            replaced.add("Screenshot")
        yield from ours
        yield from (c for c in super().get_system_commands(screen) if c.title not in replaced)

    def on_unmount(self) -> None:
        self.connection.close()


def make_app(
    db_path: Path,
    *,
    today: date | None = None,
    label: str | None = None,
    integrity: IntegrityCheck | None = None,
) -> SsiApp:
    """Build the app; the CLI and the tests both start here."""
    return SsiApp(db_path, today=today, label=label, integrity=integrity)
