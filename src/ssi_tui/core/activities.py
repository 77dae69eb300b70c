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
    "inmails": "inmail",
}
"""Words people use for catalogue activities (plurals of these work too)."""


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
    raise UnknownActivity(
        f"Unknown activity {name.strip()!r}; known activities: {', '.join(sorted(known))}."
    )
