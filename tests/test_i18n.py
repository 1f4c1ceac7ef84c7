"""Interface words follow the site language: French templates, an English Babel catalogue."""

from __future__ import annotations

from assosite.build.site import BuildOptions, build_site
from assosite.scaffold.site import init_site


def test_english_site_speaks_english(tmp_path) -> None:
    """With language = "en": English words, English dates and English addresses."""
    site = init_site(tmp_path / "site")
    config = site / "assosite.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('language = "fr"', 'language = "en"'),
        encoding="utf-8",
    )
    report = build_site(site, BuildOptions())
    assert report.problems == []
    home = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in home
    for words in ("Skip to content", "Upcoming events", "Latest news", ">News<", "Legal notice"):
        assert words in home
    assert "Aller au contenu" not in home
    event = site / "output/events/2027-01-16-assemblee-generale-2027/index.html"
    assert "Saturday, January 16, 2027, from 2:30" in event.read_text(encoding="utf-8")
    assert (site / "output/legal-notice/index.html").is_file()


def test_french_site_has_no_english_interface_word(tmp_path) -> None:
    """The French starter shows French words only (no leftover English label)."""
    site = init_site(tmp_path / "site")
    build_site(site, BuildOptions())
    home = (site / "output" / "index.html").read_text(encoding="utf-8")
    for words in ("Skip to content", "Upcoming events", "Legal notice", "Main menu"):
        assert words not in home
    assert "Prochains événements" in home
