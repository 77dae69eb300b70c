"""NLTK pieces that need no downloaded data, loaded once on first use.

There is no network: the sentence splitter is an untrained Punkt tokenizer, and VADER reads the
lexicon that the `vaderSentiment` package ships, registered through `nltk.data.path` (NLTK 3.10
refuses plain file paths and any data folder another account could write to).

Only the three modules used are loaded (`nltk.tokenize.punkt`, `nltk.sentiment.vader`,
`nltk.data`, about 0.1 s): `import nltk` runs the package's `__init__`, which imports every
part of NLTK and with them NumPy, SciPy and scikit-learn, 0.5 s to 2.7 s of imports (see
`_nltk_parts`). Nothing here runs at import time.
"""

from __future__ import annotations

import importlib
import importlib.util
import shutil
import sys
import tempfile
import threading
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

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


class NltkParts(NamedTuple):
    """The NLTK modules the analyzer uses."""

    punkt: ModuleType
    vader: ModuleType
    data: ModuleType


SKIPPED_PACKAGES = ("nltk", "nltk.tokenize", "nltk.sentiment")
"""Packages whose `__init__` would import far more than the analyzer uses."""


class DeferredPackage(ModuleType):
    """An NLTK package put in `sys.modules` before its `__init__` has run.

    Its submodules import as usual. The first time a name it lacks is asked for (say
    `nltk.word_tokenize`, once the analyzer's modules are loaded), the real `__init__` runs in
    it, as `import nltk` would have, so the rest of the process still finds all of NLTK.
    """

    _completion = threading.RLock()
    _state = "deferred"
    """"deferred" (not run), "held" (while ssi-tui loads its modules), "running", "complete"."""

    def __getattr__(self, name: str) -> Any:
        with self._completion:
            if self._state != "deferred":  # a partly run package lacks the name, as usual
                raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
            self._state = "running"
            try:
                assert self.__spec__ is not None and self.__spec__.loader is not None
                self.__spec__.loader.exec_module(self)
            finally:
                self._state = "complete"
        return getattr(self, name)


def nltk_parts() -> NltkParts:
    """Punkt, VADER and `nltk.data`, loaded once (thread-safe)."""
    with _lock:
        return _nltk_parts()


@cache
def _nltk_parts() -> NltkParts:
    """Import the three modules without running the `__init__` of the packages above them.

    A module's parent packages must be in `sys.modules` before it is imported: each is put
    there as a `DeferredPackage` (found where NLTK is installed, its `__init__` not yet run),
    held so that the imports below load submodules rather than complete it. When NLTK is
    already imported, its modules are simply used.
    """
    names = ("nltk.tokenize.punkt", "nltk.sentiment.vader", "nltk.data")
    if "nltk" in sys.modules:
        return NltkParts(*(importlib.import_module(name) for name in names))
    placed: list[DeferredPackage] = []
    with DeferredPackage._completion:
        try:
            for name in SKIPPED_PACKAGES:
                spec = importlib.util.find_spec(name)
                if spec is None or spec.submodule_search_locations is None:
                    raise ImportError(f"NLTK's {name} package is not installed.")
                package = DeferredPackage(name)
                package.__spec__ = spec
                package.__path__ = list(spec.submodule_search_locations)
                package.__file__ = spec.origin
                package.__package__ = name
                package.__loader__ = spec.loader
                package._state = "held"
                placed.append(package)
                sys.modules[name] = package
                parent, _, child = name.rpartition(".")
                if parent:
                    setattr(sys.modules[parent], child, package)
            return NltkParts(*(importlib.import_module(name) for name in names))
        except BaseException:
            for package in placed:
                sys.modules.pop(package.__name__, None)
            raise
        finally:
            for package in placed:
                package._state = "deferred"


@cache
def sentence_tokenizer() -> Any:
    """An untrained Punkt tokenizer that knows a few abbreviations; it needs no data files."""
    punkt = nltk_parts().punkt
    parameters = punkt.PunktParameters()
    parameters.abbrev_types = set(ABBREVIATIONS)
    return punkt.PunktSentenceTokenizer(parameters)


def sentiment_analyzer() -> Any:
    """NLTK's VADER analyzer built from the lexicon vaderSentiment ships (thread-safe, once)."""
    with _lock:
        return _build_sentiment_analyzer()


@cache
def _build_sentiment_analyzer() -> Any:
    parts = _nltk_parts()  # the caller holds the lock
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
        parts.data.path.insert(0, root)
        try:
            return parts.vader.SentimentIntensityAnalyzer(lexicon_file=LEXICON_RESOURCE)
        finally:
            parts.data.path.remove(root)


def compound_sentiment(text: str) -> float:
    """VADER's compound score, −1 (negative) to 1 (positive)."""
    if not text.strip():
        return 0.0
    return float(sentiment_analyzer().polarity_scores(text)["compound"])
