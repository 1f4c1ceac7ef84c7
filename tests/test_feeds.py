"""Atom and RSS feeds: valid for feedparser and lxml, complete, absolute, stable ids."""

from __future__ import annotations

import email.utils
from pathlib import Path

import feedparser
import pytest
from helpers import NOW
from lxml import etree

from assosite.build.site import BuildOptions, build_site
from assosite.scaffold.site import init_site

BASE = "https://demo.assosite.fr"


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    """The starter, built once; returns its output folder."""
    site = init_site(tmp_path_factory.mktemp("feeds") / "site")
    report = build_site(site, BuildOptions(now=NOW, strict=True))
    assert report.problems == []
    return site / "output"


def _feeds(output: Path) -> list[Path]:
    return sorted((output / "flux").rglob("*.xml"))


def test_every_feed_is_valid(starter) -> None:
    """Each feed parses with lxml and with feedparser without any error (no bozo)."""
    feeds = _feeds(starter)
    assert len(feeds) >= 10
    for path in feeds:
        etree.parse(str(path))
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{path.name}: {parsed.get('bozo_exception')}"
        expected = "atom10" if path.name.endswith(".atom.xml") else "rss20"
        assert parsed.version == expected


def test_feeds_hold_what_the_site_publishes(starter) -> None:
    """News feed = every news item; agenda feed = every event; testimonies = 5."""
    site = starter.parent / "content"
    counts = {
        "actualites": len(list((site / "news").glob("*.md"))),
        "agenda": len(list((site / "events").glob("*.md"))),
        "temoignages": len(list((site / "testimonies").glob("*.md"))),
    }
    for name, count in counts.items():
        for extension in ("atom", "rss"):
            parsed = feedparser.parse((starter / f"flux/{name}.{extension}.xml").read_bytes())
            assert len(parsed.entries) == min(count, 20), f"{name}.{extension}"
    everything = feedparser.parse((starter / "flux/tout.atom.xml").read_bytes())
    assert len(everything.entries) == 20


def test_entries_are_complete_with_absolute_links_to_built_pages(starter) -> None:
    """Full text, summary, dates, author, categories; every link is absolute and resolves."""
    parsed = feedparser.parse((starter / "flux/actualites.atom.xml").read_bytes())
    assert parsed.feed.language == "fr"
    assert parsed.feed.links[0].href.startswith(BASE)
    for entry in parsed.entries:
        link = next(item.href for item in entry.links if item.rel == "alternate")
        assert link.startswith(BASE + "/actualites/")
        assert (starter / link[len(BASE) + 1 :] / "index.html").is_file()
        assert entry.summary and entry.content[0].value.startswith("<")
        assert entry.author and entry.published_parsed and entry.updated_parsed
        html = entry.content[0].value
        assert 'href="/' not in html and 'src="/' not in html
        for link in etree.HTML(html).xpath("//a/@href"):
            if link.startswith(BASE):
                assert (starter / link[len(BASE) + 1 :].split("#")[0] / "index.html").exists()
    with_image = [e for e in parsed.entries if e.get("media_content")]
    assert with_image and with_image[0].media_content[0]["type"] == "image/jpeg"
    assert all(len([x for x in e.links if x.rel == "alternate"]) == 1 for e in parsed.entries)
    rss = feedparser.parse((starter / "flux/actualites.rss.xml").read_bytes())
    enclosures = [e.enclosures[0] for e in rss.entries if e.get("enclosures")]
    assert enclosures and enclosures[0].type == "image/jpeg" and int(enclosures[0].length) > 0
    tagged = [e for e in parsed.entries if e.get("tags")]
    assert tagged


def test_dates_follow_rfc_3339_and_rfc_822(starter) -> None:
    """Atom dates are RFC 3339 with an offset; RSS dates are RFC 822."""
    atom = etree.parse(str(starter / "flux/actualites.atom.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for value in atom.xpath(
        "//a:entry/a:published/text() | //a:entry/a:updated/text()", namespaces=ns
    ):
        assert value[10] == "T" and value[-6] in "+-"
    rss = etree.parse(str(starter / "flux/actualites.rss.xml"))
    for value in rss.xpath("//item/pubDate/text()"):
        assert email.utils.parsedate_to_datetime(value).tzinfo is not None


def test_pages_declare_their_feeds(starter) -> None:
    """Every page links the site feed; list and item pages link their type's feed too."""
    home = (starter / "index.html").read_text(encoding="utf-8")
    assert 'href="flux/tout.atom.xml"' in home
    news = (starter / "actualites/index.html").read_text(encoding="utf-8")
    assert 'href="../flux/actualites.rss.xml"' in news


def test_a_feed_opened_in_a_browser_explains_itself(starter) -> None:
    """Feeds point at a stylesheet that explains, in French, how to subscribe."""
    text = (starter / "flux/tout.atom.xml").read_text(encoding="utf-8")
    # Relative to the feed: a preview's or a sub-path's feed is styled by its own copy.
    assert '<?xml-stylesheet type="text/css" href="../theme/css/flux.css"?>' in text
    css = (starter / "theme/css/flux.css").read_text(encoding="utf-8")
    assert "lecteur de flux" in css


def test_entry_id_survives_a_title_and_slug_edit(make_site, build) -> None:
    """Changing a title and a slug keeps the entry's id; a second file has its own."""
    text = "---\ntitle: {title}\ndate: 2026-03-01\nsummary: Une phrase.\n{slug}---\nTexte.\n"
    site = make_site({"content/news/2026-03-01-a.md": text.format(title="Avant", slug="")})
    _, output = build(site)
    before = feedparser.parse((output / "flux/actualites.atom.xml").read_bytes())
    (site / "content/news/2026-03-01-a.md").write_text(
        text.format(title="Après", slug="slug: nouveau\n"), encoding="utf-8"
    )
    (site / "content/news/2026-03-02-b.md").write_text(
        text.format(title="Autre", slug=""), encoding="utf-8"
    )
    _, output = build(site)
    after = feedparser.parse((output / "flux/actualites.atom.xml").read_bytes())
    ids = {e.title: e.id for e in after.entries}
    assert ids["Après"] == before.entries[0].id
    assert ids["Autre"] != ids["Après"]


def test_drafts_expired_and_unconsented_items_stay_out(make_site, build) -> None:
    """Drafts, expired items and testimonies without valid consent are not in feeds."""
    news = "---\ntitle: {t}\ndate: 2026-03-01\nsummary: Une phrase.\n{x}---\nTexte.\n"
    site = make_site(
        {
            "content/news/2026-03-01-a.md": news.format(t="Publiée", x=""),
            "content/news/2026-03-02-b.md": news.format(t="Brouillon", x="status: draft\n"),
            "content/news/2026-03-03-c.md": news.format(t="Périmée", x="expires: 2026-04-01\n"),
            "content/testimonies/d.md": "---\ntitle: Sans accord\ndate: 2026-01-01\n---\nTexte\n",
        }
    )
    build(site)
    titles = [
        e.title for e in feedparser.parse((site / "output/flux/tout.atom.xml").read_bytes()).entries
    ]
    assert titles == ["Publiée"]
