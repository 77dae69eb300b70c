"""The Drafts pane: write or paste a draft; see how LinkedIn cuts it and which format to use.

Cheap measurements update on every keystroke. The language tools and the format model load in
a worker after the first paint; each re-analysis runs in an exclusive thread worker, so typing
never waits for it, whatever the size of the paste.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static, TextArea
from textual.worker import get_current_worker

from ssi_tui.core import clock
from ssi_tui.core.drafts import CHARACTER_LIMIT, DraftBasics, engagement_text, measure
from ssi_tui.core.model_words import chosen_model_sentence
from ssi_tui.messages import OpenDrafts, SaveDraft
from ssi_tui.widgets.bars import bar
from ssi_tui.widgets.safe import literal

if TYPE_CHECKING:
    from ssi_tui.analysis.advice import Advice
    from ssi_tui.analysis.blend import Basis
    from ssi_tui.analysis.format_model import ModelState
    from ssi_tui.analysis.history import PostHistory
    from ssi_tui.analysis.prediction import Prediction
    from ssi_tui.core.post_stats import ModelFooting
    from ssi_tui.store.track_record import TrackRecord

PLACEHOLDER = "Paste or type a draft post here…"
TYPING_PAUSE_SECONDS = 0.15
"""Analysis waits for this pause in typing: each keystroke restarts the wait."""
AUTOSAVE_AFTER_SECONDS = 3.0
"""A draft is kept this long after the last keystroke, without Ctrl+S."""
LOADING = "Loading the language tools and your format model…"


def model_summary(state: ModelState, footing: ModelFooting | None = None) -> str:
    """What the suggestion stands on, with the model's score against the simple baseline.

    A model whose posts have no known format tells nothing between formats: it is not
    presented as a per-format model, and the footing says what would make it one.
    """
    model = state.user_model
    if footing is not None and footing.known_format == 0:
        summary = footing.sentence()
        return f"{state.note} {summary}" if state.note else summary
    if model is None:
        summary = "Format model: the prior (no post of yours has metrics yet)."
    else:
        summary = chosen_model_sentence(model.metadata)
    if footing is not None and (footing.next_step or footing.known_format < footing.with_numbers):
        summary += " " + footing.sentence()
    return f"{state.note} {summary}" if state.note else summary


@dataclass(frozen=True)
class DraftAnalysis:
    """What the pane shows for one text: the typed prediction and the advice on it."""

    text: str
    prediction: Prediction
    advice: tuple[Advice, ...]

    def kept(self) -> dict[str, Any]:
        """What a saved draft keeps of its analysis, to compare with the post it becomes."""
        return {
            "made_at": clock.now().isoformat(timespec="seconds"),
            "suggestion": self.prediction.suggestion,
            "basis": self.prediction.basis,
            "unit": self.prediction.unit,
            "predictions": [
                {"format": p.format, "engagement": p.engagement, "low": p.low, "high": p.high}
                for p in self.prediction.predictions
            ],
        }


def render_basics(basics: DraftBasics) -> Text:
    text = Text()
    over = basics.characters > CHARACTER_LIMIT
    text.append("Characters ", style="bold")
    text.append(f"{basics.characters:,} / {CHARACTER_LIMIT:,}", style="bold red" if over else "")
    if over:
        text.append(f"  ({basics.characters - CHARACTER_LIMIT:,} over: LinkedIn cuts the rest)")
    for name, value in (
        ("Words", basics.words),
        ("Lines", basics.lines),
        ("Hashtags", basics.hashtags),
        ("Links", basics.links),
    ):
        text.append(f"\n{name:<11}", style="bold")
        text.append(f"{value:,}")
    text.append("\n\nBefore “…see more” on desktop:\n", style="bold")
    text.append_text(literal(basics.hook or "(empty)", style="italic"))
    if basics.folded:
        text.append("…see more", style="dim")
    return text


def render_ranking(prediction: Prediction) -> Text:
    """Each format's predicted engagement as a bar, with its range; the suggestion marked."""
    rows = sorted(prediction.predictions, key=lambda p: -p.engagement)
    top = max((row.figures()[2] for row in rows), default=1.0) or 1.0
    unit = prediction.unit
    text = Text(
        f"Predicted {'engagement' if unit == 'engagements' else unit} by format\n", style="bold"
    )
    for row in rows:
        suggested = row.format == prediction.suggestion
        text.append(f"{row.format:<9}", style="bold green" if suggested else "")
        engagement, low, high = row.figures()
        text.append_text(bar(engagement, top, 8, "green" if suggested else "bold"))
        figures = (engagement_text(value, unit) for value in (engagement, low, high))
        text.append(" {} ({}–{})".format(*figures))
        text.append(" ←\n" if suggested else "\n")
    basis: dict[Basis, str] = {
        "prior": "published benchmarks and public posts",
        "blend": "your posts and the prior",
    }
    text.append(
        f"Basis: {basis.get(prediction.basis, 'your own posts')} · {prediction.n_posts} of your "
        f"posts with metrics{_why_not_yours(prediction)}\n",
        style="dim",
    )
    for reason in prediction.reasons:
        text.append_text(literal(f"• {reason}\n"))
    return text


