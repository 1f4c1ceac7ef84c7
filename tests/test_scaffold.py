"""assosite new: files from templates that guide volunteers and build once filled in."""

from __future__ import annotations

import datetime as dt

import pytest

from assosite.problems.errors import AssositeError
from assosite.scaffold.site import new_item

NOW = dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC)  # already the 24th in Paris

FILLED = {
    "news": ('summary: ""', "summary: Les parcelles rouvrent samedi."),
    "event": ('summary: ""', "summary: Venez nombreux."),
    "testimony": ("consent:\n", "consent: 2026-11-01\n"),
    "page": ('summary: ""', "summary: Tout savoir sur l'association."),
}


@pytest.mark.parametrize("kind", ["news", "event", "testimony", "page"])
def test_new_file_builds_cleanly_once_filled_in(kind, make_site, check) -> None:
    """A new file, with the required blanks filled, gives no error and no warning."""
    site = make_site()
    path = new_item(site, kind, "Fête de l'été", start="2027-03-20 09:30", now=NOW)
    assert (
        path.parent.name
        == {"news": "news", "event": "events", "testimony": "testimonies", "page": "pages"}[kind]
    )
    text = path.read_text(encoding="utf-8")
    assert "# " in text  # French guidance comments
    old, new = FILLED[kind]
    text = text.replace(old, new, 1)
    if kind == "event":
        text = text.replace('  name: ""', "  name: Salle des fêtes", 1)
        text = text.replace('  city: ""', "  city: Lyon", 1)
    path.write_text(text, encoding="utf-8")
    report = check(site)
    own = [p for p in report.problems if p.path.endswith(path.name) and p.severity != "suggestion"]
    assert own == []


def test_new_uses_the_site_time_zone_and_a_french_slug(make_site) -> None:
    """Today's date is the site's (Paris), the slug is transliterated (é → e, œ → oe)."""
    path = new_item(make_site(), "news", "Œuvres d'été", timezone="Europe/Paris", now=NOW)
    assert path.name == "2026-11-24-oeuvres-d-ete.md"
    assert 'title: "Œuvres d\'été"' in path.read_text(encoding="utf-8")


def test_new_never_overwrites(make_site) -> None:
    """A second file with the same name is refused (AS131) and the first one kept."""
    site = make_site()
    path = new_item(site, "news", "Fête", now=NOW)
    path.write_text("mon texte", encoding="utf-8")
    with pytest.raises(AssositeError) as caught:
        new_item(site, "news", "Fête", now=NOW)
    assert caught.value.report.problems[0].code == "AS131"
    assert path.read_text(encoding="utf-8") == "mon texte"


def test_site_templates_replace_the_built_in_ones(make_site) -> None:
    """templates/<type>.md in the site is used, with $title, $today and $start."""
    site = make_site(
        {
            "templates/event.md": '---\ntitle: "$title"\nstart: $start\n'
            "summary: Réunion mensuelle du bureau.\n---\nOrdre du jour : …\n"
        }
    )
    path = new_item(site, "event", "Bureau", start="2027-01-05 19:00", now=NOW)
    assert path.read_text(encoding="utf-8").startswith(
        '---\ntitle: "Bureau"\nstart: 2027-01-05 19:00\nsummary: Réunion mensuelle'
    )
