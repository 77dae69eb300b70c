"""Read the SSI page a member copies from LinkedIn (Ctrl+A, Ctrl+C), or the JSON it loads.

Pure standard library so the TUI, the CLI and the tests share one parser. Every failure is an
`SsiParseError` with one sentence the member can act on; nothing is guessed silently.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from ssi_tui.core.domain import (
    PILLAR_KEYS,
    PILLAR_MAX,
    PILLARS_BY_KEY,
    TOTAL_MAX,
    PillarKey,
    as_pillar_key,
)

MAX_INPUT_BYTES: Final = 2 * 1024 * 1024
"""The SSI page is a few kilobytes; anything this big is not a copy of it."""

_MAX_LINE_CHARS: Final = 300
"""Longer lines are prose, never a label or a score; capping them keeps regexes cheap."""
_SUM_TOLERANCE: Final = 0.5 + 1e-9
_HOW_TO_COPY: Final = "copy the whole SSI page (Ctrl+A, Ctrl+C) from linkedin.com/sales/ssi"
_SECTIONS: Final = ("member", "industry", "network")

_KEYWORDS: Final[dict[str, tuple[str, str]]] = {
    # phrase (casefolded) -> (kind, what it names)
    "establish your professional brand": ("pillar", "brand"),
    "estabelecer sua marca profissional": ("pillar", "brand"),
    "создавайте профессиональный бренд": ("pillar", "brand"),
    "find the right people": ("pillar", "people"),
    "localizar as pessoas certas": ("pillar", "people"),
    "находите нужных людей": ("pillar", "people"),
    "engage with insights": ("pillar", "insights"),
    "interagir oferecendo insights": ("pillar", "insights"),
    "взаимодействуйте \u0441 контентом": ("pillar", "insights"),  # \u0441: Cyrillic es
    "build relationships": ("pillar", "relationships"),
    "criar relacionamentos": ("pillar", "relationships"),
    "развивайте отношения": ("pillar", "relationships"),
    "industry ssi rank": ("rank", "industry"),
    "classificação no setor": ("rank", "industry"),
    "classificação ssi do setor": ("rank", "industry"),
    "network ssi rank": ("rank", "network"),
    "classificação na rede": ("rank", "network"),
    "classificação ssi da rede": ("rank", "network"),
    "current social selling index": ("total", "member"),
    "people in your industry": ("peers", "industry"),
    "people in your network": ("peers", "network"),
    "since last week": ("weekly", ""),
    "semana passada": ("weekly", ""),
    "прошлой недел": ("weekly", ""),
}
_KEYWORD_RE: Final = re.compile("|".join(re.escape(phrase) for phrase in _KEYWORDS))
_INDUSTRY_WORDS: Final = ("industry", "setor", "отрасл")
_RANK_SLOTS: Final = ("industry", "network")
"""The page's order: the industry rank's card comes before the network rank's."""
_SCORE_KINDS: Final = ("pillar", "total", "peers", "weekly")
"""Phrases of the score below the rank cards: the first one ends the cards."""
_RANK_LINE_MAX_WORDS: Final = 12
"""A rank card's line is a heading and `Top N%`; a longer line with a percentage is prose."""

_NUMBER: Final = r"[0-9]+(?:[.,][0-9]+)?"
_NUMBER_RE: Final = re.compile(_NUMBER)
_SIGN: Final = "[%\uff05\u066a]"  # ASCII, full-width (CJK) and Arabic
_SIGN_RE: Final = re.compile(_SIGN)
_NUMBER_TOKEN_RE: Final = re.compile(rf"(?<![0-9.,])({_NUMBER})( ?{_SIGN})?")
_OUT_OF_100_RE: Final = re.compile(rf"(?:({_NUMBER}) ?)?(?:/|(?:[^\W\d_]+ ){{1,3}}) ?100")
_PERCENT: Final = rf"(?<![0-9.,])(?:([0-9]{{1,3}}) ?{_SIGN}|{_SIGN} ?([0-9]{{1,3}})(?![0-9.,]))"
"""A whole percentage, `10%`, `10 %` or, as Turkish writes it, `%10`."""
_PERCENT_RE: Final = re.compile(_PERCENT)
_LETTERS: Final = r"[^\W\d_]+"
_PERCENT_LINE_RE: Final = re.compile(
    rf"(?:{_LETTERS}(?: {_LETTERS}){{0,2}} ?)?{_PERCENT}(?: {_LETTERS}){{0,2}}"
)
"""`Top 10%`, `Primeiros 10%`, `Les 10 % premiers`, `前10%`: a percentage and a few words."""
_BARE_RANK_RE: Final = re.compile("[0-9]{1,3}")
_SENTENCE_END_RE: Final = re.compile(rf"(?<![0-9.,])({_NUMBER}) ?\.?$")
_SSI_WORD_RE: Final = re.compile(r"\bssi\b")
_INVISIBLE_RE: Final = re.compile("[\u200b-\u200f\u2060\ufeff]")
_JSON_PILLARS: Final[dict[str, PillarKey]] = {
    "PROFESSIONAL_BRAND": "brand",
    "FIND_RIGHT_PEOPLE": "people",
    "INSIGHT_ENGAGEMENT": "insights",
    "STRONG_RELATIONSHIP": "relationships",
}


