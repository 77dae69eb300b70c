from __future__ import annotations

from collections import Counter
from datetime import date

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
