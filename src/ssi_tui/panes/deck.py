"""The panes under the pane names, one on show: the Score pane first, the others just after.

The Score pane is built with the app and draws the first frame. The Journal, Posts and
Drafts panes, and their modules, are built a moment after its first complete frame; a pane
asked for before then is remembered and shown as soon as it exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import ContentSwitcher

if TYPE_CHECKING:
    from ssi_tui.panes.drafts import DraftsPane
    from ssi_tui.panes.journal import JournalPane
    from ssi_tui.panes.posts import PostsPane
    from ssi_tui.panes.score import ScorePane

PANES: tuple[tuple[str, str, str], ...] = (
    ("score", "Score", "Your latest SSI, its pillars and what to do next"),
    ("journal", "Journal", "What you did, your streak and this week's targets"),
    ("posts", "Posts", "Your post log against your own median"),
    ("drafts", "Drafts", "Write a post and see how LinkedIn will show it"),
)
"""(key, title, what it is for) of each pane, in the order of the pane names and keys 1-4."""


class PaneDeck(ContentSwitcher):
    """A ContentSwitcher whose children are the panes, `<key>-pane` each."""

    def __init__(self, score_pane: ScorePane, *, id: str | None = None) -> None:
        super().__init__(score_pane, initial=score_pane.id, id=id)
        self.ready = False
        """True once the panes other than Score are mounted."""
        self.asked_for: str | None = None
        """A pane asked for before it was built, shown as soon as it is."""

    @property
    def active(self) -> str:
        """The key of the pane on show ("score", "journal", "posts" or "drafts")."""
        return (self.current or "score-pane").removesuffix("-pane")

    async def build_the_others(self) -> None:
        """Mount the hidden panes (the app then shows `asked_for`, if a key asked for one)."""
        from ssi_tui.panes.drafts import DraftsPane
        from ssi_tui.panes.journal import JournalPane
        from ssi_tui.panes.posts import PostsPane

        for pane in (
            JournalPane(id="journal-pane"),
            PostsPane(id="posts-pane"),
            DraftsPane(id="drafts-pane"),
        ):
            pane.display = False  # hidden, as the switcher keeps every child but the current one
            await self.mount(pane)
        self.ready = True

    # The other panes, for the app and its background work; their modules load with them.
    @property
    def journal(self) -> JournalPane:
        from ssi_tui.panes.journal import JournalPane

        return self.query_one(JournalPane)

    @property
    def posts(self) -> PostsPane:
        from ssi_tui.panes.posts import PostsPane

        return self.query_one(PostsPane)

    @property
    def drafts(self) -> DraftsPane:
        from ssi_tui.panes.drafts import DraftsPane

        return self.query_one(DraftsPane)

    def show(self, pane: str) -> bool:
        """Show a pane by key; while the others are not built yet, remember it and say False."""
        if not self.ready:
            self.asked_for = pane
            return False
        self.current = f"{pane}-pane"
        return True
