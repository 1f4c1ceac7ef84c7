"""Sharing previews: one card per item and one for the site, and what ``og:``/``twitter:`` tags say.

:class:`CardsOutput` turns each published item into a
:class:`~assosite.outputs.cards.draw.CardSpec` (type label, title, summary or quote, date in
words, place, « Annulé »/« Reporté », the item's photo or portrait), draws the new ones through the
:class:`~assosite.outputs.cards.cache.CardCache` before any page is written, and copies them
to ``cards/`` in the output. Templates ask :func:`social_card` for the image of a
page: the item's ``card_image`` when it has one, its card, or the site's card
(lists, tags, home, 404, and items with ``card: false``).
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import jinja2
from PIL import Image, UnidentifiedImageError

from assosite.cache.files import place_file
from assosite.config.checks import CONFIG_NAME, RASTER_SUFFIXES
from assosite.config.site import SiteConfig
from assosite.model.dates import DateFormatter
from assosite.outputs.base import Output, SiteOutput
from assosite.outputs.cards.cache import CardCache
from assosite.outputs.cards.draw import CardSpec
from assosite.outputs.cards.text import fonts_digest
from assosite.outputs.state import BuildState, state_of
from assosite.problems.catalogue import site_word, theme_translations
from assosite.problems.report import make_problem

CARDS_FOLDER = "cards"
CONTEXT_KEY = "assosite_cards"
SITE_KEY = ""
SITE_CARD = f"{CARDS_FOLDER}/site"
# The type labels, in French; the theme's catalogue translates them (one source).
LABELS = {
    "news": site_word("Actualité"),
    "event": site_word("Événement"),
    "testimony": site_word("Témoignage"),
    "page": site_word("Page"),
}
ALT = site_word("Carte de partage : %(what)s")
CARD_WORDS = (*LABELS.values(), ALT, "En ligne")


@dataclass(frozen=True, slots=True)
class SocialCard:
    """The image a page is shared with.

    Attributes:
        path: the image's path from the site root (``cards/agenda/fete.png``).
        width: width in pixels.
        height: height in pixels.
        alt: what the image shows, in one sentence.
    """

    path: str
    width: int
    height: int
    alt: str


@jinja2.pass_context
def social_card(context: Any, content: Any = None) -> SocialCard | None:
    """Return the sharing image of ``content`` (the site's card when None or unknown).

    Registered as a template global; returns None when the build has no cards.
    """
    cards = context.get(CONTEXT_KEY) or {}
    url = getattr(content, "url", None)
    return cards.get(url) or cards.get(SITE_KEY)


def card_logo(config: SiteConfig) -> str:
    """Return the logo the cards use: ``[cards] logo``, ``site.logo`` or the PNG beside it."""
    if config.cards.logo:
        return config.cards.logo
    logo = config.site.logo
    if not logo or PurePosixPath(logo).suffix.lower() in RASTER_SUFFIXES:
        return logo
    beside = PurePosixPath(logo).with_suffix(".png").as_posix()
    return beside if (config.content_path / beside).is_file() else ""


class CardSpecs:
    """Makes the card spec of the site and of each item, in the site language.

    Args:
        state: the build's state (configuration, report).
        gettext: the theme's translations for the site language.
        logo: the logo file's bytes (empty for none).
    """

    def __init__(self, state: BuildState, gettext: Any, logo: bytes) -> None:
        config = state.config
        self.config = config
        self._ = gettext
        self.dates = DateFormatter(config.site.language, config.site.timezone, gettext)
        self.common = {
            "footer": config.site.name,
            "primary": config.brand.primary,
            "accent": config.brand.accent,
            "logo": logo,
            "fonts": fonts_digest(),
        }

    def site(self) -> CardSpec:
        """Return the site's card: its name and description."""
        domain = urlsplit(self.config.site.url).netloc
        return CardSpec(
            "site",
            "",
            self.config.site.name,
            self.config.site.description,
            **{**self.common, "footer": domain or self.config.site.name},
        )

    def photo(self, item: Any) -> bytes:
        """Return the bytes of the item's photo (a testimony's portrait), or b"" for none."""
        path = item.photo if item.kind == "testimony" else item.image
        if not path or PurePosixPath(path).suffix.lower() not in RASTER_SUFFIXES:
            return b""
        file = self.config.content_path / path
        return file.read_bytes() if file.is_file() else b""

    def item(self, item: Any) -> CardSpec:
        """Return the card of one news item, event, testimony or page (with its photo)."""
        spec = self._item(item)
        photo = self.photo(item)
        return replace(spec, photo=photo) if photo else spec

    def _item(self, item: Any) -> CardSpec:
        label = self._(LABELS[item.kind])
        title = item.title.strip() or self.config.site.name
        if item.kind == "event":
            status = (
                self._("Annulé")
                if item.cancelled
                else (self._("Reporté") if item.postponed else "")
            )
            place = item.location.one_line() if item.location else ""
            details = (
                self.dates.event_when(item),
                place or (self._("En ligne") if item.online else ""),
            )
            return CardSpec(
                "event", label, title, "", tuple(d for d in details if d), status, **self.common
            )
        if item.kind == "testimony":
            quote = item.quote or item.summary or item.title
            opening, closing = (
                ("«\u202f", "\u202f»") if self.config.site.language == "fr" else ("“", "”")
            )
            who = ", ".join(part for part in (item.name, item.role) if part)
            return CardSpec(
                "testimony",
                label,
                f"{opening}{quote}{closing}",
                "",
                (who,) if who else (),
                **self.common,
            )
        details = (self.dates.date(item.date),) if item.kind == "news" and item.date else ()
        return CardSpec(item.kind, label, title, item.summary, details, **self.common)

    def alt(self, spec: CardSpec) -> str:
        """Return the sentence that says what a card shows."""
        what = ", ".join(part for part in (spec.title, *spec.details) if part)
        if spec.status:
            what += f" ({spec.status.lower()})"
        return self._(ALT) % {"what": what}


def _card_path(content: Any) -> str:
    """Return the card file of an item, without extension (``cards/agenda/fete``).

    Pages go under ``cards/pages/`` so that no page's card takes the site's name.
    """
    folder = "pages/" if content.item.kind == "page" else ""
    return f"{CARDS_FOLDER}/{folder}{content.url.strip('/')}"


class CardsOutput(SiteOutput):
    """Draw the cards before pages are written; copy them to ``cards/`` afterwards."""

    def prepare(self) -> None:
        """Make every card (from the cache when unchanged) and give them to the templates."""
        state = state_of(self.settings)
        self.files: dict[str, Path] = {}
        if state is None or not state.config.cards.enabled:
            return
        gettext = (
            state.translations
            or theme_translations(Path(self.settings["THEME"]), state.config.site.language)
        ).gettext
        maker = CardSpecs(state, gettext, self._logo(state))
        specs = {SITE_CARD: maker.site()}
        keys = {SITE_KEY: SITE_CARD}
        images: dict[str, SocialCard] = {}
        for content in self._contents():
            own = self._own_image(content.item)
            if own is not None:
                images[content.url] = own
            elif content.item.card:
                made = functools.partial(maker.item, content.item)
                specs[_card_path(content)] = state.kept("card", content.item, made)
                keys[content.url] = _card_path(content)
        digests = {key: state.kept("card digest", spec, spec.digest) for key, spec in specs.items()}
        run = CardCache(state.root).update(specs, digests)
        cards = dict(images)
        for url, key in keys.items():
            cached = run.cards[key]
            path = f"{key}.{cached.extension}"
            self.files[path] = cached.file
            cards[url] = SocialCard(path, cached.width, cached.height, maker.alt(specs[key]))
        self.context[CONTEXT_KEY] = cards

    def _contents(self) -> list[Any]:
        """Return the published items of the build (hidden ones too), in a stable order."""
        found = []
        for name in ("articles", "hidden_articles", "pages", "hidden_pages"):
            found += [c for c in self.context.get(name, []) if hasattr(c, "item")]
        return sorted(found, key=lambda content: content.url)

    def _own_image(self, item: Any) -> SocialCard | None:
        """Return the item's ``card_image`` with its size, or None (then a card is drawn)."""
        if not item.card_image:
            return None
        try:
            with Image.open(Path(self.settings["PATH"]) / item.card_image) as image:
                width, height = image.size
        except (OSError, UnidentifiedImageError):
            return None
        return SocialCard(item.card_image, width, height, item.card_image_alt)

    def _logo(self, state: BuildState) -> bytes:
        """Return the logo's bytes; report AS410 and draw without it when unreadable."""
        logo = card_logo(state.config)
        if not logo:
            return b""
        data = (state.config.content_path / logo).read_bytes()
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        except (OSError, UnidentifiedImageError, SyntaxError):
            state.report.add(make_problem("AS410", CONFIG_NAME, 0, value=logo))
            return b""
        return data

    def write(self, output: Output) -> None:
        """Put the cards of the cache into the output."""
        for path, cached in getattr(self, "files", {}).items():
            target = output.folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            place_file(cached, target)
