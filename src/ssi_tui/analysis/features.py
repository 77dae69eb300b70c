"""What a draft measures: length, hook, structure, calls to action and sentiment.

Everything except sentence splitting and sentiment is a regular expression over the text, so it
runs on the whole draft: each count is one linear pass, with no loop over lines and no pattern
that tries every phrase at every character, so a paste of up to 2 MB of anything (newlines,
combining marks, hashtags, one endless word) is measured in about half a second at worst
(`benchmarks/analyzer_worst_case.py`). The NLTK parts (sentences, readability, sentiment) read
only the first `NLP_CHARACTERS` characters: a long paste is analysed in bounded time, and
LinkedIn cuts posts at 3,000 characters anyway. `DraftFeatures.analyzed_characters` says how
much they read.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Final

from ssi_tui.analysis import nlp
from ssi_tui.core.drafts import CHARACTER_LIMIT, DESKTOP_FOLD, URL, WORD, hook_of

MOBILE_FOLD: Final = 140
"""Roughly where "…see more" cuts a post in the mobile app."""
NLP_CHARACTERS: Final = 20_000
"""How much of a draft the NLTK parts read (sentences, readability, sentiment)."""

_URL = URL
_URL_TRAILING = ".,;:!?)]}'\"”’»"
_LINKEDIN_HOST = re.compile(r"^(?:https?://)?(?:[\w-]+\.)*linkedin\.com(?:[/:?#]|$)", re.I)
_MENTION = re.compile(r"(?<![\w.@])@\w+")
_QUESTION = re.compile(r"[?？؟]+")
_HASHTAG_ONLY = re.compile(r"(?<!\w)#\w+")
"""A hashtag, as `ssi_tui.core.drafts.measure` counts them for the pane's instant figures."""
_BEFORE_BLANK_LINE = re.compile(r"\n(?=[^\S\n]*\n)")
"""A line break followed by a line of nothing but whitespace (what `str.strip` removes): in a
stripped draft every blank line has one, and neither the first nor the last line is blank."""
_WORD = WORD
_VOWELS = re.compile(r"[aeiouyàáâäãåæèéêëìíîïòóôöõøœùúûü]+")
_UNICODE_STYLED = re.compile("[\U0001d400-\U0001d7ff]")
_EMOJI = re.compile(
    "(?<!\u200d)(?:"
    "[\U0001f1e6-\U0001f1ff]{2}"  # a flag: two regional indicators
    "|[\U0001f000-\U0001f1e5\U0001f200-\U0001f3fa\U0001f400-\U0001faff]"  # minus skin tones
    "|[\u2600-\u27bf\u231a\u231b\u2328\u23cf\u23e9-\u23f3\u23f8-\u23fa"
    "\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55]"
    "|[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2190-\u21ff\u2934\u2935\u25aa\u25ab\u25b6\u25c0"
    "\u25fb-\u25fe\u3030\u303d\u3297\u3299]\ufe0f"  # text symbols shown as emoji
    "|\u20e3"  # a keycap such as 1️⃣
    ")"
)
"""Emoji as people see them: a ZWJ sequence, a flag or a keycap counts once; skin-tone modifiers
and variation selectors do not count. Every symbol of the Miscellaneous Symbols and Dingbats
blocks counts (✓ included)."""
_LIST_ITEM = re.compile(
    r"^[ \t]*(?:[-*+](?=\s)|[•·▪▫◦‣▸▹►▶➤➜➔➡→⇒✅✔☑✓✗✘❌👉🔹🔸🔷🔶⭐📌💡🟢🔥]"
    r"|\d{1,2}[.)](?=\s)|\d\ufe0f?\u20e3)",
    re.MULTILINE,
)
_CTA_PHRASES: Final = (
    "comment below",
    "in the comments",
    "leave a comment",
    "drop a comment",
    "link in comments",
    "link in the comments",
    "link in the first comment",
    "let me know",
    "tell me",
    "what do you think",
    "what would you add",
    "what's your take",
    "what is your take",
    "your thoughts",
    "thoughts?",
    "agree?",
    "agree or disagree",
    "how do you",
    "would you",
    "share this",
    "share your",
    "please share",
    "repost",
    "dm me",
    "message me",
    "follow me",
    "follow for more",
    "hit follow",
    "click follow",
    "tag someone",
    "tag a friend",
    "save this",
    "sign up",
    "register",
    "subscribe",
    "download",
    "book a call",
    "join us",
    "learn more",
    "read more",
    "check out",
    "apply now",
)
"""Phrases that ask the reader to do something; the one closest to the end is reported."""


