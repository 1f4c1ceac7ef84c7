"""Atom 1.0 and RSS 2.0 feeds with feedgen: everything, per type and per tag.

Entries carry the full text (links made absolute) and the summary. Entry ids never
change when a title or a slug is edited: they are ``urn:uuid:`` values derived from
the site's address and the item's source file (``content/news/…md``), so only
renaming the file or moving the site to another domain gives new ids. Dates come
from the content, never from the clock, so two builds give the same feeds.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
from feedgen.feed import FeedGenerator
from lxml import etree

from assosite.config.site import SiteConfig
from assosite.model.urls import SiteAddress, SitePaths, page_root
from assosite.outputs.base import Output, SiteOutput
from assosite.outputs.links import relative_links
from assosite.outputs.listings import Listings
from assosite.problems.catalogue import site_word

STYLESHEET = "theme/css/flux.css"
_KINDS_TITLE = {
    "all": site_word("Tout"),
    "news": site_word("Actualités"),
    "event": site_word("Agenda"),
    "testimony": site_word("Témoignages"),
}


def _kind_titles(gettext: Callable[[str], str]) -> dict[str, str]:
    """Return the feeds' titles in the site's language."""
    return {kind: gettext(title) for kind, title in _KINDS_TITLE.items()}


def _site_words(output: Output) -> Callable[[str], str]:
    """Return the theme's translation of the site's words (French when there is none)."""
    translations = output.state.translations
    return translations.gettext if translations is not None else str


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One feed to write.

    Attributes:
        name: path of the feed without extension (``flux/actualites``).
        title: its title, after the site's name.
        page: the page it mirrors (``actualites/``), for the alternate link.
        contents: the Pelican content objects it holds, newest first.
    """

    name: str
    title: str
    page: str
    contents: tuple[Any, ...]


