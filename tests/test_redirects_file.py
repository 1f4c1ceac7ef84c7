"""redirects.txt (assosite import writes it): _redirects and redirect pages, never over a page."""

from __future__ import annotations

from lxml import html as lxml_html

from assosite.outputs.redirects import netlify_rules, page_path, parse_redirects

NEWS = """\
---
title: Bonne nouvelle
summary: Une nouvelle pour tester les redirections.
date: 2026-03-01
---

Texte.
"""

REDIRECTS = """\
# anciennes adresses
/2019/04/bonne-nouvelle/ /actualites/bonne-nouvelle/
/?p=12 /actualites/bonne-nouvelle/
/actualites/ /ailleurs/
pas une redirection
/vieux.html https://autre.example/page/  # une autre adresse
"""


def test_redirects_file_is_parsed_with_a_problem_per_bad_line() -> None:
    """Each line gives one redirect; a malformed one is AS269 at its line."""
    rules, problems = parse_redirects(REDIRECTS)
    assert [(r.source, r.target, r.line) for r in rules] == [
        ("/2019/04/bonne-nouvelle/", "/actualites/bonne-nouvelle/", 2),
        ("/?p=12", "/actualites/bonne-nouvelle/", 3),
        ("/actualites/", "/ailleurs/", 4),
        ("/vieux.html", "https://autre.example/page/", 6),
    ]
    assert [(p.code, p.path, p.line, p.params["value"]) for p in problems] == [
        ("AS269", "redirects.txt", 5, "pas une redirection")
    ]


def test_netlify_rules_match_query_strings() -> None:
    """``/?p=12`` becomes Netlify's query match, forced because the home page exists."""
    rules, _ = parse_redirects(REDIRECTS)
    assert netlify_rules(rules).splitlines() == [
        "/2019/04/bonne-nouvelle/ /actualites/bonne-nouvelle/ 301",
        "/ p=12 /actualites/bonne-nouvelle/ 301!",
        "/actualites/ /ailleurs/ 301",
        "/vieux.html https://autre.example/page/ 301",
    ]


def test_redirect_pages_have_a_file_for_each_address_without_query() -> None:
    """Folders get an index.html, .html addresses keep their name, queries get none."""
    assert page_path("/2019/04/x/") == "2019/04/x/index.html"
    assert page_path("/contact") == "contact/index.html"
    assert page_path("/vieux.html") == "vieux.html"
    assert page_path("/?p=12") is None
    assert page_path("/../etc/") is None


def test_build_writes_redirects_without_replacing_pages(make_site, build) -> None:
    """The build writes _redirects and the pages; the news list stays the news list."""
    site = make_site(
        {"content/news/2026-03-01-bonne-nouvelle.md": NEWS, "redirects.txt": REDIRECTS}
    )
    report, output = build(site)
    found = [(p.code, p.path, p.line) for p in report.problems if p.code == "AS269"]
    assert found == [("AS269", "redirects.txt", 5)]
    assert (
        (output / "_redirects")
        .read_text(encoding="utf-8")
        .startswith("/2019/04/bonne-nouvelle/ /actualites/bonne-nouvelle/ 301\n")
    )
    page = lxml_html.fromstring((output / "2019/04/bonne-nouvelle/index.html").read_bytes())
    assert page.get("lang") == "fr"
    refresh = page.xpath("//meta[@http-equiv='refresh']/@content")
    assert refresh == ["0; url=../../../actualites/bonne-nouvelle/"]
    assert page.xpath("//a/@href") == ["../../../actualites/bonne-nouvelle/"]
    canonical = page.xpath("//link[@rel='canonical']/@href")
    assert canonical == ["https://test.example/actualites/bonne-nouvelle/"]
    listing = (output / "actualites/index.html").read_text(encoding="utf-8")
    assert "http-equiv" not in listing and "Bonne nouvelle" in listing
    assert (output / "vieux.html").is_file()


def test_site_without_redirects_file_has_no_redirects(make_site, build) -> None:
    """No redirects.txt, no _redirects."""
    site = make_site({"content/news/2026-03-01-bonne-nouvelle.md": NEWS})
    _, output = build(site)
    assert not (output / "_redirects").exists()
