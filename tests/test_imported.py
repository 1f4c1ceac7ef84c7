"""Hugo and Jekyll files copied by hand into a new site: they publish, whole and clean.

The fixtures (tests/fixtures/imported) are copied over a site made by ``assosite
init`` whose sample texts are removed, then built with real Pelican.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
from helpers import NOW

from assosite.build.site import BuildOptions, build_site, check_site
from assosite.problems.report import Severity
from assosite.scaffold.site import init_site

FIXTURES = Path(__file__).parent / "fixtures" / "imported"
# Not meant to be published: a draft, a ``status: skip``, an empty file, the English
# translation of a French page, the section file of the news.
NOT_MEANT = {
    "content/news/brouillon.md",
    "content/news/2016-01-01-annonce.md",
    "content/news/2016-05-05-vide.md",
    "content/pages/contact.en.md",
    "content/news/_index.md",
}
RAW = ("{{<", "{{%", "{%", "{{ site", "{{", "[caption", "[/caption", "[embed", "[gallery")


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, object, Path]:
    """Build the imported site once: (site, report, output)."""
    site = init_site(tmp_path_factory.mktemp("imported") / "site")
    for text in (site / "content").rglob("*.md"):
        if text.parent.name != "images":
            text.unlink()
    shutil.copytree(FIXTURES, site, dirs_exist_ok=True)
    (site / "README.md").unlink()
    report = build_site(site, BuildOptions(now=NOW))
    return site, report, site / "output"


def _texts(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in (site / "content").rglob("*.md")
        if p.parent.name != "images"
    )


def _pages(output: Path) -> list[Path]:
    return [p for p in output.rglob("*.html") if "theme" not in p.parts]


def _site_path(output: Path, page: Path, href: str) -> str | None:
    """Return the site path a link of ``page`` leads to (None: another site)."""
    base = "https://demo.assosite.fr/"
    resolved = urljoin(base + page.relative_to(output).as_posix(), href)
    return resolved.removeprefix(base).split("#")[0] if resolved.startswith(base) else None


def _scripts(tree) -> list:
    """Return the scripts of a page that run (JSON-LD data does not)."""
    return [s for s in tree.iter("script") if s.get("type") != "application/ld+json"]


def test_nine_in_ten_copied_files_are_published(imported) -> None:
    """At least 90 % of the files (and of those meant to be) are published, with no error."""
    site, report, _ = imported
    texts = _texts(site)
    meant = [t for t in texts if t not in NOT_MEANT]
    assert len(NOT_MEANT & set(texts)) == len(NOT_MEANT)
    assert report.items >= 0.9 * len(texts), (report.items, len(texts))
    assert report.items >= 0.9 * len(meant), (report.items, len(meant))
    assert report.items <= len(meant)
    errors = [p for p in report.problems if p.severity == Severity.ERROR]
    assert errors == []
    assert report.published


def test_deliberate_exceptions_are_not_published(imported) -> None:
    """The draft, the skipped file, the English page and the section file stay out."""
    _, _, output = imported
    assert not (output / "actualites" / "brouillon").exists()
    assert not (output / "actualites" / "annonce").exists()
    html = "".join(p.read_text(encoding="utf-8") for p in _pages(output))
    assert "Write to us at" not in html
    assert "Écrivez-nous à contact@exemple.org." in (output / "contact/index.html").read_text(
        encoding="utf-8"
    )


def test_hugo_bundles_and_section_pages_get_their_folder_s_name(imported) -> None:
    """fete-du-printemps/index.md is /actualites/fete-du-printemps/; pages/association/
    _index.md is the page /association/, in the menu at its Hugo weight."""
    _, _, output = imported
    assert (output / "actualites/fete-du-printemps/index.html").is_file()
    assert (output / "agenda/repas-partage/index.html").is_file()
    home = lxml.html.fromstring((output / "index.html").read_bytes())
    menu = [a.get("href") for a in home.xpath("//nav[contains(@class, 'as-nav')]//a")]
    assert "association/" in menu


def test_no_shortcode_or_liquid_is_printed_on_any_page(imported) -> None:
    """No ``{{<``, ``{%`` or ``{{ site`` in any built HTML page."""
    _, _, output = imported
    for page in _pages(output):
        text = page.read_text(encoding="utf-8")
        for raw in RAW:
            assert raw not in text, (page, raw)


def test_every_image_of_the_copied_texts_is_shown(imported) -> None:
    """Each image of the old site (bundle, /assets/, /pub/, site.baseurl) is published."""
    _, _, output = imported
    shown = set()
    for page in _pages(output):
        tree = lxml.html.fromstring(page.read_bytes())
        for img in tree.iter("img"):
            src = img.get("src", "")
            assert not src.startswith("http"), (page, src)  # relative: works on every host
            path = _site_path(output, page, src)
            assert path is not None and (output / path).is_file(), (page, src)
            assert img.get("alt") is not None, (page, src)
            shown.add(re.sub(r"-\d+-[0-9a-f]{8}\.\w+$", "", src.rsplit("/", 1)[-1]))
    expected = {
        "affiche",
        "parcelles",
        "tables",
        "bureau",
        "kermesse",
        "troc",
        "galette",
        "portail",
    }
    assert expected | {"affiche-site"} <= shown


def test_figure_keeps_its_caption_and_videos_are_plain_links(imported) -> None:
    """{{< figure >}} has its alt and caption; youtube is a link, never a frame."""
    _, _, output = imported
    fete = (output / "actualites/fete-du-printemps/index.html").read_text(encoding="utf-8")
    assert "<figcaption>L'affiche dessinée par l'atelier des enfants</figcaption>" in fete
    assemblee = output / "actualites/assemblee-generale-2020/index.html"
    tree = lxml.html.fromstring(assemblee.read_bytes())
    links = {a.get("href"): a.text_content() for a in tree.iter("a")}
    assert links["https://www.youtube.com/watch?v=dQw4w9WgXcQ"] == (
        "L'assemblée générale 2020 en vidéo"
    )
    assert not list(tree.iter("iframe"))
    assert _scripts(tree) == []


def test_links_between_copied_texts_lead_to_their_new_addresses(imported) -> None:
    """relref, ref, post_url and link become links to the pages, which exist."""
    _, _, output = imported
    expected = {
        "actualites/fete-du-printemps": "/actualites/assemblee-generale-2020/",
        "actualites/assemblee-generale-2020": "/actualites/fete-du-printemps/",
        "actualites/creation": "/actualites/kermesse/",
        "actualites/rentree": "/actualites/troc-de-plantes/",
    }
    for page, target in expected.items():
        file = output / page / "index.html"
        tree = lxml.html.fromstring(file.read_bytes())
        hrefs = tree.xpath("//div[contains(@class, 'as-prose')]//a/@href")
        assert target.lstrip("/") in {_site_path(output, file, href) for href in hrefs}, page
        assert (output / target.strip("/") / "index.html").is_file()


def test_every_link_inside_the_site_leads_to_a_file(imported) -> None:
    """Links of the copied texts (documents of assets/, section pages…) are not dead."""
    _, _, output = imported
    for page in _pages(output):
        tree = lxml.html.fromstring(page.read_bytes())
        for href in tree.xpath("//div[contains(@class, 'as-prose')]//a/@href"):
            path = _site_path(output, page, href)
            if path is None:
                continue
            target = output / path.strip("/")
            assert target.is_file() or (target / "index.html").is_file(), (page, href)
    assert (output / "assets/docs/compte-rendu-ag-2020.pdf").is_file()


def test_old_addresses_lead_to_the_new_pages_without_script(imported) -> None:
    """aliases, redirect_from and permalink: a page with refresh, canonical and a link."""
    _, _, output = imported
    for old, new in (
        ("2019/04/fete-du-printemps/index.html", "actualites/fete-du-printemps/"),
        ("voeux-2011/index.html", "actualites/voeux/"),
        ("2010/03/creation.html", "actualites/creation/"),
    ):
        tree = lxml.html.fromstring((output / old).read_bytes())
        target = f"https://demo.assosite.fr/{new}"
        link = "../" * old.count("/") + new  # relative: a preview's visitor stays there
        refresh = tree.xpath("//meta[@http-equiv='refresh']/@content")
        assert refresh == [f"0; url={link}"]
        assert tree.xpath("//link[@rel='canonical']/@href") == [target]
        assert link in tree.xpath("//main//a/@href")
        assert _scripts(tree) == []
    redirects = (output / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/voeux-2011/ /actualites/voeux/ 301!" in redirects


def test_french_event_keys_give_start_end_place_and_times(imported) -> None:
    """date, datefin, lieu and horaire: 9h-18h at the place, in the event's calendar."""
    _, _, output = imported
    ics = (output / "agenda/2019-05-12-vide-grenier/evenement.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Paris:20190512T090000" in ics
    assert "DTEND;TZID=Europe/Paris:20190512T180000" in ics
    assert "LOCATION:Place du marché" in ics


def test_check_notes_other_tools_keys_once_for_the_whole_site(imported) -> None:
    """One AS250 for the ignored keys, one AS251 (translation), one AS252 (section file)."""
    site, _, _ = imported
    report = check_site(site, now=NOW)
    codes = [p.code for p in report.problems]
    assert codes.count("AS250") == 1
    assert codes.count("AS251") == 1
    assert codes.count("AS252") == 1
    assert "AS206" not in codes  # no "unknown key" warning for other tools' keys
    notes = next(p for p in report.problems if p.code == "AS250")
    assert notes.severity == Severity.SUGGESTION
    assert "layout" in notes.params["keys"]
    assert notes.params["count"] > 10
    summaries = [p for p in report.problems if p.code == "AS228"]
    assert summaries
    assert all(p.severity == Severity.SUGGESTION for p in summaries)