def entry_id(site_url: str, source: str) -> str:
    """Return the permanent id of the item read from ``source`` on the site."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{site_url}/{source}").urn


def absolute_html(html: str, site_url: str, page_url: str) -> str:
    """Return ``html`` with every link and image address made absolute.

    Addresses from the site root (``/contact/``) are under ``site_url`` (which may
    have a path: ``https://x.github.io/projet``); the others are read from ``page_url``.
    """
    if not html.strip():
        return html
    html = relative_links(html, site_url, SiteAddress(site_url))
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    fragment.make_links_absolute(page_url, resolve_base_href=False)
    inner = "".join(
        lxml.html.tostring(child, encoding="unicode") for child in fragment.iterchildren()
    )
    return (fragment.text or "") + inner


def feed_specs(
    listings: Listings,
    config: SiteConfig,
    paths: SitePaths,
    tags: list[tuple[Any, list[Any]]],
    gettext: Callable[[str], str] = str,
) -> list[FeedSpec]:
    """Return every feed of the site with its entries, newest first."""
    words = _kind_titles(gettext)
    limit = config.feeds.entries
    by_kind = {
        "news": listings.news,
        "event": [*listings.upcoming, *listings.past],
        # A feed entry needs a date: a testimony written without one stays off the feeds.
        "testimony": [c for c in listings.testimonies if c.item.date is not None],
    }
    newest = _newest_first([c for contents in by_kind.values() for c in contents])
    specs = [
        FeedSpec(f"{paths.feeds}/{paths.feed_name('all')}", words["all"], "", tuple(newest[:limit]))
    ]
    pages = {"news": paths.news, "event": paths.event, "testimony": paths.testimony}
    for kind, contents in by_kind.items():
        specs.append(
            FeedSpec(
                f"{paths.feeds}/{paths.feed_name(kind)}",
                words[kind],
                f"{pages[kind]}/",
                tuple(_newest_first(contents)[:limit]),
            )
        )
    if config.feeds.tags:
        listed = {id(c) for c in newest}
        for tag, tagged in sorted(tags, key=lambda pair: pair[0].slug):
            contents = _newest_first([c for c in tagged if id(c) in listed])
            specs.append(
                FeedSpec(
                    f"{paths.feeds}/{paths.feed_name('tags')}/{tag.slug}",
                    f"« {tag.name} »",
                    tag.url,
                    tuple(contents[:limit]),
                )
            )
    return specs


def _newest_first(contents: list[Any]) -> list[Any]:
    return sorted(contents, key=lambda c: (c.item.date, c.item.source), reverse=True)


def build_feed(
    spec: FeedSpec, config: SiteConfig, site_url: str, content_path: Path
) -> tuple[FeedGenerator, list[Enclosure]]:
    """Return the feedgen feed of ``spec`` and the RSS enclosures of its entries.

    Images travel as ``media:content`` in both formats. The RSS ``<enclosure>`` is
    added only after the Atom document is written: feedgen 1.0 writes Atom entry
    links without their ``rel``, so an enclosure would become a second alternate link.
    """
    feed = FeedGenerator()
    feed.load_extension("media")
    enclosures: list[Enclosure] = []
    feed.id(entry_id(site_url, spec.name))
    feed.title(f"{config.site.name} – {spec.title}")
    feed.subtitle(config.site.description or config.site.name)
    feed.author(_author(config))
    feed.language(config.site.language)
    feed.link(href=f"{site_url}/{spec.page}", rel="alternate")
    feed.link(href=f"{site_url}/{spec.name}.atom.xml", rel="self")
    if config.site.logo:
        feed.logo(f"{site_url}/{config.site.logo}")
    updated = [_updated(c.item) for c in spec.contents]
    last = max(updated) if updated else dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    feed.updated(last)
    feed.lastBuildDate(last)  # feedgen would put the clock here: keep builds identical
    for content in reversed(spec.contents):
        _add_entry(feed, content, config, site_url, content_path, enclosures=enclosures)
    return feed, enclosures


def _author(config: SiteConfig) -> dict[str, str]:
    author = {"name": config.association.legal_name or config.site.name}
    if config.association.email:
        author["email"] = config.association.email
    return author


def _updated(item: Any) -> dt.datetime:
    return item.modified or item.date


Enclosure = tuple[Any, str, str, str]  # feedgen entry, URL, size in bytes, MIME type


def _add_entry(
    feed: FeedGenerator,
    content: Any,
    config: SiteConfig,
    site_url: str,
    content_path: Path,
    *,
    enclosures: list[Enclosure],
) -> None:
    item = content.item
    site_url = getattr(content, "site_url", site_url)  # a member's item in the portal
    url = f"{site_url}/{content.url}"
    entry = feed.add_entry()
    entry.id(entry_id(site_url, item.source))
    entry.guid(entry_id(site_url, item.source), permalink=False)
    entry.title(item.title)
    entry.link(href=url, rel="alternate")
    entry.published(item.date)
    entry.updated(_updated(item))
    entry.author(_author(config))
    if item.summary:
        entry.summary(item.summary)
    if config.feeds.full_text:
        # Pelican's own links ({filename}) resolved for the feed, not for the last page written.
        get_content = getattr(content, "get_content", None)
        html = get_content(site_url) if get_content is not None else content.content
        entry.content(absolute_html(html, site_url, url), type="html")
    for tag in item.tags:
        entry.category(term=tag, label=tag)
    image = content_path / item.image if item.image else None
    if image is not None and image.is_file():
        kind = mimetypes.guess_type(image.name)[0] or "application/octet-stream"
        url = f"{site_url}/{item.image}"
        size = str(image.stat().st_size)
        entry.media.content(url=url, type=kind, fileSize=size, medium="image")
        enclosures.append((entry, url, size, kind))


def with_stylesheet(document: bytes, href: str) -> bytes:
    """Add an ``xml-stylesheet`` instruction so that a browser shows a readable page."""
    root = etree.fromstring(document)
    root.addprevious(
        etree.ProcessingInstruction("xml-stylesheet", f'type="text/css" href="{href}"')
    )
    return etree.tostring(
        root.getroottree(), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


class FeedLinks:
    """The ``feed_links(kind)`` template function: the feeds a page declares.

    Args:
        paths: the site's public folders.
        gettext: translates the feeds' titles into the site's language.
    """

    def __init__(self, paths: SitePaths, gettext: Callable[[str], str] = str) -> None:
        self.paths = paths
        self.words = _kind_titles(gettext)

    def __call__(self, kind: str | None = None) -> list[tuple[str, str, str]]:
        """Return (href path, MIME type, title) for the site feed and ``kind``'s feed."""
        names = ["all"] + ([kind] if kind in ("news", "event", "testimony") else [])
        links = []
        for name in names:
            base = f"{self.paths.feeds}/{self.paths.feed_name(name)}"
            links.append((f"{base}.atom.xml", "application/atom+xml", f"{self.words[name]} (Atom)"))
            links.append((f"{base}.rss.xml", "application/rss+xml", f"{self.words[name]} (RSS)"))
        return links


_FEED_CSS = """/* Généré par assosite : rend un flux lisible quand on l'ouvre dans un navigateur. */
:root {{ font: 1.125rem/1.6 system-ui, sans-serif; color: #1a1a1a; background: #ffffff; }}
feed, rss {{ display: block; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }}
feed::before, channel::before {{ content: "{intro}"; display: block; padding: 1rem;
  margin-bottom: 2rem; border-left: 0.5rem solid #1d5c4d; background: #f4f2ee; }}
title {{ display: block; font-weight: 700; font-size: 1.25rem; margin-top: 1.5rem; }}
feed > title, channel > title {{ font-size: 2rem; }}
summary, description {{ display: block; }}
entry, item {{ display: block; border-top: 1px solid #767676; }}
id, updated, published, author, link, guid, category, content, generator, logo, subtitle,
lastBuildDate, pubDate, language, docs, encoded, enclosure, icon, rights {{ display: none; }}
"""
_FEED_INTRO = site_word(
    "Ceci est un flux d'actualités : copiez l'adresse de cette page dans votre "
    "lecteur de flux (Thunderbird, NetNewsWire, Feeder…) pour suivre le site sans "
    "compte ni réseau social."
)


def feed_css(gettext: Callable[[str], str] = str) -> str:
    """Return the stylesheet that presents a raw feed to a person, in the site's language."""
    return _FEED_CSS.format(intro=gettext(_FEED_INTRO))


class FeedsOutput(SiteOutput):
    """Write every Atom and RSS feed of the site."""

    def write(self, output: Output) -> None:
        """Write the feeds listed by :func:`feed_specs`."""
        config = output.state.config
        site_url = output.site_url
        (output.folder / STYLESHEET).parent.mkdir(parents=True, exist_ok=True)
        (output.folder / STYLESHEET).write_text(feed_css(_site_words(output)), encoding="utf-8")
        tags = self.context.get("tags", [])
        for spec in feed_specs(output.listings, config, output.paths, tags, _site_words(output)):
            write_feed(spec, config, site_url, output.folder, STYLESHEET)


def write_feed(spec: FeedSpec, config: SiteConfig, site_url: str, folder: Path, css: str) -> None:
    """Write the Atom and RSS files of ``spec`` into ``folder``, styled by ``css``.

    ``css`` is from the site root; the feed names it relatively, so that a feed opened
    on a preview or under a sub-path is styled by its own copy (CSP ``style-src 'self'``).
    """
    css = f"{page_root(spec.name)}/{css}"
    feed, enclosures = build_feed(spec, config, site_url, config.content_path)
    target = folder / spec.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.with_suffix(".atom.xml").write_bytes(with_stylesheet(feed.atom_str(pretty=True), css))
    feed.link(href=f"{site_url}/{spec.name}.rss.xml", rel="self", replace=True)
    for entry, url, size, kind in enclosures:
        entry.enclosure(url, size, kind)
    target.with_suffix(".rss.xml").write_bytes(with_stylesheet(feed.rss_str(pretty=True), css))
