"""Shell completion (click's, for bash, zsh and fish): activity names for `log` and `targets`,
day words for `--date`, read from the catalogue and, when it can be read at once, the user's
own database, which completing never creates or changes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete
from click.testing import CliRunner
from tests.cli import run

from ssi_tui.cli import cli
from ssi_tui.core.activities import ALIASES
from ssi_tui.core.domain import ACTIVITY_CATALOGUE


def offered(*words: str, incomplete: str = "") -> list[str]:
    """What `ssi-tui WORDS… INCOMPLETE<TAB>` offers, through click's completion machinery."""
    completer = ShellComplete(cli, {}, "ssi-tui", "_SSI_TUI_COMPLETE")
    return [item.value for item in completer.get_completions(list(words), incomplete)]


def completing(shell: str, line: str, **env: str) -> str:
    """What the shell's completion function reads from `ssi-tui` for the words of `line`
    (the last one being completed), as the script click writes would call it."""
    words = line.split(" ")
    variables = {"_SSI_TUI_COMPLETE": f"{shell}_complete", "COMP_WORDS": line, **env}
    variables["COMP_CWORD"] = words[-1] if shell == "fish" else str(len(words) - 1)
    result = CliRunner().invoke(cli, [], env=variables, prog_name="ssi-tui")
    assert result.exit_code == 0, result.output
    return result.output


def test_log_com_tab_offers_comment() -> None:
    assert offered("log", incomplete="com") == ["comment"]
    assert offered("log", incomplete="COM") == ["comment"]
    assert offered("log", incomplete="connection-r") == ["connection_request"]
    assert offered("log", incomplete="li") == ["like"]
    assert offered("targets", incomplete="me") == ["message", "meeting_booked", "meeting"]
    every = offered("log")
    assert every[:3] == ["post", "article", "profile_update"]
    assert every == [a.key for a in ACTIVITY_CATALOGUE] + list(ALIASES)


def test_the_words_after_an_activity_are_not_activities() -> None:
    assert offered("log", "comment", incomplete="co") == []
    assert offered("targets", "comment", incomplete="1") == []


def test_the_bash_zsh_and_fish_protocols_answer(tmp_path: Path) -> None:
    assert completing("bash", "ssi-tui log com") == "plain,comment\n"
    assert completing("zsh", "ssi-tui log repo") == "plain\nrepost\nRepost\n"
    assert completing("fish", "ssi-tui log dm") == "plain,dm\tMessage sent (message)\n"
    assert not (tmp_path / "default.db").exists()


@pytest.mark.parametrize(
    ("shell", "marks"),
    [
        ("bash", ["_ssi_tui_completion()", "complete -o nosort -F _ssi_tui_completion ssi-tui"]),
        ("zsh", ["#compdef ssi-tui", "_SSI_TUI_COMPLETE=zsh_complete ssi-tui"]),
        ("fish", ["complete --no-files --command ssi-tui", "_SSI_TUI_COMPLETE=fish_complete"]),
    ],
)
def test_the_scripts_that_turn_completion_on_are_written(shell: str, marks: list[str]) -> None:
    result = CliRunner().invoke(
        cli, [], env={"_SSI_TUI_COMPLETE": f"{shell}_source"}, prog_name="ssi-tui"
    )
    assert result.exit_code == 0
    assert all(mark in result.output for mark in marks), result.output


def test_the_users_own_activities_are_offered(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (
        run(db_path, "activity", "add", "webinar", "--pillar", "brand", "--label", "Webinar")[0]
        == 0
    )
    assert offered("--db", str(db_path), "log", incomplete="we") == ["webinar"]
    assert completing("zsh", f"ssi-tui --db {db_path} log web") == "plain\nwebinar\nWebinar\n"
    monkeypatch.setenv("SSI_TUI_DB", str(db_path))
    assert offered("targets", incomplete="we") == ["webinar"]
    assert offered("--demo", "log", incomplete="we") == []


def test_completing_creates_and_changes_nothing(db_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "ssi.db"
    assert offered("--db", str(missing), "log", incomplete="com") == ["comment"]
    assert not missing.parent.exists()
    assert run(db_path, "activity", "add", "webinar", "--pillar", "brand")[0] == 0
    before = sorted(path.name for path in db_path.parent.iterdir())
    content = db_path.read_bytes()
    assert offered("--db", str(db_path), "log", incomplete="web") == ["webinar"]
    assert sorted(path.name for path in db_path.parent.iterdir()) == before, "no -wal or -shm"
    assert db_path.read_bytes() == content


def test_a_file_that_is_no_database_of_ours_gives_the_catalogue_alone(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n")
    assert offered("--db", str(text), "log", incomplete="com") == ["comment"]
    assert text.read_text() == "not a database\n"


def test_dates_complete_to_day_words() -> None:
    assert offered("log", "comment", "--date", incomplete="y") == ["yesterday"]
    assert offered("journal", "--since", incomplete="T") == ["today", "tuesday", "thursday"]
    assert offered("ssi", "delete", incomplete="fr") == ["friday"]


def test_the_installed_command_completes_rather_than_opening_the_app(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A shell asks for completions by running the bare command: it opened the app."""
    from ssi_tui import launch

    def app_opened(*arguments: object, **options: object) -> None:
        raise AssertionError("the app opened")

    monkeypatch.setattr(launch, "run_app", app_opened)
    monkeypatch.setattr(sys, "argv", ["ssi-tui"])
    monkeypatch.setenv("_SSI_TUI_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", "ssi-tui log com")
    monkeypatch.setenv("COMP_CWORD", "2")
    with pytest.raises(SystemExit):
        launch.main()
    assert capsys.readouterr().out == "plain,comment\n"