class SsiParseError(ValueError):
    """Raised with one clear sentence saying what was missing or wrong."""


@dataclass(frozen=True)
class ParsedSsi:
    """What the SSI page showed: the member's score, split and standing among peers."""

    total: float | None
    pillars: dict[PillarKey, float]
    industry_rank: int | None
    network_rank: int | None
    industry_average: float | None
    network_average: float | None
    industry_pillars: dict[PillarKey, float] | None
    network_pillars: dict[PillarKey, float] | None
    weekly_change: str | None
    source: str


@dataclass
class _Group:
    """One block of the page: the member's own, or the industry or network peers'."""

    pillars: dict[PillarKey, float] = field(default_factory=dict)
    score: float | None = None
    """The `N out of 100` line (the member's total, or the peers' average)."""
    average: float | None = None
    """The peers' "average SSI of N" sentence, which wins over their score line."""
    rank: int | None = None


def parse_ssi(text: str) -> ParsedSsi:
    """Parse a copy of the SSI page, or the page's JSON, refusing anything ambiguous."""
    if not isinstance(text, str):
        raise SsiParseError("The SSI page must be given as text, not as bytes or another type.")
    if len(text) > MAX_INPUT_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES:
        raise SsiParseError("The pasted text is over 2 MB, far more than the SSI page holds.")
    text = _INVISIBLE_RE.sub("", text).strip()
    if not text:
        raise SsiParseError(f"Nothing was pasted: {_HOW_TO_COPY}.")
    if text.startswith("{"):
        return _parse_json(text)
    return _TextScan(text).result()


