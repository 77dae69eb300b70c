"""Fix a post's format (the user's tag beats any evidence) and its numbers."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ssi_tui.core.domain import POST_FORMATS
from ssi_tui.core.text import first_line
from ssi_tui.store.posts import EDITABLE_METRICS, Post
from ssi_tui.widgets.safe import literal

EditResult = tuple[str, dict[str, int | None]]


def parse_metrics(values: dict[str, str]) -> dict[str, int | None]:
    """Whole numbers ≥ 0, blank meaning unknown; ValueError with a sentence otherwise."""
    metrics: dict[str, int | None] = {}
    for name, raw in values.items():
        text = raw.strip().replace(",", "")
        if not text:
            metrics[name] = None
            continue
        if not text.isdigit():
            raise ValueError(f"{name.capitalize()} must be a whole number of 0 or more.")
        metrics[name] = int(text)
    return metrics


class PostEditScreen(ModalScreen[EditResult | None]):
    """Dismisses with (format, metrics), or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="post_edit.save"),
        Binding("escape", "cancel", "Cancel", id="post_edit.cancel"),
    ]

    def __init__(self, post: Post) -> None:
        super().__init__()
        self.post = post

    def compose(self) -> ComposeResult:
        post = self.post
        options: list[tuple[str, str]] = [(name, name) for name in POST_FORMATS]
        if post.format not in POST_FORMATS:
            options.append((post.format, post.format))
        with Vertical(id="post-dialog", classes="dialog"):
            yield Static(literal(first_line(post.text, 70) or "(no text)"), classes="dialog-title")
            with Grid(id="post-fields"):
                yield Label("Format")
                yield Select(options, value=post.format, allow_blank=False, id="post-format")
                for name in EDITABLE_METRICS:
                    value = getattr(post, name)
                    yield Label(name.capitalize())
                    yield Input("" if value is None else str(value), id=f"post-{name}")
            yield Static("", id="post-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (Ctrl+S)", id="post-save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="post-cancel", compact=True)

    @on(Button.Pressed, "#post-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        raw = {name: self.query_one(f"#post-{name}", Input).value for name in EDITABLE_METRICS}
        try:
            metrics = parse_metrics(raw)
        except ValueError as error:
            self.query_one("#post-error", Static).update(str(error))
            return
        self.dismiss((str(self.query_one("#post-format", Select).value), metrics))

    @on(Button.Pressed, "#post-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
