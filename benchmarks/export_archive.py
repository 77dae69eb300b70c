"""An invented LinkedIn data-export ZIP of a chosen size, for the import benchmark.

The files and their shapes follow what the importers read (see
tests/importers/export_builders.py); every person, link and post is made up. Rows are spread
over the files roughly as in a busy member's Complete export: reactions and comments dominate,
then messages, connections and invitations.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

Row = Sequence[object]

SHARES: dict[str, float] = {
    "Reactions.csv": 0.34,
    "Comments.csv": 0.16,
    "messages.csv": 0.16,
    "Connections.csv": 0.10,
    "Invitations.csv": 0.08,
    "SearchQueries.csv": 0.06,
    "Shares.csv": 0.03,
    "Votes.csv": 0.02,
    "Member_Follows.csv": 0.015,
    "Company Follows.csv": 0.005,
    "Endorsement_Received_Info.csv": 0.01,
    "Endorsement_Given_Info.csv": 0.01,
    "Rich_Media.csv": 0.01,
}
"""Each file's share of the data rows (the profile files add a few more)."""

ACTIVITY = "https://www.linkedin.com/feed/update/urn:li:activity:{0}"
SHARE = "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{0}"
MEMBER = ("Rowan Tess", "https://www.linkedin.com/in/rowan-tess-000")
TITLES = ("VP Sales", "Account Executive", "Co-Founder & CEO", "Product Owner", "Head of Growth")
WORDS = ("pipeline", "discovery", "pricing", "renewal", "quota", "referral", "demo", "QBR")
REACTIONS = ("LIKE", "PRAISE", "EMPATHY", "INTEREST", "APPRECIATION", "ENTERTAINMENT")


class _Rows:
    """Timestamps spread over `years` ending at `end`, and invented people and posts."""

    def __init__(self, end: datetime, years: float, seed: int) -> None:
        self.rng = random.Random(seed)
        self.end = end
        self.span = timedelta(days=365 * years)

    def moment(self) -> datetime:
        return self.end - self.span * self.rng.random()

    def person(self) -> tuple[str, str]:
        number = self.rng.randrange(5_000)
        return f"Person{number} Example", f"https://www.linkedin.com/in/person-{number:05d}"

    def link(self) -> str:
        return ACTIVITY.format(7_000_000_000_000_000_000 + self.rng.randrange(10**12))

    def sentence(self, words: int = 8) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _sorted(rows: Sequence[tuple[datetime, Row]]) -> list[Row]:
    return [row for _, row in sorted(rows, key=lambda item: item[0], reverse=True)]


def _times(g: _Rows, n: int) -> list[datetime]:
    return [g.moment() for _ in range(n)]


def _reactions(g: _Rows, n: int) -> list[Row]:
    rows = [
        (t, (f"{t:%Y-%m-%d %H:%M:%S}", g.rng.choice(REACTIONS), g.link())) for t in _times(g, n)
    ]
    return [("Date", "Type", "Link"), *_sorted(rows)]


def _comments(g: _Rows, n: int) -> list[Row]:
    rows = [(t, (f"{t:%Y-%m-%d %H:%M:%S}", g.link(), g.sentence())) for t in _times(g, n)]
    return [("Date", "Link", "Message"), *_sorted(rows)]


def _messages(g: _Rows, n: int) -> list[Row]:
    header = [
        *("CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO"),
        *("RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"),
        *("IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"),
    ]
    rows: list[tuple[datetime, Row]] = []
    while len(rows) < n:
        other = g.person()
        conversation = f"2-{g.rng.getrandbits(64):016x}"
        t = g.moment()
        for turn in range(min(n - len(rows), g.rng.randint(1, 6))):
            sender, recipient = (MEMBER, other) if turn % 2 == 0 else (other, MEMBER)
            t += timedelta(minutes=g.rng.randint(5, 3000))
            row = (
                conversation,
                "",
                sender[0],
                sender[1],
                recipient[0],
                recipient[1],
                f"{t:%Y-%m-%d %H:%M:%S} UTC",
                "",
                g.sentence(12),
                "INBOX",
                "No",
                "No",
            )
            rows.append((t, row))
    return [header, *_sorted(rows)]


def _connections(g: _Rows, n: int) -> list[Row]:
    rows = []
    for t in _times(g, n):
        name, url = g.person()
        first, last = name.split()
        company = f"{g.rng.choice(WORDS).title()} Co"
        rows.append((t, (first, last, url, "", company, g.rng.choice(TITLES), f"{t:%d %b %Y}")))
    header = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position")
    return [(*header, "Connected On"), *_sorted(rows)]


def _invitations(g: _Rows, n: int) -> list[Row]:
    rows = []
    for t in _times(g, n):
        name, url = g.person()
        outgoing = g.rng.random() < 0.8
        sender, recipient = (MEMBER[0], name) if outgoing else (name, MEMBER[0])
        urls = (MEMBER[1], url) if outgoing else (url, MEMBER[1])
        when = f"{t.month}/{t.day}/{t:%y}, {t:%I:%M %p}".replace(" 0", " ")
        direction = "OUTGOING" if outgoing else "INCOMING"
        rows.append((t, (sender, recipient, when, "", direction, *urls)))
    header = ("From", "To", "Sent At", "Message", "Direction")
    return [(*header, "inviterProfileUrl", "inviteeProfileUrl"), *_sorted(rows)]