def _why_not_yours(prediction: Prediction) -> str:
    """Why a prediction stands on the prior alone though the model line names your posts."""
    from ssi_tui.analysis.blend import MIN_FORMAT_POSTS, MIN_POSTS

    if prediction.basis != "prior" or not prediction.n_posts:
        return ""
    if prediction.n_posts < MIN_POSTS:
        return f", too few to weigh until {MIN_POSTS}"
    return f", under {MIN_FORMAT_POSTS} of any one format"


def render_details(analysis: DraftAnalysis) -> Text:
    features = analysis.prediction.features
    text = Text("Advice\n", style="bold")
    nothing = (
        "Nothing to fix: publish it."
        if analysis.prediction.suggestion is not None
        else "Write the draft first: advice needs words to weigh."
    )
    for line in [advice.text for advice in analysis.advice] or [nothing]:
        text.append_text(literal(f"• {line}\n"))
    text.append("\nOn mobile (140 characters):\n", style="bold")
    text.append_text(literal(features.hook_mobile or "(empty)", style="italic"))
    readability = features.readability
    cta = features.call_to_action_phrase or ("yes" if features.call_to_action else "none")
    text.append("\n\n")
    for name, value in (
        ("Sentences", f"{features.sentences} (avg {features.avg_sentence_words:.0f} words)"),
        ("Readability", "—" if readability is None else f"{readability:.0f} (Flesch)"),
        ("Questions", features.questions),
        ("Call to action", cta),
        ("Mentions", features.mentions),
        ("Emoji", features.emoji),
        ("Bold letters", features.unicode_bold),
        ("Lists", features.list_items),
        ("Sentiment", f"{features.sentiment:+.2f}"),
    ):
        text.append(f"{name:<15}", style="bold")
        text.append_text(literal(f"{value}\n"))
    return text


