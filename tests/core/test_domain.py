from __future__ import annotations

import pytest

from ssi_tui.core.domain import (
    ACTIVITY_CATALOGUE,
    BANDS,
    PILLAR_KEYS,
    PILLARS_BY_KEY,
    band_for,
)


def test_pillars_carry_linkedins_labels_in_page_order() -> None:
    assert PILLAR_KEYS == ("brand", "people", "insights", "relationships")
    assert PILLARS_BY_KEY["brand"].label == "Establish your professional brand"
    assert PILLARS_BY_KEY["people"].label == "Find the right people"
    assert PILLARS_BY_KEY["insights"].label == "Engage with insights"
    assert PILLARS_BY_KEY["relationships"].label == "Build relationships"


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "Limited"),
        (24, "Limited"),
        (24.4, "Limited"),
        (24.6, "Developing"),
        (25, "Developing"),
        (49, "Developing"),
        (50, "Solid"),
        (74, "Solid"),
        (75, "Highly effective"),
        (100, "Highly effective"),
    ],
)
def test_band_edges_follow_the_article(total: float, band: str) -> None:
    assert band_for(total).name == band


def test_bands_cover_zero_to_one_hundred_without_gaps() -> None:
    covered = [value for band in BANDS for value in range(band.low, band.high + 1)]
    assert covered == list(range(101))


def test_catalogue_maps_every_activity_of_the_product_to_its_pillar() -> None:
    by_pillar: dict[str, set[str]] = {}
    for activity in ACTIVITY_CATALOGUE:
        by_pillar.setdefault(activity.pillar, set()).add(activity.key)
    assert by_pillar == {
        "brand": {
            "post",
            "article",
            "profile_update",
            "endorsement_received",
            "recommendation_received",
        },
        "people": {
            "search",
            "profile_view",
            "connection_request",
            "connection_accepted",
            "group_joined",
        },
        "insights": {"comment", "reaction", "repost", "follow"},
        "relationships": {
            "message",
            "reply_received",
            "inmail",
            "endorsement_given",
            "recommendation_given",
            "meeting_booked",
        },
    }
    assert len({activity.key for activity in ACTIVITY_CATALOGUE}) == len(ACTIVITY_CATALOGUE)
