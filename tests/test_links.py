"""Links that work on every host: relative in pages, absolute only where a standard wants it.

The built starter is read with lxml: every address of every page is resolved as a
browser would from the page's own address, under a sub-path, at a preview's address
and on disk (offline). The browser itself loads them in ``test_browser.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from helpers import NOW

from assosite.build.hosts import preview_url
from assosite.build.site import BuildOptions, build_site
from assosite.federation.runner import FederationOptions, run_federation
from assosite.model.urls import SiteAddress, folder_index, page_link, page_root
from assosite.outputs.links import relative_links
from assosite.scaffold.federation import init_federation
from assosite.scaffold.site import init_site

PROJECT = "https://exemple.github.io/jardins"  # a GitHub project page: a sub-path
SITE = "https://demo.assosite.fr"
PREVIEW = "https://deploy-preview-7--jardins.netlify.app"
# Where a standard wants an absolute address (and the only places one is allowed).
ABSOLUTE = {("link", "canonical"), ("meta", "og:url"), ("meta", "og:image")}


def test_a_page_links_to_the_site_from_where_it_is() -> None:
    """From the root ``agenda/``; two folders down ``../../agenda/``; from the server's root."""
    address = SiteAddress(SITE)
    assert page_link("agenda/", ".", address) == "agenda/"
    assert page_link("", ".", address) == "./"
    assert page_link("theme/css/base.css", "../..", address) == "../../theme/css/base.css"
    assert page_link("/contact/", "..", address) == "../contact/"
    assert page_link(f"{SITE}/adherer/", "..", address) == "../adherer/"
    assert page_link("agenda/", "/jardins", address) == "/jardins/agenda/"
    assert page_link("", "", address) == "/"
    for other in ("https://other.example/", "mailto:a@b.fr", "tel:+33100000000", "#contenu"):
        assert page_link(other, "..", address) == other


def test_offline_links_name_the_index_file_of_a_folder() -> None:
    """Opened from disk, a folder shows its listing: links name its index.html."""
    address = SiteAddress(SITE, offline=True)
    assert page_link("agenda/", "..", address) == "../agenda/index.html"
    assert page_link("", ".", address) == "index.html"
    assert page_link("agenda.ics", ".", address) == "agenda.ics"
    assert folder_index("../../") == "../../index.html"
    assert folder_index("..") == "../index.html"
    assert folder_index("page/2/#liste") == "page/2/index.html#liste"
    assert folder_index("document.pdf") == "document.pdf"


def test_the_way_to_the_root_follows_the_depth_of_the_page() -> None:
    """``index.html`` is at the root; ``agenda/fete/index.html`` two folders down."""
    assert page_root("index.html") == "."
    assert page_root("vieux.html") == "."
    assert page_root("agenda/fete/index.html") == "../.."


def test_a_text_s_links_to_the_site_become_relative_to_its_page() -> None:
    """``/contact/``, images and srcset from the site root start from the page; others stay."""
    html = (
        '<p><a href="/contact/">c</a> <a href="https://demo.assosite.fr/don/">d</a>'
        ' <a href="../../adherer/">a</a> <a href="https://other.example/x">o</a>'
        ' <a href="#haut">h</a> <a href="//cdn.example/x">p</a></p>'
        '<picture><source srcset="/images/a-480.webp 480w, /images/a-960.webp 960w">'
        "<img src='/images/a-960.jpg' alt=''></picture>"
    )
    out = relative_links(html, "../..", SiteAddress(SITE))
    tree = lxml.html.fragment_fromstring(out, create_parent="div")
    assert tree.xpath("//a/@href") == [
        "../../contact/",
        "../../don/",
        "../../adherer/",
        "https://other.example/x",
        "#haut",
        "//cdn.example/x",
    ]
    assert tree.xpath("//source/@srcset") == [
        "../../images/a-480.webp 480w, ../../images/a-960.webp 960w"
    ]
    assert tree.xpath("//img/@src") == ["../../images/a-960.jpg"]
    shown = '<p><code>&lt;a href="/x"&gt;</code> src="/y"</p><img title="a > b" src="/z.png">'
    assert relative_links(shown, "..", SiteAddress(SITE)) == (
        '<p><code>&lt;a href="/x"&gt;</code> src="/y"</p><img title="a > b" src="../z.png">'
    )
    offline = relative_links(html, "../..", SiteAddress(SITE, offline=True))
    hrefs = lxml.html.fragment_fromstring(offline, create_parent="div").xpath("//a/@href")
    assert hrefs[:3] == [
        "../../contact/index.html",
        "../../don/index.html",
        "../../adherer/index.html",
    ]


