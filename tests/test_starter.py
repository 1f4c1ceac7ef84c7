"""The starter site: a realistic association that builds with zero problems, every page sound."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import lxml.html
import pytest
from helpers import PageChecker, assert_sound

from assosite.build.site import BuildOptions, build_site
from assosite.model.urls import tel_uri
from assosite.scaffold.site import init_site


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> tuple[Path, object]:
    """The starter copied by init and built once for this module."""
    site = init_site(tmp_path_factory.mktemp("starter") / "site")
    report = build_site(site, BuildOptions(strict=True))
    return site, report


def test_starter_builds_with_zero_problems(starter) -> None:
    """assosite init + build --strict: zero errors, zero warnings."""
    _, report = starter
    assert report.problems == []
    assert report.published


def test_starter_has_the_promised_content(starter) -> None:
    """At least 12 news, 10 events, 5 consented testimonies and the association's pages."""
    site, _ = starter
    content = site / "content"
    assert len(list((content / "news").glob("*.md"))) >= 12
    assert len(list((content / "events").glob("*.md"))) >= 10
    assert len(list((content / "testimonies").glob("*.md"))) >= 5
    pages = {p.stem for p in (content / "pages").glob("*.md")}
    assert {"a-propos", "adherer", "faire-un-don", "contact"} <= pages


@pytest.mark.parametrize("year", [2026, 2027, 2028, 2030])
def test_starter_has_upcoming_and_past_events_for_years(starter, year, tmp_path) -> None:
    """Built at the start of any coming year up to 2030, the agenda is not empty."""
    site, _ = starter
    now = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    report = build_site(site, BuildOptions(output=tmp_path / "out", now=now, strict=True))
    assert report.problems == []
    agenda = (tmp_path / "out" / "agenda" / "index.html").read_text(encoding="utf-8")
    assert agenda.count('class="as-card') >= 1
    archive = (tmp_path / "out" / "agenda" / "archives" / "index.html").read_text()
    assert archive.count('class="as-card') >= 1


def _pages(site: Path) -> list[Path]:
    return sorted((site / "output").rglob("*.html"))


def test_every_page_is_structurally_sound(starter) -> None:
    """lang, one h1, no skipped heading level, alt on images, skip link first, landmarks."""
    site, _ = starter
    pages = _pages(site)
    assert len(pages) > 40
    for page in pages:
        assert_sound(page.read_text(encoding="utf-8"), page.relative_to(site / "output").as_posix())


def test_internal_links_resolve(starter) -> None:
    """Every link to the site itself points at a page or file that was built."""
    site, _ = starter
    output = site / "output"
    base = "https://demo.assosite.fr"
    broken = []
    for page in _pages(site):
        checker = PageChecker()
        checker.feed(page.read_text(encoding="utf-8"))
        for link in checker.links:
            href = link["href"].split("#")[0]
            if href.startswith(base):
                href = href[len(base) :]
            if not href.startswith("/"):
                continue
            target = output / href.lstrip("/")
            if href.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(output)} → {link['href']}")
    assert broken == []


def test_generated_legal_pages_say_what_the_law_asks(starter) -> None:
    """Legal notice: publisher, director, host; accessibility statement: RGAA sections."""
    site, _ = starter
    legal = (site / "output" / "mentions-legales" / "index.html").read_text()
    for expected in (
        "Association Les Jardins du Vieux Moulin",
        "Claire Lemoine",
        "Netlify, Inc.",
        "W491012345",
        "Hébergeur",
    ):
        assert expected in legal
    statement = (site / "output" / "accessibilite" / "index.html").read_text()
    for expected in (
        "État de conformité",
        "Contenus non accessibles",
        "Retour d'information et contact",
        "Voies de recours",
        "Défenseur des droits",
        'Cette déclaration a été établie le <time datetime="2026-11-15">',
    ):
        assert expected.replace("'", "&#39;") in statement or expected in statement
    privacy = (site / "output" / "confidentialite" / "index.html").read_text()
    assert "Aucun cookie" in privacy


