"""Writing what the importers read: one transaction per file, merged idempotently.

Re-importing the same file changes nothing: journal counts are replaced per (day, activity,
file kind), posts merge by id keeping the larger metric (analytics exports overlap), and daily
analytics keep the maximum per day. Each write is compared with what was stored
(store/import_changes.py), so the report can say a file was already imported.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ssi_tui.importers import FileResult, PostRow, ProfileFacts
from ssi_tui.importers.links import post_urn
from ssi_tui.importers.model import METRIC_FIELDS
from ssi_tui.importers.report import accounting
from ssi_tui.store.estimates import PROFILE_KEY
from ssi_tui.store.import_changes import Changes, meet_journal
from ssi_tui.store.journal import upsert_entries
from ssi_tui.store.post_identity import (
    TimeSource,
    best_name,
    find_posts,
    merge_rows,
    names_of,
    record_names,
    row_of,
    stored_names,
    times_from_ids,
)
from ssi_tui.store.track_record import match_published_drafts
from ssi_tui.store.transactions import writing


@dataclass
class FileReport:
    """What happened to one file, as `import --json` prints it.

    The contract's keys come first; the rest (see importers/report.py) make the counts add up:
    rows_read = imported + skipped + error_rows.
    """

    name: str
    kind: str
    imported: int
    skipped: int
    errors: list[str] = field(default_factory=list)
    rows_read: int = 0
    error_rows: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    reason: str | None = None
    """Why a file is not imported at all (kind `skipped`)."""
    joined: int = 0
    """Posts recognised as one already stored under another name (a share id meeting its
    activity id, say)."""
    rows_new: int = 0
    """Of the rows imported, those the database did not hold (see store/import_changes.py)."""
    rows_updated: int = 0
    """Rows the database held with other values (a larger number, a more exact time)."""
    rows_unchanged: int = 0
    """Rows the database already held as they are."""
    already_imported: bool = False
    """The file had rows to import and writing them changed nothing: imported before."""


def _moment(post: PostRow) -> tuple[str | None, TimeSource]:
    """The post's time and how exact it is; a date alone (TOP POSTS) is made exact by the
    time LinkedIn made its id, when that falls on the same day give or take time zones."""
    moment = post.published_at
    if moment is None:
        return None, "date"
    if moment.time() != time(0):
        return moment.isoformat(timespec="seconds"), "file"
    from_ids = times_from_ids(names_of(post.id, post.url))
    if from_ids:
        made = datetime.fromisoformat(from_ids[0])
        if abs(made.date() - moment.date()) <= timedelta(days=1):
            return from_ids[0], "ids"
    return moment.isoformat(timespec="seconds"), "date"


def _merge_post(
    existing: dict[str, Any] | None, post: PostRow, kind: str | None = None
) -> dict[str, Any]:
    """The stored row for `post`, completing (never degrading) what is already known."""
    published_at, exactness = _moment(post)
    new = {
        "id": post.id,
        "published_at": published_at,
        "time_source": exactness,
        "format": post.format,
        "format_source": post.format_source,
        "text": post.text,
        "url": post.url,
        **{name: getattr(post, name) for name in METRIC_FIELDS},
        "source": "import",
        "found_in": kind,
    }
    return new if existing is None else merge_rows(existing, new)


def _write_posts(db: Database, posts: Iterable[PostRow], kind: str | None, changes: Changes) -> int:
    """Write each post into the row of the post it is (see store/post_identity.py); returns
    how many were recognised under another name than the one they are stored under."""
    stamp = datetime.now().isoformat(timespec="seconds")
    joined = 0
    for post in posts:
        names = names_of(post.id, post.url)
        found = find_posts(db, names, post.published_at, post.text, post.format)
        rows = [row for match in found if (row := row_of(db, match.post_id)) is not None]
        existing = rows[0] if rows else None
        for other in rows[1:]:  # this row shows two stored rows to be one post
            existing = merge_rows(existing or other, other)
        known = [name for match in found for name in stored_names(db, match.post_id)]
        all_names = names + known
        row = {**_merge_post(existing, post, kind), "updated_at": stamp}
        row["id"] = best_name(all_names)
        if post.url and post_urn(post.url) == row["id"]:
            row["url"] = post.url  # the link of the name it is stored under
        joined += any(match.joined for match in found)
        # a new name for a stored post, or two stored rows found to be one, is a change
        renamed = len(rows) > 1 or not set(names) <= set(known)
        changes.meet(existing, row, differs=renamed, shared=True)
        for match in found:
            db.execute("DELETE FROM posts WHERE id = ?", [match.post_id])
        db.table("posts").insert(row)
        record_names(db, row["id"], all_names)
    return joined


def _write_max_per_day(
    db: Database, table: str, rows: list[dict[str, Any]], changes: Changes
) -> None:
    """Overlapping analytics exports: keep the larger number for each day and column."""
    for row in rows:
        existing = next(db.query(f"SELECT * FROM {table} WHERE date = ?", [row["date"]]), None)
        if existing is not None:
            for key, value in row.items():
                if key != "date" and existing.get(key) is not None:
                    row[key] = existing[key] if value is None else max(value, existing[key])
        changes.meet(existing, row)
        db.table(table).upsert(row, pk="date")


def _write_profile(
    db: Database, profile: ProfileFacts | None, followers: int | None, changes: Changes
) -> None:
    if profile is None and followers is None:
        return
    row = db.execute("SELECT value FROM settings WHERE key = ?", [PROFILE_KEY]).fetchone()
    stored: dict[str, Any] = json.loads(row[0]) if row else {}
    before = dict(stored) if row else None
    learnt = {
        "profile_completeness": profile.completeness if profile else None,
        "connections": profile.connections if profile else None,
        "decision_maker_connections": profile.decision_maker_connections if profile else None,
        "followers": followers,
    }
    stored.update({key: value for key, value in learnt.items() if value is not None})
    # a row of its own only for Profile.csv alone; beside other rows it counts as a change
    changes.meet(before, stored, counted=not changes.wrote, shared=True)
    db.table("settings").upsert({"key": PROFILE_KEY, "value": json.dumps(stored)}, pk="key")


def _write_demographics(db: Database, result: FileResult, changes: Changes) -> None:
    if not result.demographics:
        return
    stored = {
        (row["category"], row["value"]): row for row in db.query("SELECT * FROM demographics")
    }
    records = [{**asdict(share), "below": int(share.below)} for share in result.demographics]
    for record in records:
        changes.meet(stored.get((record["category"], record["value"])), record)
    db.table("demographics").upsert_all(records, pk=("category", "value"))


def _write_file(db: Database, result: FileResult) -> tuple[int, Changes]:
    """Everything one file holds, in the caller's transaction; returns the posts joined and
    what changed. A share's journal entry is the post again, so only the post counts as a row."""
    changes = Changes()
    source = f"import:{result.kind}"
    journal = [(row.date.isoformat(), row.activity, row.count) for row in result.journal]
    meet_journal(db, changes, journal, source, counted=not result.posts)
    upsert_entries(
        db,
        ({"date": day, "activity": activity, "count": count} for day, activity, count in journal),
        source=source,
    )
    joined = _write_posts(db, result.posts, result.kind, changes)
    _write_max_per_day(
        db,
        "daily_metrics",
        [
            {"date": m.date.isoformat(), "impressions": m.impressions, "engagements": m.engagements}
            for m in result.daily_metrics
        ],
        changes,
    )
    _write_max_per_day(
        db,
        "follower_counts",
        [
            {"date": f.date.isoformat(), "new_followers": f.new_followers, "total": f.total}
            for f in result.followers
        ],
        changes,
    )
    _write_demographics(db, result, changes)
    totals = [f for f in result.followers if f.total is not None]
    latest_total = max(totals, key=lambda f: f.date).total if totals else None
    _write_profile(db, result.profile, latest_total, changes)
    return joined, changes


