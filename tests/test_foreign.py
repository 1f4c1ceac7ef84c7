"""Files written for Hugo, Jekyll, WordPress or Pelican are read as assosite's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assosite.reading.fields import ParseContext
from assosite.reading.foreign import file_role
from assosite.reading.header import read_header
from assosite.reading.items import folder_kind, parse_item
from assosite.reading.summaries import summary_from_text


def item_of(text: str, relative: str = "news/x.md", tmp_path: Path = Path("content")):
    """Return (item, [(code, line, severity)]) of one file at content/<relative>."""
    header, _, _ = read_header(text.encode(), f"content/{relative}")
    ctx = ParseContext(tmp_path, now=dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    item, problems = parse_item(header, folder_kind(relative), ctx, relative)
    return item, [(p.code, p.line, str(p.severity)) for p in problems]


@pytest.mark.parametrize(
    ("relative", "stem", "role"),
    [
        ("news/2019/fete/index.md", "fete", "item"),
        ("news/_index.md", "_index", "section"),
        ("news/2019/_index.md", "2019", "section"),
        ("pages/association/_index.md", "association", "item"),
        ("pages/contact.fr.md", "contact", "item"),
        ("pages/contact.en.md", "contact", "translation"),
        ("news/2010-03-06-creation.md", "2010-03-06-creation", "item"),
        ("news/rapport.ag.md", "rapport.ag", "item"),
        ("pages/kontakt.de.md", "kontakt", "translation"),
    ],
)
def test_file_names_say_bundle_section_or_translation(relative, stem, role) -> None:
    """A bundle takes its folder's name; _index.md is a section except in pages/."""
    found = file_role(relative, "fr")
    assert (found.stem, found.role) == (stem, role)


def test_summary_comes_from_more_then_the_first_paragraph() -> None:
    """<!--more--> first; else the first paragraph, headings and images skipped."""
    assert summary_from_text("Intro *courte*.\n\nSuite.\n<!--more-->\nReste.", 200) == (
        "Intro courte. Suite."
    )
    body = "# Titre\n\n![photo](a.jpg)\n\nUne phrase. Une autre phrase.\n\nPlus loin."
    assert summary_from_text(body, 200) == "Une phrase. Une autre phrase."
    assert summary_from_text(body, 15) == "Une phrase."
    assert summary_from_text("Un très long mot après mot après mot", 20) == "Un très long mot…"
    assert summary_from_text("", 200) == ""


def test_news_without_summary_is_published_with_a_suggestion() -> None:
    """AS228 is a suggestion; the first paragraph becomes the summary."""
    item, problems = item_of("---\ntitle: Fête\ndate: 2026-03-01\n---\n\nUne belle fête.\n")
    assert item.summary == "Une belle fête."
    assert problems == [("AS228", 1, "suggestion")]


def test_description_and_excerpt_are_the_summary_without_a_note() -> None:
    """description (Hugo) and excerpt (Jekyll) are summaries written by someone."""
    for key in ("description", "excerpt"):
        item, problems = item_of(
            f"---\ntitle: Fête\ndate: 2026-03-01\n{key}: Le résumé.\n---\nTexte."
        )
        assert item.summary == "Le résumé."
        assert problems == []


def test_other_tools_keys_are_read_as_assosite_keys() -> None:
    """authors, lastmod, publishDate, expiryDate, categories: no warning, same meaning."""
    item, problems = item_of(
        "---\ntitle: Fête\npublishDate: 2026-03-01\nlastmod: 2026-03-02\n"
        "expiryDate: 2027-01-01\nauthors: [Marie Dupont, Paul Martin]\n"
        "categories: [Vie associative]\ntags: fête\nsummary: Oui.\nlayout: post\n---\nTexte."
    )
    assert item.author == "Marie Dupont, Paul Martin"
    assert (item.date.date(), item.modified.date(), item.expires.date()) == (
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 2),
        dt.date(2027, 1, 1),
    )
    assert item.tags == ("fête", "Vie associative")
    assert problems == [("AS250", 0, "suggestion")]  # layout: one note for the site


def test_jekyll_author_with_a_name_and_the_date_of_the_file_name() -> None:
    """author: {name: …}; the date comes from 2010-03-06-creation.md."""
    item, _ = item_of(
        "---\ntitle: Création\nauthor:\n  name: Paul\n  email: p@x.org\nsummary: Oui.\n---\nT.",
        "news/2010-03-06-creation.md",
    )
    assert (item.author, item.date.date(), item.slug) == ("Paul", dt.date(2010, 3, 6), "creation")


@pytest.mark.parametrize("header", ["draft: true", "published: false", "status: private"])
def test_drafts_of_other_tools_are_not_published(header) -> None:
    """Hugo's draft, Jekyll's published: false, WordPress's private: drafts, no warning."""
    text = f"---\ntitle: Pas prêt\ndate: 2026-03-01\nsummary: Non.\n{header}\n---\nT."
    item, problems = item_of(text)
    assert (item.status, problems) == ("draft", [])


