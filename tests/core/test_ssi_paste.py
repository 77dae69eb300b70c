"""The SSI paste parser: every copy-paste layout members produce, and what it must refuse.

Fixtures are invented pages in the shapes LinkedIn shows; the numbers are nobody's real score.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_tui.core.domain import PILLAR_KEYS, PILLARS
from ssi_tui.core.ssi_paste import ParsedSsi, SsiParseError, parse_ssi

BRAND, PEOPLE, INSIGHTS, RELATIONSHIPS = (pillar.label for pillar in PILLARS)
MEMBER = {"brand": 12.275, "people": 9.8, "insights": 11.06, "relationships": 14.1}  # 47.235

ENGLISH_PAGE = f"""Your Social Selling Index
Industry SSI rank
Top 9%
Network SSI rank
Top 17%
Current Social Selling Index
47 out of 100
Four components of your score
12.275  {BRAND}
9.8  {PEOPLE}
11.06  {INSIGHTS}
14.1  {RELATIONSHIPS}
People in your industry
Sales professionals in the Computer Networking Products industry have an average SSI of 27.
27 out of 100
6.42  {BRAND}
5.3  {PEOPLE}
7.01  {INSIGHTS}
8.25  {RELATIONSHIPS}
People in your network
People in your network have an average SSI of 33.
33 out of 100
8  {BRAND}
7.75  {PEOPLE}
8.5  {INSIGHTS}
9.1  {RELATIONSHIPS}
Down 2% since last week
"""


def member_page(pillar_lines: str, head: str = "47 out of 100") -> str:
    """A short page: the total, then the member's four pillars in one layout."""
    return f"Your Social Selling Index\n{head}\nFour components of your score\n{pillar_lines}"


# --- layouts of the member's pillars -------------------------------------------------------------


def test_full_english_page_reads_what_the_member_sees() -> None:
    parsed = parse_ssi(ENGLISH_PAGE)
    assert parsed == ParsedSsi(
        total=47.0,
        pillars=MEMBER,
        industry_rank=9,
        network_rank=17,
        industry_average=27.0,
        network_average=33.0,
        industry_pillars={"brand": 6.42, "people": 5.3, "insights": 7.01, "relationships": 8.25},
        network_pillars={"brand": 8.0, "people": 7.75, "insights": 8.5, "relationships": 9.1},
        weekly_change="Down 2% since last week",
        source="text",
    )


def test_value_before_label_on_the_same_line() -> None:
    lines = f"12.275  {BRAND}\n9.8  {PEOPLE}\n11.06  {INSIGHTS}\n14.1  {RELATIONSHIPS}\n"
    assert parse_ssi(member_page(lines)).pillars == MEMBER


def test_value_on_the_line_above_the_label() -> None:
    lines = f"12.275\n{BRAND}\n9.8\n{PEOPLE}\n11.06\n{INSIGHTS}\n14.1\n{RELATIONSHIPS}\n"
    assert parse_ssi(member_page(lines)).pillars == MEMBER


def test_value_and_label_separated_by_a_pipe() -> None:
    lines = f"12.275 | {BRAND}\n9.8 | {PEOPLE}\n11.06 | {INSIGHTS}\n14.1 | {RELATIONSHIPS}\n"
    assert parse_ssi(member_page(lines)).pillars == MEMBER


def test_label_tab_value() -> None:
    lines = f"{BRAND}\t12.275\n{PEOPLE}\t9.8\n{INSIGHTS}\t11.06\n{RELATIONSHIPS}\t14.1\n"
    assert parse_ssi(member_page(lines)).pillars == MEMBER


def test_label_then_value_on_the_next_line() -> None:
    lines = f"{BRAND}\n12.275\n{PEOPLE}\n9.8\n{INSIGHTS}\n11.06\n{RELATIONSHIPS}\n14.1\n"
    assert parse_ssi(member_page(lines)).pillars == MEMBER


