"""The Posts pane: the post log, sortable and filterable, against the user's own median."""

from __future__ import annotations

from collections.abc import Callable
from statistics import median
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from ssi_tui.core.post_stats import MIN_TRUSTED_POSTS, PostFigures, summarise_by_format
from ssi_tui.core.text import first_line
from ssi_tui.messages import OpenPost, TagPost, UpdatePost
from ssi_tui.store.posts import Post
from ssi_tui.store.views import PostsView
from ssi_tui.widgets.keyed_rows import show_rows
from ssi_tui.widgets.safe import literal

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from ssi_tui.core.domain import PostFormat

EMPTY_STATE = (
    "No posts yet. Import your LinkedIn data export or a posts CSV: press i, or run\n"
    "  ssi-tui import Complete_LinkedInDataExport_MM-DD-YYYY.zip"
)
ALL_FORMATS = "all"
SORTS: dict[str, tuple[str, Callable[[Post], float]]] = {
    "date": ("newest first", lambda p: p.published_at.timestamp() if p.published_at else 0.0),
    "engagement": ("most engagement", lambda p: float(p.engagement or 0)),
    "rate": ("best rate", lambda p: p.engagement_rate or 0.0),
    "impressions": ("most impressions", lambda p: float(p.impressions or 0)),
}
COLUMN_SORTS = {"published": "date", "eng": "engagement", "rate": "rate", "impr": "impressions"}


def _number(value: int | None) -> Text:
    return Text(f"{value:,}" if value is not None else "—", justify="right")


def summary(posts: list[Post]) -> Text:
    """Per-format counts and medians; small groups are marked as too few to trust."""
    figures = [PostFigures(p.format, p.engagement, p.impressions) for p in posts]
    text = Text(f"{len(posts)} posts", style="bold")
    engagements = [p.engagement for p in posts if p.engagement is not None]
    if engagements:
        text.append(f" · your median engagement {median(engagements):g}")
    text.append("\n")
    for group in summarise_by_format(figures):
        style = "" if group.trusted else "dim"
        rate = f" {group.median_rate:.1%}" if group.median_rate is not None else ""
        engagement = f"{group.median_engagement:g}" if group.median_engagement is not None else "—"
        text.append(f"{group.format} {group.count}: {engagement}{rate}", style=style)
        text.append("  ")
    if any(not group.trusted for group in summarise_by_format(figures)):
        text.append(f"(dim: under {MIN_TRUSTED_POSTS} posts, too few to trust)", style="dim italic")
    return text


def post_cells(post: Post, typical: float | None) -> list[Text]:
    """A post's row: when, format, reach, engagement and against the `typical` engagement."""
    published = post.published_at.strftime("%Y-%m-%d %H:%M") if post.published_at else "—"
    rate = post.engagement_rate
    ratio = (
        Text(f"{post.engagement / typical:.1f}×", justify="right")
        if typical and post.engagement is not None
        else Text("—", justify="right")
    )
    return [
        Text(published),
        literal(post.format),
        _number(post.impressions),
        _number(post.engagement),
        Text(f"{rate:.1%}" if rate is not None else "—", justify="right"),
        ratio,
        literal(first_line(post.text, 90)),
    ]


