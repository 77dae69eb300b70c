"""Settling the format of the posts nothing in the files tells, one key per post.

The format model learns what each format earns from posts whose format is known; a post of
unknown format teaches it nothing. The posts with numbers come first (they are what the model
stands on), newest first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ssi_tui.core.domain import PostFormat, as_post_format
from ssi_tui.store.posts import Post
from ssi_tui.widgets.safe import literal

FORMAT_KEYS: Final[dict[str, PostFormat]] = {
    "t": "text",
    "i": "image",
    "c": "carousel",
    "v": "video",
    "p": "poll",
    "a": "article",
    "l": "link",
    "r": "repost",
}
"""One key per format, its first letter."""


def posts_to_triage(posts: list[Post]) -> list[Post]:
    """The posts of unknown format: those with numbers first, each group newest first."""
    unknown = [post for post in posts if post.format_source == "unknown"]
    return sorted(
        unknown,
        key=lambda post: (
            post.engagement is None and post.impressions is None,
            -(post.published_at.timestamp() if post.published_at else 0.0),
        ),
    )


class FormatTriageScreen(ModalScreen[int]):
    """Walks the posts of unknown format; dismisses with how many were tagged."""

    BINDINGS = [
        *(
            Binding(key, f"tag('{name}')", name.capitalize(), id=f"format_triage.{name}")
            for key, name in FORMAT_KEYS.items()
        ),
        Binding("space,n,down", "skip", "Skip", id="format_triage.skip"),
        Binding("escape,q", "finish", "Done", id="format_triage.done"),
    ]

    def __init__(self, posts: list[Post], tag: Callable[[str, PostFormat], None]) -> None:
        super().__init__()
        self.posts = posts
        self.tag = tag
        self.position = 0
        self.tagged = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="triage-dialog", classes="dialog"):
            yield Static(id="triage-progress", classes="dialog-title")
            yield Static(id="triage-facts", classes="caption")
            with VerticalScroll(id="triage-text"):
                yield Static(id="triage-post")
            keys = "  ".join(f"{key} {name}" for key, name in FORMAT_KEYS.items())
            yield Static(f"{keys}\nspace skips · Esc is done", id="triage-keys")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        if self.position >= len(self.posts):
            self.dismiss(self.tagged)
            return
        post = self.posts[self.position]
        self.query_one("#triage-progress", Static).update(
            f"Post {self.position + 1} of {len(self.posts)} whose format is unknown"
        )
        published = post.published_at.strftime("%Y-%m-%d %H:%M") if post.published_at else "—"
        numbers = ", ".join(
            f"{name} {value:,}"
            for name, value in (("engagement", post.engagement), ("impressions", post.impressions))
            if value is not None
        )
        facts = Text(f"{published} · {numbers or 'no numbers yet'}")
        if post.url:
            facts.append(" · ")
            facts.append(literal(post.url))
        self.query_one("#triage-facts", Static).update(facts)
        self.query_one("#triage-post", Static).update(
            literal(post.text or "(no text in the files imported so far)")
        )

    def action_tag(self, post_format: str) -> None:
        """`post_format` comes from a binding's action string (one of FORMAT_KEYS)."""
        if self.position < len(self.posts):
            self.tag(self.posts[self.position].id, as_post_format(post_format))
            self.tagged += 1
        self.action_skip()

    def action_skip(self) -> None:
        self.position += 1
        self._show()

    def action_finish(self) -> None:
        self.dismiss(self.tagged)