def test_netlify_says_when_a_build_is_a_preview() -> None:
    """CONTEXT=deploy-preview or branch-deploy: DEPLOY_PRIME_URL; production: none."""
    assert preview_url({"CONTEXT": "deploy-preview", "DEPLOY_PRIME_URL": PREVIEW + "/"}) == PREVIEW
    assert preview_url({"CONTEXT": "branch-deploy", "DEPLOY_PRIME_URL": PREVIEW}) == PREVIEW
    assert preview_url({"CONTEXT": "production", "DEPLOY_PRIME_URL": PREVIEW}) == ""
    assert preview_url({}) == ""


def _starter(tmp_path: Path, url: str, **options: object) -> Path:
    site = init_site(tmp_path / "site")
    toml = site / "assosite.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(SITE, url), encoding="utf-8")
    report = build_site(site, BuildOptions(now=NOW, strict=True, **options))
    assert report.problems == []
    return site / "output"


def _addresses(tree) -> list[tuple[str, str, str]]:
    """Return (element, kind, address) for every address a browser follows or loads."""
    found = []
    for element in tree.iter("a", "link", "img", "source", "meta"):
        tag = element.tag
        if tag == "meta":
            name = element.get("property") or element.get("http-equiv") or ""
            content = element.get("content", "")
            if name.startswith("og:") and content.startswith(("http", "/", ".")):
                found.append((tag, name, content))
            elif name == "refresh":
                found.append((tag, name, content.split("url=", 1)[1]))
            continue
        for attribute in ("href", "src"):
            if element.get(attribute) is not None:
                found.append((tag, element.get("rel") or attribute, element.get(attribute)))
        for candidate in (element.get("srcset") or "").split(","):
            if candidate.strip():
                found.append((tag, "srcset", candidate.split()[0]))
    return found


def _check_links(output: Path, base: str, *, offline: bool = False) -> int:
    """Assert that every address of every page leads to a file of ``output``; count them.

    ``base`` is where the output is served (a sub-path, another origin, ``file://``).
    """
    count = 0
    for page in sorted(output.rglob("*.html")):
        name = page.relative_to(output).as_posix()
        if page.name == "404.html":
            continue  # served at any address: see test_the_404_page_links_from_the_server_root
        tree = lxml.html.fromstring(page.read_bytes())
        for tag, kind, address in _addresses(tree):
            if (tag, kind) in ABSOLUTE:
                assert address.startswith("https://"), (name, kind, address)
                continue
            assert not address.startswith("/") or address.startswith("//"), (name, address)
            assert not address.startswith((SITE, PROJECT)), (name, tag, kind, address)
            resolved = urljoin(base + name, address)
            if not resolved.startswith(base):
                continue  # another site, mailto:, webcal:
            path = urlsplit(resolved).path.removeprefix(urlsplit(base).path)
            target = output / path
            if offline and tag == "a":
                assert target.is_file(), (name, address)  # a folder shows its listing
            else:
                assert target.is_file() or (target / "index.html").is_file(), (name, address)
            count += 1
    return count


def test_the_starter_under_a_sub_path_links_only_to_its_own_files(tmp_path) -> None:
    """Built for https://exemple.github.io/jardins: every link resolves under /jardins/."""
    output = _starter(tmp_path, PROJECT)
    assert _check_links(output, "http://127.0.0.1:8000/jardins/") > 1000
    home = lxml.html.fromstring((output / "index.html").read_bytes())
    assert home.xpath("//link[@rel='canonical']/@href") == [PROJECT + "/"]
    assert home.xpath("//meta[@property='og:url']/@content") == [PROJECT + "/"]
    data = json.loads(home.xpath("//script[@type='application/ld+json']/text()")[0])
    assert data["url"] == PROJECT + "/"
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{PROJECT}/agenda/</loc>" in sitemap
    feed = (output / "flux/tout.atom.xml").read_text(encoding="utf-8")
    assert f'href="{PROJECT}/actualites/' in feed
    assert 'href="/' not in feed and "&lt;a href=&quot;/" not in feed  # no link from the host root


def test_the_404_page_links_from_the_server_root(tmp_path) -> None:
    """Served at any address, the 404 page links from the root: /jardins/theme/… ."""
    output = _starter(tmp_path, PROJECT)
    tree = lxml.html.fromstring((output / "404.html").read_bytes())
    addresses = [a for tag, kind, a in _addresses(tree) if (tag, kind) not in ABSOLUTE]
    internal = [a for a in addresses if not a.startswith(("http", "mailto:", "tel:", "#"))]
    assert any(re.fullmatch(r"/jardins/theme/assets/site\.[0-9a-f]{10}\.css", a) for a in internal)
    for address in internal:
        path = address.removeprefix("/jardins/")
        assert address.startswith("/jardins/"), address
        assert (output / path).is_file() or (output / path / "index.html").is_file(), address