def _clean_lines(text: str) -> list[str]:
    """Trimmed lines with whitespace runs (tabs, NBSP) collapsed and blank lines dropped."""
    collapsed = (" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines())
    return [line for line in collapsed if 0 < len(line) <= _MAX_LINE_CHARS]


def _to_float(number: str) -> float:
    return float(number.replace(",", "."))


def _missing_error(keys: list[PillarKey], where: str) -> SsiParseError:
    labels = ", ".join(PILLARS_BY_KEY[key].label for key in keys)
    return SsiParseError(f"Could not find {labels} in the pasted {where}: {_HOW_TO_COPY}.")


class _TextScan:
    """One pass over the page's lines; neighbours a value was taken from are marked used."""

    def __init__(self, text: str) -> None:
        self.lines = _clean_lines(text)
        self.folded = [line.casefold() for line in self.lines]
        self.used: set[int] = set()
        self.groups = {name: _Group() for name in _SECTIONS}
        self.section = 0
        self.score_lines: list[int] = []
        """Indexes of the `N out of 100` lines, in page order."""
        self.saw_label = False
        self.weekly: str | None = None
        self.score_start: int | None = None
        """The first line of the score proper; the rank cards are the lines above it."""
        self.rank_headings: dict[str, int] = {}
        """Where a heading known by its words gave a rank, to check the page order against."""
        self.ranks_beside: list[tuple[int, str]] = []
        """Rank labels with a `Top N%` line above or below them, read once every line is."""
        for index, line in enumerate(self.folded):
            if index not in self.used:
                self._read_line(index, line)
        self._read_ranks_beside()
        self._place_ranks_by_order()

    def _read_line(self, index: int, line: str) -> None:
        """Dispatch on the first known phrase; lines without one may be scores or sentences."""
        found = _KEYWORD_RE.search(line)
        phrase = found[0] if found else ""
        kind, name = _KEYWORDS.get(phrase, ("", ""))
        if self.score_start is None and (kind in _SCORE_KINDS or _OUT_OF_100_RE.fullmatch(line)):
            self.score_start = index
        if kind == "peers":
            self.section = _SECTIONS.index(name)
        if kind == "pillar":
            self._read_pillar(index, as_pillar_key(name), line.replace(phrase, " ", 1))
        elif kind == "rank":
            self._read_rank(index, name)
        elif kind == "total":
            self._read_total(index, line.replace(phrase, " ", 1))
        elif kind == "weekly" and self.weekly is None:
            self.weekly = self.lines[index]
        elif out_of_100 := _OUT_OF_100_RE.fullmatch(line):
            self._read_score(index, out_of_100[1])
        elif _SSI_WORD_RE.search(line) and len(line.split()) >= 4:
            self._read_average_sentence(line)

    def _claim(self, is_free: Callable[[_Group], bool], first: int = 0) -> _Group | None:
        """The current block if its slot is free, else the next one (peers follow the member)."""
        for position in range(max(self.section, first), len(_SECTIONS)):
            group = self.groups[_SECTIONS[position]]
            if is_free(group):
                self.section = position
                return group
        return None

    def _read_score(self, index: int, number: str | None) -> None:
        """`N out of 100` (or `out of 100` under a bare N): the member's total, then peers'."""
        self.score_lines.append(index)
        score = self._bare_number(index - 1) if number is None else _to_float(number)
        group = None if score is None else self._claim(lambda group: group.score is None)
        if group is not None:
            group.score = score

    def _bare_number(self, index: int) -> float | None:
        """A line that is only a number, taken once so two labels never share a value."""
        if 0 <= index < len(self.lines) and index not in self.used:
            match = _NUMBER_RE.fullmatch(self.lines[index])
            if match:
                self.used.add(index)
                return _to_float(match[0])
        return None

    def _read_pillar(self, index: int, key: PillarKey, rest: str) -> None:
        """The value beside the label, else on the free line above it, else the one below."""
        rest = rest.strip(" |:·\u2013\u2014")
        if rest and not _NUMBER_RE.fullmatch(rest):
            return  # the label inside a sentence, not a score
        self.saw_label = True
        value = _to_float(rest) if rest else self._bare_number(index - 1)
        if value is None:
            value = self._bare_number(index + 1)
        group = None if value is None else self._claim(lambda group: key not in group.pillars)
        if value is not None and group is not None:
            group.pillars[key] = value

    def _read_rank(self, index: int, section: str) -> None:
        """`Top N%` beside the label, on a line next to it, or split as `Top/label/N/%`."""
        group = self.groups[section]
        if group.rank is not None:
            return
        self.rank_headings[section] = index
        same_line = _PERCENT_RE.search(self.folded[index])
        if same_line:
            self.used.add(index)
            group.rank = int(same_line[1] or same_line[2])
            return
        if self._percent_line(index - 1) or self._percent_line(index + 1):
            self.ranks_beside.append((index, section))  # which side: once all are seen
            return
        after = self.lines[index + 2] if index + 2 < len(self.lines) else ""
        if _SIGN_RE.fullmatch(after) and (split := self._bare_number(index + 1)) is not None:
            self.used.add(index + 2)
            group.rank = int(split) if split.is_integer() else None
        if group.rank is None:
            del self.rank_headings[section]

    def _percent_line(self, index: int) -> bool:
        """A free line that is only `Top N%`."""
        return (
            0 <= index < len(self.lines)
            and index not in self.used
            and _PERCENT_LINE_RE.fullmatch(self.folded[index]) is not None
        )

    def _read_ranks_beside(self) -> None:
        """Each `Top N%` on the line below its label, or, where some label has one only above
        it, on the line above (`Top 42%` / `Industry SSI rank` / `Top 38%` / `Network SSI
        rank`: the line between the labels is then the network's, not the industry's)."""
        above = any(
            self._percent_line(index - 1) and not self._percent_line(index + 1)
            for index, _ in self.ranks_beside
        )
        for index, section in self.ranks_beside:
            group = self.groups[section]
            if group.rank is not None:  # a label repeated further down the page
                continue
            for neighbour in (index - 1, index + 1) if above else (index + 1, index - 1):
                if self._percent_line(neighbour):
                    match = _PERCENT_LINE_RE.fullmatch(self.folded[neighbour])
                    assert match is not None
                    self.used.add(neighbour)
                    group.rank = int(match[1] or match[2])
                    break
            else:
                self.rank_headings.pop(section, None)

    def _place_ranks_by_order(self) -> None:
        """Ranks under headings in any language, by the page's order: industry, then network.

        The rank cards are the lines above the score. Their percentages fill the slots that no
        known heading filled, in page order, only when there is one per free slot and the order
        agrees with the known heading: a lone percentage under an unknown heading says nothing
        about which rank it is, so it is left out rather than guessed.
        """
        free = [slot for slot in _RANK_SLOTS if self.groups[slot].rank is None]
        if not free or self.score_start is None:
            return
        found = self._card_percentages(len(free) + 1)
        if len(found) != len(free) or not all(1 <= value <= 100 for _, value in found):
            return
        if len(free) == 1:  # the other rank came from a known heading: the order must agree
            other = "network" if free == ["industry"] else "industry"
            if (found[0][0] < self.rank_headings[other]) != (other == "network"):
                return
        for slot, (_, value) in zip(free, found, strict=True):
            self.groups[slot].rank = value

    def _card_percentages(self, limit: int) -> list[tuple[int, int]]:
        """(line, N) of each whole percentage above the score, in page order, at most `limit`."""
        found: list[tuple[int, int]] = []
        for index in range(self.score_start or 0):
            line = self.folded[index]
            if index in self.used or len(line.split()) > _RANK_LINE_MAX_WORDS:
                continue
            after = self.lines[index + 1] if index + 1 < len(self.lines) else ""
            if _BARE_RANK_RE.fullmatch(line) and _SIGN_RE.fullmatch(after):
                found.append((index, int(line)))  # `Top / heading / N / %`
            found += [(index, int(match[1] or match[2])) for match in _PERCENT_RE.finditer(line)]
            if len(found) >= limit:
                return found[:limit]
        return found

    def _read_total(self, index: int, rest: str) -> None:
        """The member's total beside its label, or as a bare whole number next to it."""
        member = self.groups["member"]
        same_line = _NUMBER_RE.search(rest)
        if member.score is None and same_line:
            member.score = _to_float(same_line[0])
        for neighbour in (index + 1, index - 1):
            line = self.lines[neighbour] if 0 <= neighbour < len(self.lines) else ""
            if member.score is None and line.isdecimal():
                member.score = self._bare_number(neighbour)

    def _read_average_sentence(self, line: str) -> None:
        """A peers' "average SSI of N" sentence: the industry's if it says so, else the next."""
        end = _SENTENCE_END_RE.search(line)
        if end is None:
            return
        if any(word in line for word in _INDUSTRY_WORDS):
            self.section = 1
        group = self._claim(lambda group: group.average is None, first=1)
        if group is not None:
            group.average = _to_float(end[1])

    def _fallback_pillars(self) -> dict[PillarKey, float] | None:
        """Unknown language: the first four numbers up to 25 after the total, if they add up."""
        total = self.groups["member"].score
        if self.saw_label or total is None or not self.score_lines:
            return None
        values: list[float] = []
        skipped = self.used.union(self.score_lines)
        for index in range(self.score_lines[0] + 1, len(self.lines)):
            tokens = () if index in skipped else _NUMBER_TOKEN_RE.finditer(self.lines[index])
            numbers = (_to_float(token[1]) for token in tokens if not token[2])
            values += [number for number in numbers if number <= PILLAR_MAX]
            if len(values) >= len(PILLAR_KEYS):
                break
        values = values[: len(PILLAR_KEYS)]
        if len(values) < len(PILLAR_KEYS) or abs(sum(values) - total) > _SUM_TOLERANCE:
            return None
        return dict(zip(PILLAR_KEYS, values, strict=True))

    def result(self) -> ParsedSsi:
        member = self.groups["member"]
        if len(member.pillars) < len(PILLAR_KEYS):
            fallback = self._fallback_pillars()
            if fallback is None:
                missing = [key for key in PILLAR_KEYS if key not in member.pillars]
                raise _missing_error(missing, "text")
            member.pillars = fallback
        return _finish(member, self.groups["industry"], self.groups["network"], self.weekly, "text")


def _parse_json(text: str) -> ParsedSsi:
    """The page's `/sales-api/salesApiSsi` response, which some members save instead."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise SsiParseError("The pasted JSON is not valid: save the whole response.") from None
    member_score = data.get("memberScore") if isinstance(data, dict) else None
    if not isinstance(member_score, dict):
        raise SsiParseError("The pasted JSON has no memberScore: it is not the SSI response.")
    member = _json_group(member_score, "memberScore")
    if missing := [key for key in PILLAR_KEYS if key not in member.pillars]:
        raise _missing_error(missing, "JSON")
    peers: dict[str, _Group] = {}
    entries = data.get("groupScore")
    for entry in entries if isinstance(entries, list) else []:
        kind = entry.get("groupType") if isinstance(entry, dict) else None
        if kind in ("INDUSTRY", "NETWORK") and kind not in peers:  # a TEAM group is not shown
            score = entry.get("score")
            peers[kind] = group = _json_group(score if isinstance(score, dict) else {}, kind)
            rank = _json_number(entry.get("rank"), f"{kind} rank")
            if rank is not None and not rank.is_integer():
                raise SsiParseError(f"The {kind} rank {rank:g} is not a whole percentage.")
            group.rank = None if rank is None else int(rank)
    industry, network = peers.get("INDUSTRY", _Group()), peers.get("NETWORK", _Group())
    return _finish(member, industry, network, None, "json")


def _json_number(value: Any, name: str) -> float | None:
    """A JSON number as a finite float; JSON allows NaN and integers too big for a float."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SsiParseError(f"The JSON value for {name} is not a number.")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise SsiParseError(f"The JSON value for {name} is not a usable number.")
    return number


def _json_group(score: dict[str, Any], name: str) -> _Group:
    """A `{"overall", "subScores"}` object; unknown pillars (and duplicates) are skipped."""
    group = _Group(score=_json_number(score.get("overall"), f"{name} overall"))
    sub_scores = score.get("subScores")
    for item in sub_scores if isinstance(sub_scores, list) else []:
        pillar = item.get("pillar") if isinstance(item, dict) else None
        key = _JSON_PILLARS.get(pillar) if isinstance(pillar, str) else None
        value = _json_number(item.get("score"), f"{name} {key}") if key else None
        if key and value is not None and key not in group.pillars:
            group.pillars[key] = value
    return group


def _require(value: float | None, low: float, high: float, what: str) -> None:
    """Refuse, naming it, a value the SSI page cannot show, rather than store nonsense."""
    if value is not None and not low <= value <= high:
        raise SsiParseError(f"{what} reads {value:g}, but it must be between {low:g} and {high:g}.")


def _rounded_pillars(pillars: dict[PillarKey, float], whose: str) -> dict[PillarKey, float] | None:
    """All four pillars rounded to 3 decimals, None if the page showed fewer."""
    if len(pillars) < len(PILLAR_KEYS):
        return None
    for key in PILLAR_KEYS:
        _require(pillars[key], 0, PILLAR_MAX, f"{whose}{PILLARS_BY_KEY[key].label}")
    return {key: round(pillars[key], 3) for key in PILLAR_KEYS}


def _peer_average(peers: _Group, what: str) -> float | None:
    """The "average SSI of N" sentence, else the peers' `N out of 100`, to 2 decimals."""
    average = peers.score if peers.average is None else peers.average
    _require(average, 0, TOTAL_MAX, what)
    return None if average is None else round(average, 2)


def _finish(
    member: _Group, industry: _Group, network: _Group, weekly: str | None, source: str
) -> ParsedSsi:
    """Check every value is in range and the pillars add up to the total, then build the result."""
    pillars = _rounded_pillars(member.pillars, "") or {}
    _require(member.score, 0, TOTAL_MAX, "The SSI total")
    _require(industry.rank, 1, 100, "The industry SSI rank (Top N%)")
    _require(network.rank, 1, 100, "The network SSI rank (Top N%)")
    pillar_sum = round(sum(pillars.values()), 3)
    if member.score is not None and abs(member.score - pillar_sum) > _SUM_TOLERANCE:
        raise SsiParseError(
            f"The total {member.score:g} does not match the sum of the four pillars "
            f"({pillar_sum:g}): {_HOW_TO_COPY} again."
        )
    return ParsedSsi(
        total=member.score,
        pillars=pillars,
        industry_rank=industry.rank,
        network_rank=network.rank,
        industry_average=_peer_average(industry, "The industry average"),
        network_average=_peer_average(network, "The network average"),
        industry_pillars=_rounded_pillars(industry.pillars, "Your industry's "),
        network_pillars=_rounded_pillars(network.pillars, "Your network's "),
        weekly_change=weekly,
        source=source,
    )
