"""The default theme's blocks, built for real: home lead card, patterns, calls to action."""

from __future__ import annotations

import hashlib
import re

import lxml.html
from helpers import BASE_CONFIG

from assosite.config.site import load_config


def _news(day: int, image: bool) -> str:
    photo = "image: images/photo.jpg\nimage_alt: Un potager au printemps.\n" if image else ""
    return (
        f"---\ntitle: Nouvelle du {day} mars\ndate: 2025-03-{day:02d}\n"
        f"summary: Ce qui s'est passé le {day} mars au jardin.\n{photo}---\nTexte.\n"
    )


def _home(output) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((output / "index.html").read_bytes())


def test_the_latest_news_with_a_photo_leads_the_home(make_site, build) -> None:
    """The latest news, when it has a photo, is the home's lead card (full width, photo
    beside the text); the others, without photo, show the brand pattern in its place."""
    site = make_site(
        files={
            "content/news/a.md": _news(3, image=False),
            "content/news/b.md": _news(10, image=True),
        }
    )
    report, output = build(site)
    assert report.problems == []
    items = _home(output).find_class("as-card-list__item")
    assert "as-card-list--lead" in items[0].getparent().get("class")
    assert "as-card-list__item--lead" in items[0].get("class")
    assert items[0].find_class("as-card--lead") and items[0].find_class("as-card__image")
    assert "lead" not in items[1].get("class")
    pattern = items[1].find_class("as-card__pattern")[0]
    assert pattern.get("aria-hidden") == "true" and not items[1].find_class("as-card__image")


def test_a_latest_news_without_photo_leads_nothing(make_site, build) -> None:
    """No photo on the latest news: no lead card, every card the same size."""
    site = make_site(
        files={
            "content/news/a.md": _news(3, image=True),
            "content/news/b.md": _news(10, image=False),
        }
    )
    _, output = build(site)
    items = _home(output).find_class("as-card-list__item")
    assert not _home(output).find_class("as-card-list__item--lead")
    assert items[0].find_class("as-card__pattern") and items[1].find_class("as-card__image")


def test_an_item_photo_has_its_caption_and_credit_in_a_figcaption(make_site, build) -> None:
    """image_caption and image_credit go under the photo, in its figure, French spaced."""
    news = _news(10, image=True).replace(
        "---\nTexte",
        'image_caption: "Le potager : première récolte"\nimage_credit: Jeanne Martin\n---\nTexte',
    )
    site = make_site(files={"content/news/b.md": news})
    report, output = build(site)
    assert report.problems == []
    page = lxml.html.fromstring(next((output / "actualites").glob("*/index.html")).read_bytes())
    caption = page.find_class("as-item__figure")[0].find("figcaption")
    assert caption.text_content() == "Le potager\u00a0: première récolte Photo\u00a0: Jeanne Martin"
    assert caption.find_class("as-item__credit")[0].text_content() == "Photo\u00a0: Jeanne Martin"


def test_the_join_and_donate_pages_show_their_call_to_action(make_site, build) -> None:
    """The pages at links.join and links.donate show [join] and [donate]: amounts in euros,
    the payment button with its site's name, the form with its format and weight, and
    for a gift with a tax receipt what each sum costs after the 66 % reduction."""
    config = (
        '[site]\nname = "A"\nurl = "https://a.example"\n'
        '[links]\njoin = "/adherer/"\ndonate = "/don/"\n'
        '[join]\npayment_url = "https://www.helloasso.com/associations/a/adhesions/2027"\n'
        'amounts = [12, 5.5]\nform = "files/bulletin.pdf"\n'
        "[donate]\namounts = [20, 50]\ntax_receipt = true\n"
    )
    page = "---\ntitle: {title}\nslug: {slug}\nsummary: Pourquoi nous rejoindre.\n---\nTexte.\n"
    site = make_site(
        config=config,
        files={
            "content/pages/adherer.md": page.format(title="Adhérer", slug="adherer"),
            "content/pages/don.md": page.format(title="Donner", slug="don"),
            "content/pages/autre.md": page.format(title="Autre", slug="autre"),
            "content/files/bulletin.pdf": b"%PDF-1.4\n" + b"0" * 45_000,
        },
    )
    report, output = build(site)
    assert report.problems == []
    join = lxml.html.fromstring((output / "adherer" / "index.html").read_bytes())
    block = join.find_class("as-cta")[0]
    assert [s.text for s in block.find_class("as-cta__amount")] == ["12\u00a0€", "5,50\u00a0€"]
    button = block.find_class("as-button")[0]
    assert button.get("href") == "https://www.helloasso.com/associations/a/adhesions/2027"
    assert "www.helloasso.com" in block.find_class("as-cta__host")[0].text
    form = block.find_class("as-cta__form")[0].find("a")
    assert form.get("href") == "../files/bulletin.pdf"
    assert form.text.endswith("(PDF, 45\u202fko)")
    assert (output / "files" / "bulletin.pdf").is_file()
    gift = lxml.html.fromstring((output / "don" / "index.html").read_bytes())
    costs = [li.text for li in gift.find_class("as-cta__costs")[0].findall("li")]
    assert costs == [
        "20\u00a0€ vous reviennent à 6,80\u00a0€",
        "50\u00a0€ vous reviennent à 17\u00a0€",
    ]
    intro = gift.find_class("as-cta__costs-label")[0].text_content()
    assert intro == "Après la réduction d'impôt de 66\u00a0%, un don de\u00a0:"
    assert not gift.find_class("as-button")  # no payment page given: no button
    other = (output / "autre" / "index.html").read_text(encoding="utf-8")
    assert "as-cta" not in other


