"""The Posts pane: the post log, searchable, sortable and filterable, against the user's median."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable
from statistics import median
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import DataTable, Input, Static

from ssi_tui.core.post_stats import MIN_TRUSTED_POSTS, PostFigures, summarise_by_format
from ssi_tui.core.text import first_line, folded
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
DESCENDING, ASCENDING = "▼", "▲"
"""The marks beside the sorted column's name: largest first, smallest first."""


class Sort(NamedTuple):
    """One order of the post log: the column it follows and how it reads either way."""

    column: str
    largest_first: str
    smallest_first: str
    key: Callable[[Post], float]


SORTS: dict[str, Sort] = {
    "date": Sort(
        "published",
        "newest first",
        "oldest first",
        lambda p: p.published_at.timestamp() if p.published_at else 0.0,
    ),
    "engagement": Sort(
        "eng", "most engagement", "least engagement", lambda p: float(p.engagement or 0)
    ),
    "rate": Sort("rate", "best rate", "lowest rate", lambda p: p.engagement_rate or 0.0),
    "impressions": Sort(
        "impr", "most impressions", "fewest impressions", lambda p: float(p.impressions or 0)
    ),
}
COLUMN_SORTS = {sort.column: name for name, sort in SORTS.items()}
COLUMNS: tuple[tuple[str, str, int | None], ...] = (
    ("published", "Published", 16),
    ("format", "Format", 8),
    ("impr", "Impr.", 7),
    ("eng", "Eng.", 6),
    ("rate", "Rate", 6),
    ("ratio", "vs med.", 7),
    ("text", "First line", None),
)
"""(key, name, width) of each column; the widths leave room for the sort's mark."""
COLUMN_NAMES = {key: name for key, name, _ in COLUMNS}


def search_key(text: str | None) -> str:
    """Text as the search compares it: case, accents and runs of whitespace aside."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return folded("".join(char for char in decomposed if not unicodedata.combining(char)))


def search_words(query: str) -> list[str]:
    """The words a post's text must all hold to match `query`."""
    return search_key(query).split()


def _number(value: int | None) -> Text:
    return Text(f"{value:,}" if value is not None else "—", justify="right")


def summary(posts: list[Post], shown: int | None = None) -> Text:
    """Per-format counts and medians; small groups are marked as too few to trust.

    `shown`: how many posts a filter or search leaves on show, when one is on.
    """
    figures = [PostFigures(p.format, p.engagement, p.impressions) for p in posts]
    counted = f"{len(posts)} posts" if shown is None else f"{shown} of {len(posts)} posts"
    text = Text(counted, style="bold")
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


class PostsTable(DataTable[Text]):
    """The post log's table, whose column names can change (to mark the sorted column)."""

    def name_columns(self, names: dict[str, str]) -> None:
        """Show `names` (column key: name) in the header row."""
        changed = False
        for key, column in self.columns.items():
            name = names.get(str(key.value))
            if name is not None and column.label.plain != name:
                column.label = Text(name)
                changed = True
        if changed:  # the header is drawn from caches that a new label does not reach
            self._clear_caches()
            self.refresh()