def test_labels_match_whatever_the_case_and_spacing() -> None:
    lines = "12.275 ESTABLISH  your professional\tBRAND\n9.8 find the right people\n"
    lines += "11.06  Engage   with insights  \n14.1 build RELATIONSHIPS\n"
    assert parse_ssi(member_page(lines)).pillars == MEMBER


# --- ranks, totals, peers, weekly change ---------------------------------------------------------

PILLAR_BLOCK = f"12.275  {BRAND}\n9.8  {PEOPLE}\n11.06  {INSIGHTS}\n14.1  {RELATIONSHIPS}\n"


def test_rank_on_the_line_after_its_label() -> None:
    parsed = parse_ssi(f"Industry SSI rank\nTop 65%\nNetwork SSI rank\nTop 4%\n{PILLAR_BLOCK}")
    assert (parsed.industry_rank, parsed.network_rank) == (65, 4)


def test_ranks_on_the_line_above_their_labels() -> None:
    """The line between the two labels is the network's, not the industry's."""
    parsed = parse_ssi(f"Top 42%\nIndustry SSI rank\nTop 38%\nNetwork SSI rank\n{PILLAR_BLOCK}")
    assert (parsed.industry_rank, parsed.network_rank) == (42, 38)


def test_rank_before_its_label_on_the_same_line() -> None:
    parsed = parse_ssi(f"Top 85% Industry SSI rank\nTop 40% Network SSI rank\n{PILLAR_BLOCK}")
    assert (parsed.industry_rank, parsed.network_rank) == (85, 40)


def test_rank_split_over_four_lines() -> None:
    ranks = "Top\nIndustry SSI rank\n65\n%\nTop\nNetwork SSI rank\n71\n%\n"
    parsed = parse_ssi(ranks + member_page(PILLAR_BLOCK))
    assert (parsed.industry_rank, parsed.network_rank, parsed.total) == (65, 71, 47.0)


@pytest.mark.parametrize(
    "total_lines",
    [
        "Current Social Selling Index\n47",
        "Current Social Selling Index\n47\nout of 100",
        "47\n/100",
    ],
)
def test_total_as_a_bare_number_near_its_label(total_lines: str) -> None:
    page = f"{total_lines}\nFour components of your score\n{PILLAR_BLOCK}"
    assert parse_ssi(page).total == 47.0


def test_total_absent_is_none_for_the_caller_to_derive() -> None:
    parsed = parse_ssi(PILLAR_BLOCK)
    assert parsed.total is None
    assert parsed.pillars == MEMBER


def test_peer_values_never_overwrite_the_members_own() -> None:
    parsed = parse_ssi(ENGLISH_PAGE)
    assert parsed.pillars == MEMBER
    assert parsed.total == 47.0


def test_peer_averages_and_splits_are_captured() -> None:
    parsed = parse_ssi(ENGLISH_PAGE)
    assert (parsed.industry_average, parsed.network_average) == (27.0, 33.0)
    assert parsed.industry_pillars is not None
    assert parsed.industry_pillars["relationships"] == 8.25
    assert parsed.network_pillars is not None
    assert parsed.network_pillars["people"] == 7.75


def test_peer_average_from_the_sentence_alone() -> None:
    page = ENGLISH_PAGE.replace("27 out of 100\n", "").replace("33 out of 100\n", "")
    parsed = parse_ssi(page)
    assert (parsed.industry_average, parsed.network_average) == (27.0, 33.0)
    assert parsed.pillars == MEMBER


@pytest.mark.parametrize(
    "line", ["No change since last week", "Up 1% since last week", "Down 2% since last week"]
)
def test_weekly_change_is_kept_as_written(line: str) -> None:
    assert parse_ssi(f"{PILLAR_BLOCK}  {line}  \n").weekly_change == line


# --- translated pages ----------------------------------------------------------------------------