def test_the_accessibility_statement_says_its_date(make_site, build) -> None:
    """[accessibility] date dates the generated statement; a site's own statement is dated
    by its modified (or date) key; a date in quotes is AS103 at its line."""
    config = '[site]\nname = "A"\nurl = "https://a.example"\n[accessibility]\ndate = 2026-11-15\n'
    report, output = build(make_site(config=config))
    assert report.problems == []
    statement = lxml.html.fromstring((output / "accessibilite" / "index.html").read_bytes())
    time = statement.find(".//time")
    assert (time.get("datetime"), time.text) == ("2026-11-15", "15\u00a0novembre 2026")
    own = "---\ntitle: Accessibilité\nslug: accessibilite\nmodified: 2026-10-02\n---\nTexte.\n"
    site = make_site(files={"content/pages/accessibilite.md": own}, name="own")
    report, output = build(site)
    assert report.problems == []
    page = lxml.html.fromstring((output / "accessibilite" / "index.html").read_bytes())
    assert "mise à jour le 2\u00a0octobre 2026" in page.find_class("as-item__meta")[0].text
    quoted = config.replace("date = 2026-11-15", 'date = "15/11/2026"')
    _, problems = load_config(make_site(config=quoted, name="quoted"))
    assert [(p.code, p.line) for p in problems] == [("AS103", 5)]


def test_every_page_links_one_stylesheet_named_by_its_content(make_site, build, tmp_path) -> None:
    """One stylesheet per page: the theme's files and the brand colours joined (print last),
    named site.<first 10 hex of its SHA-256>.css, the same in two builds; its fonts exist."""
    config = BASE_CONFIG + '[brand]\nprimary = "#0b4f8a"\n'
    site = make_site(config=config, files={"content/news/a.md": _news(3, image=False)})
    _, output = build(site)
    names = set()
    for page in output.rglob("*.html"):
        tree = lxml.html.fromstring(page.read_bytes())
        sheets = tree.xpath("//link[@rel='stylesheet']/@href")
        assert len(sheets) == 1, page
        names.add(sheets[0].rsplit("/", 1)[-1])
    [name] = names
    css = (output / "theme" / "assets" / name).read_text(encoding="utf-8")
    assert name == f"site.{hashlib.sha256(css.encode()).hexdigest()[:10]}.css"
    brand = css.index("--as-color-primary:#0b4f8a")
    assert css.index("--as-color-surface") < brand < css.index(".as-card-list")
    assert css.index(".as-card-list") < css.index("@media print{") and "/*" not in css
    fonts = re.findall(r'url\("\.\./fonts/([^"]+\.woff2)"\)', css)
    assert len(fonts) == 2 and css.count("font-display:swap") == 2
    assert all((output / "theme" / "fonts" / font).is_file() for font in fonts)
    _, again = build(site, output=tmp_path / "again")
    assert (again / "theme" / "assets" / name).read_text(encoding="utf-8") == css
    (site / "assosite.toml").write_text(config.replace("#0b4f8a", "#123c6e"))
    _, other = build(site, output=tmp_path / "other")
    assert [p.name for p in (other / "theme" / "assets").iterdir()] != [name]


def test_a_home_title_heads_the_home_and_the_purpose_follows(make_site, build) -> None:
    """[home] title is the home's h1, the site's description the sentence under it; without
    a photo the hero has no photo column."""
    site = make_site(config=BASE_CONFIG + '[home]\ntitle = "Cultivons le quartier"\n')
    report, output = build(site)
    assert report.problems == []
    hero = _home(output).find_class("as-hero")[0]
    assert hero.findtext(".//h1") == "Cultivons le quartier"
    assert hero.find_class("as-hero__purpose")[0].text == "Une association pour tester assosite."
    assert "as-hero--photo" not in hero.get("class") and not hero.find_class("as-hero__image")
