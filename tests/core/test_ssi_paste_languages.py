"""Ranks on SSI pages in any language: read by where they sit on the page, not by their words.

The page shows the industry rank's card, then the network rank's, each a heading and a
percentage, all above the score. The pages below are invented in the documented order, with
headings translated the way LinkedIn plausibly words them; the numbers are nobody's score.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_tui.core.ssi_paste import ParsedSsi, parse_ssi

PILLAR_VALUES = ("8.42", "5.1", "4.08", "6.75")  # 24.35, shown as 24
MEMBER = {"brand": 8.42, "people": 5.1, "insights": 4.08, "relationships": 6.75}


@dataclass(frozen=True)
class Language:
    """The words of one translated page; `{n}` in `top` is where the percentage goes."""

    title: str
    industry_rank: str
    network_rank: str
    top: str
    current: str
    out_of: str
    components: str
    pillars: tuple[str, str, str, str]
    industry_peers: str
    network_peers: str
    weekly: str
    decimal_comma: bool


LANGUAGES = {
    "en": Language(
        "Your Social Selling Index",
        "Industry SSI rank",
        "Network SSI rank",
        "Top {n}%",
        "Current Social Selling Index",
        "out of",
        "Four components of your score",
        (
            "Establish your professional brand",
            "Find the right people",
            "Engage with insights",
            "Build relationships",
        ),
        "People in your industry",
        "People in your network",
        "Up 3% since last week",
        decimal_comma=False,
    ),
    "pt-BR": Language(
        "Seu Social Selling Index",
        "Classificação SSI do setor",
        "Classificação SSI da rede",
        "Primeiros {n}%",
        "Social Selling Index atual",
        "de",
        "Quatro componentes da sua pontuação",
        (
            "Estabelecer sua marca profissional",
            "Localizar as pessoas certas",
            "Interagir oferecendo insights",
            "Criar relacionamentos",
        ),
        "Pessoas do seu setor",
        "Pessoas da sua rede",
        "Aumento de 3% desde a semana passada",
        decimal_comma=True,
    ),
    "es": Language(
        "Tu Social Selling Index",
        "Clasificación SSI del sector",
        "Clasificación SSI de la red",
        "Primeros {n}\u00a0%",
        "Social Selling Index actual",
        "de",
        "Cuatro componentes de tu puntuación",
        (
            "Establecer tu marca profesional",
            "Buscar a las personas adecuadas",
            "Interactuar aportando información",
            "Crear relaciones",
        ),
        "Personas de tu sector",
        "Personas de tu red",
        "Un 3\u00a0% más que la semana pasada",
        decimal_comma=True,
    ),
    "fr": Language(
        "Votre Social Selling Index",
        "Classement SSI dans le secteur",
        "Classement SSI dans le réseau",
        "Les {n}\u202f% premiers",
        "Social Selling Index actuel",
        "sur",
        "Les quatre composantes de votre score",
        (
            "Établir votre marque professionnelle",
            "Trouver les bonnes personnes",
            "Échanger des informations",
            "Développer des relations",
        ),
        "Personnes de votre secteur",
        "Personnes de votre réseau",
        "En hausse de 3\u202f% depuis la semaine dernière",
        decimal_comma=True,
    ),
    "de": Language(
        "Ihr Social Selling Index",
        "SSI-Rang in der Branche",
        "SSI-Rang im Netzwerk",
        "Top {n} %",
        "Aktueller Social Selling Index",
        "von",
        "Vier Komponenten Ihres Scores",
        (
            "Professionelle Marke etablieren",
            "Die richtigen Personen finden",
            "Mit Insights interagieren",
            "Beziehungen aufbauen",
        ),
        "Personen in Ihrer Branche",
        "Personen in Ihrem Netzwerk",
        "3 % mehr als letzte Woche",
        decimal_comma=True,
    ),
    "zh": Language(
        "您的 Social Selling Index",
        "行业 SSI 排名",
        "人脉 SSI 排名",
        "前 {n}％",
        "当前 Social Selling Index",
        "/",
        "分数的四个组成部分",
        ("建立职业品牌", "寻找合适人选", "洞察互动", "建立人脉关系"),
        "您所在行业的会员",
        "您人脉中的会员",
        "比上周增加 3%",
        decimal_comma=False,
    ),
}


def number(text: str, language: Language) -> str:
    return text.replace(".", ",") if language.decimal_comma else text


def rank_card(heading: str, top: str, rank: int, layout: str) -> list[str]:
    """One rank card as a copy gives it: the percentage under, beside, or split around it."""
    percentage = top.format(n=rank)
    words_before = top.partition("{n}")[0].strip()
    return {
        "under": [heading, percentage],
        "beside": [f"{percentage} {heading}"],
        "split": [words_before, heading, str(rank), "%"],
    }[layout]


def page(
    language: Language,
    industry: int | None,
    network: int | None,
    layout: str = "under",
    blank: str = "",
) -> str:
    """A whole SSI page in the documented order: ranks, score, pillars, then the peers."""
    lines = [language.title]
    for heading, rank in ((language.industry_rank, industry), (language.network_rank, network)):
        if rank is not None:
            lines += [blank, *rank_card(heading, language.top, rank, layout)]
    lines += [blank, language.current, f"24 {language.out_of} 100", language.components]
    lines += [
        f"{label}\t{number(value, language)}"
        for label, value in zip(language.pillars, PILLAR_VALUES, strict=True)
    ]
    lines += [blank, language.industry_peers, f"19 {language.out_of} 100"]
    lines += [language.network_peers, f"22 {language.out_of} 100", language.weekly]
    return "\n".join(lines) + "\n"


def ranks(parsed: ParsedSsi) -> tuple[int | None, int | None]:
    return parsed.industry_rank, parsed.network_rank


# --- whole pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["under", "beside", "split"])
@pytest.mark.parametrize("code", LANGUAGES)
def test_both_ranks_are_read_in_every_language_and_layout(code: str, layout: str) -> None:
    parsed = parse_ssi(page(LANGUAGES[code], industry=7, network=12, layout=layout))
    assert ranks(parsed) == (7, 12)
    assert (parsed.total, parsed.pillars) == (24.0, MEMBER)


def test_the_portuguese_page_as_linkedin_writes_it() -> None:
    text = """Seu Social Selling Index