PORTUGUESE_PAGE = """Seu Social Selling Index
Classificação no setor
Primeiros 83%
Classificação na rede
Primeiros 91%
24 de 100
Estabelecer sua marca profissional\t8,42
Localizar as pessoas certas\t5,1
Interagir oferecendo insights\t4,08
Criar relacionamentos\t6,75
Pessoas do seu setor
19 de 100
Estabelecer sua marca profissional\t5,5
Localizar as pessoas certas\t4,25
Interagir oferecendo insights\t3,9
Criar relacionamentos\t5,35
"""


def test_portuguese_page_with_decimal_commas() -> None:
    parsed = parse_ssi(PORTUGUESE_PAGE)
    assert parsed.total == 24.0
    assert parsed.pillars == {"brand": 8.42, "people": 5.1, "insights": 4.08, "relationships": 6.75}
    assert (parsed.industry_rank, parsed.network_rank) == (83, 91)
    assert parsed.industry_average == 19.0
    assert parsed.industry_pillars == {
        "brand": 5.5,
        "people": 4.25,
        "insights": 3.9,
        "relationships": 5.35,
    }


def test_russian_page() -> None:
    page = """Ваш Social Selling Index
32 из 100
9,5
Создавайте профессиональный бренд
7,25
Находите нужных людей
6,4
Взаимодействуйте \u0441 контентом
8,6
Развивайте отношения
"""
    parsed = parse_ssi(page)
    assert parsed.total == 32.0
    assert parsed.pillars == {"brand": 9.5, "people": 7.25, "insights": 6.4, "relationships": 8.6}


UNKNOWN_LANGUAGE_PAGE = """Ihr Social Selling Index
Top 30%
38 von 100
3% mehr als letzte Woche
10,2 Markenpflege
8,5 Kontaktsuche
9,1 Austausch
10,4 Beziehungen
Branchenschnitt
27 von 100
"""


def test_unknown_language_falls_back_to_the_first_four_numbers_after_the_total() -> None:
    parsed = parse_ssi(UNKNOWN_LANGUAGE_PAGE)
    assert parsed.total == 38.0
    assert parsed.pillars == {"brand": 10.2, "people": 8.5, "insights": 9.1, "relationships": 10.4}


def test_unknown_language_fallback_is_refused_when_the_sum_disagrees() -> None:
    with pytest.raises(SsiParseError, match="Could not find Establish your professional brand"):
        parse_ssi(UNKNOWN_LANGUAGE_PAGE.replace("10,4", "1,4"))


def test_crlf_line_ends_and_non_breaking_spaces() -> None:
    page = member_page(PILLAR_BLOCK).replace("  ", "\u00a0\u00a0").replace("\n", "\r\n")
    page = page.replace("47 out of 100", "\u00a047\u00a0out\u00a0of\u00a0100 ")
    parsed = parse_ssi(page)
    assert (parsed.total, parsed.pillars) == (47.0, MEMBER)


# --- JSON ----------------------------------------------------------------------------------------

SSI_JSON: dict[str, Any] = {
    "activeSeat": False,
    "memberScore": {
        "overall": 41.230514,
        "subScores": [
            {"score": 12.450102, "pillar": "PROFESSIONAL_BRAND"},
            {"score": 9.87, "pillar": "FIND_RIGHT_PEOPLE"},
            {"score": 7.41039998, "pillar": "INSIGHT_ENGAGEMENT"},
            {"score": 11.500012, "pillar": "STRONG_RELATIONSHIP"},
        ],
    },
    "groupScore": [
        {"groupType": "TEAM", "rank": 5, "score": {"overall": 60.1, "subScores": []}},
        {"groupType": "INDUSTRY", "rank": 34, "score": {"overall": 28.4561, "subScores": []}},
        {
            "groupType": "NETWORK",
            "rank": 22,
            "score": {
                "overall": 30.111,
                "subScores": [
                    {"score": 7.1234, "pillar": "PROFESSIONAL_BRAND"},
                    {"score": 6.5, "pillar": "FIND_RIGHT_PEOPLE"},
                    {"score": 7.0, "pillar": "INSIGHT_ENGAGEMENT"},
                    {"score": 9.4876, "pillar": "STRONG_RELATIONSHIP"},
                ],
            },
        },
    ],
}