def test_an_offline_build_links_to_files_that_open_from_disk(tmp_path) -> None:
    """assosite build --offline: every link of every page names a file (index.html)."""
    output = _starter(tmp_path, SITE, offline=True)
    assert _check_links(output, f"file://{output}/", offline=True) > 1000
    home = lxml.html.fromstring((output / "index.html").read_bytes())
    assert "actualites/index.html" in home.xpath("//nav//a/@href")


def test_a_deploy_preview_is_not_indexed_and_keeps_the_canonical_address(
    tmp_path, monkeypatch
) -> None:
    """Netlify's CONTEXT=deploy-preview: noindex (meta and _headers); canonical stays the site's."""
    monkeypatch.setenv("CONTEXT", "deploy-preview")
    monkeypatch.setenv("DEPLOY_PRIME_URL", PREVIEW)
    output = _starter(tmp_path, SITE)
    assert _check_links(output, PREVIEW + "/") > 1000
    for page in ("index.html", "agenda/index.html", "404.html"):
        tree = lxml.html.fromstring((output / page).read_bytes())
        assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"], page
    home = lxml.html.fromstring((output / "index.html").read_bytes())
    assert home.xpath("//link[@rel='canonical']/@href") == [SITE + "/"]
    assert home.xpath("//meta[@property='og:image']/@content")[0].startswith(PREVIEW + "/")
    agenda = lxml.html.fromstring((output / "agenda/index.html").read_bytes())
    webcal = [h for h in agenda.xpath("//a/@href") if h.startswith("webcal:")]
    assert webcal == ["webcal://deploy-preview-7--jardins.netlify.app/agenda.ics"]
    assert (output / "_headers").read_text(encoding="utf-8") == "/*\n  X-Robots-Tag: noindex\n"


def test_a_production_build_is_indexed(tmp_path, monkeypatch) -> None:
    """Without a preview, no noindex and no _headers file."""
    monkeypatch.setenv("CONTEXT", "production")
    monkeypatch.setenv("DEPLOY_PRIME_URL", PREVIEW)
    output = _starter(tmp_path, SITE)
    home = lxml.html.fromstring((output / "index.html").read_bytes())
    assert home.xpath("//meta[@name='robots']") == []
    assert not (output / "_headers").exists()
    agenda = lxml.html.fromstring((output / "agenda/index.html").read_bytes())
    assert "webcal://demo.assosite.fr/agenda.ics" in agenda.xpath("//a/@href")


def test_an_offline_build_is_not_taken_for_the_last_one(tmp_path) -> None:
    """The no-change shortcut tells an offline build from an online one."""
    site = init_site(tmp_path / "site")
    build_site(site, BuildOptions(now=NOW))
    build_site(site, BuildOptions(now=NOW, offline=True))
    home = lxml.html.fromstring((site / "output/index.html").read_bytes())
    assert "actualites/index.html" in home.xpath("//nav//a/@href")
    build_site(site, BuildOptions(now=NOW))
    home = lxml.html.fromstring((site / "output/index.html").read_bytes())
    assert "actualites/" in home.xpath("//nav//a/@href")


@pytest.fixture(scope="module")
def federation_preview(tmp_path_factory) -> Path:
    """The example federation, built as a deploy preview."""
    root = init_federation(tmp_path_factory.mktemp("federation") / "federation")
    report = run_federation(root, FederationOptions(now=NOW, preview_url=PREVIEW))
    assert not report.failed()
    return root / "output"


def test_the_portal_links_to_its_members_relatively(federation_preview) -> None:
    """Members under the portal's address are linked relatively, from every portal page."""
    output = federation_preview
    home = lxml.html.fromstring((output / "index.html").read_bytes())
    links = home.xpath("//main//a/@href")
    assert any(link.startswith("lyon/") for link in links)
    assert not [link for link in links if "reseau-jardins.example" in link]
    members = lxml.html.fromstring((output / "membres/index.html").read_bytes())
    assert "../lyon/" in members.xpath("//main//a/@href")
    assert _check_links(output, PREVIEW + "/") > 1000


def test_members_follow_the_portal_s_preview(federation_preview) -> None:
    """A member under the portal: noindex, canonical its own address, 404 under /lyon/."""
    output = federation_preview
    lyon = lxml.html.fromstring((output / "lyon/index.html").read_bytes())
    assert lyon.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert lyon.xpath("//link[@rel='canonical']/@href") == ["https://reseau-jardins.example/lyon/"]
    missing = lxml.html.fromstring((output / "lyon/404.html").read_bytes())
    [sheet] = missing.xpath("//link[@rel='stylesheet']/@href")
    assert re.fullmatch(r"/lyon/theme/assets/site\.[0-9a-f]{10}\.css", sheet)
    assert (output / "_headers").is_file() and not (output / "lyon/_headers").exists()
