"""Advice lines: tied to a measurement, citing a study, or the member's own posts."""

from __future__ import annotations

from synthetic_posts import synthetic_posts

from ssi_tui.analysis.advice import advise
from ssi_tui.analysis.features import analyze_text
from ssi_tui.analysis.history import PostHistory, engagement_of

LONG_FLAT = (
    "𝐁𝐨𝐥𝐝 news from our quarterly business review with the whole regional leadership team "
    "and several customers who joined the session remotely from their offices. "
    + "We discussed the pipeline, the forecast and the hiring plan in great detail together. " * 20
    + "Read more at https://example.com/report #a #b #c #d #e #f #g"
)


def _by_feature(text: str, history: PostHistory | None = None) -> dict[str, list[str]]:
    lines: dict[str, list[str]] = {}
    for advice in advise(analyze_text(text), history):
        lines.setdefault(advice.feature, []).append(f"{advice.text} [{advice.source}]")
    return lines


def test_a_long_flat_draft_gets_specific_cited_advice() -> None:
    lines = _by_feature(LONG_FLAT)
    assert "van der Blom 2024: 900–1,200 characters did best" in lines["characters"][0]
    assert "runs past" in lines["characters"][0]
    assert "past the mobile fold (140)" in lines["hook"][0]
    assert "Sentences average" in lines["avg_sentence_words"][0]
    assert "question at the end +20–40%" in lines["questions"][0]
    assert "1 external link" in lines["links"][0]
    assert "7 hashtags" in lines["hashtags"][0]
    assert "4 Unicode" in lines["unicode_bold"][0]


def test_over_the_limit_comes_first() -> None:
    advice = advise(analyze_text("Plain words here. " * 200))
    assert advice[0].feature == "characters"
    assert "over the 3,000 limit" in advice[0].text


def test_a_tidy_draft_gets_little_advice_and_an_empty_one_none() -> None:
    tidy = "\n\n".join(["We won the deal. It took six months of patient work."] * 18)
    tidy += "\n\nWhat would you add?"
    assert set(_by_feature(tidy)) <= {"characters"}
    assert advise(analyze_text("   ")) == []


def test_own_history_is_quoted_only_with_enough_posts() -> None:
    rows = synthetic_posts(30, question_bonus=2.0, question_share=0.3, noise=0.05)
    draft = "We shortened discovery calls to twenty minutes."
    history = PostHistory.from_rows(rows)
    lines = _by_feature(draft, history)
    own = [line for line in lines["questions"] if "your 30 posts" in line]
    assert own and "Your posts ending with a question got" in own[0]
    ratio = float(own[0].split("got ")[1].split("×")[0])
    assert 1.6 < ratio < 2.4
    few = PostHistory.from_rows(rows[:6])
    assert not any("your" in line for group in _by_feature(draft, few).values() for line in group)


def test_engagement_follows_the_product_definition() -> None:
    assert engagement_of({"reactions": 5, "comments": 2, "reposts": None}) == 7
    assert engagement_of({"reactions": None, "engagements": 12}) == 12
    assert engagement_of({"reactions": "nan"}) is None
