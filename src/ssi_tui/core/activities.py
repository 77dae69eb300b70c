"""Understanding what the user typed as an activity: keys, plurals, spaces and dashes."""

from __future__ import annotations

from collections.abc import Collection


class UnknownActivity(ValueError):
    """An activity that is not in the catalogue; the message lists the known ones."""


def _singular_forms(word: str) -> list[str]:
    """Simple English plurals: comments→comment, searches→search, replies→reply."""
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return forms


ALIASES: dict[str, str] = {
    "like": "reaction",
    "react": "reaction",
    "share": "repost",
    "dm": "message",
    "reply": "reply_received",
    "invite": "connection_request",
    "invitation": "connection_request",
    "connection": "connection_accepted",
    "view": "profile_view",
    "meeting": "meeting_booked",
}
"""Words people use for catalogue activities (plurals of these work too, as do the keys'
own: inmails, comments)."""


def resolve_activity(name: str, known: Collection[str]) -> str:
    """The catalogue key the user meant, or UnknownActivity naming the known keys."""
    cleaned = "_".join(name.strip().lower().replace("-", " ").split())
    for candidate in _singular_forms(cleaned):
        alias = ALIASES.get(candidate)
        if alias is not None and alias in known and candidate not in known:
            return alias
    words = cleaned.split("_")
    for head in _singular_forms(words[0]) if words else []:
        for tail in _singular_forms(words[-1]) if len(words) > 1 else [""]:
            candidate = "_".join([head, *words[1:-1], tail]) if tail else head
            if candidate in known:
                return candidate
    for candidate in _singular_forms(cleaned):
        if candidate in known:
            return candidate
    unknown, listed = f"Unknown activity {name.strip()!r}", ", ".join(sorted(known))
    guess = _closest_name(cleaned, known)
    if guess is None:
        raise UnknownActivity(f"{unknown}; known activities: {listed}.")
    raise UnknownActivity(f"{unknown}; did you mean {guess!r}? Known activities: {listed}.")


def plural(word: str) -> str:
    """The plural `log` understands for a one-word name: likes, dms, replies, searches."""
    if word.endswith("s"):  # taken as a plural already
        return word
    if word.endswith("y") and word[-2:-1] not in ("", *"aeiou"):
        return word[:-1] + "ies"
    if word.endswith(("x", "ch", "sh")):
        return word + "es"
    return word + "s"


def everyday_words(known: Collection[str]) -> dict[str, str]:
    """The everyday words `log` understands for the known activities (word → key), each
    followed by its plural: like, likes, react, reacts, share, shares, …"""
    words: dict[str, str] = {}
    for word, key in ALIASES.items():
        if key in known:
            words.setdefault(word, key)
            words.setdefault(plural(word), key)
    return words


def _closest_name(cleaned: str, known: Collection[str]) -> str | None:
    """The key or everyday word closest to a misspelt name (commnt → comment), if any is."""
    from difflib import get_close_matches  # only a refusal pays for it, not every log

    names = [*sorted(known), *everyday_words(known)]
    matches = get_close_matches(cleaned, names, n=1)
    return matches[0] if matches else None
