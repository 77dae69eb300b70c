"""Reading whatever the member points `ssi-tui import` at: an export ZIP or folder, one export
CSV, an analytics workbook or a posts CSV, into one `FileResult` per file (see the package)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final, TypeVar

from ssi_tui.importers.archive import (
    Source,
    file_key,
    file_source,
    folder_sources,
    group_parts,
    zip_sources,
)
from ssi_tui.importers.export_files import KINDS_BY_FILE_NAME
from ssi_tui.importers.formats import resolve_post_formats
from ssi_tui.importers.model import (
    FileResult,
    ImportRefused,
    skipped_file,
)
from ssi_tui.importers.reading import csv_kind, read_csv, read_workbook

Progress = Callable[[str, int, int], None]
"""Called with (file name, files done, files total) after each file."""

PROFILE_PREFERENCE: Final = ("profile", "connections", "skills", "positions", "rich_media")
"""Where the combined profile facts are attached: the first of these kinds present."""

UNUSED: Final = "not a file ssi-tui reads"
"""Why an export file of a kind ssi-tui has no use for is listed and not imported."""

_DAMAGED: Final = "it is damaged, or not in a shape LinkedIn writes"
_Job = Callable[[], FileResult]
_T = TypeVar("_T")


def _job(group: list[Source]) -> _Job | None:
    """How to read one group of sources inside an export, or None for a file we do not use."""
    first = group[0]
    if first.extension == "csv":
        kind = KINDS_BY_FILE_NAME.get(file_key(first.name))
        return None if kind is None else (lambda: read_csv(group, kind))
    if first.extension == "xlsx":
        return lambda: read_workbook(first, alone=False)
    return None


def _guarded(name: str, job: Callable[[], _T]) -> _T:
    """Run a reader; anything but a refusal becomes one (a damaged member, a broken stream)."""
    try:
        return job()
    except ImportRefused:
        raise
    except Exception:  # the contract: only ImportRefused leaves read_path
        raise ImportRefused(f"{name} could not be read: {_DAMAGED}.") from None


def _read_export(sources: list[Source], label: str, progress: Progress | None) -> list[FileResult]:
    """One result per file or group of split parts, and one per file never read (listed)."""
    groups = group_parts([source for source in sources if source.skip is None])
    jobs = [(" + ".join(source.name for source in group), _job(group)) for group in groups]
    if not any(job is not None for _, job in jobs):
        raise ImportRefused(f"{label} holds no file of LinkedIn's data export.")
    jobs += [(source.name, _skipped(source.name, source.skip)) for source in sources if source.skip]
    jobs.sort(key=lambda named: named[0].casefold())
    results: list[FileResult] = []
    for done, (name, job) in enumerate(jobs, start=1):
        result = _skipped(name, UNUSED)() if job is None else _guarded(name, job)
        if result.kind == "skipped":
            result.name = name
        results.append(result)
        if progress is not None:
            progress(name, done, len(jobs))
    return results


def _skipped(name: str, reason: str) -> _Job:
    return lambda: skipped_file(name, reason)


def _read_single(path: Path) -> FileResult:
    source = file_source(path)
    suffix = path.suffix.casefold()
    if suffix in (".xlsx", ".xlsm"):
        return _guarded(source.name, lambda: read_workbook(source, alone=True))
    if suffix not in (".csv", ".tsv", ".txt", ""):
        raise ImportRefused(
            f"{path.name} is not a file ssi-tui can import (a LinkedIn export ZIP or folder, "
            "an export CSV, an analytics .xlsx or a posts CSV)."
        )
    kind = _guarded(source.name, lambda: csv_kind(source))
    if kind is None:
        raise ImportRefused(
            f"{path.name} is not a CSV ssi-tui knows: neither a LinkedIn export file nor a posts "
            "CSV with published_at and format columns."
        )
    return _guarded(source.name, lambda: read_csv([source], kind))


def _combine_profiles(results: list[FileResult]) -> None:
    """One set of profile facts, on the first result of PROFILE_PREFERENCE that has some."""
    holders = sorted(
        (result for result in results if result.profile is not None),
        key=lambda result: (
            PROFILE_PREFERENCE.index(result.kind)
            if result.kind in PROFILE_PREFERENCE
            else len(PROFILE_PREFERENCE)
        ),
    )
    if not holders:
        return
    combined = holders[0].profile
    for other in holders[1:]:
        if combined is not None and other.profile is not None:
            combined = combined.merged(other.profile)
        other.profile = None
    holders[0].profile = combined


def _resolve_formats(results: list[FileResult]) -> None:
    hints = [hint for result in results for hint in result.format_hints]
    polls = {link for result in results for link in result.poll_links}
    uploads_read = any(result.kind == "rich_media" for result in results)
    for result in results:
        if result.posts:
            result.posts = resolve_post_formats(result.posts, hints, polls, uploads_read)


class _ProgressRaised(Exception):
    """Carries an exception from the caller's progress callback through the safety net."""

    def __init__(self, original: BaseException) -> None:
        super().__init__(str(original))
        self.original = original


def _reporting(progress: Progress | None) -> Progress | None:
    if progress is None:
        return None

    def report(name: str, done: int, total: int) -> None:
        try:
            progress(name, done, total)
        except Exception as error:
            raise _ProgressRaised(error) from error

    return report


def _read_anything(path: Path, progress: Progress | None) -> list[FileResult]:
    try:
        is_dir, is_file = path.is_dir(), path.is_file()
    except OSError:
        is_dir = is_file = False
    if is_dir:
        return _read_export(folder_sources(path), path.name or str(path), progress)
    if is_file and _is_archive(path):
        with zip_sources(path) as sources:
            return _read_export(sources, path.name, progress)
    if is_file:
        results = [_read_single(path)]
        if progress is not None:
            progress(path.name, 1, 1)
        return results
    raise ImportRefused(f"There is no file or folder at {path}.")


def read_path(path: Path, progress: Progress | None = None) -> list[FileResult]:
    """Everything importable at `path`; raises ImportRefused (one sentence) when it cannot.

    `progress`, when given, is called after each file; an exception it raises (a cancel)
    propagates unchanged.
    """
    path = Path(path)
    try:
        results = _read_anything(path, _reporting(progress))
        _combine_profiles(results)
        _resolve_formats(results)
    except ImportRefused:
        raise
    except _ProgressRaised as carried:
        raise carried.original from None
    except PermissionError:
        raise ImportRefused(f"{path.name} cannot be read: permission denied.") from None
    except Exception:  # the contract: only ImportRefused leaves read_path
        raise ImportRefused(f"{path.name} could not be read: {_DAMAGED}.") from None
    return results


def _is_archive(path: Path) -> bool:
    """A .zip, or a ZIP by its content that is not a workbook (workbooks are ZIPs too)."""
    suffix = path.suffix.casefold()
    if suffix == ".zip":
        return True
    if suffix in (".xlsx", ".xlsm", ".csv", ".tsv", ".txt"):
        return False
    try:
        with path.open("rb") as stream:
            return stream.read(4) == b"PK\x03\x04"
    except OSError:
        return False
