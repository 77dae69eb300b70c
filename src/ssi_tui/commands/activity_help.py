"""The help of `log` and `activity add`: every activity of the catalogue, the everyday words
`log` understands, the pillars and the naming rule, as tables that click prints unwrapped
(a paragraph after `\\b`)."""

from __future__ import annotations

from ssi_tui.commands.output import Column, labels_of, table
from ssi_tui.core.activities import ALIASES, plural
from ssi_tui.core.domain import ACTIVITY_CATALOGUE, PILLARS, PILLARS_BY_KEY


def _pillar_table() -> list[str]:
    return table(
        [Column("Pillar"), Column("What LinkedIn calls it")],
        [(pillar.key, pillar.label) for pillar in PILLARS],
    )


_SHOWN = {"dm": "DMs"}
"""Everyday words whose plural is written otherwise than `plural` spells it (`log` takes any
case)."""


def _log_help() -> str:
    """`log --help`: every activity of the catalogue and the everyday words `log` knows."""
    activities = table(
        [Column("Key"), Column("Activity"), Column("Pillar")],
        [(a.key, a.label, PILLARS_BY_KEY[a.pillar].short) for a in ACTIVITY_CATALOGUE],
    )
    labels = labels_of(ACTIVITY_CATALOGUE)
    words: dict[str, list[str]] = {}
    for word, key in ALIASES.items():
        words.setdefault(key, []).append(_SHOWN.get(word, plural(word)))
    everyday = table(
        [Column("Word"), Column("Means")],
        [(", ".join(said), f"{labels[key]} ({key})") for key, said in words.items()],
    )
    return "\n".join(
        [
            "Log what you did: `ssi-tui log comments 3` adds three comments to today.",
            "",
            "ACTIVITY is a key below, its plural (comments, searches), the key with spaces "
            "or dashes (connection requests, profile-views), or an everyday word; COUNT is how "
            "many (default 1). Your own activities work the same way; this lists them with "
            "the catalogue's:",
            "",
            "\b",
            "  ssi-tui activity list",
            "",
            "\b",
            *activities,
            "",
            "\b",
            "Everyday words (the singular works too: like, dm, reply):",
            *everyday,
            "",
            "\b",
            "Examples:",
            "  ssi-tui log comments 3",
            "  ssi-tui log likes 10 --date yesterday",
            '  ssi-tui log meeting --date fri --note "Intro call with Dana"',
            "  ssi-tui log connection-requests 5 --set --date -2",
        ]
    )


LOG_HELP = _log_help()


ADD_HELP = "\n".join(
    [
        "Add your own activity type, for example:",
        "",
        "\b",
        '  ssi-tui activity add webinar --pillar brand --label "Webinar hosted"',
        "  ssi-tui log webinar",
        "",
        "KEY is the name you log it by: letters, digits and "
        "underscores; spaces and dashes become underscores and capitals small letters. A name "
        "that `ssi-tui log` already understands as another activity is refused: a key, its "
        "plural or an everyday word (comments, likes, invites) would log that activity "
        "instead.",
        "",
        "\b",
        "--pillar is the pillar of the SSI it feeds, one of:",
        *(f"  {line}" for line in _pillar_table()),
        "",
        "--label is how the app and the journal show it (default: the key, with spaces "
        "for underscores).",
    ]
)
