"""A plain Pelican site can enable assosite from its own settings (pelicanconf.py)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from assosite.outputs.state import STATE_KEY


def _content(tmp_path) -> Path:
    """Write content/ with one news item and one event whose end is before its start."""
    content = tmp_path / "content"
    (content / "news").mkdir(parents=True)
    (content / "events").mkdir()
    (content / "news" / "2026-03-01-bonjour.md").write_text(
        "---\ntitle: Bonjour\ndate: 2026-03-01\nsummary: Une phrase.\n---\nTexte.\n",
        encoding="utf-8",
    )
    (content / "events" / "fin.md").write_text(
        "---\ntitle: Fin\nsummary: x\nstart: 2027-03-14 18:00\nend: 2027-03-13 18:00\n"
        "location: Salle des fêtes\n---\n",
        encoding="utf-8",
    )
    return content


def test_plain_pelican_site_uses_the_plugin(tmp_path) -> None:
    """PLUGINS = ["assosite.plugin"] gives typed items, lists and problems to Pelican."""
    content = _content(tmp_path)
    output = tmp_path / "output"
    settings = read_settings(
        path=None,
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "PLUGINS": ["assosite.plugin"],
            "SITENAME": "Les Amis",
            "SITEURL": "https://amis.example",
            "TIMEZONE": "Europe/Paris",
            "DEFAULT_LANG": "fr",
            "ASSOSITE_ASSOCIATION_LEGAL_NAME": "Association Les Amis",
        },
    )
    with contextlib.redirect_stdout(io.StringIO()):
        pelican = Pelican(settings)
        pelican.run()
    state = pelican.settings[STATE_KEY]
    assert state.config.association.legal_name == "Association Les Amis"
    problems = [p for p in state.report.problems if p.severity != "suggestion"]
    assert [(p.code, p.path, p.line) for p in problems] == [("AS203", "content/events/fin.md", 5)]
    assert (output / "actualites" / "bonjour" / "index.html").is_file()
    assert (output / "agenda" / "index.html").is_file()
    assert not (output / "agenda" / "fin").exists()


def test_importing_assosite_leaves_plain_pelican_alone(tmp_path) -> None:
    """Without the plugin, Pelican still reads Markdown itself, even after assosite is imported.

    (A site that sets no PLUGINS at all gets every installed namespace plugin, assosite
    included: Pelican's rule. ``PLUGINS = []`` or its own list keeps a site plain.)
    """
    import assosite.build  # noqa: F401, PLC0415 (the import is the point)

    content = tmp_path / "content"
    content.mkdir()
    (content / "hello.md").write_text("Title: Hello\nDate: 2026-03-01\n\nText.\n")
    settings = read_settings(
        path=None,
        override={"PATH": str(content), "OUTPUT_PATH": str(tmp_path / "out"), "PLUGINS": []},
    )
    with contextlib.redirect_stdout(io.StringIO()):
        Pelican(settings).run()
    assert (tmp_path / "out" / "hello.html").is_file()


def _plain_site(tmp_path, settings: str) -> None:
    """Write a plain Pelican site: its own theme, one news item, one broken event."""
    theme = tmp_path / "mon-theme" / "templates"
    theme.mkdir(parents=True)
    (theme / "base.html").write_text(
        '<!doctype html><html lang="fr"><title>{{ SITENAME }}</title>'
        '<body data-theme="mon-theme">{% block content %}{% endblock %}</body></html>',
        encoding="utf-8",
    )
    for name in ("index", "article", "page", "tag", "tags", "404"):
        (theme / f"{name}.html").write_text(
            '{% extends "base.html" %}{% block content %}<h1>' + name + "</h1>"
            "{{ article.content if article }}{% endblock %}",
            encoding="utf-8",
        )
    _content(tmp_path)
    (tmp_path / "pelicanconf.py").write_text(
        'SITENAME = "Les Amis"\nSITEURL = "https://amis.example"\nPATH = "content"\n'
        'TIMEZONE = "Europe/Paris"\nDEFAULT_LANG = "fr"\nPLUGINS = ["assosite"]\n'
        'THEME = "mon-theme"\n' + settings,
        encoding="utf-8",
    )


def _pelican(tmp_path, *options: str) -> subprocess.CompletedProcess:
    """Run the ``pelican`` command of this environment in the site folder."""
    return subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", *options],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", "TERM": "dumb"},
        check=False,
    )


def test_plain_pelican_fatal_errors_stops_on_an_assosite_error(tmp_path) -> None:
    """`pelican --fatal errors` fails on a broken event; the message keeps file:line."""
    _plain_site(tmp_path, "")
    result = _pelican(tmp_path, "--fatal", "errors")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "content/events/fin.md:5:" in output
    assert "AS203" in output
    relaxed = _pelican(tmp_path)
    relaxed_output = relaxed.stdout + relaxed.stderr
    assert relaxed.returncode == 0, relaxed_output
    assert "content/events/fin.md:5:" in relaxed_output  # still shown, at its severity


def test_plain_pelican_keeps_its_own_theme_and_addresses(tmp_path) -> None:
    """The site's THEME and ARTICLE_URL win; assosite's templates fill in the rest."""
    _plain_site(
        tmp_path,
        'ARTICLE_URL = "{date:%Y}/{slug}.html"\nARTICLE_SAVE_AS = "{date:%Y}/{slug}.html"\n',
    )
    result = _pelican(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    article = tmp_path / "output" / "2026" / "bonjour.html"
    assert 'data-theme="mon-theme"' in article.read_text(encoding="utf-8")
    assert not (tmp_path / "output" / "actualites" / "bonjour").exists()
    agenda = (tmp_path / "output" / "agenda" / "index.html").read_text(encoding="utf-8")
    assert 'data-theme="mon-theme"' in agenda  # assosite's agenda inside the site's base.html


def test_plain_pelican_can_ask_for_assosite_theme_and_addresses(tmp_path) -> None:
    """ASSOSITE_THEME and ASSOSITE_URLS take assosite's theme and folders."""
    _plain_site(
        tmp_path,
        'ARTICLE_URL = "{date:%Y}/{slug}.html"\nASSOSITE_THEME = True\nASSOSITE_URLS = True\n',
    )
    result = _pelican(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "output" / "actualites" / "bonjour" / "index.html").read_text("utf-8")
    assert "mon-theme" not in page
    assert (tmp_path / "output" / "theme").is_dir()


def test_a_plain_pelican_content_folder_may_have_another_name(tmp_path) -> None:
    """PATH = "posts": its news/ folder is read as assosite's (it crashed on the path)."""
    posts = tmp_path / "posts" / "news"
    posts.mkdir(parents=True)
    (posts / "2026-03-01-bonjour.md").write_text(
        "---\ntitle: Bonjour\ndate: 2026-03-01\nsummary: Une phrase.\n---\nTexte.\n",
        encoding="utf-8",
    )
    (tmp_path / "pelicanconf.py").write_text(
        'SITENAME = "Les Amis"\nSITEURL = "https://amis.example"\nPATH = "posts"\n'
        'TIMEZONE = "Europe/Paris"\nDEFAULT_LANG = "fr"\nPLUGINS = ["assosite"]\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "posts", "-s", "pelicanconf.py", "-o", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", "TERM": "dumb"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "out" / "actualites" / "bonjour" / "index.html").is_file()
