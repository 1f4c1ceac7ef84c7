"""The gettext catalogues: up to date with the code, complete, compiled; click speaks French."""

from __future__ import annotations

import gettext
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from assosite.problems import messages

ROOT = Path(__file__).parent.parent
LOCALE = ROOT / "assosite" / "locale"
THEME = ROOT / "themes" / "default" / "translations"
COMMANDS = [
    line
    for line in (ROOT / "docs" / "dev" / "translations.md").read_text("utf-8").splitlines()
    if line.startswith("pybabel extract -F babel.cfg")
]


def _read(path: Path, locale: str | None = None):
    with path.open("rb") as source:
        return read_po(source, locale=locale)


def _keys(catalog) -> set[tuple[str | None, str | tuple[str, ...]]]:
    return {(m.context, m.id) for m in catalog if m.id}


@pytest.mark.parametrize(
    "template", ["assosite/locale/assosite.pot", "themes/default/translations/messages.pot"]
)
def test_template_matches_the_code(template, tmp_path) -> None:
    """The documented ``pybabel extract`` finds exactly the texts of the committed .pot."""
    command = next(c for c in COMMANDS if f"-o {template}" in c)
    args = shlex.split(command.replace(f"-o {template}", f"-o {tmp_path / 'fresh.pot'}"))
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run([str(pybabel), *args[1:]], cwd=ROOT, check=True, capture_output=True)
    fresh = _keys(_read(tmp_path / "fresh.pot"))
    assert len(fresh) > 50, "the extraction found almost nothing"
    assert fresh == _keys(_read(ROOT / template))


def _fields(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)[^}]*\}|%\((\w+)\)s", text)) if text else set()


@pytest.mark.parametrize(
    ("template", "po"),
    [
        (LOCALE / "assosite.pot", LOCALE / "en/LC_MESSAGES/assosite.po"),
        (THEME / "messages.pot", THEME / "en/LC_MESSAGES/messages.po"),
    ],
)
def test_every_text_has_its_english_translation(template, po) -> None:
    """Each text is translated (not fuzzy), plurals included, with the same placeholders."""
    english = {(m.context, m.id): m for m in _read(po, "en") if m.id}
    for message in _read(template):
        if not message.id:
            continue
        translated = english.get((message.context, message.id))
        assert translated is not None and not translated.fuzzy, message.id
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = (
            translated.string if isinstance(translated.string, tuple) else (translated.string,)
        )
        assert all(strings), message.id
        for string in strings:
            assert _fields(string) == _fields(sources[0]), message.id
    assert set(english) == {(m.context, m.id) for m in _read(template) if m.id}, "stale entries"


@pytest.mark.parametrize(
    ("po", "locale"),
    [(LOCALE / "en/LC_MESSAGES/assosite.po", "en"), (LOCALE / "fr/LC_MESSAGES/click.po", "fr")],
)
def test_compiled_catalogue_matches_its_source(po, locale) -> None:
    """The .mo shipped in the wheel says what its .po says (``pybabel compile`` was run)."""
    with po.with_suffix(".mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    for message in _read(po, locale):
        if not message.id or not message.string or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            got = translations.ngettext(message.id[0], message.id[1], 1)
            assert got in message.string, message.id
        elif message.context:
            assert translations.pgettext(message.context, message.id) == message.string
        else:
            assert translations.gettext(message.id) == message.string, message.id


def test_click_catalogue_follows_the_installed_click() -> None:
    """Every text of click.po is still a text of click (a click upgrade shows here)."""
    folder = Path(click.__file__).parent
    keywords = {"_": None, "ngettext": (1, 2)}
    found = {m[2] for m in extract_from_dir(str(folder), keywords=keywords)}
    found = {m if isinstance(m, str) else tuple(m) for m in found}
    translated = {
        m.id for m in _read(LOCALE / "fr/LC_MESSAGES/click.po", "fr") if m.id and m.string
    }
    assert translated - found == set()
    for text in ("Show this message and exit.", "No such option {name!r}.", "Usage:"):
        assert text in translated, text


def test_catalogue_covers_every_code() -> None:
    """The volunteers' .pot holds both sentences of every problem code, with the code as context."""
    keys = _keys(_read(LOCALE / "assosite.pot"))
    for code, message in messages.CATALOGUE.items():
        assert (code, message.what) in keys
        assert (code, message.fix) in keys


def _assosite(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ASSOSITE_LANG", "LANGUAGE")}
    env["LANG"] = lang
    return subprocess.run(
        [str(Path(sys.executable).parent / "assosite"), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.parametrize("lang", ["C.UTF-8", "fr_FR.UTF-8"])
def test_usage_errors_and_help_are_french_under_french(lang) -> None:
    """click's own texts are French by default: unknown command, unknown option, --help."""
    unknown = _assosite("nimportequoi", lang=lang)
    assert unknown.returncode == 2
    assert "Erreur\u00a0: La commande 'nimportequoi' n'existe pas." in unknown.stderr
    assert "Utilisation\u00a0: assosite [OPTIONS]" in unknown.stderr
    option = _assosite("build", "--nope", lang=lang)
    assert option.returncode == 2
    assert "Erreur\u00a0: L'option '--nope' n'existe pas." in option.stderr
    assert "Essayez «\u00a0assosite build --help\u00a0» pour l'aide." in option.stderr
    shown = _assosite("build", "--help", lang=lang).stdout
    assert "Affiche cette aide et quitte." in shown
    assert "Construit le site SITE" in shown
    for english in ("Usage:", "Show this message", "No such", "Error:"):
        assert english not in unknown.stderr + option.stderr + shown


def test_english_environment_gets_english_texts() -> None:
    """Under LANG=en_*, click and assosite's help speak English."""
    option = _assosite("build", "--nope", lang="en_GB.UTF-8")
    assert "Error: No such option '--nope'." in option.stderr
    shown = _assosite("build", "--help", lang="en_GB.UTF-8").stdout
    assert "Show this message and exit." in shown
    assert "Build the site SITE" in shown


def test_check_in_english_writes_english_plurals(tmp_path) -> None:
    """``assosite check --lang en`` on one error: "1 error, 0 warnings in 1 file."."""
    site = tmp_path / "site"
    assert _assosite("init", str(site), lang="C.UTF-8").returncode == 0
    for item in (site / "content").rglob("*.md"):
        item.unlink()
    (site / "content" / "news" / "sans-titre.md").write_text(
        "---\nsummary: Une phrase.\ndate: 2026-03-01\n---\nTexte.\n", encoding="utf-8"
    )
    checked = _assosite("check", str(site), "--lang", "en", lang="C.UTF-8")
    assert checked.returncode == 1
    assert "content/news/sans-titre.md:1: error AS202" in checked.stdout
    assert checked.stdout.strip().endswith("1 error, 0 warnings in 1 file.")