Classificação SSI do setor
Primeiros 10%
Classificação SSI da rede
Primeiros 25%
Social Selling Index atual
24 de 100
Estabelecer sua marca profissional\t8,42
Localizar as pessoas certas\t5,1
Interagir oferecendo insights\t4,08
Criar relacionamentos\t6,75
"""
    parsed = parse_ssi(text)
    assert ranks(parsed) == (10, 25)
    assert (parsed.total, parsed.pillars) == (24.0, MEMBER)


@pytest.mark.parametrize("code", ["pt-BR", "es", "fr", "de", "zh"])
def test_blank_lines_crlf_tabs_and_non_breaking_spaces_do_not_move_the_ranks(code: str) -> None:
    text = page(LANGUAGES[code], industry=1, network=100, blank=" \t\u00a0")
    text = "\r\n".join(f"\u00a0 {line}\t " for line in text.splitlines()).replace(" %", "\u00a0%")
    assert ranks(parse_ssi("\r\n\r\n" + text)) == (1, 100)


@pytest.mark.parametrize(
    "top",
    [
        "Top {n}%",
        "Top {n} %",
        "Top {n}\u00a0%",
        "Top {n}\u202f%",
        "Les {n} % premiers",
        "{n} % superior",
        "前{n}%",
        "上位 {n}％",
        "İlk %{n}",
    ],
)
def test_every_way_of_writing_the_percentage(top: str) -> None:
    language = replace(LANGUAGES["es"], top=top)
    assert ranks(parse_ssi(page(language, industry=3, network=48))) == (3, 48)


# --- when only one rank can be placed ------------------------------------------------------------


@pytest.mark.parametrize("code", ["es", "fr", "de", "zh"])
def test_a_lone_rank_under_an_unknown_heading_is_not_guessed(code: str) -> None:
    assert ranks(parse_ssi(page(LANGUAGES[code], industry=7, network=None))) == (None, None)
    assert ranks(parse_ssi(page(LANGUAGES[code], industry=None, network=12))) == (None, None)


def test_a_lone_portuguese_rank_is_named_by_its_heading() -> None:
    portuguese = LANGUAGES["pt-BR"]
    assert ranks(parse_ssi(page(portuguese, industry=None, network=12))) == (None, 12)
    assert ranks(parse_ssi(page(portuguese, industry=7, network=None))) == (7, None)


def test_a_known_heading_leaves_the_other_rank_to_the_page_order() -> None:
    french, english = LANGUAGES["fr"], LANGUAGES["en"]
    known_first = replace(french, industry_rank=english.industry_rank)
    known_second = replace(french, network_rank=english.network_rank)
    assert ranks(parse_ssi(page(known_first, industry=7, network=12))) == (7, 12)
    assert ranks(parse_ssi(page(known_second, industry=7, network=12))) == (7, 12)


def test_a_percentage_on_the_wrong_side_of_a_known_heading_is_left_out() -> None:
    cards = "Network SSI rank\nTop 12%\nClassement SSI dans le secteur\nLes 7 % premiers\n"
    text = page(LANGUAGES["fr"], industry=None, network=None).replace("\n", "\n" + cards, 1)
    assert ranks(parse_ssi(text)) == (None, 12)


def test_more_percentages_than_rank_cards_place_none() -> None:
    text = page(LANGUAGES["es"], industry=7, network=12).replace("\n", "\nTop 5%\n", 1)
    assert ranks(parse_ssi(text)) == (None, None)


def test_a_percentage_no_rank_can_be_leaves_both_out_without_refusing_the_page() -> None:
    parsed = parse_ssi(page(LANGUAGES["de"], industry=0, network=12))
    assert ranks(parsed) == (None, None)
    assert parsed.pillars == MEMBER


def test_percentages_below_the_score_are_not_ranks() -> None:
    german = LANGUAGES["de"]
    lone = page(german, industry=7, network=None) + "5 % weniger als letzte Woche\n"
    assert ranks(parse_ssi(lone)) == (None, None)


# --- any language --------------------------------------------------------------------------------

WORDS = st.text(st.characters(categories=["Lu", "Ll", "Lt", "Lm", "Lo"]), min_size=1, max_size=10)
HEADINGS = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
PERCENT_STYLES = ["{w} {n}%", "{w} {n} %", "{w} {n}\u00a0%", "{w} {n}\u202f%", "{n} % {w}",
                  "{w}{n}%", "{w} %{n}", "{w} {n}％", "{n}%"]  # fmt: skip
SEPARATORS = st.sampled_from(["\n", "\n\n", " \n", "\r\n", "\n\t\n", "\u00a0\n \n"])


@st.composite
def unknown_language_pages(draw: st.DrawFn) -> tuple[str, int, int]:
    """A page whose every word is random: only its shape says where each rank is."""
    industry, network = draw(st.integers(1, 100)), draw(st.integers(1, 100))
    layout = draw(st.sampled_from(["under", "beside", "split"]))
    lines = [draw(HEADINGS) + " Social Selling Index"]
    for rank in (industry, network):
        top = draw(st.sampled_from(PERCENT_STYLES)).replace("{w}", draw(WORDS))
        lines += rank_card(draw(HEADINGS), top, rank, layout)
    out_of = draw(st.sampled_from(["out of", "de", "von", "sur", "из", "/"]))
    lines += [draw(HEADINGS), f"24 {out_of} 100", draw(HEADINGS)]
    comma = draw(st.booleans())
    for value in PILLAR_VALUES:
        lines.append(f"{value.replace('.', ',') if comma else value} {draw(HEADINGS)}")
    lines += [draw(HEADINGS), f"19 {out_of} 100", f"{draw(st.integers(1, 9))}% {draw(HEADINGS)}"]
    separators = draw(st.lists(SEPARATORS, min_size=len(lines), max_size=len(lines)))
    return (
        "".join(line + gap for line, gap in zip(lines, separators, strict=True)),
        industry,
        network,
    )


@settings(max_examples=300, deadline=None)
@given(unknown_language_pages())
def test_ranks_in_a_random_language_land_in_their_slots(case: tuple[str, int, int]) -> None:
    text, industry, network = case
    parsed = parse_ssi(text)
    assert ranks(parsed) == (industry, network)
    assert parsed.pillars == MEMBER