def _phrase_pattern(phrase: str) -> str:
    body = r"\s+".join(re.escape(word) for word in phrase.split())
    tail = r"(?!\w)" if phrase[-1].isalnum() else ""
    return f"{body}{tail}"


def _call_to_action_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """All phrases in one pattern: one word-start test, then the phrases by first letter.

    It matches what one `(?<!\\w)phrase` alternative per phrase would, but a character that
    starts no word, or a word no phrase starts with, is passed after a check or two instead of
    one attempt per phrase (those attempts took 1.6 s on 1.9 MB of spaces). First letters never
    match the same character, even ignoring case, and phrases keep their order under their
    letter, so the phrase found at a position is the same.
    """
    by_letter: dict[str, list[str]] = {}
    for phrase in phrases:
        if not ("a" <= phrase[0] <= "z"):
            raise ValueError(f"A call to action must start with a letter a-z: {phrase!r}.")
        by_letter.setdefault(phrase[0], []).append(_phrase_pattern(phrase)[1:])
    branches = "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in by_letter.items())
    return re.compile(rf"(?<!\w)(?=[^\W\d_])(?:{branches})", re.IGNORECASE)


_CTA = _call_to_action_pattern(_CTA_PHRASES)


@dataclass(frozen=True)
class DraftFeatures:
    """Measurements of one draft, all cheap enough to recompute while the user types."""

    characters: int
    over_limit: bool
    """True beyond LinkedIn's 3,000 characters."""
    characters_over: int
    hook: str
    """What shows before "…see more" on desktop (~210 characters, 3 lines)."""
    hook_mobile: str
    """What shows before "…see more" on mobile (~140 characters)."""
    folded: bool
    """True when readers must click "…see more" (desktop) to read it all."""
    words: int
    sentences: int
    avg_sentence_words: float
    readability: float | None
    """Flesch reading ease (higher is easier, 60–70 is plain English); None without words."""
    questions: int
    ends_with_question: bool
    call_to_action: bool
    call_to_action_phrase: str | None
    hashtags: int
    mentions: int
    links: int
    """External links (LinkedIn's own pages excluded; lnkd.in short links count)."""
    emoji: int
    unicode_bold: int
    """Letters from the Mathematical Alphanumeric block (𝐛𝐨𝐥𝐝, 𝘪𝘵𝘢𝘭𝘪𝘤, …): screen readers
    stumble on them."""
    line_breaks: int
    blank_lines: int
    list_items: int
    sentiment: float
    """VADER compound score, −1 to 1."""
    analyzed_characters: int
    """How many characters the NLTK parts read (at most `NLP_CHARACTERS`)."""


