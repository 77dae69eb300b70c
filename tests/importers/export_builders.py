"""Builders for invented LinkedIn exports: CSVs in every documented shape, ZIPs and workbooks.

Every person, company and post here is made up; the shapes follow linkedin-formats.md.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

Rows = Sequence[Sequence[object]]

MEMBER_URL = "https://www.linkedin.com/in/rowan-tess-000"
ANN_URL = "https://www.linkedin.com/in/ann-brook-111"
BO_URL = "https://www.linkedin.com/in/bo-marsh-222"
RECRUITER_URL = "https://www.linkedin.com/in/cy-dale-333"

SHARE = "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{0}"
ACTIVITY = "https://www.linkedin.com/feed/update/urn:li:activity:{0}"


def csv_bytes(
    rows: Rows,
    *,
    delimiter: str = ",",
    quote_all: bool = False,
    newline: str = "\r\n",
    encoding: str = "utf-8",
) -> bytes:
    """Rows written the way LinkedIn's exporter writes them."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer,
        delimiter=delimiter,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
        lineterminator=newline,
    )
    writer.writerows([[str(cell) for cell in row] for row in rows])
    text = buffer.getvalue()
    if encoding == "utf-16-le-bom":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return text.encode(encoding)


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def xlsx_bytes(sheets: Mapping[str, Rows]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SHARES_ROWS: Rows = [
    ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"],
    # a multi-line post with LinkedIn's quote-wrapped lines, emoji and "bold" letters
    [
        "2024-11-12 03:01:10",
        SHARE.format(7100000000000000001),
        'Three lessons from 40 discovery calls 🚀"\n""\n"𝗟𝗶𝘀𝘁𝗲𝗻 more than you talk.',
        "",
        "",
        "MEMBER_NETWORK",
    ],
    [
        "2024-11-20 16:45:00",
        SHARE.format(7100000000000000002),
        "Our pricing guide",
        "",
        "",
        "PUBLIC",
    ],
    [
        "2024-11-20 18:00:00",
        SHARE.format(7100000000000000003),
        "https://example.org/sales-playbook",
        "https://example.org/sales-playbook",
        "https://media.example.org/preview.jpg",
        "PUBLIC",
    ],
    ["2024-11-22 08:00:00", SHARE.format(7100000000000000004), "Which do you prefer?", "", "", ""],
    ["2024-11-23 09:00:00", SHARE.format(7100000000000000005), "", ACTIVITY.format(99), "", ""],
]
"""Five shares: a video, a carousel, a link, a poll and a repost (by the evidence elsewhere)."""

RICH_MEDIA_ROWS: Rows = [
    ["Date/Time", "Media Description", "Media Link"],
    ["You uploaded a video on November 12, 2024 at 2:56 AM (GMT)", "", "https://media/1"],
    ["You uploaded a feed document on November 20, 2024 at 4:41 PM (GMT)", "", "https://media/2"],
    ["You uploaded a profile photo on January 3, 2023 at 9:00 AM (GMT)", "", "https://media/3"],
    ["You uploaded a background photo on January 3, 2023 at 9:05 AM (GMT)", "", "https://m/4"],
]

VOTES_ROWS: Rows = [
    ["Date", "Link", "OptionText"],
    ["2024-11-22 08:30:00", SHARE.format(7100000000000000004), "Video"],
    ["2024-11-25 10:00:00", ACTIVITY.format(555), "Yes"],
]

CONNECTIONS_TEXT = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing. You will only see email addresses for connections who allow it."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Ada,Quill,https://www.linkedin.com/in/ada-quill,,Northwind Parts,VP Sales,16 Dec 2024\r\n"
    "Ben,Hart,https://www.linkedin.com/in/ben-hart,,Kestrel Labs,Account Executive,16 Dec 2024\r\n"
    "Cleo,Fenn,https://www.linkedin.com/in/cleo-fenn,,Bluefin Co,Co-Founder & CEO,02 Jan 2025\r\n"
    "Dev,Arlo,https://www.linkedin.com/in/dev-arlo,,Ovalo,Product Owner,02 Jan 2025\r\n"
)

