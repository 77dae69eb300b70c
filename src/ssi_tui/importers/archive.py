"""Find the files of a data export, in a ZIP or an unpacked folder, whatever its layout.

Files may sit in the root, in one folder named like the archive, or in sub-folders (`Jobs/`,
`Articles/`); split files (`Shares_1.csv`, `Shares_2.csv`) are grouped so they are read as one.
Work is bounded before anything is read: a ZIP that would expand beyond 1 GB is refused.

Every file is handed on, also those never read (system files, names that lead outside the
export such as `../x.csv`): they carry a `skip` reason so the report lists them by their name
as written, and a member sees everything the archive held.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Final

from ssi_tui.importers.model import ImportRefused
from ssi_tui.importers.values import normalise_label

MAX_FILE_BYTES: Final = 200 * 1000 * 1000
"""A single CSV (or workbook) bigger than this is refused: no real export file comes close."""
MAX_EXPANDED_BYTES: Final = 1000 * 1000 * 1000
"""A ZIP (or folder) whose files add up to more than this is refused (zip-bomb guard)."""
MAX_FILES: Final = 5000
"""A data export holds around a hundred files."""

ZIP_ERRORS: Final = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,  # an unsupported (or garbled) version or compression method
    OSError,
    ValueError,
    EOFError,
    struct.error,
)
"""What the zipfile module raises for a damaged or exotic archive."""

_SPLIT_SUFFIX: Final = re.compile(r"(?<![0-9])[ _-]?\(?([0-9]{1,3})\)?$")
_JUNK: Final = ("__macosx", ".ds_store", "thumbs.db", "desktop.ini")
_DRIVE: Final = re.compile(r"^[A-Za-z]:")

OUTSIDE: Final = "its name leads outside the export"
"""Why an entry such as `../x.csv` or `/etc/x.csv` is listed and never read."""
SYSTEM_FILE: Final = "a system or hidden file"


@dataclass(frozen=True)
class Source:
    """One file to read: its name as in the export, its size, and how to open it (bytes)."""

    name: str
    size: int
    opener: Callable[[], IO[bytes]]
    skip: str | None = None
    """Why this file is listed but never read (a system file, a name leading outside)."""

    def open(self) -> IO[bytes]:
        return self.opener()

    @property
    def base_name(self) -> str:
        return _path(self.name).name

    @property
    def extension(self) -> str:
        return _path(self.name).suffix.casefold().lstrip(".")


def _path(name: str) -> PurePosixPath:
    """A name as written in the export (kept for the report), `\\` read as a folder separator."""
    return PurePosixPath(name.replace("\\", "/"))


def _stem_and_part(name: str) -> tuple[str, int]:
    stem = _path(name).stem
    match = _SPLIT_SUFFIX.search(stem)
    if match and match.start() > 0:
        return stem[: match.start()], int(match[1])
    return stem, 0


def file_key(name: str) -> str:
    """`Jobs/Search Queries_2.csv` → `searchqueries`: the name that says what a file holds."""
    return normalise_label(_stem_and_part(name)[0])


def group_parts(sources: list[Source]) -> list[list[Source]]:
    """CSV sources grouped by file key, split parts ordered `_1`, `_2`, …; other files alone."""
    groups: dict[tuple[str, str], list[Source]] = defaultdict(list)
    for source in sources:
        key = file_key(source.name) if source.extension == "csv" else source.name
        groups[(key, source.extension)].append(source)
    ordered = [
        sorted(group, key=lambda source: (_stem_and_part(source.name)[1], source.name))
        for group in groups.values()
    ]
    return sorted(ordered, key=lambda group: group[0].name.casefold())


def _is_junk(name: str) -> bool:
    parts = _path(name).parts
    return any(part.casefold() in _JUNK or part.startswith(".") for part in parts)


def _leads_outside(name: str) -> bool:
    """Absolute, on a drive, or climbing out with `..`: unpacked, it would land elsewhere."""
    posix = name.replace("\\", "/")
    return posix.startswith("/") or _DRIVE.match(posix) is not None or ".." in posix.split("/")


def skip_reason(name: str) -> str | None:
    """Why a file of an export is never read, whatever it holds; None for one worth a look."""
    if _leads_outside(name):
        return OUTSIDE
    if _is_junk(name):
        return SYSTEM_FILE
    return None


def _without_export_folder(names: list[str], container: str) -> dict[str, str]:
    """Original name → name shown, without the export's own folder when every file sits in it.

    That folder is named like the archive (`Basic_LinkedInDataExport_07-20-2025/`); a common
    folder with another name (`Jobs/`) is part of the files' names and stays. Otherwise names
    are shown as written.
    """
    firsts = {_path(name).parts[0] for name in names if len(_path(name).parts) > 1}
    everyone_inside = all(len(_path(name).parts) > 1 for name in names)
    if len(firsts) == 1 and everyone_inside:
        folder = next(iter(firsts))
        label = normalise_label(folder)
        if "linkedindataexport" in label or label == normalise_label(_path(container).stem):
            return {name: name[len(folder) + 1 :] for name in names}
    return {name: name for name in names}


def _check_bounds(count: int, total: int, label: str, *, packed: bool = False) -> None:
    if count > MAX_FILES:
        raise ImportRefused(f"{label} holds {count} files, far more than a LinkedIn export.")
    if total > MAX_EXPANDED_BYTES:
        size = f"{'would expand to' if packed else 'holds'} {total // 1_000_000} MB"
        raise ImportRefused(f"{label} {size}, beyond the 1 GB an import may read.")


@contextmanager
def zip_sources(path: Path) -> Iterator[list[Source]]:
    """The files inside a ZIP; the archive stays open while the caller reads them."""
    try:
        archive = zipfile.ZipFile(path)
    except ZIP_ERRORS:
        raise ImportRefused(
            f"{path.name} is not a readable ZIP archive (damaged or incomplete download)."
        ) from None
    with archive:
        entries = [info for info in archive.infolist() if not info.is_dir()]
        reasons = {info.filename: skip_reason(info.filename) for info in entries}
        members = [info for info in entries if reasons[info.filename] is None]
        expanded = sum(info.file_size for info in members)
        _check_bounds(len(entries), expanded, path.name, packed=True)
        if any(info.flag_bits & 0x1 for info in members):
            raise ImportRefused(f"{path.name} is password-protected; unpack it first.")
        shown = _without_export_folder([info.filename for info in members], path.name)

        def opener(info: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
            return lambda: archive.open(info)

        yield [
            Source(
                shown.get(info.filename, info.filename),
                info.file_size,
                opener(info),
                reasons[info.filename],
            )
            for info in entries
        ]


def folder_sources(path: Path) -> list[Source]:
    """The files of an unpacked export, with names relative to the folder.

    Only CSV files and workbooks count toward the bounds: other files are listed, never read.
    """
    files: list[Path] = []
    for item in path.rglob("*"):
        if item.is_file():
            files.append(item)
            _check_bounds(len(files), 0, path.name or str(path))  # stop walking a huge tree early
    files.sort()
    names = [item.relative_to(path).as_posix() for item in files]
    reasons = [skip_reason(name) for name in names]
    sizes = [item.stat().st_size for item in files]
    readable = sum(
        size
        for item, size, reason in zip(files, sizes, reasons, strict=True)
        if reason is None and _is_read(item.name)
    )
    _check_bounds(len(files), readable, path.name or str(path))

    def opener(item: Path) -> Callable[[], IO[bytes]]:
        return lambda: item.open("rb")

    shown = _without_export_folder(
        [name for name, reason in zip(names, reasons, strict=True) if reason is None], path.name
    )
    return [
        Source(shown.get(name, name), size, opener(item), reason)
        for item, name, size, reason in zip(files, names, sizes, reasons, strict=True)
    ]


def _is_read(name: str) -> bool:
    return _path(name).suffix.casefold() in (".csv", ".xlsx")


def file_source(path: Path) -> Source:
    """A single file given on its own."""
    return Source(path.name, path.stat().st_size, lambda: path.open("rb"))
