"""Profile.csv, Skills.csv, Positions.csv and Connections.csv: the brand and network facts.

Decision makers ("VP and up", LinkedIn's wording for the relationships pillar) are counted from
the connections' `Position` with this rule, matched as whole words, case-blind:
VP, SVP, EVP, Vice President, President, Director, Head, Chief, CEO, CFO, CTO, COO, CMO, CRO, CIO,
CISO, CHRO, Founder (also Co-Founder, Cofounder), Owner, Partner. Not counted: `Product Owner`
(a delivery role), `Partner` as an adjective (`Partner Manager`, `Partner Account …`), and
assistants to an executive (`Assistant to the CEO`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from ssi_tui.importers.csv_reading import CsvRow
from ssi_tui.importers.model import ProfileFacts
from ssi_tui.importers.sink import Sink

_DECISION_MAKER: Final = re.compile(
    r"\b(?:s?vp|evp|vice[- ]president|president|director|head|chief|ceo|cfo|cto|coo|cmo|cro|cio"
    r"|ciso|chro|(?:co-?)?founder|owner|partner)\b",
    re.IGNORECASE,
)
_ASSISTANT: Final = re.compile(r"\bassistant (?:to|of)\b", re.IGNORECASE)
_NOT_DECISION_MAKER: Final = re.compile(
    r"\bproduct owner\b|\bpartner (?:manager|account|success|marketing"
    r"|sales|development|program|relations|specialist|engineer|solutions|operations|enablement"
    r"|lead|executive|associate|coordinator)\b",
    re.IGNORECASE,
)


def is_decision_maker(title: str) -> bool:
    """True when a job title is VP level or above, by the rule in the module docstring."""
    if not _DECISION_MAKER.search(title) or _ASSISTANT.search(title):
        return False
    stripped = _NOT_DECISION_MAKER.sub(" ", title)
    return bool(_DECISION_MAKER.search(stripped))


def transform_connections(rows: Iterable[CsvRow], sink: Sink) -> None:
    """`connection_accepted` per day, plus the network size and its decision makers.

    A connection whose date cannot be read still counts toward the network size.
    """
    connections = decision_makers = 0
    for row in rows:
        connections += 1
        decision_makers += is_decision_maker(row.get("position"))
        sink.used()
        moment = sink.moment(row.line, row.get("connectedon"), row_error=False)
        if moment is not None:
            sink.count(moment.date(), "connection_accepted")
    sink.add_profile(
        ProfileFacts(connections=connections, decision_maker_connections=decision_makers)
    )


def transform_profile(rows: Iterable[CsvRow], sink: Sink) -> None:
    """Which profile sections are filled in (the first row is the member's profile)."""
    for row in rows:
        if sink.result.profile is not None:
            sink.skip("a second profile")
            continue
        headline = row.get("headline")
        sink.add_profile(
            ProfileFacts(
                headline=headline or None,
                has_headline=bool(headline),
                has_summary=bool(row.get("summary")),
                has_industry=bool(row.get("industry")),
                has_location=bool(row.get("geolocation", "location", "zipcode")),
            )
        )
        sink.used()


def transform_skills(rows: Iterable[CsvRow], sink: Sink) -> None:
    """How many distinct skills the profile lists."""
    names: set[str] = set()
    for row in rows:
        name = row.get("name", "skill", "skillname").casefold()
        if not name or name in names:
            sink.skip("duplicate" if name else "empty")
            continue
        names.add(name)
        sink.used()
    sink.add_profile(ProfileFacts(skills=len(names)))


def transform_positions(rows: Iterable[CsvRow], sink: Sink) -> None:
    """How many positions the profile lists, and whether one is current."""
    positions = 0
    current = False
    for row in rows:
        positions += 1
        current = current or not row.get("finishedon")
        sink.used()
    sink.add_profile(ProfileFacts(positions=positions, has_current_position=current))
