"""Short sentences saying what a format suggestion stands on and what drives it."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Final

from ssi_tui.analysis import benchmarks
from ssi_tui.analysis.blend import MIN_POSTS, Basis
from ssi_tui.analysis.estimator import FormatModel
from ssi_tui.analysis.feature_rows import TIMING_FEATURES
from ssi_tui.analysis.features import DraftFeatures
from ssi_tui.core.domain import PostFormat
from ssi_tui.core.post_stats import MIN_TRUSTED_POSTS

if TYPE_CHECKING:
    from ssi_tui.analysis.prediction import FormatPrediction

DRIVER_THRESHOLD: Final = 0.05
"""A feature group must move the estimate by ~5% to be named."""
CLOSE_CALL: Final = 0.9
DRIVER_GROUPS: Final[dict[str, tuple[str, ...]]] = {
    "length": ("has_text", "log_characters", "length_sweet_spot"),
    "question": ("questions", "ends_with_question"),
    "call_to_action": ("call_to_action",),
    "hashtags": ("hashtags",),
    "links": ("links",),
    "mentions": ("mentions",),
    "emoji": ("emoji",),
    "layout": ("line_breaks", "list_items"),
    "sentences": ("words_per_sentence", "readability"),
    "tone": ("sentiment",),
    "unicode_bold": ("unicode_bold",),
    "timing": TIMING_FEATURES,
}


def explain(
    features: DraftFeatures,
    moment: datetime | None,
    rows: tuple[dict[str, float], dict[str, float]],
    best: FormatPrediction,
    predictions: Sequence[FormatPrediction],
    basis: Basis,
    n_posts: int,
    user_model: FormatModel | None,
    prior: FormatModel | None,
) -> list[str]:
    """Data basis, format evidence, a close call, then the two strongest drivers.

    `prior` is None when every format's weight is 1 (it was not loaded): the basis is then the
    member's posts, and the drivers are read from the member's model.
    """
    name = best.format
    if basis == "prior":
        source = (
            f"a model of {prior.n_posts:,} public posts"
            if prior is not None and prior.n_posts
            else "nothing else"
        )
        lines = [
            f"{n_posts} of your posts have metrics; under {MIN_POSTS} this leans on "
            f"published benchmarks and {source}."
        ]
    elif basis == "blend" and not best.user_weight:
        lines = [
            f"Your {n_posts} posts include {best.n_format_posts} {name}: too few to judge, so "
            f"{name} rests on the prior."
        ]
    elif basis == "blend":
        lines = [
            f"Blends your {n_posts} posts with the prior: {best.user_weight:.0%} your own "
            f"data for {name}."
        ]
    else:
        lines = [f"Based on your {n_posts} posts ({best.n_format_posts} {name})."]
    if user_model and best.user_weight > 0 and best.n_format_posts > 0:
        ratio = math.exp(user_model.format_offsets.get(name, 0.0))
        few = "" if best.n_format_posts >= MIN_TRUSTED_POSTS else ", too few to trust on their own"
        lines.append(
            f"Your {best.n_format_posts} {name} posts got {ratio:.1f}× your typical post{few}."
        )
    else:
        lines.append(f"Published: {benchmarks.FORMAT_EVIDENCE[name]}.")
    runner_up = max((p for p in predictions if p is not best), key=lambda p: p.engagement)
    if runner_up.engagement >= best.engagement * CLOSE_CALL:
        lines.append(f"{name.capitalize()} and {runner_up.format} are within 10%: either will do.")
    if user_model is not None and best.user_weight >= 0.5:
        model, row = user_model, rows[1]
    elif prior is not None:
        model, row = prior, rows[0]
    else:
        return lines
    where = "your posts" if model is user_model else "public posts"
    return lines + [f"In {where}, {line}" for line in drivers(features, moment, model, row, name)]


def drivers(
    features: DraftFeatures,
    moment: datetime | None,
    model: FormatModel,
    row: Mapping[str, float],
    post_format: PostFormat,
) -> list[str]:
    """The feature groups that move this draft's estimate most against the model's typical
    post: each group in turn is set to its typical value and the change is measured."""
    if model.estimator is None or not model.typical_features:
        return []
    groups = [
        (group, names)
        for group, names in DRIVER_GROUPS.items()
        if any(n in model.feature_names for n in names) and _nameable(group, features, moment)
    ]
    variants = [dict(row)] + [
        dict(row) | {n: model.typical_features.get(n, 0.0) for n in names} for _, names in groups
    ]
    predicted = model.log_ratios(variants, [post_format] * len(variants))
    effects = sorted(
        ((float(predicted[0] - predicted[i + 1]), group) for i, (group, _) in enumerate(groups)),
        key=lambda item: -abs(item[0]),
    )
    return [
        f"{_label(group, features, moment)} {'adds' if effect > 0 else 'costs'} about "
        f"{abs(math.expm1(effect)):.0%}."
        for effect, group in effects[:2]
        if abs(effect) >= DRIVER_THRESHOLD
    ]


def _nameable(group: str, features: DraftFeatures, moment: datetime | None) -> bool:
    """Whether a group can drive this draft's estimate in a sentence that means something.

    Timing needs a moment and the text groups need words. "Sentences" also needs a sentence:
    a draft of hashtags has words but no sentence ("sentences of 0 words" said nothing). And
    "length" needs a length LinkedIn publishes: past the limit the post is cut, and no model
    has seen such a post (a 1.9 MB paste was said to gain 36% from its length).
    """
    if group == "timing":
        return moment is not None
    if not features.words:
        return False
    if group == "sentences":
        return features.sentences > 0
    if group == "length":
        return not features.over_limit
    return True


def _label(group: str, f: DraftFeatures, moment: datetime | None) -> str:
    if group == "timing" and moment is not None:
        return f"posting on {moment:%A} around {moment:%H:%M}"
    labels = {
        "length": f"a length of {f.characters:,} characters",
        "question": "the question at the end" if f.ends_with_question else "no question at the end",
        "call_to_action": f"the call to action (“{f.call_to_action_phrase}”)"
        if f.call_to_action
        else "no call to action",
        "hashtags": _count(f.hashtags, "hashtag"),
        "links": _count(f.links, "external link"),
        "mentions": _count(f.mentions, "mention"),
        "emoji": _count(f.emoji, "emoji", "emoji"),
        "layout": f"{_count(f.line_breaks, 'line break')} and {_count(f.list_items, 'list item')}",
        "sentences": f"sentences of {f.avg_sentence_words:.0f} words on average",
        "tone": f"the tone (sentiment {f.sentiment:+.2f})",
        "unicode_bold": "Unicode bold letters" if f.unicode_bold else "no Unicode bold letters",
    }
    return labels.get(group, group)


def _count(number: int, singular: str, plural: str | None = None) -> str:
    if number == 0:
        return f"no {plural or singular + 's'}"
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"