MESSAGES_HEADER: list[str] = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "IS MESSAGE DRAFT",
    "IS CONVERSATION DRAFT",
]
PEOPLE = {
    "Rowan Tess": MEMBER_URL,
    "Ann Brook": ANN_URL,
    "Bo Marsh": BO_URL,
    "Cy Dale": RECRUITER_URL,
}


def message(
    conversation: str, sender: str, recipient: str, when: str, *, folder: str = "INBOX"
) -> list[str]:
    """One messages.csv row (2024 layout) between two of the invented PEOPLE."""
    draft = "Yes" if folder == "DRAFT" else "No"
    return [
        conversation,
        "",
        sender,
        PEOPLE[sender],
        recipient,
        PEOPLE[recipient],
        f"{when} UTC",
        "",
        f"a message from {sender}",
        folder,
        draft,
        "No",
    ]


MESSAGES_ROWS: Rows = [
    MESSAGES_HEADER,
    # conversation A: the member writes, Ann replies twice (one reply), again later
    message("A", "Rowan Tess", "Ann Brook", "2024-12-16 09:00:00"),
    message("A", "Ann Brook", "Rowan Tess", "2024-12-16 10:00:00"),
    message("A", "Ann Brook", "Rowan Tess", "2024-12-16 10:05:00"),
    message("A", "Rowan Tess", "Ann Brook", "2024-12-17 08:00:00"),
    message("A", "Ann Brook", "Rowan Tess", "2024-12-18 09:00:00"),
    # conversation B: Bo writes first (no reply), the member answers
    message("B", "Bo Marsh", "Rowan Tess", "2024-12-10 12:00:00"),
    message("B", "Rowan Tess", "Bo Marsh", "2024-12-11 12:00:00"),
    # conversation C: a recruiter writes twice, the member never answers
    message("C", "Cy Dale", "Rowan Tess", "2024-12-01 12:00:00"),
    message("C", "Cy Dale", "Rowan Tess", "2024-12-05 12:00:00"),
    # a draft by the member: skipped
    message("D", "Rowan Tess", "Bo Marsh", "2024-12-20 12:00:00", folder="DRAFT"),
]