class DraftsPane(Horizontal):
    """A draft editor with its live analysis and format suggestion beside it."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save draft", id="drafts.save", tooltip="Keep this draft"),
        Binding("ctrl+o", "open", "Open draft", id="drafts.open", tooltip="Open a saved draft"),
        Binding("ctrl+n", "new", "New draft", id="drafts.new", tooltip="Start a new draft"),
        Binding("escape", "leave", "Leave editor", id="drafts.leave", show=False),
    ]

    model_state: reactive[ModelState | None] = reactive(None, always_update=True)
    """Set again even when equal: a retrain that gives the same model still ends its status."""
    history: PostHistory | None = None
    analysis: DraftAnalysis | None = None
    """The last text analysed and what was predicted for it (saved with the draft)."""
    footing: ModelFooting | None = None
    track_record: TrackRecord | None = None
    """The user's posts, built once when the model loads (advice compares drafts to them)."""
    draft_id: int | None = None
    _typing_pause: Timer | None = None
    _autosave: Timer | None = None
    _saved_text = ""
    """The editor's text as last saved or opened: anything else is kept automatically."""
    session = 0
    """Which editing this is: a new or opened draft starts the next (see SaveDraft.session)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="draft-left"):
            editor = TextArea(id="draft-editor", soft_wrap=True, show_line_numbers=False)
            editor.placeholder = PLACEHOLDER
            yield editor
            yield Static(
                "Kept as you type · Ctrl+O opens a saved draft · Ctrl+N starts anew · Esc leaves",
                id="draft-keys",
                classes="caption",
            )
        with VerticalScroll(id="draft-side"):
            yield Static(LOADING, id="draft-status", classes="caption")
            yield Static(render_basics(measure("")), id="draft-basics")
            yield Static(id="draft-ranking")
            yield Static(id="draft-details")

    def focus(self, scroll_visible: bool = True) -> DraftsPane:
        self.query_one("#draft-editor", TextArea).focus(scroll_visible)
        return self

    @property
    def text(self) -> str:
        return self.query_one("#draft-editor", TextArea).text

    @property
    def unsaved(self) -> bool:
        """Whether the editor holds text that no saved draft has."""
        return bool(self.text.strip()) and self.text != self._saved_text

    def keep(self, *, quiet: bool = True) -> None:
        """Ask the app to save the draft as it is (quietly: nobody asked)."""
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        analysis = self.analysis
        kept = analysis.kept() if analysis and analysis.text == self.text else None
        message = SaveDraft(self.draft_id, self.text, kept, session=self.session, quiet=quiet)
        self.post_message(message)

    def saved(self, draft_id: int, text: str, session: int) -> None:
        """The app saved `text` as draft `draft_id` (for this editing unless it moved on)."""
        if session == self.session:
            self.draft_id = draft_id
            self._saved_text = text

    def load(self, text: str, draft_id: int | None) -> None:
        """Show a saved draft (or an empty one) in the editor; unsaved text is kept first."""
        if self.unsaved:
            self.keep()
        self.session += 1
        self._saved_text = text
        self.draft_id = draft_id
        self.query_one("#draft-editor", TextArea).text = text

    def set_status(self, message: str) -> None:
        self.query_one("#draft-status", Static).update(literal(message))

    def show_model(
        self, state: ModelState, rows: list[dict[str, Any]], record: TrackRecord | None
    ) -> None:
        """Take a newly loaded model and the posts it stands on (the app hands them over)."""
        from ssi_tui.analysis.history import PostHistory
        from ssi_tui.core.post_stats import model_footing

        self.history = PostHistory.from_rows(rows)
        self.footing = model_footing(rows)
        self.track_record = record
        self.model_state = state

    def watch_model_state(self, state: ModelState | None) -> None:
        if state is None:
            return
        summary = model_summary(state, self.footing)
        if self.track_record is not None and self.track_record.drafts:
            summary += " " + self.track_record.sentence()
        self.set_status(summary)
        self.analyze_now()

    @on(TextArea.Changed, "#draft-editor")
    def _remeasure(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        self.query_one("#draft-basics", Static).update(render_basics(measure(text)))
        if self._typing_pause is not None:
            self._typing_pause.stop()
        if self.model_state is not None:
            self._typing_pause = self.set_timer(TYPING_PAUSE_SECONDS, self.analyze_now)
        if self._autosave is not None:
            self._autosave.stop()
        if self.unsaved:
            self._autosave = self.set_timer(AUTOSAVE_AFTER_SECONDS, self.keep)

    def analyze_now(self) -> None:
        """Analyze the editor's text (the end of a pause in typing)."""
        self._typing_pause = None
        self._analyze(self.text)

    @work(thread=True, exclusive=True, group="draft-analysis")
    def _analyze(self, text: str) -> None:
        """Predict and advise in a thread; a newer analysis makes this one moot."""
        worker = get_current_worker()
        state = self.model_state
        if worker.is_cancelled or state is None:
            return
        from ssi_tui.analysis.advice import advise
        from ssi_tui.analysis.model import predict

        prediction = predict(text, None, [], state.user_model, state.prior, state.n_posts)
        analysis = DraftAnalysis(text, prediction, tuple(advise(prediction.features, self.history)))
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, analysis)

    def _show(self, analysis: DraftAnalysis) -> None:
        self.analysis = analysis
        self.query_one("#draft-ranking", Static).update(render_ranking(analysis.prediction))
        self.query_one("#draft-details", Static).update(render_details(analysis))

    def action_save(self) -> None:
        if self.text.strip():
            self.keep(quiet=False)
        else:
            self.app.notify("Nothing to save: the draft is empty.", severity="warning")

    def action_open(self) -> None:
        self.post_message(OpenDrafts())

    def action_leave(self) -> None:
        """Hand the keyboard back to the row of pane names, where digits switch panes again."""
        self.app.query_one("#pane-tabs").focus()

    def action_new(self) -> None:
        self.load("", None)
