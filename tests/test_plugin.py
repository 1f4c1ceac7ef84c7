"""A plain Pelican site can enable assosite from its own settings (pelicanconf.py)."""

from __future__ import annotations

import contextlib
import io

from pelican import Pelican
from pelican.settings import read_settings

from assosite.outputs.state import STATE_KEY


def test_plain_pelican_site_uses_the_plugin(tmp_path) -> None:
    """PLUGINS = ["assosite.plugin"] gives typed items, lists and problems to Pelican."""
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
    """Without the plugin, Pelican still reads Markdown itself, even after assosite is imported."""
    import assosite.build  # noqa: F401, PLC0415 (the import is the point)

    content = tmp_path / "content"
    content.mkdir()
    (content / "hello.md").write_text("Title: Hello\nDate: 2026-03-01\n\nText.\n")
    settings = read_settings(
        path=None, override={"PATH": str(content), "OUTPUT_PATH": str(tmp_path / "out")}
    )
    with contextlib.redirect_stdout(io.StringIO()):
        Pelican(settings).run()
    assert (tmp_path / "out" / "hello.html").is_file()