def complete_export() -> dict[str, bytes]:
    """A Complete export's files (names as LinkedIn writes them) with invented content."""
    return {
        "Shares.csv": csv_bytes(SHARES_ROWS),
        "Comments.csv": csv_bytes(
            [
                ["Date", "Link", "Message"],
                ["2025-07-13 08:15:21", ACTIVITY.format(11), "Great point"],
                ["2025-07-13 09:15:21", ACTIVITY.format(12), "Agreed, and more"],
                ["2025-07-14 10:00:00", ACTIVITY.format(13), "Thanks"],
            ]
        ),
        "Reactions.csv": csv_bytes(
            [
                ["Date", "Type", "Link"],
                ["2025-07-01 10:00:00", "LIKE", ACTIVITY.format(21)],
                ["2025-07-01 11:00:00", "PRAISE", ACTIVITY.format(22)],
                ["2025-07-01 11:00:00", "PRAISE", ACTIVITY.format(22)],  # repeated verbatim
                ["2025-07-02 11:00:00", "EMPATHY", ACTIVITY.format(23)],
            ]
        ),
        "Votes.csv": csv_bytes(VOTES_ROWS),
        "Rich_Media.csv": csv_bytes(RICH_MEDIA_ROWS),
        "Connections.csv": CONNECTIONS_TEXT.encode(),
        "messages.csv": csv_bytes(MESSAGES_ROWS),
        "Invitations.csv": csv_bytes(
            [
                [
                    "From",
                    "To",
                    "Sent At",
                    "Message",
                    "Direction",
                    "inviterProfileUrl",
                    "inviteeProfileUrl",
                ],
                ["Rowan Tess", "Eve Lark", "4/6/26, 2:12 PM", "", "OUTGOING", MEMBER_URL, "x"],
                [
                    "Rowan Tess",
                    "Fay Moss",
                    "4/6/26, 3:40 PM",
                    "Hi Fay",
                    "OUTGOING",
                    MEMBER_URL,
                    "y",
                ],
                ["Gil Yew", "Rowan Tess", "4/7/26, 9:00 AM", "", "INCOMING", "z", MEMBER_URL],
            ]
        ),
        "Endorsement_Received_Info.csv": csv_bytes(
            [
                [
                    "Endorsement Date",
                    "Skill Name",
                    "Endorser First Name",
                    "Endorser Last Name",
                    "Endorser Public Url",
                    "Endorsement Status",
                ],
                ["2024/12/07 14:51:07 UTC", "Negotiation", "Ann", "Brook", ANN_URL, "ACCEPTED"],
                ["2024/12/07 15:00:00 UTC", "Prospecting", "Bo", "Marsh", BO_URL, "PENDING"],
            ]
        ),
        "Endorsement_Given_Info.csv": csv_bytes(
            [
                [
                    "Endorsement Date",
                    "Skill Name",
                    "Endorsee First Name",
                    "Endorsee Last Name",
                    "Endorsee Public Url",
                    "Endorsement Status",
                ],
                ["2024/12/08 10:00:00 UTC", "SaaS", "Ann", "Brook", ANN_URL, "ACCEPTED"],
            ]
        ),
        "Recommendations_Received.csv": csv_bytes(
            [
                [
                    "First Name",
                    "Last Name",
                    "Company",
                    "Job Title",
                    "Text",
                    "Creation Date",
                    "Status",
                ],
                [
                    "Ann",
                    "Brook",
                    "Northwind",
                    "CRO",
                    "Rowan is great.",
                    "12/24/23, 05:28 AM",
                    "VISIBLE",
                ],
                ["Bo", "Marsh", "Kestrel", "AE", "Solid.", "12/26/23, 05:28 AM", "HIDDEN"],
            ]
        ),
        "Recommendations_Given.csv": csv_bytes(
            [
                [
                    "First Name",
                    "Last Name",
                    "Company",
                    "Job Title",
                    "Text",
                    "Creation Date",
                    "Status",
                ],
                [
                    "Ann",
                    "Brook",
                    "Northwind",
                    "CRO",
                    "Ann leads well.",
                    "1/5/24, 10:00 AM",
                    "VISIBLE",
                ],
            ]
        ),
        "SearchQueries.csv": csv_bytes(
            [
                ["Time", "Search Query"],
                ["2023/04/22 09:54:59 UTC", "head of sales fintech"],
                ["2023/04/22 10:01:00 UTC", "vp revenue lisbon"],
            ]
        ),
        "Company Follows.csv": csv_bytes(
            [["Organization", "Followed On"], ["Kestrel Labs", "Wed Jun 16 06:56:05 UTC 2021"]]
        ),
        "Member_Follows.csv": csv_bytes(
            [["Date", "Status", "FullName"], ["2021-06-16 07:00:00", "Active", "Ann Brook"]]
        ),
        "Profile.csv": csv_bytes(
            [
                [
                    "First Name",
                    "Last Name",
                    "Maiden Name",
                    "Address",
                    "Birth Date",
                    "Headline",
                    "Summary",
                    "Industry",
                    "Zip Code",
                    "Geo Location",
                    "Twitter Handles",
                    "Websites",
                    "Instant Messengers",
                ],
                [
                    "Rowan",
                    "Tess",
                    "",
                    "",
                    "",
                    "Helping SaaS teams sell",
                    "I coach reps.",
                    "Software Development",
                    "",
                    "Lisbon, Portugal",
                    "",
                    "",
                    "",
                ],
            ]
        ),
        "Skills.csv": csv_bytes(
            [["Name"], ["Negotiation"], ["Prospecting"], ["SaaS"], ["CRM"], ["Coaching"]]
        ),
        "Positions.csv": csv_bytes(
            [
                ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
                ["Northwind Parts", "Sales Lead", "", "Lisbon", "Jan 2024", ""],
                ["Kestrel Labs", "SDR", "", "Porto", "Mar 2021", "Dec 2023"],
            ]
        ),
        "Jobs/Job Applications.csv": csv_bytes([["Application Date", "Company"], ["x", "y"]]),
        "Articles/Articles/notes.html": b"<html></html>",
        "Education.csv": csv_bytes([["School Name"], ["Invented University"]]),
    }


