"""The default theme's blocks, built for real: home lead card, patterns, calls to action."""

from __future__ import annotations

import lxml.html


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
        "---\nTexte", "image_caption: \"Le potager : première récolte\"\nimage_credit: Jeanne Martin\n---\nTexte"
    )
    site = make_site(files={"content/news/b.md": news})
    report, output = build(site)
    assert report.problems == []
    page = lxml.html.fromstring(next((output / "actualites").glob("*/index.html")).read_bytes())
    caption = page.find_class("as-item__figure")[0].find("figcaption")
    assert caption.text_content() == "Le potager\u00a0: première récolte Photo\u00a0: Jeanne Martin"
    assert caption.find_class("as-item__credit")[0].text_content() == "Photo\u00a0: Jeanne Martin"
