"""Whole exports: ZIP layouts, folders, split files, skipped files, refusals and bounds."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from export_builders import (
    ACTIVITY,
    CONNECTIONS_TEXT,
    SHARE,
    complete_export,
    csv_bytes,
    zip_bytes,
)

from ssi_tui.importers import FileResult, ImportRefused, archive, read_path, reading
from ssi_tui.importers.archive import file_key

Write = Callable[[str, bytes], Path]
EXPORT_FOLDER = "Complete_LinkedInDataExport_07-20-2025"


def _summary(results: list[FileResult]) -> dict[str, tuple[str, int, int]]:
    return {result.name: (result.kind, result.imported, result.skipped) for result in results}


def test_basic_export_in_the_zip_root(write: Write) -> None:
    files = {
        "Connections.csv": CONNECTIONS_TEXT.encode(),
        "Profile.csv": complete_export()["Profile.csv"],
        "Email Addresses.csv": csv_bytes([["Email Address"], ["rowan@example.org"]]),
        "Registration.csv": csv_bytes([["Registered At"], ["1/1/12, 9:00 AM"]]),
    }
    path = write("Basic_LinkedInDataExport_07-20-2025.zip", zip_bytes(files))
    assert _summary(read_path(path)) == {
        "Connections.csv": ("connections", 4, 0),
        "Email Addresses.csv": ("skipped", 0, 0),
        "Profile.csv": ("profile", 1, 0),
        "Registration.csv": ("skipped", 0, 0),
    }


def test_complete_export_inside_its_own_folder_reads_like_the_unpacked_folder(
    write: Write, tmp_path: Path
) -> None:
    files = complete_export()
    zipped = write("export.zip", zip_bytes({f"{EXPORT_FOLDER}/{n}": d for n, d in files.items()}))
    for name, data in files.items():
        write(f"unpacked/{EXPORT_FOLDER}/{name}", data)
    from_zip = _summary(read_path(zipped))
    from_folder = _summary(read_path(tmp_path / "unpacked"))
    assert from_zip == from_folder
    assert from_zip["Shares.csv"] == ("shares", 5, 0)
    assert from_zip["Jobs/Job Applications.csv"] == ("skipped", 0, 0)
    assert from_zip["Articles/Articles/notes.html"] == ("skipped", 0, 0)
    assert len(from_zip) == len(files)


def test_split_files_in_sub_folders_merge_into_one_result(write: Write) -> None:
    header = ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"]
    first = [header, ["2025-01-02 09:00:00", SHARE.format(1001), "one", "", "", ""]]
    repeated = ["2025-01-03 09:00:00", SHARE.format(1002), "two", "", "", ""]
    second = [
        header,
        repeated,
        repeated,
        ["2025-01-03 11:00:00", SHARE.format(1003), "3", "", "", ""],
    ]
    files = {"Jobs/Shares_1.csv": csv_bytes(first), "Jobs/Shares_2.csv": csv_bytes(second)}
    [result] = read_path(write("LinkedInDataExport.zip", zip_bytes(files)))
    assert result.name == "Jobs/Shares_1.csv + Jobs/Shares_2.csv"
    assert (result.kind, result.imported, result.skipped) == ("shares", 3, 1)
    assert [(row.date.isoformat(), row.count) for row in result.journal] == [
        ("2025-01-02", 1),
        ("2025-01-03", 2),
    ]
    assert len(result.posts) == 3


def test_errors_in_split_parts_name_the_part(write: Write) -> None:
    header = ["Date", "Link", "Message"]
    files = {
        "Comments_1.csv": csv_bytes([header, ["2025-01-02 09:00:00", "x", "ok"]]),
        "Comments_2.csv": csv_bytes([header, ["someday", "y", "hm"]]),
    }
    [result] = read_path(write("e.zip", zip_bytes(files)))
    assert result.errors == ["Comments_2.csv line 2: unreadable date 'someday'"]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Search Queries.csv", "searchqueries"),
        ("SearchQueries.csv", "searchqueries"),
        ("Rich Media.csv", "richmedia"),
        ("Rich_Media.csv", "richmedia"),
        ("messages.csv", "messages"),
        ("Messages.csv", "messages"),
        ("Jobs/Shares_2.csv", "shares"),
        ("Company Follows.csv", "companyfollows"),
        ("PostAnalytics_Rowan_7212345678.xlsx", "postanalyticsrowan7212345678"),
    ],
)
def test_file_names_match_whatever_the_year_wrote(name: str, key: str) -> None:
    assert file_key(name) == key


def test_verbatim_repeats_count_once_across_the_archive(write: Write) -> None:
    row = ["2025-07-01 10:00:00", "LIKE", ACTIVITY.format(1)]
    data = csv_bytes([["Date", "Type", "Link"], row, row, row])
    [result] = read_path(write("Reactions.csv", data))
    assert (result.imported, result.skipped) == (1, 2)
    assert result.journal[0].count == 1


def test_progress_reports_every_file(write: Write) -> None:
    files = {"Votes.csv": complete_export()["Votes.csv"], "Education.csv": b"School Name\r\nX\r\n"}
    calls: list[tuple[str, int, int]] = []
    read_path(write("e.zip", zip_bytes(files)), lambda *call: calls.append(call))
    assert calls == [("Education.csv", 1, 2), ("Votes.csv", 2, 2)]


def test_a_progress_callback_may_cancel(write: Write) -> None:
    path = write("e.zip", zip_bytes({"Votes.csv": complete_export()["Votes.csv"]}))

    def cancel(name: str, done: int, total: int) -> None:
        raise KeyboardInterrupt if done < 0 else RuntimeError("cancelled")

    with pytest.raises(RuntimeError, match="cancelled"):
        read_path(path, cancel)


def test_a_truncated_zip_is_refused(write: Write) -> None:
    data = zip_bytes(complete_export())
    with pytest.raises(ImportRefused, match="not a readable ZIP archive"):
        read_path(write("Complete_LinkedInDataExport_07-20-2025.zip", data[: len(data) // 2]))


def test_a_zip_with_damaged_contents_is_refused(write: Write) -> None:
    data = bytearray(zip_bytes({"Comments.csv": complete_export()["Comments.csv"] * 50}))
    data[60:90] = b"\x00" * 30  # inside the compressed member, the directory stays intact
    with pytest.raises(ImportRefused, match=r"Comments\.csv"):
        read_path(write("e.zip", bytes(data)))


def test_a_file_named_zip_that_is_not_one_is_refused(write: Write) -> None:
    with pytest.raises(ImportRefused, match="not a readable ZIP"):
        read_path(write("export.zip", b"this is text"))


def test_a_zip_without_any_export_file_is_refused(write: Write) -> None:
    with pytest.raises(ImportRefused, match="no file of LinkedIn's data export"):
        read_path(write("holiday.zip", zip_bytes({"beach.jpg": b"\xff\xd8", "notes.txt": b"hi"})))


@pytest.mark.parametrize("name", ["data.json", "scan.pdf", "notes.docx"])
def test_an_unknown_single_file_type_is_refused(write: Write, name: str) -> None:
    with pytest.raises(ImportRefused, match="not a file ssi-tui can import"):
        read_path(write(name, b"{}"))


def test_an_unknown_csv_is_refused(write: Write) -> None:
    with pytest.raises(ImportRefused, match="not a CSV ssi-tui knows"):
        read_path(write("budget.csv", b"Item,Cost\nTea,3\n"))


def test_a_known_csv_with_a_wrong_header_inside_an_archive_is_refused(write: Write) -> None:
    files = {"Votes.csv": complete_export()["Votes.csv"], "Reactions.csv": b"Foo,Bar\n1,2\n"}
    with pytest.raises(ImportRefused, match=r"Reactions\.csv does not have the header"):
        read_path(write("e.zip", zip_bytes(files)))


def test_a_missing_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="no file or folder"):
        read_path(tmp_path / "nope.zip")


def test_an_oversized_csv_is_refused(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    with pytest.raises(ImportRefused, match="larger than the 200 MB"):
        read_path(write("Comments.csv", complete_export()["Comments.csv"] * 3))


def test_a_zip_that_would_expand_too_far_is_refused(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_EXPANDED_BYTES", 1000)
    data = zip_bytes({"Comments.csv": b"Date,Link,Message\n" + b"x" * 5000})
    with pytest.raises(ImportRefused, match="beyond the 1 GB"):
        read_path(write("bomb.zip", data))


def test_a_folder_counts_only_the_files_it_would_read(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_EXPANDED_BYTES", 1000)
    write("export/Votes.csv", complete_export()["Votes.csv"])
    write("export/video.mp4", b"\x00" * 5000)
    assert sorted(result.kind for result in read_path(tmp_path / "export")) == ["skipped", "votes"]
    write("export/Comments.csv", b"Date,Link,Message\n" + b"x" * 5000)
    with pytest.raises(ImportRefused, match="holds 0 MB, beyond the 1 GB"):
        read_path(tmp_path / "export")


def test_a_folder_with_too_many_files_is_refused(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_FILES", 3)
    for number in range(5):
        write(f"many/file{number}.txt", b"x")
    with pytest.raises(ImportRefused, match="far more than a LinkedIn export"):
        read_path(tmp_path / "many")


def test_macos_junk_in_a_zip_is_listed_but_never_read(write: Write) -> None:
    files = {"Votes.csv": complete_export()["Votes.csv"], "__MACOSX/._Votes.csv": b"\x00\x05"}
    junk, votes = read_path(write("e.zip", zip_bytes(files)))
    assert (junk.name, junk.kind, junk.reason) == (
        "__MACOSX/._Votes.csv",
        "skipped",
        "a system or hidden file",
    )
    assert (votes.name, votes.kind, votes.imported) == ("Votes.csv", "votes", 2)


def test_a_zip_member_name_keeps_sub_folders_but_not_the_export_folder(write: Write) -> None:
    files = {f"{EXPORT_FOLDER}/Jobs/Votes.csv": complete_export()["Votes.csv"]}
    [result] = read_path(write("e.zip", zip_bytes(files)))
    assert result.name == "Jobs/Votes.csv"


def test_an_archive_without_a_zip_suffix_is_recognised_by_content(write: Write) -> None:
    path = write("export-download", zip_bytes({"Votes.csv": complete_export()["Votes.csv"]}))
    assert [result.kind for result in read_path(path)] == ["votes"]
    assert zipfile.is_zipfile(path)
