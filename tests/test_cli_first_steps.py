"""What a newcomer meets in the first minutes: a usage error names the help of the command
that was run, a misspelt activity gets a suggestion, Tab completes the everyday words as `log
--help` shows them, and a second paste for the same day is refused before the page is pasted.
"""

from __future__ import annotations

import io
from pathlib import Path

from click.shell_completion import ShellComplete
from click.testing import CliRunner
from sqlite_utils import Database
from tests.cli import run

from ssi_tui.cli import cli

KNOWN = (
    "article, comment, connection_accepted, connection_request, endorsement_given, "
    "endorsement_received, follow, group_joined, inmail, meeting_booked, message, post, "
    "profile_update, profile_view, reaction, recommendation_given, recommendation_received, "
    "reply_received, repost, search"
)

NOT_A_DAY = (
    "is not a day; give today, yesterday, -N (N days ago), a weekday like fri or friday, "
    "or a date like 2026-06-01"
)


def offered(*words: str, incomplete: str) -> list[str]:
    """What `ssi-tui WORDS… INCOMPLETE<TAB>` offers, through click's completion machinery."""
    completer = ShellComplete(cli, {}, "ssi-tui", "_SSI_TUI_COMPLETE")
    return [item.value for item in completer.get_completions(list(words), incomplete)]


def test_a_bad_day_points_to_the_help_of_the_command_that_was_run(db_path: Path) -> None:
    assert run(db_path, "log", "comment", "2", "--date", "tomorrow") == (
        2,
        f"ssi-tui: Invalid value for '--date': 'tomorrow' {NOT_A_DAY} "
        "(see 'ssi-tui log --help').\n",
    )
    assert run(db_path, "ssi", "paste", "--date", "someday") == (
        2,
        f"ssi-tui: Invalid value for '--date': 'someday' {NOT_A_DAY} "
        "(see 'ssi-tui ssi paste --help').\n",
    )
    assert run(db_path, "ssi", "frobnicate") == (
        2,
        "ssi-tui: No such command 'frobnicate' (see 'ssi-tui ssi --help').\n",
    )
    assert run(db_path, "--demo") == (
        2,
        "ssi-tui: Choose --demo or --db, not both (see 'ssi-tui --help').\n",
    )
    assert not db_path.exists()


def test_a_misspelt_activity_is_met_with_a_suggestion(db_path: Path) -> None:
    assert run(db_path, "log", "commnt") == (
        2,
        f"ssi-tui: Unknown activity 'commnt'; did you mean 'comment'? Known activities: {KNOWN}.\n",
    )
    assert run(db_path, "log", "lkes", "3") == (
        2,
        f"ssi-tui: Unknown activity 'lkes'; did you mean 'likes'? Known activities: {KNOWN}.\n",
    )
    assert run(db_path, "log", "juggling") == (
        2,
        f"ssi-tui: Unknown activity 'juggling'; known activities: {KNOWN}.\n",
    )
    assert run(db_path, "journal")[1].startswith("Nothing logged since"), "nothing was logged"


def test_tab_completes_the_everyday_words_log_help_shows() -> None:
    assert offered("log", incomplete="likes") == ["likes"]
    assert offered("log", incomplete="DMs") == ["dms"]
    assert offered("log", incomplete="invit") == ["invite", "invitation"]
    assert offered("log", incomplete="invitations") == ["invitations"]
    assert offered("targets", incomplete="meetings") == ["meetings"]
    assert offered("log", incomplete="comments") == ["comments"]
    assert offered("log", incomplete="inmails") == ["inmails"]
    assert offered("log", incomplete="li") == ["like"]
    result = CliRunner().invoke(
        cli,
        [],
        env={"_SSI_TUI_COMPLETE": "bash_complete", "COMP_WORDS": "ssi-tui log likes"}
        | {"COMP_CWORD": "2"},
        prog_name="ssi-tui",
    )
    assert result.output == "plain,likes\n"


def test_log_help_lists_the_everyday_words_as_people_say_them(db_path: Path) -> None:
    status, output = run(db_path, "log", "--help")
    assert status == 0
    lines = output.splitlines()
    start = lines.index("  Everyday words (the singular works too: like, dm, reply):")
    assert lines[start + 1 : start + 11] == [
        "  Word                  Means",
        "  likes, reacts         Reaction (reaction)",
        "  shares                Repost (repost)",
        "  DMs                   Message sent (message)",
        "  replies               Reply received (reply_received)",
        "  invites, invitations  Connection request sent (connection_request)",
        "  connections           Connection accepted (connection_accepted)",
        "  views                 Prospect profile viewed (profile_view)",
        "  meetings              Meeting booked (meeting_booked)",
        "",
    ]
    assert "inmails" not in output
    assert max(len(line) for line in lines) <= 80


class Terminal(io.BytesIO):
    """Standard input as a terminal the user is about to paste into; it notes being read."""

    def __init__(self, text: str) -> None:
        super().__init__(text.encode())
        self.was_read = False

    def isatty(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        self.was_read = self.was_read or size != 0
        return super().read(size)


PAGE = """Current Social Selling Index
62 out of 100
Four components of your score
16.5  Establish your professional brand
14.25  Find the right people
13  Engage with insights
18.25  Build relationships
"""


def test_a_second_paste_for_a_day_is_refused_before_the_page_is_pasted(db_path: Path) -> None:
    pillars = ["--brand", "15", "--people", "14", "--insights", "12", "--relationships", "16"]
    for day in ([], ["--date", "2026-05-29"]):
        assert run(db_path, "ssi", "add", *pillars, *day)[0] == 0
    before = db_path.read_bytes()
    for day, shown in (([], "2026-06-01"), (["--date", "-3"], "2026-05-29")):
        terminal = Terminal(PAGE)
        result = CliRunner().invoke(
            cli, ["--db", str(db_path), "ssi", "paste", *day], input=terminal
        )
        assert (result.exit_code, result.output) == (
            2,
            f"ssi-tui: A reading for {shown} is already saved; add --replace to replace it.\n",
        )
        assert not terminal.was_read, "the user was not asked to paste a page to lose"
    assert db_path.read_bytes() == before
    database = Database(db_path)
    assert [row["total"] for row in database.query("SELECT total FROM readings")] == [57, 57]
    database.close()
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "ssi", "paste", "--dry-run"], input=Terminal(PAGE)
    )
    assert result.exit_code == 0 and "Dry run: nothing saved." in result.output
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "ssi", "paste", "--replace"], input=Terminal(PAGE)
    )
    assert result.exit_code == 0 and "Saved the reading of 2026-06-01." in result.output
