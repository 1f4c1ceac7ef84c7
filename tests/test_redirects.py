"""Old addresses of texts: a page that leads on, a Netlify rule, never a page's place."""

from __future__ import annotations

import lxml.html


def news(title: str, extra: str = "") -> str:
    """Return a news item's text."""
    return f"---\ntitle: {title}\ndate: 2026-03-01\nsummary: Une phrase.\n{extra}---\nTexte.\n"


def test_old_addresses_lead_on_and_never_replace_a_page(make_site, build) -> None:
    """aliases write a redirect page and a forced 301; one that is a page is AS237."""
    site = make_site(
        {
            "content/news/fete.md": news(
                "La fête", "aliases:\n  - /2019/04/fete/\n  - /actualites/bilan/\n  - /vieux.html\n"
            ),
            "content/news/bilan.md": news("Le bilan"),
        }
    )
    report, output = build(site)
    problems = [(p.code, p.path, p.line) for p in report.problems if p.code == "AS237"]
    assert problems == [("AS237", "content/news/fete.md", 5)]
    bilan = (output / "actualites/bilan/index.html").read_text(encoding="utf-8")
    assert "<h1" in bilan
    assert "Le bilan" in bilan
    # The visitor goes on relatively (a preview's visitor stays on the preview).
    for old, link in (
        ("2019/04/fete/index.html", "../../../actualites/fete/"),
        ("vieux.html", "actualites/fete/"),
    ):
        tree = lxml.html.fromstring((output / old).read_bytes())
        target = "https://test.example/actualites/fete/"
        assert tree.xpath("//meta[@http-equiv='refresh']/@content") == [f"0; url={link}"]
        assert tree.xpath("//link[@rel='canonical']/@href") == [target]
        assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]
        assert len(tree.xpath("//h1")) == 1
    assert (output / "_redirects").read_text(encoding="utf-8").splitlines() == [
        "/2019/04/fete/ /actualites/fete/ 301!",
        "/vieux.html /actualites/fete/ 301!",
    ]