def _fingerprint(path: Path) -> str | None:
    if not path.is_file():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_results(
    db: Database,
    path: Path,
    results: list[FileResult],
    progress: Callable[[str, int, int], None] | None = None,
) -> list[FileReport]:
    """Write each file in its own transaction and record it in the import log."""
    digest = _fingerprint(path)
    reports = []
    written = []
    for done, result in enumerate(results, start=1):
        joined, changes = 0, Changes()
        with writing(db):
            if result.kind != "skipped":
                joined, changes = _write_file(db, result)
            db.table("imports").insert(
                {
                    "imported_at": datetime.now().isoformat(timespec="seconds"),
                    "path": str(path),
                    "name": result.name,
                    "kind": result.kind,
                    "sha256": digest,
                    "imported": result.imported,
                    "skipped": result.skipped,
                    "errors": json.dumps(result.errors, ensure_ascii=False),
                }
            )
        reports.append(
            FileReport(
                result.name,
                result.kind,
                result.imported,
                result.skipped,
                result.errors,
                **accounting(result),
                joined=joined,
                rows_new=changes.new,
                rows_updated=changes.updated,
                rows_unchanged=changes.unchanged,
            )
        )
        written.append(changes)
        if progress is not None:
            progress(result.name, done, len(results))
    _mark_already_imported(results, reports, written)
    if any(result.posts for result in results):
        match_published_drafts(db)  # a saved draft may have become one of these posts
    return reports


def _mark_already_imported(
    results: list[FileResult], reports: list[FileReport], written: list[Changes]
) -> None:
    """A file with rows whose writing changed nothing was imported before. A file whose facts
    went in with another's (Skills.csv with Profile.csv, Rich_Media.csv with the posts) is,
    when neither the profile facts nor a post changed."""
    fed = any(changes.altered_shared for changes in written)
    for result, report, changes in zip(results, reports, written, strict=True):
        if result.kind != "skipped" and result.imported > 0:
            report.already_imported = not (changes.altered if changes.wrote else fed)


def write_results_to(
    db_path: Path,
    source: Path,
    results: list[FileResult],
    progress: Callable[[str, int, int], None] | None = None,
    on_wait: Callable[[], None] | None = None,
) -> list[FileReport]:
    """`write_results` on a connection of its own, for a thread of the app; `on_wait` is
    called while another program holds the write lock."""
    from ssi_tui.store.database import open_database

    db = open_database(db_path)
    if on_wait is not None:
        db.conn.on_wait = on_wait  # type: ignore[attr-defined]
    try:
        return write_results(db, source, results, progress)
    finally:
        db.close()
