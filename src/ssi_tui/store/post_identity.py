"""One row per post, however LinkedIn's files name it.

Shares.csv names a post by its `share` or `ugcPost` id, the analytics workbooks by its
`activity` id, a posts CSV from another tool perhaps by nothing at all. LinkedIn makes both ids
of one post when it is published, and each id carries the moment it was made (`id >> 22` is
milliseconds since 1970): one post's two ids are a fraction of a second apart. So a post is
found, in this order, by

1. any name it is already known by (`post_names` keeps them all);
2. its id's time: a name of the other family made within `JOIN_TOLERANCE_MS`, the nearest
   first, the day and the text deciding between equally near ones, and never a post that
   already has a name of the new one's family (that is another post);
3. for a row without an id, or an id meeting a row that had none: the same text published
   within `SAME_TEXT_SECONDS`.

A post's id is its best name (`share` family, then `activity`, then anything else, then a
hash), whatever order the files came in; every other name points at it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from ssi_tui.core.domain import POST_METRICS
from ssi_tui.core.text import folded
from ssi_tui.importers.links import id_time_ms, post_urn, urn_family

if TYPE_CHECKING:
    from sqlite_utils import Database

JOIN_TOLERANCE_MS: Final = 2_000
"""How far apart one post's share id and activity id may be made. The public pair
`urn:li:share:6898694772484112384` / `urn:li:activity:6898694773406875648` is 220 ms apart, and
Shares.csv's own time agrees with the share id within about a second; a member's next post comes
minutes later, not within two seconds, and the nearest candidate is taken first anyway."""
SAME_TEXT_SECONDS: Final = 90
"""A posts CSV gives times to the minute: the same text within a minute and a half of a post's
time is that post."""
HASHED: Final = "post:"
"""The prefix of an id made from a row's time and text when no file named the post."""
FAMILY_RANK: Final = {"share": 0, "activity": 1}
"""Which name becomes the post's id: Shares.csv's, then the analytics files'."""


@dataclass(frozen=True)
class Found:
    """The stored post a row is, and whether it was recognised under another name."""

    post_id: str
    joined: bool


def names_of(post_id: str, url: str | None) -> list[str]:
    """Every name a row gives its post: its id, and the URN its URL holds when that differs."""
    names = [post_id]
    from_url = post_urn(url) if url else None
    if from_url and from_url not in names:
        names.append(from_url)
    return names


def family_of(name: str) -> str:
    return "hash" if name.startswith(HASHED) else urn_family(name)


def best_name(names: Iterable[str]) -> str:
    """The name a post is stored under, the same whichever file came first."""
    return min(names, key=lambda name: (_rank(name), name))


def _rank(name: str) -> int:
    family = family_of(name)
    if family == "hash":
        return len(FAMILY_RANK) + 1
    return FAMILY_RANK.get(family, len(FAMILY_RANK))


def record_names(db: Database, post_id: str, names: Iterable[str]) -> None:
    """Remember that each of `names` means the post stored as `post_id`."""
    for name in names:
        db.execute(
            "INSERT INTO post_names (name, post_id, family, made_ms) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET post_id = excluded.post_id",
            [name, post_id, family_of(name), id_time_ms(name)],
        )


def find_posts(
    db: Database,
    names: list[str],
    published_at: datetime | None,
    text: str | None,
    post_format: str = "unknown",
) -> list[Found]:
    """The stored posts these names, this time and this text are (see the module docstring):
    usually none or one; two when this row is what joins a post named by an id to one that
    came without (a posts CSV row), which then become one."""
    found: dict[str, bool] = {}
    for name in names:
        row = db.execute("SELECT post_id FROM post_names WHERE name = ?", [name]).fetchone()
        if row is not None:
            found.setdefault(str(row[0]), False)
    if not found:
        for name in names:
            by_time = _by_id_time(db, name, published_at, text, post_format)
            if by_time is not None:
                found[by_time] = True
                break
    named = not names[0].startswith(HASHED) or any(not post.startswith(HASHED) for post in found)
    by_text = _by_text(db, named, published_at, text)
    if by_text is not None and by_text not in found:
        found[by_text] = True
    return [Found(post, joined) for post, joined in found.items()]


def _by_id_time(
    db: Database, name: str, published_at: datetime | None, text: str | None, post_format: str
) -> str | None:
    made = id_time_ms(name)
    if made is None:
        return None
    family = family_of(name)
    rows = db.execute(
        """
        SELECT names.post_id, abs(names.made_ms - ?) AS apart, posts.published_at, posts.text,
               posts.format
        FROM post_names AS names JOIN posts ON posts.id = names.post_id
        WHERE names.made_ms BETWEEN ? AND ? AND names.family != ?
          AND names.family IN ('share', 'activity')
          AND NOT EXISTS (SELECT 1 FROM post_names AS taken
                          WHERE taken.post_id = names.post_id AND taken.family = ?)
        """,
        [made, made - JOIN_TOLERANCE_MS, made + JOIN_TOLERANCE_MS, family, family],
    ).fetchall()
    if not rows:
        return None
    ranked = sorted(
        (
            (apart, _differs(published_at, text, post_format, when, known, known_format), post)
            for post, apart, when, known, known_format in rows
        ),
        key=lambda candidate: candidate[:2],
    )
    if len(ranked) > 1 and ranked[0][:2] == ranked[1][:2]:
        return None  # two posts equally likely: better two rows than one wrong one
    return str(ranked[0][2])