def comments_csv(path: Path, comments: int) -> Path:
    """An export's Comments.csv at `path`: one comment a day from 2026-05-01."""
    rows: list[list[object]] = [["Date", "Link", "Message"]]
    rows += [
        [f"2026-05-{day:02d} 09:1{day % 10}:00", ACTIVITY.format(7000 + day), f"Agreed, {day}"]
        for day in range(1, comments + 1)
    ]
    path.write_bytes(csv_bytes(rows))
    return path


Row = list[str]
RowMaker = Callable[[datetime, int], Row]


@dataclass(frozen=True)
class DatedFile:
    """One export file that lists dated actions: its header and how each row is written."""

    name: str
    header: Row
    row: RowMaker
    activity: str
    """The journal activity each kept row counts as."""
    skips: Callable[[int], str | None] = lambda number: None
    """The reason row `number` is skipped by the importer (None: it is counted)."""
    date_column: int = 0


def _invitation(when: datetime, number: int) -> Row:
    direction = "INCOMING" if number % 3 == 0 else "OUTGOING"
    stamp = f"{when.month}/{when.day}/{when:%y}, {when:%I:%M %p}".replace(", 0", ", ")
    return ["Rowan Tess", f"Person {number}", stamp, "", direction, MEMBER_URL, f"u{number}"]


DATED_FILES: dict[str, DatedFile] = {
    file.name: file
    for file in (
        DatedFile(
            "Comments.csv",
            ["Date", "Link", "Message"],
            lambda when, n: [f"{when:%Y-%m-%d %H:%M:%S}", ACTIVITY.format(n), f"Comment {n}"],
            "comment",
        ),
        DatedFile(
            "Reactions.csv",
            ["Date", "Type", "Link"],
            lambda when, n: [f"{when:%Y-%m-%d %H:%M:%S}", "PRAISE", ACTIVITY.format(n)],
            "reaction",
        ),
        DatedFile(
            "SearchQueries.csv",
            ["Time", "Search Query"],
            lambda when, n: [f"{when:%Y/%m/%d %H:%M:%S} UTC", f"head of sales {n}"],
            "search",
        ),
        DatedFile(
            "Shares.csv",
            ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"],
            lambda when, n: [f"{when:%Y-%m-%d %H:%M:%S}", SHARE.format(n), f"Post {n}", "", "", ""],
            "post",
        ),
        DatedFile(
            "Invitations.csv",
            [
                "From",
                "To",
                "Sent At",
                "Message",
                "Direction",
                "inviterProfileUrl",
                "inviteeProfileUrl",
            ],
            _invitation,
            "connection_request",
            skips=lambda n: "not sent by the member" if n % 3 == 0 else None,
            date_column=2,
        ),
        DatedFile(
            "Member_Follows.csv",
            ["Date", "Status", "FullName"],
            lambda when, n: [f"{when:%Y-%m-%d %H:%M:%S}", "Active", f"Person {n}"],
            "follow",
        ),
    )
}
"""Dated export files in their documented shapes, for tests that vary rows and count them."""

UNREADABLE_DATES = (
    "yesterday",
    "soon",
    "2024-13-45 08:00:00",
    "31/02/2024",
    "2024.07.13",
    "Jul 13th",
    "n/a",
    "",
    "2999-01-01 10:00:00",
)
"""Dates LinkedIn never writes; the importers must report each such row, never drop it."""


def csv_line(cells: Sequence[object], delimiter: str = ",") -> str:
    """One CSV line (no line ending), quoted the way LinkedIn's exporter quotes."""
    return csv_bytes([cells], delimiter=delimiter, newline="").decode()


def open_a_quote(line: str) -> str:
    """`line` with a quote opened before its last field and never closed (a damaged export)."""
    head, _, last = line.rpartition(",")
    return f'{head},"{last.strip(chr(34))}'


def comments_2024(records: Sequence[tuple[str, str, Sequence[str]]]) -> bytes:
    """A 2021/2024 Comments.csv: a message with line breaks but no comma or quote is written
    unquoted, so its later lines look like records of their own."""
    lines = ["Date,Link,Message"]
    for when, link, message_lines in records:
        first, *rest = message_lines
        lines.append(f"{when},{link},{first}")
        lines.extend(rest)
    return ("\r\n".join(lines) + "\r\n").encode()
