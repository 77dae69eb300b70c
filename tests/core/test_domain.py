from __future__ import annotations

from typing import get_args

import pytest

from ssi_tui.core.domain import (
    ACTIVITY_CATALOGUE,
    BANDS,
    PILLAR_KEYS,
    PILLARS,
    PILLARS_BY_KEY,
    POST_FORMATS,
    SUGGESTED_FORMATS,
    PillarKey,
    PostFormat,
    PostFormatOrUnknown,
    as_pillar_key,
    as_post_format,
    band_for,
    is_pillar_key,
    is_post_format,
)
from ssi_tui.core.drafts import EngagementUnit


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


def test_the_pillar_tuple_the_records_and_the_literal_agree() -> None:
    assert get_args(PillarKey) == PILLAR_KEYS
    assert tuple(pillar.key for pillar in PILLARS) == PILLAR_KEYS
    assert tuple(PILLARS_BY_KEY) == PILLAR_KEYS
    assert {activity.pillar for activity in ACTIVITY_CATALOGUE} == set(PILLAR_KEYS)


def test_the_format_tuples_and_the_literals_agree() -> None:
    assert get_args(PostFormat) == POST_FORMATS
    assert POST_FORMATS == (
        "text",
        "image",
        "carousel",
        "video",
        "poll",
        "article",
        "link",
        "repost",
    )
    assert set(SUGGESTED_FORMATS) < set(POST_FORMATS)
    with_unknown = {value for part in get_args(PostFormatOrUnknown) for value in get_args(part)}
    assert with_unknown == {*POST_FORMATS, "unknown"}


def test_the_engagement_units_are_the_two_the_outputs_know() -> None:
    assert get_args(EngagementUnit) == ("engagements", "× typical post")


@pytest.mark.parametrize("key", ["brand", "people", "insights", "relationships"])
def test_a_pillar_key_from_outside_is_narrowed_as_it_is(key: str) -> None:
    assert is_pillar_key(key)
    assert as_pillar_key(key) == key


@pytest.mark.parametrize("text", ["Brand", "", "total", " brand", "unknown"])
def test_text_that_names_no_pillar_is_refused_in_one_sentence(text: str) -> None:
    assert not is_pillar_key(text)
    with pytest.raises(ValueError, match=r"^The pillar must be one of brand, people, insights, "):
        as_pillar_key(text)


def test_post_formats_from_outside_are_narrowed_and_unknown_is_not_one() -> None:
    assert all(as_post_format(name) == name for name in POST_FORMATS)
    assert not is_post_format("unknown")
    assert not is_post_format(None)
    with pytest.raises(
        ValueError, match=r"^The format must be one of text, image, .* not 'Video'\.$"
    ):
        as_post_format("Video")
