from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from ssi_tui.core import demo
from ssi_tui.core.demo import generate_history
from ssi_tui.core.domain import ACTIVITY_CATALOGUE, PILLAR_KEYS

END = date(2026, 6, 1)


def test_the_same_arguments_give_the_same_history() -> None:
    assert generate_history(END) == generate_history(END)
    assert generate_history(END, seed=1) != generate_history(END, seed=2)


def test_a_year_of_readings_rises_from_the_30s_to_the_60s() -> None:
    readings = generate_history(END).readings
    assert 50 <= len(readings) <= 56
    assert readings[-1]["date"] == END.isoformat()
    assert 30 <= readings[0]["total"] < 40
    assert 60 <= readings[-1]["total"] < 70
    for reading in readings:
        pillar_sum = sum(reading[key] for key in PILLAR_KEYS)
        assert abs(pillar_sum - reading["total"]) <= 0.5
        assert all(0 <= reading[key] <= 25 for key in PILLAR_KEYS)
        assert 1 <= reading["industry_rank"] <= 100


def test_journal_covers_the_catalogue_with_whole_positive_counts() -> None:
    journal = generate_history(END).journal
    known = {activity.key for activity in ACTIVITY_CATALOGUE}
    assert {row["activity"] for row in journal} <= known
    assert all(isinstance(row["count"], int) and row["count"] > 0 for row in journal)
    days = {row["date"] for row in journal}
    assert 180 <= len(days) <= 300
    keys = [(row["date"], row["activity"]) for row in journal]
    assert len(keys) == len(set(keys))


def test_a_few_dozen_posts_of_mixed_formats_with_consistent_metrics() -> None:
    posts = generate_history(END).posts
    assert 30 <= len(posts) <= 70
    formats = Counter(post["format"] for post in posts)
    assert len(formats) >= 5
    for post in posts:
        assert post["reactions"] + post["comments"] + post["reposts"] == post["engagements"]
        assert post["impressions"] > post["engagements"] > 0
        assert post["text"].strip()


def test_ten_years_for_the_benchmarks() -> None:
    history = generate_history(END, years=10)
    assert len(history.readings) > 500
    assert history.readings[0]["date"] < "2016-07-01"


def test_each_demo_post_reads_like_its_format() -> None:
    """The demo showed a "Quick poll:" article and a "5 lessons" poll."""
    posts = generate_history(date(2026, 6, 1), years=3).posts
    by_format: dict[str, list[str]] = {}
    for post in posts:
        by_format.setdefault(post["format"], []).append(post["text"])
    assert {"poll", "carousel", "video", "article", "image", "text"} <= set(by_format)
    for text in by_format["poll"]:
        assert "poll" in text.lower() or "vote" in text.lower(), text
        assert text.count("○") >= 3, "a poll lists its options"
    others = [text for fmt, texts in by_format.items() if fmt != "poll" for text in texts]
    assert not any("poll" in text.lower() for text in others)
    assert not any("lessons from" in text for text in by_format["text"] + by_format["poll"])
    assert all("slides" in t or "Swipe" in t for t in by_format["carousel"])
    assert all("video" in t or "Watch" in t for t in by_format["video"])


def test_the_texts_never_move_the_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    """The texts come from their own random stream: the demo's numbers, which the tests and
    the snapshots rely on, stay as they were when the texts came to fit their formats."""

    def figures() -> list[tuple[object, ...]]:
        history = generate_history(date(2026, 6, 1))
        return [(p["published_at"], p["format"], p["impressions"]) for p in history.posts]

    before = figures()
    monkeypatch.setattr(demo, "POLL_QUESTIONS", ("Poll?",))
    monkeypatch.setattr(demo, "FORMAT_HOOKS", {})
    assert figures() == before
