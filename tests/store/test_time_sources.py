"""How exact a post's time is: the closed set of sources and how older rows are judged."""

from __future__ import annotations

from typing import get_args

import pytest

from ssi_tui.store.post_identity import TIME_SOURCE_RANK, TimeSource, time_source


def test_the_ranked_sources_are_the_literals_least_exact_first() -> None:
    assert tuple(TIME_SOURCE_RANK) == get_args(TimeSource)
    assert sorted(TIME_SOURCE_RANK, key=TIME_SOURCE_RANK.__getitem__) == ["date", "ids", "file"]


@pytest.mark.parametrize(
    ("stamp", "source", "expected"),
    [
        ("2025-03-04T08:30:00", "ids", "ids"),
        ("2025-03-04T00:00:00", "file", "file"),
        ("2025-03-04T08:30:00", None, "file"),
        ("2025-03-04T00:00:00", None, "date"),
        (None, None, "date"),
        ("2025-03-04T08:30:00", "guessed", "file"),  # not a source: judged by its time
    ],
)
def test_a_rows_time_source(stamp: str | None, source: str | None, expected: str) -> None:
    assert time_source(stamp, source) == expected
