"""A DataTable whose rows are updated in place by key, its cursor kept on the chosen row.

The Score history and the post log are refreshed whenever the data changes (another terminal
logs, an import lands): rebuilding the table would move the cursor to the top, and `e` or `d`
would then act on another row than the one the user chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.widgets import DataTable


def show_rows(
    table: DataTable[Any],
    rows: Sequence[tuple[str, Sequence[Any]]],
    *,
    sort_column: str | None = None,
    select: str | None = None,
) -> None:
    """Make `table` show `rows` (key, cells) in that order, changing only the rows that differ.

    The cursor stays on its row, or goes to its nearest neighbour when that row went (or to
    the row `select` names): after a refresh, `e` or `d` must act on the row the user chose.
    When the order changed, sorting by `sort_column` (descending) moves the rows into place;
    without one, the table is filled again.
    """
    before = _row_keys(table)
    selected = before[table.cursor_row] if before else None
    wanted = dict(rows)
    for key in before:
        if key not in wanted:
            table.remove_row(key)
    columns = [column.key for column in table.ordered_columns]
    for key, cells in rows:
        if key not in table.rows:
            table.add_row(*cells, key=key)
            continue
        for column, cell in zip(columns, cells, strict=True):
            if table.get_cell(key, column) != cell:
                table.update_cell(key, column, cell, update_width=True)
    if sort_column is not None and _row_keys(table) != list(wanted):
        table.sort(sort_column, reverse=True)
    if _row_keys(table) != list(wanted):
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
    target = select if select in wanted else _nearest(selected, before, wanted)
    if target is not None and table.get_row_index(target) != table.cursor_row:
        table.move_cursor(row=table.get_row_index(target))


def _row_keys(table: DataTable[Any]) -> list[str]:
    """The keys of the rows in the order they are on screen."""
    return [str(row.key.value) for row in table.ordered_rows]


def _nearest(selected: str | None, before: list[str], kept: dict[str, Any]) -> str | None:
    """`selected` if kept, else the first kept row after it, else the last kept before it."""
    if selected is None or selected in kept:
        return selected
    index = before.index(selected)
    later = [key for key in before[index + 1 :] if key in kept]
    earlier = [key for key in before[:index] if key in kept]
    return later[0] if later else earlier[-1] if earlier else None