def analyze_text(text: str) -> DraftFeatures:
    """Measure a draft; any Unicode, any length, never raises on content.

    The text without its links is computed once and shared by the counts that ignore links.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    stripped = text.strip()
    without_urls = _URL.sub(" ", text)
    hook = hook_of(text, DESKTOP_FOLD)
    analyzed = text[:NLP_CHARACTERS]
    analyzed_words = _WORD.findall(_URL.sub(" ", analyzed))
    sentences = _count_sentences(analyzed)
    cta = _last_call_to_action(text)
    return DraftFeatures(
        characters=len(text),
        over_limit=len(text) > CHARACTER_LIMIT,
        characters_over=max(0, len(text) - CHARACTER_LIMIT),
        hook=hook,
        hook_mobile=hook_of(text, MOBILE_FOLD),
        folded=len(hook) < len(stripped),
        words=len(_WORD.findall(without_urls)),
        sentences=sentences,
        avg_sentence_words=round(len(analyzed_words) / sentences, 1) if sentences else 0.0,
        readability=_flesch_reading_ease(analyzed_words, sentences),
        questions=len(_QUESTION.findall(without_urls)),
        ends_with_question=_asks_at_the_end(without_urls),
        call_to_action=cta is not None,
        call_to_action_phrase=cta,
        hashtags=len(_HASHTAG_ONLY.findall(text)),
        mentions=len(_MENTION.findall(without_urls)),
        links=count_external_links(text),
        emoji=len(_EMOJI.findall(text)),
        unicode_bold=len(_UNICODE_STYLED.findall(text)),
        line_breaks=stripped.count("\n"),
        blank_lines=len(_BEFORE_BLANK_LINE.findall(stripped)),
        list_items=len(_LIST_ITEM.findall(text)),
        sentiment=round(nlp.compound_sentiment(analyzed), 4),
        analyzed_characters=len(analyzed),
    )


def features_json(features: DraftFeatures) -> dict[str, Any]:
    """The features as plain JSON values (the `features` object of `analyze --json`)."""
    return asdict(features)


def count_external_links(text: str) -> int:
    """URLs that lead off LinkedIn (lnkd.in short links do)."""
    urls = (match.rstrip(_URL_TRAILING) for match in _URL.findall(text))
    return sum(1 for url in urls if not _LINKEDIN_HOST.match(url))


def _count_sentences(text: str) -> int:
    """Sentences per line: LinkedIn posts break lines where prose would put a full stop."""
    tokenizer = nlp.sentence_tokenizer()
    count = 0
    for line in text.split("\n"):
        if not _WORD.search(line):
            continue  # nothing to count, and the three substitutions below would find none
        words_only = _HASHTAG_ONLY.sub(" ", _URL.sub(" ", _LIST_ITEM.sub("", line)))
        if not _WORD.search(words_only):
            continue
        count += sum(1 for part in tokenizer.tokenize(words_only) if _WORD.search(part))
    return count


def _syllables(word: str) -> int:
    """Vowel groups, minus a silent final e: good enough for a readability hint."""
    lowered = word.lower()
    groups = len(_VOWELS.findall(lowered))
    if groups > 1 and lowered.endswith("e") and not lowered.endswith(("le", "ee", "ye")):
        groups -= 1
    return max(1, groups)


def _flesch_reading_ease(words: list[str], sentences: int) -> float | None:
    lettered = [word for word in words if not word.isdigit()]
    if not lettered or not sentences:
        return None
    syllables = sum(_syllables(word) for word in lettered)
    score = 206.835 - 1.015 * (len(lettered) / sentences) - 84.6 * (syllables / len(lettered))
    return round(score, 1)


def ends_with_question(text: str) -> bool:
    """The last line that is not only hashtags or links asks something."""
    return _asks_at_the_end(_URL.sub(" ", text))


def _asks_at_the_end(without_urls: str) -> bool:
    """`ends_with_question` on text whose links are already blanked out.

    Hashtags go in one pass over the whole text (no match spans a line break, so it is the same
    as line by line); then the last line with anything left is the one holding the last
    character that is not whitespace. A regex per line took 0.16 s on 1.9 MB of hashtag lines.
    """
    content = _HASHTAG_ONLY.sub("", without_urls).rstrip()
    last_line = content[content.rfind("\n") + 1 :]
    return "?" in last_line or "？" in last_line


def _last_call_to_action(text: str) -> str | None:
    last = None
    for match in _CTA.finditer(text):
        last = match
    return " ".join(last.group(0).lower().split()) if last else None
