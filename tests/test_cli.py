"""The assosite command: exit codes, first lines of output, --lang en, help texts."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from assosite.cli import IMPORT_TOOLS, cli, pick_language
from assosite.importers import TOOLS

GOOD = "---\ntitle: Bonjour\ndate: 2026-03-01\nsummary: Une phrase.\n---\nTexte.\n"
BAD = (
    "---\ntitle: Fin\nsummary: Venez.\nstart: 2027-03-14 18:00\nend: 2027-03-13 18:00\n"
    "location: Salle des fêtes\n---\n"
)
WARN = "---\ntitle: Clé\ndate: 2026-03-01\nsummary: Une phrase.\ntitel: x\n---\nTexte.\n"


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.delenv("ASSOSITE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return CliRunner()


def test_build_clean_site_exits_0(runner, make_site) -> None:
    """A clean site builds with exit code 0 and a French summary."""
    site = make_site({"content/news/2026-03-01-a.md": GOOD})
    result = runner.invoke(cli, ["build", str(site)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Site construit dans output/")
    assert "Aucun problème" in result.output


def test_build_with_error_exits_1_and_points_at_the_line(runner, make_site) -> None:
    """A content error gives exit 1 and a first line ``path:line: erreur CODE``."""
    site = make_site({"content/events/fin.md": BAD, "content/news/2026-03-01-a.md": GOOD})
    result = runner.invoke(cli, ["build", str(site)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "content/events/fin.md:5: erreur AS203"


def test_lang_en_gives_english_messages(runner, make_site) -> None:
    """--lang en switches every message to English."""
    site = make_site({"content/events/fin.md": BAD})
    result = runner.invoke(cli, ["build", str(site), "--lang", "en"])
    assert result.output.splitlines()[0] == "content/events/fin.md:5: error AS203"
    assert "The end date" in result.output


def test_strict_turns_warnings_into_exit_1(runner, make_site) -> None:
    """A warning exits 0, and 1 under --strict (with nothing published)."""
    site = make_site({"content/news/2026-03-01-a.md": WARN})
    assert runner.invoke(cli, ["build", str(site)]).exit_code == 0
    result = runner.invoke(cli, ["build", str(site), "--strict"])
    assert result.exit_code == 1
    assert "Rien n'a été publié" in result.output.replace("\u00a0", " ")


def test_config_error_exits_1_without_traceback(runner, make_site) -> None:
    """A broken assosite.toml gives exit 1, its line, and no Python traceback."""
    site = make_site(config="[site]\nname = \n")
    result = runner.invoke(cli, ["build", str(site)])
    assert result.exit_code == 1
    assert result.output.startswith("assosite.toml:2: erreur AS101")
    assert "Traceback" not in result.output


def test_internal_error_exits_3_with_one_sentence(runner, make_site, monkeypatch) -> None:
    """A bug gives exit 3 and one sentence; the traceback only with --debug."""
    site = make_site({"content/news/2026-03-01-a.md": GOOD})

    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("assosite.plugin.handlers.parse_item", broken)
    result = runner.invoke(cli, ["build", str(site)])
    assert result.exit_code == 3
    assert result.stderr.strip() == (
        "Erreur interne d'assosite — relancez avec --debug et signalez-la."
    )
    debug = runner.invoke(cli, ["build", str(site), "--debug"])
    assert debug.exit_code == 3
    assert "Traceback" in debug.stderr and "RuntimeError: bug" in debug.stderr


def test_usage_error_exits_2(runner) -> None:
    """An unknown option is a usage error: exit 2."""
    assert runner.invoke(cli, ["build", "--nope"]).exit_code == 2


def test_check_json_lists_problems(runner, make_site) -> None:
    """check --format json prints the documented schema with every problem."""
    site = make_site({"content/events/fin.md": BAD, "content/news/2026-03-01-a.md": WARN})
    result = runner.invoke(cli, ["check", str(site), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ok"] is False and data["errors"] == 1 and data["warnings"] == 1
    found = [p for p in data["problems"] if p["severity"] != "suggestion"]
    assert [(p["code"], p["path"], p["line"], p["severity"]) for p in found] == [
        ("AS203", "content/events/fin.md", 5, "error"),
        ("AS206", "content/news/2026-03-01-a.md", 5, "warning"),
    ]
    assert not (site / "output").exists()


def test_init_copies_the_starter_and_never_overwrites(runner, tmp_path) -> None:
    """init copies the starter; a second init without --force refuses (exit 1)."""
    target = tmp_path / "mon-site"
    assert runner.invoke(cli, ["init", str(target)]).exit_code == 0
    assert (target / "assosite.toml").is_file()
    assert not (target / "tools").exists()
    (target / "assosite.toml").write_text("# à moi\n")
    result = runner.invoke(cli, ["init", str(target)])
    assert result.exit_code == 1
    assert "AS130" in result.output
    assert (target / "assosite.toml").read_text() == "# à moi\n"
    (target / "mien.txt").write_text("gardé")
    assert runner.invoke(cli, ["init", str(target), "--force"]).exit_code == 0
    assert (target / "mien.txt").read_text() == "gardé"
    assert (target / "assosite.toml").read_text() != "# à moi\n"


def test_new_creates_a_file_that_never_overwrites(runner, make_site) -> None:
    """new writes content/<type>/<date>-<slug>.md once; a second time is refused."""
    site = make_site()
    result = runner.invoke(
        cli, ["new", "event", "Fête de l'été", "--site", str(site), "--start", "2027-06-21 18:00"]
    )
    assert result.exit_code == 0, result.output
    created = list((site / "content" / "events").glob("*-fete-de-l-ete.md"))
    assert len(created) == 1
    assert "start: 2027-06-21 18:00" in created[0].read_text()
    again = runner.invoke(
        cli, ["new", "event", "Fête de l'été", "--site", str(site), "--start", "2027-06-21 18:00"]
    )
    assert again.exit_code == 1 and "AS131" in again.output


def test_every_command_and_option_has_help() -> None:
    """Each command and each of its options carries a help text."""
    for name, command in cli.commands.items():
        assert command.help, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.name}"


def test_language_choice_order(monkeypatch) -> None:
    """--lang wins, then ASSOSITE_LANG, then LANG; French by default."""
    monkeypatch.delenv("ASSOSITE_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert pick_language(None) == "en"
    assert pick_language("fr") == "fr"
    monkeypatch.setenv("ASSOSITE_LANG", "fr")
    assert pick_language(None) == "fr"
    monkeypatch.delenv("ASSOSITE_LANG")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert pick_language(None) == "fr"


def test_python_dash_m_runs_the_cli() -> None:
    """python -m assosite is the same command."""
    result = subprocess.run(
        [sys.executable, "-m", "assosite", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("assosite, version")


def test_long_build_shows_progress_on_a_terminal(monkeypatch, capsys) -> None:
    """After two seconds, a terminal sees the build's phase and count; others see nothing."""
    import time  # noqa: PLC0415

    from assosite.cli import _Progress  # noqa: PLC0415

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    progress = _Progress("fr")
    progress.started -= 3  # as if the build had been running for three seconds
    progress("write", 5, 10)
    time.sleep(0.8)
    progress.close()
    assert "Écriture des pages après lecture de 5/10" in capsys.readouterr().err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    quiet = _Progress("fr")
    quiet.started -= 3
    time.sleep(0.8)
    quiet.close()
    assert capsys.readouterr().err == ""


NO_CHANGE = """
import sys
from assosite.cli import main
sys.argv = ["assosite", "build", sys.argv[1]]
try:
    main()
except SystemExit:
    pass
heavy = ("pelican", "PIL", "lxml", "bs4", "markdownify", "icalendar", "fontTools")
print("loaded:", *(name for name in heavy if name in sys.modules))
"""


def test_a_build_with_nothing_changed_loads_neither_pelican_nor_pillow(make_site) -> None:
    """The no-change decision is taken before Pelican, Pillow, lxml or the importers load."""
    site = make_site({"content/news/2026-03-01-a.md": GOOD})
    command = [sys.executable, "-c", NO_CHANGE, str(site)]
    first = subprocess.run(command, capture_output=True, text=True, check=True)
    again = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "pelican" in first.stdout.splitlines()[-1].split()  # the first build ran Pelican
    assert again.stdout.splitlines()[-1] == "loaded:"


def test_the_import_command_offers_every_importer() -> None:
    """``assosite import`` lists the very tools the importers know."""
    assert IMPORT_TOOLS == TOOLS
