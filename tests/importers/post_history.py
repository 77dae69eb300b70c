"""An invented member's post history, written as LinkedIn's own files name it.

The ids are made the way LinkedIn makes them (linkedin-formats.md, quirk 9): the creation time
in milliseconds shifted left by 22 bits, random low bits. A post's share (or ugcPost, or group
post) id and its activity id are made a fraction of a second apart; Shares.csv names the first,
the analytics workbooks the second, with the publish date in the member's own time zone.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from tests.importers.export_builders import Rows, csv_bytes, xlsx_bytes, zip_bytes

SHARES_HEADER = ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"]
MEMBER_OFFSET = timedelta(hours=-7)
"""The member lives seven hours behind UTC: the workbooks' dates are theirs."""
GROUP_ID = 2642255


def timed_id(moment: datetime, rng: random.Random) -> int:
    milliseconds = int(moment.replace(tzinfo=UTC).timestamp() * 1000)
    return (milliseconds << 22) | rng.getrandbits(22)


@dataclass(frozen=True)
class InventedPost:
    published: datetime
    """UTC, as Shares.csv writes it."""
    kind: str
    """`share`, `ugcPost` or `groupPost`: how Shares.csv names it."""
    share_number: str
    activity_number: int
    text: str
    engagements: int
    impressions: int

    @property
    def share_urn(self) -> str:
        return f"urn:li:{self.kind}:{self.share_number}"

    @property
    def share_link(self) -> str:
        return "https://www.linkedin.com/feed/update/" + self.share_urn.replace(":", "%3A")

    def activity_link(self, style: int) -> str:
        if style % 2:
            return f"https://www.linkedin.com/feed/update/urn:li:activity:{self.activity_number}"
        return (
            "https://www.linkedin.com/posts/rowan-tess_pipeline-"
            f"activity-{self.activity_number}-Ab{style % 10}d"
        )

    @property
    def local_day(self) -> str:
        day = (self.published + MEMBER_OFFSET).date()
        return f"{day.month}/{day.day}/{day.year}"


OPENINGS = [
    "Three lessons from forty discovery calls",
    "What I learnt losing a deal we should have won",
    "Our pipeline review, in one picture",
    "A question for everyone who sells to finance teams",
    "Why I stopped sending the deck first",
]


def invented_history(posts: int, seed: int = 7, groups: int = 0) -> list[InventedPost]:
    """`posts` posts over about a year, a few hours to a few days apart; the last `groups`
    of them published in one LinkedIn group."""
    rng = random.Random(seed)
    moment = datetime(2025, 1, 6, 15, 4, 5, 311000)
    history = []
    for number in range(posts):
        moment += timedelta(hours=rng.randint(5, 60), seconds=rng.randint(0, 3599))
        share_made = moment + timedelta(milliseconds=rng.randint(0, 900))
        activity_made = share_made + timedelta(milliseconds=rng.randint(80, 950))
        kind = "groupPost" if number >= posts - groups else rng.choice(["share", "ugcPost"])
        share_number = str(timed_id(share_made, rng))
        if kind == "groupPost":
            share_number = f"{GROUP_ID}-{share_number}"
        text = f"{rng.choice(OPENINGS)} (#{number})\n\nWhat would you add?"
        history.append(
            InventedPost(
                published=moment.replace(microsecond=0),
                kind=kind,
                share_number=share_number,
                activity_number=timed_id(activity_made, rng),
                text=text,
                engagements=rng.randint(3, 400),
                impressions=rng.randint(300, 40_000),
            )
        )
    return history


def shares_csv(history: list[InventedPost]) -> bytes:
    rows: list[list[object]] = [SHARES_HEADER]
    for post in history:
        wrapped = post.text.replace("\n", '"\n"')  # quirk 2: each line wrapped in quotes
        rows.append([post.published.isoformat(" "), post.share_link, wrapped, "", "", "PUBLIC"])
    return csv_bytes(rows)


def rich_media_csv(history: list[InventedPost], uploads: dict[int, str]) -> bytes:
    """`uploads`: post index → `photo`, `video` or `document`, uploaded a minute before."""
    rows: list[list[object]] = [["Date/Time", "Media Description", "Media Link"]]
    for index, kind in uploads.items():
        when = history[index].published - timedelta(minutes=1)
        sentence = (
            f"You uploaded a feed {kind} on {when:%B} {when.day}, {when.year} at "
            f"{when:%I:%M %p} (GMT)"
        )
        rows.append(["", sentence, f"https://media.licdn.com/{index}"])
    return csv_bytes(rows)


def archive(history: list[InventedPost], uploads: dict[int, str] | None = None) -> bytes:
    files = {"Shares.csv": shares_csv(history)}
    if uploads is not None:
        files["Rich_Media.csv"] = rich_media_csv(history, uploads)
    return zip_bytes({f"Basic_LinkedInDataExport_01-05-2026/{n}": b for n, b in files.items()})


def top_posts_rows(measured: list[InventedPost]) -> Rows:
    """LinkedIn's TOP POSTS sheet: a preamble, then the top 50 by engagements beside the top
    50 by impressions (the two tables name most posts twice, some once)."""
    by_engagements = sorted(measured, key=lambda post: -post.engagements)[:50]
    by_impressions = sorted(measured, key=lambda post: -post.impressions)[:50]
    rows: list[list[object]] = [
        ["Maximum of 50 posts available to include in this list"],
        [],
        [
            "Post URL",
            "Post publish date",
            "Engagements",
            None,
            "Post URL",
            "Post publish date",
            "Impressions",
        ],
    ]
    for line in range(max(len(by_engagements), len(by_impressions))):
        left = by_engagements[line] if line < len(by_engagements) else None
        right = by_impressions[line] if line < len(by_impressions) else None
        rows.append(
            [
                left.activity_link(line) if left else None,
                left.local_day if left else None,
                str(left.engagements) if left else None,
                None,
                right.activity_link(line + 1) if right else None,
                right.local_day if right else None,
                f"{right.impressions:,}" if right else None,
            ]
        )
    return rows


def measured_posts(history: list[InventedPost], count: int) -> list[InventedPost]:
    """`count` posts (at most 100) that the two top-50 tables name between them: their
    impressions run opposite to their engagements, so the posts too low for one table
    head the other."""
    chosen = sorted(history, key=lambda post: -post.engagements)[:count]
    impressions = sorted(post.impressions for post in chosen)
    measured = [
        replace(post, impressions=seen) for post, seen in zip(chosen, impressions, strict=True)
    ]
    return sorted(measured, key=lambda post: post.published)


def creator_workbook(measured: list[InventedPost]) -> bytes:
    first = min(post.published for post in measured).date()
    return xlsx_bytes(
        {
            "DISCOVERY": [["Overall Performance", f"{first:%m/%d/%Y} - 12/31/2025"]],
            "ENGAGEMENT": [
                ["Date", "Impressions", "Engagements"],
                [f"{first.month}/{first.day}/{first.year}", "1,204", "31"],
            ],
            "TOP POSTS": top_posts_rows(measured),
        }
    )


def top_posts_only_workbook(measured: list[InventedPost], sheet: str = "TOP POSTS") -> bytes:
    return xlsx_bytes({sheet: top_posts_rows(measured)})
