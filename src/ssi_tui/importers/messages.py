"""messages.csv: messages the member sent, and the replies they got.

The export does not say who the member is. Files from 2018 have a `Direction` column
(OUTGOING = the member). Later files do not: there the member is the sender (profile URL when
the file has one, else the name in FROM) who takes part in the most distinct conversations —
the member is in every conversation of their own mailbox, anyone else in few. Taking part means
writing in it, or (where the file has RECIPIENT PROFILE URLS) receiving in it; ties go to the one
who sent more messages.

Then, per conversation in time order: a message from the member → `message`; the first message
from someone else after one of the member's → `reply_received` (a burst of messages is one
reply; messages before the member wrote anything are not replies). Drafts and spam are skipped.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from ssi_tui.importers.csv_reading import CsvRow
from ssi_tui.importers.sink import Sink

_TRUE: Final = frozenset({"yes", "true", "1", "y"})
_SKIPPED_FOLDERS: Final = ("draft", "spam", "trash")
_URL_SPLIT: Final = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class _Message:
    conversation: str
    moment: datetime
    line: int
    sender: str
    outgoing: bool | None


def _profile_key(url: str) -> str:
    return url.casefold().split("?")[0].rstrip("/").removeprefix("https://").removeprefix("www.")


def _is_draft(row: CsvRow) -> bool:
    drafts = (row.get("ismessagedraft"), row.get("isconversationdraft"))
    folder = row.get("folder").casefold()
    return any(flag.casefold() in _TRUE for flag in drafts) or any(
        word in folder for word in _SKIPPED_FOLDERS
    )


def _recipients(row: CsvRow) -> list[str]:
    urls = row.get("recipientprofileurls")
    return [_profile_key(url) for url in _URL_SPLIT.split(urls) if url]


def _member(messages: list[_Message], taking_part: dict[str, set[str]]) -> str:
    sent = Counter(message.sender for message in messages)
    return max(sent, key=lambda sender: (len(taking_part[sender]), sent[sender], sender))


def transform_messages(rows: Iterable[CsvRow], sink: Sink) -> None:
    """`message` and `reply_received` per day (see the module docstring)."""
    messages: list[_Message] = []
    taking_part: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if _is_draft(row):
            sink.skip("draft or spam")
            continue
        moment = sink.moment(row.line, row.get("date"))
        if moment is None:
            continue
        url = row.get("senderprofileurl")
        sender = _profile_key(url) if url else row.get("from").casefold()
        recipients = _recipients(row)
        conversation = row.get("conversationid") or "|".join(
            sorted({sender, row.get("to").casefold()})
        )
        direction = row.get("direction").casefold()
        outgoing = {"outgoing": True, "incoming": False}.get(direction)
        messages.append(_Message(conversation, moment, row.line, sender, outgoing))
        for person in (sender, *recipients):
            taking_part[person].add(conversation)
    if not messages:
        return
    member = _member(messages, taking_part)
    messages.sort(key=lambda message: (message.conversation, message.moment, message.line))
    current = ""
    awaiting_reply = False
    for message in messages:
        if message.conversation != current:
            current, awaiting_reply = message.conversation, False
        from_member = message.outgoing if message.outgoing is not None else message.sender == member
        if from_member:
            sink.count(message.moment.date(), "message")
            awaiting_reply = True
            sink.used()
        elif awaiting_reply:
            sink.count(message.moment.date(), "reply_received")
            awaiting_reply = False
            sink.used()
        else:
            sink.skip("from someone else and not a reply")
