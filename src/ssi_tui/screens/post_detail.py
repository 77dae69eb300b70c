"""One post in full: its text, link, every number, and where each part came from."""

from __future__ import annotations

from typing import Final

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ssi_tui.store.posts import Post
from ssi_tui.widgets.safe import literal

FORMAT_SOURCES: Final = {
    "user": "your own tag",
    "upload": "an upload in Rich_Media.csv within ten minutes of it",
    "poll": "your vote on it in Votes.csv",
    "repost": "Shares.csv: no commentary, a link to another LinkedIn post",
    "link": "its text is only a link, or it shares a page outside LinkedIn",
    "article": "its id is a LinkedIn article's",
    "file": "the Type column of a 2018 Shares.csv",
    "evidence": "evidence in the export's files (an earlier version's import)",
    "inferred": "no upload, link or vote in the export matches it: a text post",
    "unknown": "nothing tells yet: press u on the Posts pane to tag it",
}
"""What each `format_source` means, in the words the detail shows (README: the same table)."""
FILE_KINDS: Final = {
    "shares": "Shares.csv (data export)",
    "creator_analytics": "creator analytics workbook",
    "post_analytics": "post analytics workbook",
    "posts_csv": "your posts CSV",
}
TIME_SOURCES: Final = {
    "file": "as the file gives it",
    "ids": "from the time in its LinkedIn id (the file gave a date only)",
    "date": "a date only",
}


def detail_text(post: Post, names: list[str]) -> Text:
    """Everything ssi-tui knows about one post, its untrusted parts shown literally."""
    text = Text()
    published = post.published_at.strftime("%Y-%m-%d %H:%M") if post.published_at else "unknown"
    text.append("Published  ", style="bold")
    text.append(published)
    if post.published_at is not None and post.time_source in TIME_SOURCES:
        text.append(f" ({TIME_SOURCES[post.time_source]})", style="dim")
    text.append("\nFormat     ", style="bold")
    text.append(literal(post.format))
    text.append(f" — {FORMAT_SOURCES.get(post.format_source, post.format_source)}\n", style="dim")
    if post.url:
        text.append("Link       ", style="bold")
        text.append(literal(post.url))
        text.append("\n")
    text.append("Numbers    ", style="bold")
    known = [(name, value) for name, value in post.metrics if value is not None]
    text.append(
        ", ".join(f"{name.replace('_', ' ')} {value:,}" for name, value in known)
        or "none yet: import your creator analytics"
    )
    text.append("\nRead from  ", style="bold")
    text.append(", ".join(FILE_KINDS.get(kind, kind) for kind in post.found_in) or "ssi-tui")
    text.append("\nKnown as   ", style="bold")
    text.append(literal(", ".join(names)))
    text.append("\n\n")
    text.append(literal(post.text or "(no text in the files imported so far)"))
    return text


class PostDetailScreen(ModalScreen[None]):
    """The whole post; Esc or Enter closes it."""

    BINDINGS = [Binding("escape,enter,q", "dismiss", "Close", id="post_detail.close")]

    def __init__(self, post: Post, names: list[str]) -> None:
        super().__init__()
        self.post = post
        self.names = names

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="post-detail", classes="dialog"):
            yield Static(detail_text(self.post, self.names), id="post-detail-text")
            yield Static("Esc closes · e on the Posts pane edits it", classes="caption")
