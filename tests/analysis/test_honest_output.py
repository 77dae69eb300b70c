"""What the analyzer says can all be true at once.

Found by using it: an empty draft got a suggestion and "Nothing to fix: publish it"; a model
that cannot read text ranked three different drafts the same while reading as if it had
weighed them; a reason rested on four posts of a format the Posts pane calls too few to
trust; the length advice said "short of the 900–1,200 range that did best" next to "your posts
under 1,200 characters got 1.0× your median"; the app and `analyze` counted words differently.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner
from tests.analysis.synthetic_posts import synthetic_posts

from ssi_tui.analysis.advice import advise
from ssi_tui.analysis.features import analyze_text
from ssi_tui.analysis.history import PostHistory
from ssi_tui.analysis.model import predict, shipped_prior, train_user_model
from ssi_tui.cli import cli
from ssi_tui.core.drafts import measure

LONG_DRAFT = (
    "Three things I changed after losing a renewal last quarter, and what they did to my "
    "pipeline. First, I ask about the cost of doing nothing. Second, I name the decision maker "
    "in the first call. Third, I send a one-page summary the same day. What would you add?"
)


def test_an_empty_or_near_empty_draft_gets_no_suggestion() -> None:
    prior = shipped_prior()
    for text in ("", "   \n", "Hello there", "#sales #b2b #growth"):
        prediction = predict(text, None, [], None, prior, 0)
        assert prediction.suggestion is None, text
        assert prediction.reasons[0].endswith("write at least 5 for a suggestion.")
        assert prediction.predictions  # format and timing still predict (the contract)
    assert predict(LONG_DRAFT, None, [], None, prior, 0).suggestion is not None


def test_the_command_line_says_no_suggestion_for_an_empty_draft(tmp_path: Path) -> None:
    draft = tmp_path / "empty.txt"
    draft.write_text("")
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "ssi.db"), "analyze", str(draft), "--json"]
    )
    analysis = json.loads(result.output)
    assert analysis["suggestion"] is None
    assert analysis["reasons"] == [
        "A draft of 0 words gives nothing to weigh: write at least 5 for a suggestion."
    ]


def test_a_ranking_the_text_cannot_move_says_so() -> None:
    """A per-format model, fully trusted from 30 posts with 5 of each format: three very
    different drafts get the same ranking, and the reasons say why."""
    trained = train_user_model(synthetic_posts(60))
    assert trained is not None
    model = replace(trained, kind="format-median", estimator=None)  # what CV keeps most often
    drafts = [
        LONG_DRAFT,
        "Short and sweet: one idea today.",
        "A poll about pipeline reviews. Vote!",
    ]
    predictions = [predict(text, None, [], model, shipped_prior(), 60) for text in drafts]
    rankings = {tuple(p.format for p in sorted(x.predictions, key=lambda p: -p.engagement))
                for x in predictions}  # fmt: skip
    assert len(rankings) == 1
    for prediction in predictions:
        assert prediction.text_weighed is False
        assert prediction.reasons[0] == (
            "The text does not change this ranking: it comes from your format history alone."
        )
    with_the_prior = predict(LONG_DRAFT, None, [], None, shipped_prior(), 0)
    assert with_the_prior.text_weighed is True
    assert not any("does not change" in reason for reason in with_the_prior.reasons)


def test_a_format_with_under_five_posts_is_cited_as_too_few_to_trust() -> None:
    formats = ("text", "image", "text", "image", "video", "text", "image", "text", "image", "text")
    rows = synthetic_posts(40, formats=formats, multipliers={"video": 6.0}, noise=0.05)
    assert sum(row["format"] == "video" for row in rows) == 4
    model = train_user_model(rows)
    assert model is not None
    prediction = predict(LONG_DRAFT, None, [], model, shipped_prior(), 40)
    assert prediction.suggestion == "video"
    cited = [reason for reason in prediction.reasons if "video posts got" in reason]
    assert len(cited) == 1
    assert cited[0].startswith("Your 4 video posts got")
    assert cited[0].endswith("your typical post, too few to trust on their own.")


def test_length_advice_follows_one_evidence_and_says_which() -> None:
    """Own posts under 1,200 characters (enough of them, against the longer ones) decide; the
    published range is named in the same line instead of contradicting it in the next."""
    rows = synthetic_posts(40)
    for row in rows[::3]:
        row["text"] = (row["text"] + " ") * 30  # a third of them long: two sides to compare
    history = PostHistory.from_rows(rows)
    short_draft = "Three lessons from a lost deal. We listened more than we talked. Ask more."
    lines = [a.text for a in advise(analyze_text(short_draft), history)]
    about_length = [line for line in lines if "characters" in line and "Your posts" in line]
    assert len(about_length) == 1
    assert (
        "published studies favour 900–1,200, but this advice follows your own posts"
        in (about_length[0])
    )
    assert not any(line.startswith("At ") and "short of" in line for line in lines)


def test_a_closing_question_follows_the_members_posts_when_they_disagree() -> None:
    rows = synthetic_posts(60, question_bonus=0.5)  # their questions cost them half
    history = PostHistory.from_rows(rows)
    lines = [
        a.text for a in advise(analyze_text("A draft that ends flat. No question here."), history)
    ]
    assert "End with a question to invite comments." not in lines
    said = [line for line in lines if "ending with a question" in line]
    assert len(said) == 1 and "your own posts do not, so none is needed" in said[0]


def test_the_pane_and_the_command_line_count_words_alike() -> None:
    from ssi_tui.core.drafts import count_words

    for text in (LONG_DRAFT, "See https://example.org/a-b-c now — it's 3 steps", "don't stop", ""):
        assert measure(text).words == analyze_text(text).words == count_words(text)


def test_the_pane_says_why_six_posts_leave_the_prediction_on_the_prior() -> None:
    """The model line names the member's posts; the basis line must say why the ranking
    still stands on published figures alone."""
    from ssi_tui.panes.drafts import render_ranking

    model = train_user_model(synthetic_posts(6))
    few = predict(LONG_DRAFT, None, [], model, shipped_prior(), 6)
    assert few.basis == "prior"
    basis = next(line for line in render_ranking(few).plain.splitlines() if "Basis" in line)
    assert basis == (
        "Basis: published benchmarks and public posts · 6 of your posts with metrics, too few "
        "to weigh until 10"
    )
    none = predict(LONG_DRAFT, None, [], None, shipped_prior(), 0)
    basis = next(line for line in render_ranking(none).plain.splitlines() if "Basis" in line)
    assert basis == "Basis: published benchmarks and public posts · 0 of your posts with metrics"