def _differs(
    published_at: datetime | None,
    text: str | None,
    post_format: str,
    when: str | None,
    known_text: str | None,
    known_format: str,
) -> int:
    """How many of day, text and format disagree (unknown ones agree): the tie-breakers."""
    count = 0
    day = datetime.fromisoformat(when).date() if when else None
    if published_at is not None and day is not None and abs(published_at.date() - day).days > 1:
        count += 1
    if text and known_text and folded(text) != folded(known_text):
        count += 1
    if "unknown" not in (post_format, known_format) and post_format != known_format:
        count += 1
    return count


def _by_text(
    db: Database, named: bool, published_at: datetime | None, text: str | None
) -> str | None:
    """A row without an id (or an id meeting a post that had none): the same text at the
    same time. An empty text never joins: two posts of one minute stay two. A `named` row
    (or one already matched to a named post) only joins a post that has no name yet."""
    if published_at is None or not text or not folded(text):
        return None
    low = (published_at - timedelta(seconds=SAME_TEXT_SECONDS)).isoformat(timespec="seconds")
    high = (published_at + timedelta(seconds=SAME_TEXT_SECONDS)).isoformat(timespec="seconds")
    rows = db.execute(
        "SELECT id, text FROM posts WHERE published_at BETWEEN ? AND ? AND text IS NOT NULL",
        [low, high],
    ).fetchall()
    matches = [
        str(post)
        for post, known in rows
        if folded(known) == folded(text) and (not named or str(post).startswith(HASHED))
    ]
    return matches[0] if len(matches) == 1 else None


FORMAT_SOURCE_RANK: Final = {"user": 3, "unknown": 0, "inferred": 1}
"""How much a format's source is worth; any other source (an upload, a poll, a link, …) is
evidence from the files, 2. A weaker source never replaces a stronger one."""
METRICS: Final = POST_METRICS


def format_strength(source: str | None) -> int:
    return FORMAT_SOURCE_RANK.get(source or "unknown", 2)


def _is_date_only(stamp: str | None) -> bool:
    return stamp is not None and stamp.endswith("T00:00:00")


def times_from_ids(names: Iterable[str]) -> list[str]:
    """When LinkedIn made each of the post's ids, to the second, earliest first."""
    made = sorted(moment for moment in map(id_time_ms, names) if moment is not None)
    return [
        datetime.fromtimestamp(moment / 1000, tz=UTC)
        .replace(tzinfo=None)
        .isoformat(timespec="seconds")
        for moment in made
    ]


TimeSource: TypeAlias = Literal["date", "ids", "file"]
"""Where a post's time comes from (see TIME_SOURCE_RANK)."""
TIME_SOURCE_RANK: Final[dict[TimeSource, int]] = {"date": 0, "ids": 1, "file": 2}
"""How exact a post's time is: a date alone (TOP POSTS), the time LinkedIn made its id (to the
second, the moment of publishing), or the time a file gives for it (Shares.csv, a posts CSV)."""


def time_source(stamp: str | None, source: str | None) -> TimeSource:
    """A row's `time_source`; rows stored before it existed are judged by their time."""
    if source in TIME_SOURCE_RANK:
        return source
    return "date" if stamp is None or _is_date_only(stamp) else "file"


def joined_kinds(*lists: str | None) -> str | None:
    """The kinds of file a post was read from, as one sorted, comma-separated list."""
    kinds = sorted({kind for found in lists if found for kind in found.split(",") if kind})
    return ",".join(kinds) or None


def _exactness(row: dict[str, Any]) -> tuple[int, TimeSource, bool, float]:
    """Orders a row's times from the least exact to the most: by source, then a time with
    seconds over one to the minute (a posts CSV), then the earlier one, so that which of two
    files came first never decides."""
    stamp = row.get("published_at")
    source = time_source(stamp, row.get("time_source"))
    with_seconds = bool(stamp) and not str(stamp).endswith(":00")
    earlier = -datetime.fromisoformat(stamp).timestamp() if stamp else 0.0
    return TIME_SOURCE_RANK[source], source, with_seconds, earlier


def merge_rows(existing: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """One post's row from two: what either knows, the larger of each metric (analytics files
    overlap and numbers only grow), the format of the stronger source (the member's own tag
    above all), and the more exact time (see TIME_SOURCE_RANK)."""
    merged = dict(existing)
    for key in ("published_at", "text", "url"):
        if merged.get(key) is None:
            merged[key] = new.get(key)
    known = _exactness(existing)
    offered = _exactness(new)
    if new.get("published_at") and offered > known:
        merged["published_at"] = new["published_at"]
    merged["time_source"] = max(known, offered)[1]
    merged["found_in"] = joined_kinds(existing.get("found_in"), new.get("found_in"))
    for name in METRICS:
        values = [value for value in (existing.get(name), new.get(name)) if value is not None]
        merged[name] = max(values) if values else None
    incoming = format_strength(new.get("format_source"))
    if incoming > format_strength(existing.get("format_source")) and new.get("format") not in (
        None,
        "unknown",
    ):
        merged["format"], merged["format_source"] = new["format"], new["format_source"]
    merged.pop("updated_at", None)
    return merged


def stored_names(db: Database, post_id: str) -> list[str]:
    return [
        str(row[0])
        for row in db.execute("SELECT name FROM post_names WHERE post_id = ?", [post_id])
    ]


def row_of(db: Database, post_id: str) -> dict[str, Any] | None:
    return next(db.query("SELECT * FROM posts WHERE id = ?", [post_id]), None)