class PostsPane(Vertical):
    """Every post with its reach and engagement, and each one against the user's median."""

    BINDINGS = [
        Binding("s", "cycle_sort", "Sort", id="posts.sort", tooltip="Change the order"),
        Binding("f", "cycle_filter", "Filter", id="posts.filter", tooltip="Show one format"),
        Binding("e", "edit", "Edit", id="posts.edit", tooltip="Fix the format or the numbers"),
        Binding(
            "u",
            "triage",
            "Tag",
            id="posts.triage",
            tooltip="Tag the posts whose format nothing tells, one key each",
        ),
    ]

    view: reactive[PostsView | None] = reactive(None)
    sort: reactive[str] = reactive("date")
    _stale = False
    format_filter: reactive[str] = reactive(ALL_FORMATS)

    def compose(self) -> ComposeResult:
        yield Static(id="posts-summary")
        yield Static(id="posts-order", classes="caption")
        table: DataTable[Text] = DataTable(id="posts-table", cursor_type="row", zebra_stripes=True)
        table.add_column("Published", width=16, key="published")
        table.add_column("Format", width=8, key="format")
        table.add_column("Impr.", width=7, key="impr")
        table.add_column("Eng.", width=5, key="eng")
        table.add_column("Rate", width=5, key="rate")
        table.add_column("vs med.", width=7, key="ratio")
        table.add_column("First line", key="text")
        yield table

    def _is_visible(self) -> bool:
        """True when the Posts pane is the one on screen (it, or a container, may be hidden)."""
        node: DOMNode | None = self
        while node is not None:
            if not getattr(node, "display", True):
                return False
            node = node.parent
        return True

    def focus(self, scroll_visible: bool = True) -> PostsPane:
        self.query_one("#posts-table", DataTable).focus(scroll_visible)
        return self

    def watch_view(self) -> None:
        self._redraw()

    def watch_sort(self) -> None:
        self._redraw(from_top=True)

    def watch_format_filter(self) -> None:
        self._redraw(from_top=True)

    def visible_posts(self) -> list[Post]:
        if self.view is None:
            return []
        posts = [
            post for post in self.view.posts if self.format_filter in (ALL_FORMATS, post.format)
        ]
        return sorted(posts, key=SORTS[self.sort][1], reverse=True)

    def on_show(self) -> None:
        if self._stale:
            self._redraw()

    def _redraw(self, from_top: bool = False) -> None:
        """Update the table, or leave it for when the pane is shown (a long log costs time).

        Rows are updated in place, keyed by post id, so through a refresh the cursor stays on
        the post the user chose (or its neighbour, when that post went); a new order or
        filter starts `from_top`, where the best posts are.
        """
        if self.view is None or not self.is_mounted:
            return
        self._stale = not self._is_visible()
        if self._stale:
            return
        table: DataTable[Text] = self.query_one("#posts-table", DataTable)
        head = self.query_one("#posts-summary", Static)
        if not self.view.posts:
            show_rows(table, [])
            head.update(EMPTY_STATE)
            return
        head.update(summary(self.view.posts))
        shown = "every format" if self.format_filter == ALL_FORMATS else self.format_filter
        self.query_one("#posts-order", Static).update(
            f"{SORTS[self.sort][0]}, {shown} (s sorts, f filters, Enter opens, e edits, "
            "u tags unknown formats)"
        )
        engagements = [p.engagement for p in self.view.posts if p.engagement is not None]
        typical = median(engagements) if engagements else None
        rows = [(post.id, post_cells(post, typical)) for post in self.visible_posts()]
        show_rows(table, rows, select=rows[0][0] if from_top and rows else None)

    def action_cycle_sort(self) -> None:
        names = list(SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]

    def action_cycle_filter(self) -> None:
        if self.view is None:
            return
        formats = [ALL_FORMATS, *sorted({post.format for post in self.view.posts})]
        current = formats.index(self.format_filter) if self.format_filter in formats else 0
        self.format_filter = formats[(current + 1) % len(formats)]

    @on(DataTable.HeaderSelected, "#posts-table")
    def _sort_by_header(self, event: DataTable.HeaderSelected) -> None:
        sort = COLUMN_SORTS.get(str(event.column_key.value))
        if sort is not None:
            self.sort = sort

    def selected_post(self) -> Post | None:
        table: DataTable[Text] = self.query_one("#posts-table", DataTable)
        if self.view is None or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((post for post in self.view.posts if post.id == key), None)

    @on(DataTable.RowSelected, "#posts-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        post = self.selected_post()
        if post is not None:
            self.post_message(OpenPost(post))

    def action_triage(self) -> None:
        from ssi_tui.screens.format_triage import FormatTriageScreen, posts_to_triage

        if self.view is None:
            return
        waiting = posts_to_triage(self.view.posts)
        if not waiting:
            self.app.notify("Every post's format is known.")
            return

        def tag(post_id: str, post_format: PostFormat) -> None:
            self.post_message(TagPost(post_id, post_format))

        def done(tagged: int | None) -> None:
            if tagged:
                self.app.notify(f"Tagged {tagged} post{'s' if tagged != 1 else ''}.")

        self.app.push_screen(FormatTriageScreen(waiting, tag), done)

    def action_edit(self) -> None:
        from ssi_tui.screens.post_edit import PostEditScreen

        post = self.selected_post()
        if post is None:
            return

        def edited(result: tuple[str, dict[str, int | None]] | None) -> None:
            if result is not None:
                self.post_message(UpdatePost(post.id, *result))

        self.app.push_screen(PostEditScreen(post), edited)
