from __future__ import annotations

import pytest

from ssi_tui.core.activities import UnknownActivity, resolve_activity
from ssi_tui.core.domain import ACTIVITY_CATALOGUE

KNOWN = [activity.key for activity in ACTIVITY_CATALOGUE] + ["webinar"]


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("comment", "comment"),
        ("comments", "comment"),
        ("Comments", "comment"),
        ("searches", "search"),
        ("connection-requests", "connection_request"),
        ("connection requests", "connection_request"),
        ("profile_views", "profile_view"),
        ("replies", "reply_received"),
        ("likes", "reaction"),
        ("DMs", "message"),
        ("meetings", "meeting_booked"),
        ("webinars", "webinar"),
        ("inmails", "inmail"),
    ],
)
def test_keys_plurals_and_everyday_words(typed: str, key: str) -> None:
    assert resolve_activity(typed, KNOWN) == key


def test_unknown_activities_list_the_known_ones() -> None:
    with pytest.raises(UnknownActivity) as caught:
        resolve_activity("juggling", KNOWN)
    message = str(caught.value)
    assert message.startswith("Unknown activity 'juggling'; known activities: article, comment")
    assert message.endswith("webinar.")
