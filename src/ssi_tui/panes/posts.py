"""The Posts pane: the post log with format, reach and engagement against the user's median."""

from __future__ import annotations

from statistics import median

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from ssi_tui.core.text import first_line
from ssi_tui.store.posts import Post
from ssi_tui.store.views import PostsView
from ssi_tui.widgets.safe import literal

EMPTY_STATE = (
    "No posts yet. Import your LinkedIn data export or a posts CSV:\n"
    "  ssi-tui import Complete_LinkedInDataExport_MM-DD-YYYY.zip"
)


def _number(value: int | None) -> Text:
    return Text(f"{value:,}" if value is not None else "—", justify="right")


def summary(posts: list[Post]) -> Text:
    engagements = [post.engagement for post in posts if post.engagement is not None]
    rates = [rate for post in posts if (rate := post.engagement_rate) is not None]
    text = Text(f"{len(posts)} posts", style="bold")
    if engagements:
        text.append(f"   median engagement {median(engagements):g}")
    if rates:
        text.append(f"   median rate {median(rates):.1%}")
    return text


class PostsPane(Vertical):
    """Every post, newest first, with the user's own median to compare against."""

    view: reactive[PostsView | None] = reactive(None)

    def compose(self) -> ComposeResult:
        yield Static(id="posts-summary")
        table: DataTable[Text] = DataTable(id="posts-table", cursor_type="row", zebra_stripes=True)
        table.add_column("Published", width=16)
        table.add_column("Format", width=8)
        table.add_column("Impr.", width=7)
        table.add_column("Eng.", width=5)
        table.add_column("Rate", width=5)
        table.add_column("vs med.", width=7)
        table.add_column("First line")
        yield table

    def watch_view(self, view: PostsView | None) -> None:
        if view is None:
            return
        table: DataTable[Text] = self.query_one("#posts-table", DataTable)
        table.clear()
        head = self.query_one("#posts-summary", Static)
        if not view.posts:
            head.update(EMPTY_STATE)
            return
        head.update(summary(view.posts))
        engagements = [post.engagement for post in view.posts if post.engagement is not None]
        typical = median(engagements) if engagements else None
        for post in view.posts:
            published = post.published_at.strftime("%Y-%m-%d %H:%M") if post.published_at else "—"
            rate = post.engagement_rate
            ratio = (
                Text(f"{post.engagement / typical:.1f}×", justify="right")
                if typical and post.engagement is not None
                else Text("—", justify="right")
            )
            table.add_row(
                Text(published),
                literal(post.format),
                _number(post.impressions),
                _number(post.engagement),
                Text(f"{rate:.1%}" if rate is not None else "—", justify="right"),
                ratio,
                literal(first_line(post.text, 90)),
                key=post.id,
            )