def test_json_member_score_ranks_and_averages() -> None:
    parsed = parse_ssi("\n  " + json.dumps(SSI_JSON, indent=1))
    assert parsed.source == "json"
    assert parsed.total == 41.230514
    assert parsed.pillars == {
        "brand": 12.45,
        "people": 9.87,
        "insights": 7.41,
        "relationships": 11.5,
    }
    assert (parsed.industry_rank, parsed.network_rank) == (34, 22)
    assert (parsed.industry_average, parsed.network_average) == (28.46, 30.11)
    assert parsed.weekly_change is None


def test_json_group_sub_scores_fill_the_peer_split_and_team_is_ignored() -> None:
    parsed = parse_ssi(json.dumps(SSI_JSON))
    assert parsed.industry_pillars is None
    assert parsed.network_pillars == {
        "brand": 7.123,
        "people": 6.5,
        "insights": 7.0,
        "relationships": 9.488,
    }


def test_json_missing_pillar_is_named() -> None:
    data = json.loads(json.dumps(SSI_JSON))
    del data["memberScore"]["subScores"][1]
    with pytest.raises(SsiParseError, match="Could not find Find the right people in the pasted"):
        parse_ssi(json.dumps(data))


@pytest.mark.parametrize("text", ['{"memberScore": ', "{'memberScore': {}}", "{" + "[" * 50_000])
def test_invalid_json_is_refused_in_one_sentence(text: str) -> None:
    with pytest.raises(SsiParseError, match=r"^The pasted JSON is not valid"):
        parse_ssi(text)


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["hello\n", "", "   \n\t", "61 out of 100\n", "{}"])
def test_garbage_is_refused(text: str) -> None:
    with pytest.raises(SsiParseError):
        parse_ssi(text)


def test_missing_pillars_are_named_by_their_linkedin_label() -> None:
    page = member_page(f"12.275  {BRAND}\n11.06  {INSIGHTS}\n")
    with pytest.raises(SsiParseError) as error:
        parse_ssi(page)
    assert str(error.value) == (
        "Could not find Find the right people, Build relationships in the pasted text: "
        "copy the whole SSI page (Ctrl+A, Ctrl+C) from linkedin.com/sales/ssi."
    )


def test_pillar_over_25_is_refused_naming_it() -> None:
    page = PILLAR_BLOCK.replace(f"9.8  {PEOPLE}", f"26.5  {PEOPLE}")
    with pytest.raises(SsiParseError, match=r"Find the right people reads 26\.5"):
        parse_ssi(page)


@pytest.mark.parametrize("rank", ["Top 0%", "Top 130%"])
def test_rank_outside_1_to_100_is_refused(rank: str) -> None:
    with pytest.raises(SsiParseError, match="industry SSI rank"):
        parse_ssi(f"Industry SSI rank\n{rank}\n{PILLAR_BLOCK}")


def test_total_that_disagrees_with_the_pillars_is_refused_stating_both() -> None:
    with pytest.raises(SsiParseError, match=r"total 52 does not match .* \(47\.235\)"):
        parse_ssi(member_page(PILLAR_BLOCK, head="52 out of 100"))


def test_input_over_2_mb_is_refused() -> None:
    with pytest.raises(SsiParseError, match="over 2 MB"):
        parse_ssi(ENGLISH_PAGE + "x" * (2 * 1024 * 1024))


MEGABYTE_INPUTS = {
    "short number lines": "1\n" * 500_000,
    "one line of digits": "9" * 1_000_000,
    "long number lists": ("1,1," * 70 + "\n") * 3_500,
    "labels and ranks": f"3\n{INSIGHTS}\nTop\nIndustry SSI rank\n" * 25_000,
    "sentences ending in numbers": ("ssi " * 60 + "1 1 1 1\n") * 4_000,
    "out of 100 lines": "out of 100\n61\n" * 70_000,
    "the page repeated": ENGLISH_PAGE * 1_000,
}


