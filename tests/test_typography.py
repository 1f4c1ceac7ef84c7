"""French no-break spaces in a text's words, never in code nor in addresses."""

from __future__ import annotations

from pathlib import Path

import feedparser
import lxml.html
import pytest
from helpers import BASE_CONFIG, md_event, md_news

from assosite.reading.typography import NARROW, NO_BREAK, french_spacing


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Venez nombreux !", f"Venez nombreux{NARROW}!"),
        ("Qui vient ? Moi ; toi.", f"Qui vient{NARROW}? Moi{NARROW}; toi."),
        ("Horaires : 9 h à 12 h", f"Horaires{NO_BREAK}: 9{NO_BREAK}h à 12{NO_BREAK}h"),
        ("de 21 h 30 à 23 h", f"de 21{NO_BREAK}h{NO_BREAK}30 à 23{NO_BREAK}h"),
        ("le 1er mai, le 5 décembre", f"le 1er{NO_BREAK}mai, le 5{NO_BREAK}décembre"),
        ("en 2 heures, 3 maisons, bus 121 h", "en 2 heures, 3 maisons, bus 121 h"),
        ("« le jardin »", f"«{NARROW}le jardin{NARROW}»"),
        ("Entrée 5 € ou 10 % de remise", f"Entrée 5{NO_BREAK}€ ou 10{NO_BREAK}% de remise"),
        ("Déjà collé! https://a.fr/?x=1 et 10:30", "Déjà collé! https://a.fr/?x=1 et 10:30"),
        ("Quoi ?!", f"Quoi{NARROW}?!"),
    ],
)
def test_typed_spaces_become_no_break_where_french_wants_them(typed, printed) -> None:
    """Only a space already typed changes; nothing is added (« collé! » stays)."""
    assert french_spacing(typed) == printed


def _page(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


TEXT = (
    "Venez nombreux ! Le tarif : 5 €.\n\n"
    "En code, `a ; b` reste tel quel, [ce lien ?](https://exemple.org/?q=a) aussi.\n\n"
    "    bloc ; de code !\n"
)


def test_a_french_site_s_text_gets_them_an_english_one_not(make_site, build) -> None:
    """Pages of a French site; code spans, code blocks and link addresses untouched."""
    news = {"content/news/2026-03-01-fete.md": md_news("Fête", extra="") + TEXT}
    _, output = build(make_site(news))
    page = _page(output / "actualites" / "fete" / "index.html")
    assert f"Venez nombreux{NARROW}! Le tarif{NO_BREAK}: 5{NO_BREAK}€." in page.text_content()
    assert page.xpath("//p/code/text()") == ["a ; b"]
    assert page.xpath("//pre/code/text()") == ["bloc ; de code !\n"]
    assert page.xpath('//a[@href="https://exemple.org/?q=a"]/text()') == [f"ce lien{NARROW}?"]
    english = make_site(news, config=BASE_CONFIG + 'language = "en"\n', name="en")
    _, output = build(english)
    assert (
        "Venez nombreux ! Le tarif : 5 €."
        in _page(output / "news" / "fete" / "index.html").text_content()
    )


def test_titles_summaries_and_prices_get_them_on_pages_and_feeds(make_site, build) -> None:
    """The header's words too: the page's h1, the event's price and the feed's title."""
    event = md_event(
        '"Fête du jardin : venez !"', "2027-06-13 15:00", extra="price: 5 € l'entrée\n"
    )
    report, output = build(make_site({"content/events/2027-06-13-fete.md": event}))
    assert [p.code for p in report.problems if p.severity == "error"] == []
    page = _page(output / "agenda" / "2027-06-13-fete" / "index.html")
    assert page.xpath("string(//h1)") == f"Fête du jardin{NO_BREAK}: venez{NARROW}!"
    assert f"5{NO_BREAK}€ l'entrée" in page.text_content()
    feed = feedparser.parse((output / "flux" / "agenda.atom.xml").read_bytes())
    assert feed.entries[0].title == f"Fête du jardin{NO_BREAK}: venez{NARROW}!"