class PostsPane(Vertical):
    """Every post with its reach and engagement, and each one against the user's median."""

    BINDINGS = [
        Binding(
            "slash",
            "search",
            "Search",
            id="posts.search",
            tooltip="Show the posts whose text holds the words you type",
        ),
        Binding("s", "cycle_sort", "Sort", id="posts.sort", tooltip="Sort by the next column"),
        Binding(
            "S",
            "reverse_sort",
            "Reverse",
            id="posts.reverse",
            tooltip="Reverse the order of the sorted column",
            show=False,
        ),
        Binding(
            "f",
            "choose_format",
            "Filter",
            id="posts.filter",
            tooltip="Choose a format to show, or every format",
        ),
        Binding("e", "edit", "Edit", id="posts.edit", tooltip="Fix the format or the numbers"),
        Binding(
            "u",
            "triage",
            "Tag",
            id="posts.triage",
            tooltip="Tag the posts whose format nothing tells, one key each",
        ),
        Binding("j", "down", "Down", id="posts.down", tooltip="The next post", show=False),
        Binding("k", "up", "Up", id="posts.up", tooltip="The previous post", show=False),
        Binding("g", "first", "First", id="posts.first", tooltip="The first post", show=False),
        Binding("G", "last", "Last", id="posts.last", tooltip="The last post", show=False),
        Binding(
            "escape",
            "clear_search",
            "Clear search",
            id="posts.clear_search",
            tooltip="Close the search and show every post it hid",
            show=False,
        ),
    ]

    view: reactive[PostsView | None] = reactive(None)
    sort: reactive[str] = reactive("date")
    descending: reactive[bool] = reactive(True)
    """The sorted column's largest values first (the best posts, the newest)."""
    _stale = False
    format_filter: reactive[str] = reactive(ALL_FORMATS)
    search: reactive[str] = reactive("")
    """What the search field holds: the words every post on show has in its text."""

    def __init__(self, *children: Any, **kwargs: Any) -> None:
        super().__init__(*children, **kwargs)
        self._search_texts: dict[str, str] | None = None
        """Each post's text as the search compares it, by post id (made at the first search)."""

    def compose(self) -> ComposeResult:
        yield Static(id="posts-summary")
        yield Static(id="posts-order", classes="caption")
        search = Input(
            placeholder="Search the posts' text: Enter keeps it, Esc clears it",
            id="posts-search",
            compact=True,
        )
        search.display = False
        yield search
        table = PostsTable(id="posts-table", cursor_type="row", zebra_stripes=True)
        for key, name, width in COLUMNS:
            table.add_column(name, width=width, key=key)
        yield table

    def _table(self) -> PostsTable:
        return self.query_one("#posts-table", PostsTable)

    def _search_field(self) -> Input:
        return self.query_one("#posts-search", Input)

    def _is_visible(self) -> bool:
        """True when the Posts pane is the one on screen (it, or a container, may be hidden)."""
        node: DOMNode | None = self
        while node is not None:
            if not getattr(node, "display", True):
                return False
            node = node.parent
        return True

    def focus(self, scroll_visible: bool = True) -> PostsPane:
        self._table().focus(scroll_visible)
        return self

    def watch_view(self) -> None:
        self._search_texts = None
        self._redraw()

    def watch_sort(self) -> None:
        self._redraw(from_top=True)

    def watch_descending(self) -> None:
        self._redraw(from_top=True)

    def watch_format_filter(self) -> None:
        self._redraw(from_top=True)

    def watch_search(self, before: str, query: str) -> None:
        if before.split() != query.split():
            # the best match first; without a search, back to the post the cursor was on
            self._redraw(from_top=bool(search_words(query)))

    def _matches(self, words: list[str]) -> Callable[[Post], bool]:
        if not words or self.view is None:
            return lambda post: True
        if self._search_texts is None:
            self._search_texts = {post.id: search_key(post.text) for post in self.view.posts}
        texts = self._search_texts
        return lambda post: all(word in texts.get(post.id, "") for word in words)

    def visible_posts(self) -> list[Post]:
        """The posts the filter and the search leave, in the order of the sort."""
        if self.view is None:
            return []
        matches = self._matches(search_words(self.search))
        posts = [
            post
            for post in self.view.posts
            if self.format_filter in (ALL_FORMATS, post.format) and matches(post)
        ]
        return sorted(posts, key=SORTS[self.sort].key, reverse=self.descending)

    def _narrowed(self) -> bool:
        """True when a format filter or a search hides some posts (or could)."""
        return self.format_filter != ALL_FORMATS or bool(search_words(self.search))

    def on_show(self) -> None:
        if self._stale:
            self._redraw()

    def _redraw(self, from_top: bool = False) -> None:
        """Update the table, or leave it for when the pane is shown (a long log costs time).

        Rows are updated in place, keyed by post id, so through a refresh the cursor stays on
        the post the user chose (or its neighbour, when that post went); a new order, filter
        or search starts `from_top`, where the best posts are.
        """
        if self.view is None or not self.is_mounted:
            return
        self._stale = not self._is_visible()
        if self._stale:
            return
        table = self._table()
        head = self.query_one("#posts-summary", Static)
        if not self.view.posts:
            show_rows(table, [])
            head.update(EMPTY_STATE)
            return
        shown = self.visible_posts()
        head.update(summary(self.view.posts, len(shown) if self._narrowed() else None))
        self.query_one("#posts-order", Static).update(self._caption())
        sort = SORTS[self.sort]
        mark = DESCENDING if self.descending else ASCENDING
        table.name_columns(
            {
                key: f"{name} {mark}" if key == sort.column else name
                for key, name in COLUMN_NAMES.items()
            }
        )
        engagements = [p.engagement for p in self.view.posts if p.engagement is not None]
        typical = median(engagements) if engagements else None
        rows = [(post.id, post_cells(post, typical)) for post in shown]
        show_rows(table, rows, select=rows[0][0] if from_top and rows else None)

    def _caption(self) -> Text:
        """The order, the format and the search on show, and the keys the key bar leaves out."""
        sort = SORTS[self.sort]
        mark = DESCENDING if self.descending else ASCENDING
        order = sort.largest_first if self.descending else sort.smallest_first
        text = Text(f"{COLUMN_NAMES[sort.column]} {mark} {order} · ")
        if self.format_filter == ALL_FORMATS:
            text.append("every format")
        else:
            text.append(literal(self.format_filter))
            text.append(" only")
        query = " ".join(self.search.split())
        if query:
            text.append(" · matching “")
            text.append(literal(query))
            text.append("”")
            text.append("  (Esc clears)")
        else:
            text.append("  (S reverses, Enter opens)")
        return text

    def _choose_sort(self, sort: str) -> None:
        """Sort by `sort`, largest first; the sort already on show reverses instead."""
        if sort == self.sort:
            self.descending = not self.descending
            return
        self.set_reactive(PostsPane.descending, True)
        self.sort = sort

    def action_cycle_sort(self) -> None:
        names = list(SORTS)
        self._choose_sort(names[(names.index(self.sort) + 1) % len(names)])

    def action_reverse_sort(self) -> None:
        self._choose_sort(self.sort)

    @on(DataTable.HeaderSelected, "#posts-table")
    def _sort_by_header(self, event: DataTable.HeaderSelected) -> None:
        sort = COLUMN_SORTS.get(str(event.column_key.value))
        if sort is not None:
            self._choose_sort(sort)

    def action_choose_format(self) -> None:
        from ssi_tui.screens.format_filter import FormatFilterScreen

        if self.view is None or not self.view.posts:
            return
        counts = Counter(post.format for post in self.view.posts).most_common()

        def chosen(choice: str | None) -> None:
            if choice is not None:
                self.format_filter = choice

        self.app.push_screen(
            FormatFilterScreen(
                counts, self.format_filter, every=ALL_FORMATS, total=len(self.view.posts)
            ),
            chosen,
        )

    def action_search(self) -> None:
        field = self._search_field()
        field.display = True
        field.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_search":  # else Escape is left to the app
            return bool(self.search) or self._search_field().display
        return True

    def action_clear_search(self) -> None:
        field = self._search_field()
        field.value = ""
        field.display = False
        self.search = ""
        self.focus()

    @on(Input.Changed, "#posts-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search = event.value

    @on(Input.Submitted, "#posts-search")
    def _search_kept(self, event: Input.Submitted) -> None:
        """Back to the table with the posts found; an empty search closes the field."""
        if not search_words(event.value):
            self.action_clear_search()
        else:
            self.focus()

    def action_down(self) -> None:
        self._table().action_cursor_down()

    def action_up(self) -> None:
        self._table().action_cursor_up()

    def action_first(self) -> None:
        table = self._table()
        if table.row_count:
            table.move_cursor(row=0)

    def action_last(self) -> None:
        table = self._table()
        if table.row_count:
            table.move_cursor(row=table.row_count - 1)

    def selected_post(self) -> Post | None:
        table = self._table()
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