@pytest.mark.parametrize("text", MEGABYTE_INPUTS.values(), ids=MEGABYTE_INPUTS.keys())
def test_a_megabyte_parses_or_is_refused_quickly(text: str) -> None:
    started = time.perf_counter()
    parse_or_none(text)
    assert time.perf_counter() - started < 1.0


# --- properties ----------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [BRAND, PEOPLE, INSIGHTS, RELATIONSHIPS, "Industry SSI rank", "Network SSI rank", "Top",
     "Top 12%", "%", "61 out of 100", "Current Social Selling Index", "People in your industry",
     "People in your network", "average SSI of 31.", "12.5", "25,5", "7", "|", "\t", "\u00a0",
     "since last week", "Criar relacionamentos", "-3", "1e9", "{"]
)  # fmt: skip


def parse_or_none(text: str) -> ParsedSsi | None:
    """The parse, or None when refused: any exception but SsiParseError fails the test."""
    try:
        return parse_ssi(text)
    except SsiParseError:
        return None


def assert_valid(parsed: ParsedSsi | None) -> None:
    if parsed is None:
        return
    assert set(parsed.pillars) == set(PILLAR_KEYS)
    for split in (parsed.pillars, parsed.industry_pillars or {}, parsed.network_pillars or {}):
        assert all(0 <= value <= 25 for value in split.values())
    for rank in (parsed.industry_rank, parsed.network_rank):
        assert rank is None or 1 <= rank <= 100


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_parses_validly_or_raises_ssi_parse_error(text: str) -> None:
    assert_valid(parse_or_none(text))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(FRAGMENTS | st.text(max_size=8), max_size=40),
    st.sampled_from(["\n", "\r\n", " ", "\t"]),
)
def test_page_like_fragments_parse_validly_or_raise_ssi_parse_error(
    parts: list[str], separator: str
) -> None:
    assert_valid(parse_or_none(separator.join(parts)))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["overall", "subScores", "score", "pillar", "rank", "groupType"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES, JSON_VALUES)
def test_any_json_parses_validly_or_raises_ssi_parse_error(member: Any, groups: Any) -> None:
    assert_valid(parse_or_none(json.dumps({"memberScore": member, "groupScore": groups})))


LAYOUTS = ("before", "pipe", "tab", "above", "below")
PILLAR_VALUES = st.tuples(
    st.floats(min_value=0, max_value=25, allow_nan=False), st.sampled_from([2, 3])
).map(lambda value_places: round(value_places[0], value_places[1]))


def render(label: str, value: float, layout: str, decimal_comma: bool) -> str:
    number = f"{value:.3f}".rstrip("0").rstrip(".")
    number = number.replace(".", ",") if decimal_comma else number
    return {
        "before": f"{number}  {label}",
        "pipe": f"{number} | {label}",
        "tab": f"{label}\t{number}",
        "above": f"{number}\n{label}",
        "below": f"{label}\n{number}",
    }[layout]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(PILLAR_VALUES, min_size=4, max_size=4),
    st.lists(st.sampled_from(LAYOUTS), min_size=4, max_size=4),
    st.booleans(),
    st.sampled_from(["none", "out of", "bare"]),
)
def test_rendered_pillars_round_trip(
    values: list[float], layouts: list[str], decimal_comma: bool, total_style: str
) -> None:
    total = round(sum(values))
    head = {
        "none": "Your Social Selling Index",
        "out of": f"Current Social Selling Index\n{total} out of 100",
        "bare": f"Current Social Selling Index\n{total}",
    }[total_style]
    rows = [
        render(pillar.label, value, layout, decimal_comma)
        for pillar, value, layout in zip(PILLARS, values, layouts, strict=True)
    ]
    page = "\n".join([head, "Four components of your score", *rows, "No change since last week"])
    parsed = parse_ssi(page)
    assert parsed.pillars == pytest.approx(dict(zip(PILLAR_KEYS, values, strict=True)))
    assert parsed.total == (None if total_style == "none" else total)