def _linked(page: Path, output: Path, pattern: str) -> list[Path]:
    """Files of the site that ``page`` links with ``pattern`` (href/src values)."""
    text = page.read_text(encoding="utf-8")
    files = []
    for url in re.findall(pattern, text):
        relative = url.split("demo.assosite.fr/", 1)[-1]
        target = output / relative
        if target.is_file():
            files.append(target)
    return files


def test_every_page_is_light(starter) -> None:
    """HTML + CSS of every page ≤ 30 KB; the home page with its images ≤ 150 KB."""
    site, _ = starter
    output = site / "output"
    heavy = []
    for page in _pages(site):
        css = _linked(page, output, r'<link rel="stylesheet" href="([^"]+)"')
        weight = page.stat().st_size + sum(p.stat().st_size for p in css)
        if weight > 30_000:
            heavy.append(f"{page.relative_to(output)}: {weight} bytes")
    assert heavy == []
    home = output / "index.html"
    files = {home, *_linked(home, output, r'(?:href|src)="([^"]+\.(?:css|svg|png|jpg))"')}
    [sheet] = _linked(home, output, r'<link rel="stylesheet" href="([^"]+)"')
    fonts = re.findall(r'url\("\.\./fonts/([^"]+)"\)', sheet.read_text(encoding="utf-8"))
    files |= {output / "theme" / "fonts" / font for font in fonts}
    assert len(fonts) == 2 and sum(p.stat().st_size for p in files) <= 150_000
    assert "<script src" not in "".join(p.read_text() for p in _pages(site))


def test_structured_data_describes_home_events_and_news(starter) -> None:
    """JSON-LD: NGO on the home page, Event (status, location) on events, NewsArticle on news."""
    site, _ = starter
    output = site / "output"

    def json_ld(path: str) -> dict:
        text = (output / path).read_text(encoding="utf-8")
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
        return json.loads(block.group(1))

    assert json_ld("index.html")["@type"] == "NGO"
    event = json_ld("agenda/2027-04-24-troc-de-plantes/index.html")
    assert event["@type"] == "Event"
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert event["location"]["address"]["addressLocality"] == "Montbrisac"
    assert event["startDate"] == "2027-04-24T10:00+02:00"
    online = json_ld("agenda/2027-05-18-conference-en-ligne-sol-vivant/index.html")
    assert online["location"]["@type"] == "VirtualLocation"
    news = json_ld("actualites/plantation-du-verger/index.html")
    assert news["@type"] == "NewsArticle" and news["datePublished"].startswith("2026-11-09")


def test_sitemap_lists_every_page_and_robots_points_to_it(starter) -> None:
    """sitemap.xml names every built page (except 404) and only those; robots.txt links it."""
    site, _ = starter
    output = site / "output"
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(output / "sitemap.xml").getroot()
    locs = {loc.text for loc in root.findall("s:url/s:loc", namespace)}
    built = {
        "https://demo.assosite.fr/" + p.relative_to(output).as_posix().removesuffix("index.html")
        for p in _pages(site)
        if p.name != "404.html" and "/page/" not in p.as_posix()
    }
    assert locs == built
    robots = (output / "robots.txt").read_text()
    assert "Sitemap: https://demo.assosite.fr/sitemap.xml" in robots


def test_images_carry_their_real_size(starter) -> None:
    """width and height are the image's own (no layout shift, no distortion)."""
    from PIL import Image  # noqa: PLC0415

    site, _ = starter
    output = site / "output"
    page = (output / "actualites/atelier-velo-tous-les-mois/index.html").read_text()
    tag = re.search(r'<img class="as-item__image" [^>]+>', page).group(0)
    with Image.open(site / "content/images/repair-cafe.jpg") as image:
        width, height = image.size
    assert f'width="{width}" height="{height}"' in tag
    home = (output / "index.html").read_text()
    assert 'class="as-header__logo"' in home and 'width="64" height="64"' in home


