"""The analyzer loads only the NLTK modules it uses, and leaves NLTK whole for anyone after it.

`import nltk` imports all of NLTK and with it NumPy, SciPy and scikit-learn: seconds that one
`ssi-tui analyze` paid before its first word.
"""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from ssi_tui.analysis.features import analyze_text
features = analyze_text("Cold calls are not dead. What do you think?")
print(features.sentences, features.questions)
print(sorted(n for n in ("sklearn", "scipy", "numpy") if n in sys.modules))
import nltk
from nltk.tokenize import TreebankWordTokenizer
print(TreebankWordTokenizer().tokenize("Hello there"), bool(nltk.__version__))
from nltk.sentiment import SentimentIntensityAnalyzer
print(SentimentIntensityAnalyzer.__name__)
"""


def test_analysis_loads_three_nltk_modules_and_nltk_stays_whole_after() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-800:]
    lines = result.stdout.splitlines()
    assert lines[0] == "2 1"
    assert lines[1] == "[]", "no NumPy, SciPy or scikit-learn for the text features"
    assert lines[2] == "['Hello', 'there'] True", "a later `import nltk` finds all of it"
    assert lines[3] == "SentimentIntensityAnalyzer"
