"""NLTK pieces that need no downloaded data, loaded once on first use.

Importing NLTK costs about a second, so nothing here runs at import time. There is no network:
the sentence splitter is an untrained Punkt tokenizer, and VADER reads the lexicon that the
`vaderSentiment` package ships, registered through `nltk.data.path` (NLTK 3.10 refuses plain
file paths and any data folder another account could write to).
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
import threading
from functools import cache
from pathlib import Path
from typing import Any

LEXICON_RESOURCE = "sentiment/vader_lexicon/vader_lexicon.txt"
"""Where NLTK looks for the lexicon inside a data folder."""

ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e"),
        *("a.m", "p.m", "u.s", "u.k", "inc", "ltd", "co", "corp", "dept", "approx", "no"),
        *("fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct"),
        *("nov", "dec", "mon", "tue", "wed", "thu", "fri"),
    }
)
"""Common abbreviations that end in a full stop without ending the sentence (Punkt's own
abbreviation list comes from training data, which cannot be downloaded here)."""

_lock = threading.Lock()


class LexiconMissing(RuntimeError):
    """The vaderSentiment package (and so its lexicon) is not installed."""


def shipped_lexicon() -> Path:
    """The VADER lexicon file inside the installed vaderSentiment package."""
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise LexiconMissing("The vaderSentiment package is not installed.")
    path = Path(next(iter(spec.submodule_search_locations))) / "vader_lexicon.txt"
    if not path.is_file():
        raise LexiconMissing(f"No VADER lexicon at {path}.")
    return path


@cache
def sentence_tokenizer() -> Any:
    """An untrained Punkt tokenizer that knows a few abbreviations; it needs no data files."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    parameters = PunktParameters()
    parameters.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(parameters)


def sentiment_analyzer() -> Any:
    """NLTK's VADER analyzer built from the lexicon vaderSentiment ships (thread-safe, once)."""
    with _lock:
        return _build_sentiment_analyzer()


@cache
def _build_sentiment_analyzer() -> Any:
    import nltk.data
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    source = shipped_lexicon()
    # A private folder laid out as NLTK expects; the analyzer reads the whole lexicon in its
    # constructor, so the folder is removed straight after and nothing stays on disk.
    with tempfile.TemporaryDirectory(prefix="ssi-tui-vader-") as root:
        target = Path(root) / LEXICON_RESOURCE
        for folder in (target.parent.parent, target.parent):
            folder.mkdir(mode=0o700)
            folder.chmod(0o700)
        shutil.copyfile(source, target)
        target.chmod(0o600)
        nltk.data.path.insert(0, root)
        try:
            return SentimentIntensityAnalyzer(lexicon_file=LEXICON_RESOURCE)
        finally:
            nltk.data.path.remove(root)


def compound_sentiment(text: str) -> float:
    """VADER's compound score, −1 (negative) to 1 (positive)."""
    if not text.strip():
        return 0.0
    return float(sentiment_analyzer().polarity_scores(text)["compound"])
