"""Fuzzing the three doors that take text from outside: the SSI paste, imports, drafts.

Every run tries a modest number of inputs; set SSI_TUI_FUZZ_EXAMPLES (e.g. 20000) for a run at
scale. Each input must be answered (a result or a one-sentence refusal) within two seconds.
"""

from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssi_tui.analysis.features import analyze_text
from ssi_tui.core.ssi_paste import SsiParseError, parse_ssi
from ssi_tui.importers import ImportRefused, read_path
from ssi_tui.importers.export_files import CSV_KINDS

EXAMPLES = int(os.environ.get("SSI_TUI_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
LABELS = [
    "Establish your professional brand",
    "Find the right people",
    "Engage with insights",
    "Build relationships",
    "Industry SSI rank",
    "Top 12%",
    "out of 100",
    "\t",
    " | ",
    "\n",
]
page_like = st.lists(
    st.one_of(
        st.sampled_from(LABELS), st.text(max_size=12), st.floats(0, 120).map(lambda x: f"{x:.2f}")
    ),
    max_size=40,
).map("".join)


@FUZZ
@given(st.one_of(st.text(max_size=3000), page_like))
def test_the_ssi_paste_parser_answers_every_input(text: str) -> None:
    try:
        parsed = parse_ssi(text)
    except SsiParseError as error:
        assert str(error).strip() and "\n" not in str(error).strip()
        return
    assert all(0 <= value <= 25 for value in parsed.pillars.values())


KINDS = {kind.file_names[0]: kind for kind in CSV_KINDS if kind.file_names}
cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["2025-07-13 08:15:21", "16 Dec 2024", "1/8/18, 6:14 PM", "NA", '""', '\\"']),
    st.integers(-5, 10**9).map(str),
)


@st.composite
def export_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file named like an export file: its real header (shuffled) and mangled rows, or junk."""
    name = draw(st.sampled_from(sorted(KINDS)))
    columns = list(draw(st.sampled_from(KINDS[name].documented)))
    columns = draw(st.permutations(columns))
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=len(columns) + 2), max_size=30))
    text = "\n".join([",".join(columns), *(",".join(row) for row in rows)])
    body = draw(st.one_of(st.just(text.encode()), st.binary(max_size=3000)))
    cut = draw(st.integers(0, len(body)))
    return name, body[: max(cut, len(body) // 2)]


@FUZZ
@given(export_files())
def test_importers_answer_every_mangled_file(file: tuple[str, bytes]) -> None:
    name, body = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.csv"
        path.write_bytes(body)
        try:
            results = read_path(path)
        except ImportRefused as error:
            assert str(error).strip()
            return
        for result in results:
            assert all(row.count >= 0 for row in result.journal)


@FUZZ
@given(st.text(max_size=5000))
def test_the_draft_analyzer_answers_every_draft(text: str) -> None:
    features = analyze_text(text)
    assert 0 <= features.characters <= len(text), "line endings count once, as LinkedIn counts them"
    assert -1.0 <= features.sentiment <= 1.0
