from __future__ import annotations

from ssi_tui.core.post_stats import PostFigures, summarise_by_format


def test_summaries_by_format_with_medians_and_trust() -> None:
    posts = [PostFigures("image", e, 1000) for e in (10, 20, 30, 40, 50)]
    posts += [PostFigures("poll", 80, None), PostFigures("poll", None, 500)]
    image, poll = summarise_by_format(posts)
    assert (image.format, image.count, image.median_engagement) == ("image", 5, 30)
    assert image.median_rate == 0.03 and image.trusted
    assert (poll.count, poll.median_engagement, poll.median_rate, poll.trusted) == (
        2,
        80,
        None,
        False,
    )