def test_skip_and_empty_files_are_left_out_quietly() -> None:
    """status: skip gives no problem at all; an empty file only a suggestion."""
    assert item_of("---\ntitle: X\nstatus: skip\n---\n") == (None, [])
    assert item_of("") == (None, [("AS212", 0, "suggestion")])


def test_hugo_menu_main_and_weight_give_the_menu_position() -> None:
    """menu: main with weight: 2 is position 2; menu.main.weight too; footer is no menu."""
    item, problems = item_of("---\ntitle: A\nmenu: main\nweight: 2\n---\nT.", "pages/a.md")
    assert (item.menu, problems) == (2, [("AS250", 0, "suggestion")])
    item, _ = item_of("---\ntitle: A\nmenu:\n  main:\n    weight: 4\n---\nT.", "pages/a.md")
    assert item.menu == 4
    item, _ = item_of("---\ntitle: A\nmenu: [footer]\n---\nT.", "pages/a.md")
    assert item.menu is None


def test_event_date_is_its_start_and_french_keys_are_understood() -> None:
    """date (AS229 suggests start), datefin, lieu and horaire make the event."""
    item, problems = item_of(
        "---\ntitle: Vide-grenier\nsummary: Venez.\ndate: 2027-05-12\ndatefin: 2027-05-13\n"
        "lieu: Place du marché\nhoraire: 9h - 18h30\n---\nT.",
        "events/vide-grenier.md",
    )
    assert item.start.isoformat() == "2027-05-12T09:00:00+02:00"
    assert item.end.isoformat() == "2027-05-13T18:30:00+02:00"
    assert item.location.name == "Place du marché"
    assert problems == [("AS229", 4, "suggestion")]


def test_times_that_cannot_be_read_leave_an_all_day_event() -> None:
    """AS235 at the line of horaire; the event stays on its day."""
    item, problems = item_of(
        "---\ntitle: Fête\nsummary: Oui.\nstart: 2027-05-12\nhoraire: le soir\n---\nT.",
        "events/fete.md",
    )
    assert item.start == dt.date(2027, 5, 12)
    assert problems == [("AS235", 5, "warning")]


def test_event_start_may_come_from_the_file_name() -> None:
    """A Jekyll event with only its file name's date is an all-day event that day."""
    item, _ = item_of("---\ntitle: Fête\nsummary: Oui.\n---\nT.", "events/2027-09-25-fete.md")
    assert item.start == dt.date(2027, 9, 25)


def test_old_addresses_are_kept_and_bad_ones_reported() -> None:
    """aliases and redirect_from: site paths only (AS236 for the others)."""
    item, problems = item_of(
        "---\ntitle: A\ndate: 2026-03-01\nsummary: Oui.\n"
        "redirect_from: [/ancienne/, https://ailleurs.org/x, /../../etc/]\n---\nT."
    )
    assert item.aliases == ("/ancienne/",)
    assert problems == [("AS236", 5, "warning"), ("AS236", 5, "warning")]


def test_header_image_without_alt_takes_the_alt_the_text_gives_it(tmp_path) -> None:
    """Jekyll's image: key without alt borrows the text's ![alt](same image)."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.jpg").write_bytes(b"\xff\xd8")
    item, problems = item_of(
        "---\ntitle: A\ndate: 2026-03-01\nsummary: Oui.\nimage: /assets/a.jpg\n---\n"
        "![Des plants de tomates](/assets/a.jpg)",
        tmp_path=tmp_path,
    )
    assert (item.image, item.image_alt, problems) == (
        "assets/a.jpg",
        "Des plants de tomates",
        [],
    )


def test_jekyll_theme_image_with_path_and_alt(tmp_path) -> None:
    """image: {path: …, alt: …} (Chirpy, jekyll-seo-tag) is image and image_alt."""
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.jpg").write_bytes(b"\xff\xd8")
    item, problems = item_of(
        "---\ntitle: A\ndate: 2026-03-01\nsummary: O.\n"
        "image:\n  path: /images/photo.jpg\n  alt: Le jardin\n---\nT.",
        tmp_path=tmp_path,
    )
    assert (item.image, item.image_alt, problems) == ("images/photo.jpg", "Le jardin", [])


def test_unknown_type_of_another_tool_follows_the_folder() -> None:
    """type: post in news/ is a news item (noted once); an unknown word stays an error."""
    item, problems = item_of("---\ntitle: A\ndate: 2026-03-01\nsummary: O.\ntype: post\n---\nT.")
    assert (item.kind, problems) == ("news", [("AS250", 0, "suggestion")])
    item, problems = item_of("---\ntitle: A\ntype: article\n---\nT.", "pages/a.md")
    assert (item, problems) == (None, [("AS213", 3, "error")])