def test_a_cancelled_event_stays_on_the_agenda_but_not_on_the_home_page(starter, tmp_path) -> None:
    """Four days before the cancelled plant swap: the agenda shows it marked « Annulé »,
    its page offers no calendar link, and the home page's three places go to others."""
    site, _ = starter
    now = dt.datetime(2027, 4, 20, 8, tzinfo=dt.UTC)
    report = build_site(site, BuildOptions(output=tmp_path / "out", now=now, strict=True))
    assert report.problems == []
    out = tmp_path / "out"
    agenda = (out / "agenda" / "index.html").read_text(encoding="utf-8")
    assert "Troc de plantes 2027" in agenda
    home = lxml.html.fromstring((out / "index.html").read_text(encoding="utf-8"))
    events = home.xpath('//section[h2[@id="prochains"]]')
    titles = [t.text_content().strip() for s in events for t in s.xpath(".//h3")]
    assert len(titles) == 3, titles
    assert "Troc de plantes 2027" not in titles
    page = (out / "agenda" / "2027-04-24-troc-de-plantes" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "Annulé" in page
    assert "Ajouter à mon agenda" not in page


def test_contact_details_are_lines_and_links(starter) -> None:
    """The footer's <address> has the address on its lines, the phone as a tel: link;
    the legal notice needs no article before the name; the recourse is a link."""
    site, _ = starter
    home = lxml.html.fromstring((site / "output" / "index.html").read_text(encoding="utf-8"))
    [footer] = home.xpath('//footer//address[@class="as-footer__identity"]')
    lines = [line.strip() for line in footer.xpath("text()") if line.strip()]
    assert lines == ["3 chemin du Vieux Moulin", "49170 Montbrisac"]
    assert footer.xpath("a/@href")[:1] == ["tel:0241000000"]
    legal = (site / "output" / "mentions-legales" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:0241000000"' in legal
    assert "appartiennent à Association" not in legal
    statement = (site / "output" / "accessibilite" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://formulaire.defenseurdesdroits.fr/"' in statement


@pytest.mark.parametrize(
    ("written", "uri"),
    [
        ("02 41 00 00 00", "tel:0241000000"),
        ("+33 (0)2 41.00.00.00", "tel:+33241000000"),
        ("+1 555-0100", "tel:+15550100"),
        ("", ""),
    ],
)
def test_phone_numbers_become_tel_addresses(written, uri) -> None:
    """Separators go, digits and the leading + stay, a (0) trunk prefix goes."""
    assert tel_uri(written) == uri


def test_testimonies_are_listed_with_their_portraits(starter) -> None:
    """A testimony with a photo shows it, with its text alternative, in the list."""
    site, _ = starter
    page = (site / "output" / "temoignages" / "index.html").read_text(encoding="utf-8")
    cards = lxml.html.fromstring(page).xpath('//li[@class="as-card-list__item"]')
    portraits = {
        card.xpath("string(.//a[@class='as-card__link'])").strip(): card.xpath(".//img/@alt")
        for card in cards
    }
    with_photo = [title for title, alts in portraits.items() if alts]
    assert len(with_photo) >= 2, portraits
    assert all(alts[0] for alts in portraits.values() if alts)  # never an empty alt


def test_a_postponed_event_shows_its_new_date_then_the_old_one_struck(tmp_path) -> None:
    """postponed_from: the new date (start) first, « Initialement prévu » struck through;
    the calendar has the new date; JSON-LD says EventRescheduled with previousStartDate."""
    site = init_site(tmp_path / "site")
    event = site / "content" / "events" / "2027-09-25-fete-de-quartier.md"
    text = event.read_text(encoding="utf-8")
    event.write_text(
        text.replace("postponed: true\n", "postponed_from: 2027-09-18 12:00\n"), encoding="utf-8"
    )
    now = dt.datetime(2027, 9, 1, tzinfo=dt.UTC)
    report = build_site(site, BuildOptions(now=now, strict=True))
    assert report.problems == []
    folder = site / "output" / "agenda" / "2027-09-25-fete-de-quartier"
    page = lxml.html.fromstring((folder / "index.html").read_text(encoding="utf-8"))
    [when] = page.xpath('//dd[.//p[@class="as-event-date__was"]]')
    shown = [t.get("datetime") for t in when.xpath(".//time")]
    assert shown == ["2027-09-25T12:00+02:00", "2027-09-18T12:00+02:00"]
    assert when.xpath(".//del/time/@datetime") == ["2027-09-18T12:00+02:00"]
    assert "Initialement prévu" in when.text_content()
    assert "Reporté" in (site / "output" / "agenda" / "index.html").read_text(encoding="utf-8")
    data = [json.loads(s) for s in page.xpath('//script[@type="application/ld+json"]/text()')]
    events = [d for d in data if d.get("@type") == "Event"]
    assert events[0]["eventStatus"] == "https://schema.org/EventRescheduled"
    assert events[0]["previousStartDate"].startswith("2027-09-18T12:00")
    calendar = (folder / "evenement.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Paris:20270925T120000" in calendar


def test_home_title_says_what_the_association_does(starter) -> None:
    """The home page's h1 is the site's description, not the name the header shows."""
    site, _ = starter
    home = lxml.html.fromstring((site / "output" / "index.html").read_text(encoding="utf-8"))
    assert [h.text_content().strip() for h in home.xpath("//h1")] == [
        "Jardins partagés, repair café et entraide de voisinage à Montbrisac, depuis 2012."
    ]
    assert "Les Jardins du Vieux Moulin" in home.xpath("string(//header)")


def test_the_agenda_is_grouped_by_month(starter) -> None:
    """One section per month, in order, named in words; each event under its month."""
    site, _ = starter
    page = (site / "output" / "agenda" / "index.html").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(page)
    sections = tree.xpath('//section[h2[starts-with(@id, "mois-")]]')
    assert len(sections) >= 3
    months = [s.xpath("string(h2/@id)").removeprefix("mois-") for s in sections]
    assert months == sorted(months) and len(set(months)) == len(months)
    for section, month in zip(sections, months, strict=True):
        name = section.xpath("string(h2)")
        assert name.split()[-1] == month[:4] and name[0].isupper(), name
        starts = section.xpath('.//p[contains(@class, "as-event-date ")]/time/@datetime')
        assert starts and all(s.startswith(month[:7]) for s in starts), (month, starts)
    assert tree.xpath("//h3")  # the cards' titles, under their month


def test_each_agenda_card_has_a_date_block_of_its_date(starter) -> None:
    """Weekday, day and month at a glance; the same day as the card's full date."""
    site, _ = starter
    page = (site / "output" / "agenda" / "index.html").read_text(encoding="utf-8")
    cards = lxml.html.fromstring(page).xpath('//article[contains(@class, "as-card")]')
    assert cards
    for card in cards:
        [block] = card.xpath('.//p[contains(concat(" ", @class, " "), " as-date-block ")]')
        assert block.get("aria-hidden") == "true"  # the full date follows, for everyone
        day = block.xpath('string(span[@class="as-date-block__day"])')
        [start] = card.xpath('.//p[contains(@class, "as-event-date ")]/time/@datetime')
        assert int(day) == int(start[8:10]), (day, start)
        assert block.xpath('string(span[@class="as-date-block__weekday"])').endswith(".")


def test_the_home_opens_with_its_purpose_a_photo_and_three_calls_to_action(starter) -> None:
    """h1 = the one-sentence purpose; [home] image with its alt, loaded first; three buttons."""
    site, _ = starter
    home = lxml.html.fromstring((site / "output" / "index.html").read_bytes())
    hero = home.find_class("as-hero")[0]
    assert hero.findtext(".//h1").startswith("Jardins partagés, repair café")
    photo = hero.find_class("as-hero__image")[0]
    assert photo.get("alt").startswith("Des rangs de jeunes légumes")
    assert photo.get("loading") is None  # the largest image of the page: never deferred
    assert photo.get("fetchpriority") == "high"
    assert "jardin-potager" in photo.get("src")
    buttons = [(a.text, a.get("href")) for a in hero.find_class("as-button")]
    assert buttons == [
        ("Adhérer", "adherer/"),
        ("Devenir bénévole", "devenir-benevole/"),
        ("Faire un don", "faire-un-don/"),
    ]
