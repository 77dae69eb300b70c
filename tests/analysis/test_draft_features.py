"""The draft analyzer's measurements on crafted drafts, odd input and long pastes."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from ssi_tui.analysis.features import (
    MOBILE_FOLD,
    NLP_CHARACTERS,
    analyze_text,
    features_json,
)
from ssi_tui.core.drafts import DESKTOP_FOLD

DRAFT = """𝐁𝐨𝐥𝐝 claim: I lost a deal 👩‍💻 🇫🇷 ❤️‍🔥 today.
Thanks @Jane and @Bob_Smith. Mail me at jane@example.com

- first point
2. second point
→ third point
✅ done

Read https://example.com/report?id=1. Also www.foo.org and https://www.linkedin.com/in/me
Really?? What do you think?
#sales #b2b #socialselling"""


@pytest.fixture(scope="module", autouse=True)
def _hypothesis_writes_to_a_temporary_folder(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """Hypothesis caches what it learns under .hypothesis/; keep the checkout clean."""
    set_hypothesis_home_dir(tmp_path_factory.mktemp("hypothesis"))
    yield
    set_hypothesis_home_dir(None)


def test_a_crafted_draft_is_counted_exactly() -> None:
    features = analyze_text(DRAFT)
    assert features.characters == len(DRAFT)
    assert features.hashtags == 3
    assert features.mentions == 2  # the e-mail address is not a mention
    assert features.links == 2  # the LinkedIn profile link is not external
    assert features.emoji == 4  # ZWJ sequences and flags count once; ✅ counts
    assert features.unicode_bold == 4
    assert features.questions == 2  # "??" is one question; the URL's "?" is none
    assert features.ends_with_question  # the hashtag line after it does not count
    assert features.call_to_action
    assert features.call_to_action_phrase == "what do you think"
    assert features.list_items == 4
    assert features.line_breaks == 10
    assert features.blank_lines == 2
    assert not features.over_limit


def test_sentences_follow_lines_and_punctuation_and_skip_known_abbreviations() -> None:
    features = analyze_text("I met Dr. Smith at 3 p.m. today. It went well!\nNext step\n#sales")
    assert features.sentences == 3
    assert features.words == 15
    assert features.avg_sentence_words == 5.0


def test_hook_is_cut_at_the_desktop_and_mobile_folds() -> None:
    text = " ".join(["word"] * 200)
    features = analyze_text(text)
    assert features.folded
    assert len(features.hook) <= DESKTOP_FOLD
    assert len(features.hook_mobile) <= MOBILE_FOLD
    assert len(features.hook) >= DESKTOP_FOLD - 5
    assert len(features.hook_mobile) >= MOBILE_FOLD - 5
    assert text.startswith(features.hook) and not features.hook.endswith(" ")
    three_lines = analyze_text("one\ntwo\nthree\nfour")
    assert three_lines.hook == "one\ntwo\nthree"
    assert three_lines.folded


def test_over_the_limit_says_by_how_much() -> None:
    features = analyze_text("a" * 3_050)
    assert features.over_limit
    assert features.characters_over == 50
    assert not analyze_text("a" * 3_000).over_limit


def test_readability_is_higher_for_plain_words() -> None:
    plain = analyze_text("We won the deal. The team was glad. We had a good day.")
    dense = analyze_text(
        "Organizational transformation necessitates comprehensive stakeholder "
        "communication methodologies, particularly regarding institutional considerations."
    )
    assert plain.readability is not None and dense.readability is not None
    assert plain.readability > 80
    assert dense.readability < 20
    assert analyze_text("").readability is None


def test_sentiment_has_the_right_sign() -> None:
    assert analyze_text("I love this team. Wonderful results, great work!").sentiment > 0.5
    assert analyze_text("Terrible quarter. I hate losing, awful and sad.").sentiment < -0.5
    assert analyze_text("").sentiment == 0.0


def test_the_json_has_the_contract_keys() -> None:
    data = features_json(analyze_text(DRAFT))
    expected = {"characters", "words", "sentences", "hashtags", "mentions", "links"}
    expected |= {"questions", "emoji", "hook", "readability", "sentiment"}
    assert expected <= data.keys()


def test_a_100k_paste_is_analysed_in_bounded_time() -> None:
    analyze_text("warm up")
    paste = ("Great results this week! #sales @Jane https://example.com 😀\n" * 2_000)[:100_000]
    started = time.perf_counter()
    features = analyze_text(paste)
    assert time.perf_counter() - started < 2.0
    assert features.characters == 100_000
    assert features.analyzed_characters == NLP_CHARACTERS
    assert features.hashtags == 1_667  # the cheap counts still see everything
    assert features.over_limit


def test_a_3000_character_draft_takes_under_20_ms_once_nltk_is_loaded() -> None:
    draft = (DRAFT + "\n") * 12
    draft = draft[:3_000]
    analyze_text(draft)
    timings = []
    for _ in range(15):
        started = time.perf_counter()
        analyze_text(draft)
        timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.020


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.text(max_size=600) | st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_is_analysed_without_crashing(text: str) -> None:
    features = analyze_text(text)
    assert features.characters == len(text.replace("\r\n", "\n"))
    assert -1.0 <= features.sentiment <= 1.0
    assert features.words >= 0 and features.sentences >= 0


def test_odd_unicode_is_handled() -> None:
    for text in ("\ud800 lone surrogate", "\x00\x1b[31m", "🇫", "‍‍", "#️⃣ 🏳️‍🌈 👍🏽", "\u202e"):
        analyze_text(text)
    assert analyze_text("👍🏽").emoji == 1


def test_sentiment_works_offline_and_leaves_nothing_behind() -> None:
    """In a fresh interpreter with sockets disabled: VADER loads from the shipped lexicon."""
    probe = (
        "import socket, nltk.data\n"
        "def refuse(*a, **k): raise OSError('network disabled')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "before = list(nltk.data.path)\n"
        "from ssi_tui.analysis.features import analyze_text\n"
        "score = analyze_text('What a wonderful, happy day!').sentiment\n"
        "assert nltk.data.path == before, nltk.data.path\n"
        "print(score)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-800:]
    assert float(result.stdout.strip()) > 0.5
