"""Published numbers on post formats and drafts, with where each came from.

They are priors for a member with few posts of their own (see docs/format-benchmarks.md):
studies define engagement differently, so each number keeps its citation.
"""

from __future__ import annotations

import math
from typing import Final

from ssi_tui.core.domain import PostFormat

LENGTH_BEST: Final = (900, 1200)
LENGTH_SOURCE: Final = "van der Blom 2024: 900–1,200 characters did best"
LENGTH_SOURCE_ALT: Final = "AuthoredUp 2025: 800–1,000 characters is the sweet spot"
SHORT_SENTENCE_WORDS: Final = 12
SHORT_SENTENCE_SOURCE: Final = "van der Blom 2024: sentences under 12 words +20%"
QUESTION_SOURCE: Final = "van der Blom 2024: a question at the end +20–40% engagement"
LINK_SOURCE: Final = (
    "van der Blom 2024: links −40–50% reach; Metricool 2025: links +13.6% interactions"
)
HASHTAG_MOST: Final = 5
HASHTAG_SOURCE: Final = "3–5 is common advice; one correlational study found fewer did better"
LIMIT_SOURCE: Final = "LinkedIn cuts a post at 3,000 characters"
FOLD_SOURCE: Final = "LinkedIn folds at ~210 characters on desktop, ~140 on mobile"
UNICODE_BOLD_SOURCE: Final = "Unicode “bold” letters hurt screen readers"

ENGAGEMENT_VS_TEXT: Final[dict[str, float]] = {
    "text": 1.0,
    "image": 1.30,
    "carousel": 2.2,
    "video": 1.40,
    "poll": 0.9,
    "link": 0.55,
    "article": 0.7,
    "repost": 0.8,
}
"""Engagement per post relative to a text post, derived from the published studies.

text, image, carousel, video: reach multiple (van der Blom 2024: document 1.60, text+image 1.26,
video 1.21, text 1.17) × engagement per impression (Socialinsider 2026: document 7.0%, image
5.3%, video 5.9–6.0%, text 4.3–4.5%), divided by text's product.
poll: that product gives 1.62, but AuthoredUp reports polls at 0.37× average engagement; the
geometric mean of the two readings, ≈ 0.9, is used.
link: 3.25% per impression (Socialinsider) × reach between −45% (van der Blom) and +13.6%
(Metricool): ≈ 0.55.
article, repost: no study in the table gives a usable number (the 31k-post scrape ranks reposts
first and articles low by mean engagement, dominated by follower count): assumed 0.7 and 0.8.
"""

FORMAT_EVIDENCE: Final[dict[PostFormat, str]] = {
    "text": "text posts: 1.17× median reach (van der Blom 2024), 4.3–4.5% engagement rate "
    "(Socialinsider 2026)",
    "image": "image posts: 1.26× median reach (van der Blom 2024), 5.3% engagement rate "
    "(Socialinsider 2026)",
    "carousel": "document/carousel posts: 1.60× median reach (van der Blom 2024) and the "
    "highest engagement rate, 7.0% (Socialinsider 2026)",
    "video": "video posts: 1.21× median reach (van der Blom 2024), 5.9–6.0% engagement rate "
    "(Socialinsider 2026)",
    "poll": "polls: 1.78–1.99× median reach but 0.37× average engagement (AuthoredUp; "
    "van der Blom 2024)",
    "link": "external links: 3.25% engagement rate (Socialinsider 2026), −40–50% reach "
    "(van der Blom 2024)",
    "article": "articles: below text by mean engagement in a public 31k-post scrape",
    "repost": "reposts: top by mean engagement in a public 31k-post scrape, which counts the "
    "original's engagement (assumed slightly below text)",
}
"""One line per format for the reasons shown beside a suggestion."""


def published_log_offsets(anchor: dict[str, float] | None = None) -> dict[str, float]:
    """Log engagement multipliers per format, on the scale of a typical post.

    Without `anchor`, the formats are centred on a typical LinkedIn mix (text 34%, image 24%,
    carousel 16%, video 10%, poll 8%, article and link 4% each — the demo's mix) so 0 means
    "your usual post". With `anchor` (measured log offsets for some formats), the published
    ratios are shifted so that, on the formats both share, they agree on average.
    """
    logs = {name: math.log(value) for name, value in ENGAGEMENT_VS_TEXT.items()}
    if anchor:
        shared = [name for name in anchor if name in logs]
        shift = sum(anchor[name] - logs[name] for name in shared) / max(len(shared), 1)
    else:
        mix = {"text": 0.34, "image": 0.24, "carousel": 0.16, "video": 0.1, "poll": 0.08}
        mix |= {"article": 0.04, "link": 0.04}
        shift = -sum(share * logs[name] for name, share in mix.items())
    return {name: value + shift for name, value in logs.items()}