def _searches(g: _Rows, n: int) -> list[Row]:
    rows = [(t, (f"{t:%Y/%m/%d %H:%M:%S} UTC", g.sentence(3))) for t in _times(g, n)]
    return [("Time", "Search Query"), *_sorted(rows)]


def _shares(g: _Rows, n: int) -> list[Row]:
    rows = []
    for t in _times(g, n):
        link = SHARE.format(7_100_000_000_000_000_000 + g.rng.randrange(10**12))
        text = "\n".join(g.sentence(10) for _ in range(g.rng.randint(1, 8)))
        rows.append((t, (f"{t:%Y-%m-%d %H:%M:%S}", link, text, "", "", "PUBLIC")))
    header = ("Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility")
    return [header, *_sorted(rows)]


def _votes(g: _Rows, n: int) -> list[Row]:
    rows = [(t, (f"{t:%Y-%m-%d %H:%M:%S}", g.link(), "Yes")) for t in _times(g, n)]
    return [("Date", "Link", "OptionText"), *_sorted(rows)]


def _member_follows(g: _Rows, n: int) -> list[Row]:
    rows = [(t, (f"{t:%Y-%m-%d %H:%M:%S}", "Active", g.person()[0])) for t in _times(g, n)]
    return [("Date", "Status", "FullName"), *_sorted(rows)]


def _company_follows(g: _Rows, n: int) -> list[Row]:
    rows = [
        (t, (f"{g.rng.choice(WORDS).title()} Labs {i}", f"{t:%a %b %d %H:%M:%S} UTC {t:%Y}"))
        for i, t in enumerate(_times(g, n))
    ]
    return [("Organization", "Followed On"), *_sorted(rows)]


def _endorsements(role: str) -> Callable[[_Rows, int], list[Row]]:
    def build(g: _Rows, n: int) -> list[Row]:
        rows = []
        for t in _times(g, n):
            name, url = g.person()
            first, last = name.split()
            skill = g.rng.choice(WORDS).title()
            rows.append((t, (f"{t:%Y/%m/%d %H:%M:%S} UTC", skill, first, last, url, "ACCEPTED")))
        header = ("Endorsement Date", "Skill Name", f"{role} First Name", f"{role} Last Name")
        return [(*header, f"{role} Public Url", "Endorsement Status"), *_sorted(rows)]

    return build


def _rich_media(g: _Rows, n: int) -> list[Row]:
    rows = []
    for i, t in enumerate(_times(g, n)):
        what = g.rng.choice(("a video", "a feed document", "an image"))
        when = f"{t:%B} {t.day}, {t:%Y} at {t:%I:%M %p}".replace(" 0", " ")
        rows.append((t, (f"You uploaded {what} on {when} (GMT)", "", f"https://media/{i}")))
    return [("Date/Time", "Media Description", "Media Link"), *_sorted(rows)]


BUILDERS: dict[str, Callable[[_Rows, int], list[Row]]] = {
    "Reactions.csv": _reactions,
    "Comments.csv": _comments,
    "messages.csv": _messages,
    "Connections.csv": _connections,
    "Invitations.csv": _invitations,
    "SearchQueries.csv": _searches,
    "Shares.csv": _shares,
    "Votes.csv": _votes,
    "Member_Follows.csv": _member_follows,
    "Company Follows.csv": _company_follows,
    "Endorsement_Received_Info.csv": _endorsements("Endorser"),
    "Endorsement_Given_Info.csv": _endorsements("Endorsee"),
    "Rich_Media.csv": _rich_media,
}

PROFILE_FILES: dict[str, list[Row]] = {
    "Profile.csv": [
        ("First Name", "Last Name", "Headline", "Summary", "Industry", "Geo Location"),
        ("Rowan", "Tess", "Helping SaaS teams sell", "I coach reps.", "Software", "Lisbon"),
    ],
    "Skills.csv": [("Name",), ("Negotiation",), ("Prospecting",), ("SaaS",), ("Coaching",)],
    "Positions.csv": [
        ("Company Name", "Title", "Description", "Location", "Started On", "Finished On"),
        ("Northwind Parts", "Sales Lead", "", "Lisbon", "Jan 2024", ""),
    ],
}


def _csv(rows: list[Row]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode()


def write_export(
    path: Path, rows: int, *, end: datetime | None = None, years: float = 5.0, seed: int = 7
) -> int:
    """Write a data-export ZIP with about `rows` data rows to `path`; returns the exact count."""
    g = _Rows(end or datetime(2026, 6, 1, 12), years, seed)
    written = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, builder in BUILDERS.items():
            table = builder(g, max(1, round(rows * SHARES[name])))
            if name == "Connections.csv":  # LinkedIn's preamble before the header
                archive.writestr(
                    name, b'Notes:\r\n"Some emails are missing."\r\n\r\n' + _csv(table)
                )
            else:
                archive.writestr(name, _csv(table))
            written += len(table) - 1
        for name, table in PROFILE_FILES.items():
            archive.writestr(name, _csv(table))
            written += len(table) - 1
    return written
