"""The draft analyzer on the worst drafts a paste can hold: seconds per pathological input.

Usage: `python benchmarks/analyzer_worst_case.py [--json] [--size BYTES] [--repeat N]
[--only NAME ...]` from the repository root (with `PYTHONPATH=src` in a checkout, or with the
package installed).

Each input repeats one pattern up to just under the 2 MB that `ssi-tui analyze` accepts (1.9 MB
of UTF-8 by default): combining marks, newlines, ZWJ emoji, hashtags, mentions, spaces, one
endless word, links, question marks, text from many scripts, right-to-left text. Each is
analysed as the Drafts pane and the CLI do it (`predict`, then `advise`), on the shipped prior,
once the language tools are loaded, so import time is left out; the median of `--repeat` runs
is reported. The README promises an answer within two seconds; `TARGET_S` is the analysis's own
share. Progress goes to standard error; `--json` prints one object on the last line of
standard output: `{"seconds": {input: s}, "worst": input, "worst_s": s, "target_s": ...,
"size_bytes": ...}`.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable

SIZE_BYTES = 1_900_000
"""Under the 2 MB (2,097,152-byte) cap of `ssi-tui analyze`, as the bug reports used."""
TARGET_S = 1.0
"""The analysis of any input under the cap, leaving the rest of two seconds to start-up."""

SCRIPTS = (
    (0x20, 0x7E),  # ASCII
    (0xC0, 0x24F),  # Latin accents
    (0x300, 0x36F),  # combining marks
    (0x370, 0x3FF),  # Greek
    (0x400, 0x4FF),  # Cyrillic
    (0x590, 0x5FF),  # Hebrew
    (0x600, 0x6FF),  # Arabic
    (0x900, 0x97F),  # Devanagari
    (0xE00, 0xE7F),  # Thai
    (0x200B, 0x200F),  # zero-width characters and direction marks
    (0x3040, 0x30FF),  # kana
    (0x4E00, 0x9FFF),  # CJK
    (0xAC00, 0xD7A3),  # Hangul
    (0x1D400, 0x1D7FF),  # mathematical "bold" letters
    (0x1F300, 0x1FAFF),  # emoji
)


def repeated(unit: str) -> Callable[[int], str]:
    """`unit` repeated to at most `size` bytes of UTF-8."""
    return lambda size: unit * max(1, size // len(unit.encode()))


def after_a(unit: str) -> Callable[[int], str]:
    """One "a" carrying `unit` repeated: a single grapheme as long as the paste."""
    return lambda size: "a" + repeated(unit)(size - 1)


def many_scripts(size: int) -> str:
    """Characters from many scripts, with some spaces, breaks and punctuation (seeded)."""
    rng = random.Random(7)
    characters: list[str] = []
    used = 0
    while used < size:
        low, high = rng.choice(SCRIPTS)
        character = chr(rng.randint(low, high))
        if rng.random() < 0.1:
            character = rng.choice(" \n.?!#@")
        used += len(character.encode())
        if used <= size:
            characters.append(character)
    return "".join(characters)


PATHOLOGICAL_DRAFTS: dict[str, Callable[[int], str]] = {
    "combining_marks_on_a": after_a("\u0301"),
    "combining_marks": repeated("\u0301"),
    "newlines": repeated("\n"),
    "crlf": repeated("\r\n"),
    "zwj_emoji": repeated("👩\u200d💻"),
    "family_emoji": repeated("👨\u200d👩\u200d👧\u200d👦"),
    "hashes": repeated("#"),
    "hashtags": repeated("#a"),
    "hashtag_lines": repeated("#sales\n"),
    "ats": repeated("@"),
    "mentions": repeated("@a "),
    "spaces": repeated(" "),
    "tabs": repeated("\t"),
    "one_word": repeated("a"),
    "urls": repeated("http://a.b/"),
    "urls_spaced": repeated("http://a.b/ "),
    "question_marks": repeated("?"),
    "exclamation_marks": repeated("!"),
    "full_stops": repeated("."),
    "short_sentences": repeated("Hi. "),
    "initials": repeated("a. "),
    "list_lines": repeated("- a\n"),
    "near_calls_to_action": repeated("link in the "),
    "many_scripts": many_scripts,
    "right_to_left": repeated("שלום עולם. مرحبا بالعالم؟ "),
    "prose": repeated("I lost a deal today, and here is what I learned. What do you think?\n"),
}
"""Every input a user could paste that once made the analyzer slow, and its neighbours."""


def worst_case_seconds(
    size: int = SIZE_BYTES,
    repeat: int = 3,
    only: list[str] | None = None,
    log: Callable[[str], None] = lambda line: None,
) -> dict[str, float]:
    """Median seconds of `predict` plus `advise` per pathological draft of `size` bytes."""
    from ssi_tui.analysis.advice import advise
    from ssi_tui.analysis.model import predict, shipped_prior

    prior = shipped_prior()
    predict("Warm up the language tools.", None, [], None, prior, 0)
    seconds: dict[str, float] = {}
    for name, make in PATHOLOGICAL_DRAFTS.items():
        if only and name not in only:
            continue
        text = make(size)
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            prediction = predict(text, None, [], None, prior, 0)
            advise(prediction.features)
            runs.append(time.perf_counter() - started)
        seconds[name] = round(statistics.median(runs), 3)
        log(f"{name:<22} {seconds[name]:6.3f} s  ({len(text):,} characters)")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--size", type=int, default=SIZE_BYTES, help="bytes per input")
    parser.add_argument("--repeat", type=int, default=3, help="runs per input (median)")
    parser.add_argument("--only", nargs="*", metavar="NAME", help="just these inputs")
    args = parser.parse_args(argv)
    unknown = set(args.only or ()) - set(PATHOLOGICAL_DRAFTS)
    if unknown:
        parser.error(f"unknown input(s): {', '.join(sorted(unknown))}")
    seconds = worst_case_seconds(
        args.size, max(1, args.repeat), args.only, lambda line: print(line, file=sys.stderr)
    )
    worst = max(seconds, key=seconds.__getitem__)
    summary = {
        "seconds": seconds,
        "worst": worst,
        "worst_s": seconds[worst],
        "target_s": TARGET_S,
        "size_bytes": args.size,
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"worst: {worst} in {seconds[worst]:.3f} s (target {TARGET_S:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
