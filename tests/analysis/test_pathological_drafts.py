"""Drafts no one writes but anyone can paste: the analyzer's work stays linear and its answers sane.

No wall clock here. The work is counted instead: every compiled pattern of the features module
is replaced by one that adds up the characters each call is given, and the NLTK parts by ones
that add up what they read. A per-line loop over the whole draft, or a language tool reading
past `NLP_CHARACTERS`, shows as calls that grow with the draft. The seconds are measured by
`benchmarks/analyzer_worst_case.py`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from ssi_tui.analysis import features, nlp
from ssi_tui.analysis.advice import advise
from ssi_tui.analysis.features import NLP_CHARACTERS, analyze_text
from ssi_tui.analysis.model import predict, shipped_prior
from ssi_tui.core.domain import SUGGESTED_FORMATS
from ssi_tui.core.drafts import CHARACTER_LIMIT, MIN_WORDS_FOR_A_SUGGESTION, measure

UNITS = NLP_CHARACTERS
"""Repeats of a pattern in the smaller draft: each is a character or more, so both drafts go
past what NLTK reads, and only the whole-draft passes can tell them apart."""
FULL_PASSES = 12
"""Whole-draft passes of the analysis today (links, words, hashtags, emoji, …), with room for
none more before this test is revisited."""


@pytest.fixture(scope="module", autouse=True)
def _hypothesis_writes_to_a_temporary_folder(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """Hypothesis caches what it learns under .hypothesis/; keep the checkout clean."""
    set_hypothesis_home_dir(tmp_path_factory.mktemp("hypothesis"))
    yield
    set_hypothesis_home_dir(None)


class _CountingPattern:
    """A compiled pattern that writes the length of the text of each call to `log`."""

    def __init__(self, pattern: re.Pattern[str], log: list[int]) -> None:
        self._pattern = pattern
        self._log = log

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._pattern, name)
        if not callable(attribute):
            return attribute

        def counted(*args: Any, **kwargs: Any) -> Any:
            self._log.append(max((len(a) for a in args if isinstance(a, str)), default=0))
            return attribute(*args, **kwargs)

        return counted


class _CountingTokenizer:
    def __init__(self, tokenizer: Any, log: list[int]) -> None:
        self._tokenizer = tokenizer
        self._log = log

    def tokenize(self, text: str) -> list[str]:
        self._log.append(len(text))
        result: list[str] = self._tokenizer.tokenize(text)
        return result


def _count_work(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[int]]:
    """Swap in counting stand-ins; the lists fill as `analyze_text` runs."""
    work: dict[str, list[int]] = {"patterns": [], "sentences": [], "sentiment": []}
    for name, value in vars(features).items():
        if isinstance(value, re.Pattern):
            monkeypatch.setattr(features, name, _CountingPattern(value, work["patterns"]))
    tokenizer = nlp.sentence_tokenizer()
    counting_tokenizer = _CountingTokenizer(tokenizer, work["sentences"])
    monkeypatch.setattr(nlp, "sentence_tokenizer", lambda: counting_tokenizer)
    sentiment = nlp.compound_sentiment

    def counted_sentiment(text: str) -> float:
        work["sentiment"].append(len(text))
        return sentiment(text)

    monkeypatch.setattr(nlp, "compound_sentiment", counted_sentiment)
    return work


@pytest.mark.parametrize("unit", ["#sales\n", "\n", " \n", "a\u0301\u0301\u0301", "a. ", "- a\n"])
def test_the_work_grows_with_the_draft_not_with_its_lines(
    unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    small, large = unit * UNITS, unit * (2 * UNITS)
    analyze_text(small)  # load the language tools before counting
    work_small = _count_work(monkeypatch)
    analyze_text(small)
    monkeypatch.undo()
    work_large = _count_work(monkeypatch)
    analyze_text(large)
    # The same number of pattern calls for twice the lines: none is made per line of the
    # whole draft (checking the last line this way took 0.16 s on 1.9 MB of hashtag lines).
    assert len(work_large["patterns"]) == len(work_small["patterns"])
    extra = sum(work_large["patterns"]) - sum(work_small["patterns"])
    assert extra <= FULL_PASSES * (len(large) - len(small))
    for work in (work_small, work_large):
        assert sum(work["sentences"]) <= NLP_CHARACTERS
        assert sum(work["sentiment"]) <= NLP_CHARACTERS


def test_calls_to_action_are_looked_for_once_per_word_start_not_once_per_phrase() -> None:
    """One word-start test ahead of every phrase: one per phrase cost 42 attempts at every
    character, 1.6 s on 1.9 MB of spaces, newlines or combining marks."""
    pattern = features._CTA.pattern
    assert pattern.startswith(r"(?<!\w)")
    assert pattern.count(r"(?<!\w)") == 1


def _one_alternative_per_phrase() -> re.Pattern[str]:
    """The calls-to-action pattern as it was first written: the reference for what it finds."""

    def alternative(phrase: str) -> str:
        body = r"\s+".join(re.escape(word) for word in phrase.split())
        return rf"(?<!\w){body}" + (r"(?!\w)" if phrase[-1].isalnum() else "")

    return re.compile("|".join(alternative(p) for p in features._CTA_PHRASES), re.IGNORECASE)


REFERENCE_CTA = _one_alternative_per_phrase()
FRAGMENTS = (
    *(p for phrase in features._CTA_PHRASES for p in (phrase, phrase.upper(), phrase.title())),
    *("share", "your", "thoughts", "agree", "link", "in", "the", "comment", "ſhare this"),
    *("İn the comments", "lınk in comments", "xshare this", "share_this", "1tell me"),
    *(" ", "\n", "\t", "  \n ", "?", ".", "#", "@", "é", "\u0301", "👉 ", "-"),
)


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join))
def test_the_phrase_found_is_the_one_a_pattern_per_phrase_finds(text: str) -> None:
    found = [match.group(0) for match in REFERENCE_CTA.finditer(text)]
    expected = " ".join(found[-1].lower().split()) if found else None
    assert analyze_text(text).call_to_action_phrase == expected


LINE_PIECES = ("#a", "#a #b", "http://x.y/?", "www.q.org", "?", "？", "a", " ", "\t", "\u2028")


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=6), st.sampled_from(("\n", "\r\n", "")))
def test_line_counts_match_their_line_by_line_definitions(pieces: list[str], end: str) -> None:
    text = "\n".join(pieces) + end
    got = analyze_text(text)
    stripped = text.replace("\r\n", "\n").strip()
    lines = stripped.split("\n") if stripped else []
    assert got.blank_lines == sum(1 for line in lines if not line.strip())
    no_links = features._URL.sub(" ", text.replace("\r\n", "\n")).split("\n")
    contents = [c for c in (features._HASHTAG_ONLY.sub("", x).strip() for x in no_links) if c]
    assert got.ends_with_question == bool(contents and re.search("[?？]", contents[-1]))
    assert got.hashtags == measure(text.replace("\r\n", "\n")).hashtags  # the pane's count


REPEATS = 40_000
"""Characters of each pasted pattern: more than NLTK reads, cheap to analyse."""
PATHOLOGICAL: dict[str, tuple[str, dict[str, Any]]] = {
    "combining marks on one letter": (
        "a" + "\u0301" * REPEATS,
        {"words": 1, "sentences": 1, "avg_sentence_words": 1.0, "emoji": 0},
    ),
    "combining marks": ("\u0301" * REPEATS, {"words": 0, "sentences": 0, "readability": None}),
    "newlines": ("\n" * REPEATS, {"words": 0, "line_breaks": 0, "blank_lines": 0, "hook": ""}),
    "ZWJ emoji": ("👩\u200d💻" * (REPEATS // 3), {"emoji": REPEATS // 3, "words": 0}),
    "hashes": ("#" * REPEATS, {"hashtags": 0, "words": 0}),
    "hashtags": ("#sales " * (REPEATS // 7), {"hashtags": REPEATS // 7, "sentences": 0}),
    "at signs": ("@" * REPEATS, {"mentions": 0, "words": 0}),
    "mentions": ("@a " * (REPEATS // 3), {"mentions": REPEATS // 3, "words": REPEATS // 3}),
    "spaces": (" " * REPEATS, {"words": 0, "characters": REPEATS, "hook": ""}),
    "one long word": ("a" * REPEATS, {"words": 1, "sentences": 1, "avg_sentence_words": 1.0}),
    "one long link": ("http://a.b/" * (REPEATS // 11), {"links": 1, "words": 0}),
    "links": ("http://a.b/ " * (REPEATS // 12), {"links": REPEATS // 12, "words": 0}),
    "question marks": ("?" * REPEATS, {"questions": 1, "ends_with_question": True}),
    "exclamation marks": ("!" * REPEATS, {"questions": 0, "words": 0}),
    "right to left": (
        "שלום עולם. مرحبا بالعالم؟ " * (REPEATS // 26),
        {"words": 4 * (REPEATS // 26), "questions": REPEATS // 26},
    ),
    "many scripts": (
        "".join(chr(c) for c in range(0x20, 0x20 + REPEATS) if not 0xD800 <= c < 0xE000),
        {},
    ),
}


@pytest.fixture(scope="module")
def analyse() -> Callable[[str], tuple[Any, list[str]]]:
    """Features, reasons and advice as `analyze` shows them on the shipped prior."""
    prior = shipped_prior()
    assert prior.estimator is not None, "the shipped prior names what drives a draft"

    def run(text: str) -> tuple[Any, list[str]]:
        prediction = predict(text, None, [], None, prior, 0)
        enough = prediction.features.words >= MIN_WORDS_FOR_A_SUGGESTION
        assert (prediction.suggestion in SUGGESTED_FORMATS) == enough
        for p in prediction.predictions:
            assert all(math.isfinite(v) for v in (p.low, p.engagement, p.high))
            assert 0 <= p.low <= p.engagement <= p.high
        return prediction, [a.text for a in advise(prediction.features)]

    return run


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_a_pasted_pattern_gets_counts_and_advice_that_make_sense(
    name: str, analyse: Callable[[str], tuple[Any, list[str]]]
) -> None:
    text, expected = PATHOLOGICAL[name]
    prediction, advice = analyse(text)
    got = prediction.features
    assert {key: getattr(got, key) for key in expected} == expected
    assert got.characters == len(text) and got.analyzed_characters == NLP_CHARACTERS
    if not got.words:
        assert advice == []  # nothing to advise on a draft without a word
    else:
        over = f"{len(text) - CHARACTER_LIMIT:,} characters over the {CHARACTER_LIMIT:,} limit"
        assert advice[0].startswith(over)
    for reason in prediction.reasons:
        # LinkedIn would cut the post; no model has seen one this long.
        assert "a length of" not in reason
        assert "sentences of 0 words" not in reason


def test_large_counts_are_written_with_thousands_separators(
    analyse: Callable[[str], tuple[Any, list[str]]],
) -> None:
    _, advice = analyse("Hi #sales " * 2_000)
    assert "2,000 hashtags: keep 5 or fewer." in advice


def test_a_draft_of_hashtags_is_not_said_to_have_sentences_of_0_words(
    analyse: Callable[[str], tuple[Any, list[str]]],
) -> None:
    prediction, _ = analyse("#sales #b2b #growth")
    assert prediction.features.words == 3 and prediction.features.sentences == 0
    assert not [reason for reason in prediction.reasons if "sentences of" in reason]
