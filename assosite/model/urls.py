"""Public addresses of a site's pages, following the site language, and address names (slugs)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from slugify import slugify as _slugify


@dataclass(frozen=True, slots=True)
class SitePaths:
    """Folder names of the public addresses, without slashes.

    Attributes:
        news: the news list and items (``actualites``).
        event: the agenda and events (``agenda``).
        archive: the agenda archive (``agenda/archives``).
        testimony: the testimonies (``temoignages``).
        tags: the tag pages (``etiquettes``).
        legal: the generated legal notice (``mentions-legales``).
        accessibility: the generated accessibility statement (``accessibilite``).
        privacy: the generated privacy page (``confidentialite``).
        feeds: the folder of the Atom and RSS feeds (``flux``).
        feed_names: file names of the feeds by kind (``all``, ``news``…).
        event_ics: file name of an event's calendar, in the event's folder.
    """

    news: str
    event: str
    archive: str
    testimony: str
    tags: str
    legal: str
    accessibility: str
    privacy: str
    feeds: str
    feed_names: tuple[tuple[str, str], ...]
    event_ics: str

    def item_url(self, kind: str, slug: str) -> str:
        """Return the address of one item relative to the site root (``agenda/fete/``)."""
        if kind == "page":
            return f"{slug}/"
        return f"{getattr(self, kind)}/{slug}/"

    def feed_name(self, kind: str) -> str:
        """Return the file name (without extension) of the feed of ``kind``."""
        return dict(self.feed_names)[kind]

    def reserved(self) -> dict[str, str]:
        """Return the first path segments a page slug must not take, with their use."""
        names = {
            self.news: "news",
            self.event: "agenda",
            self.testimony: "testimonies",
            self.tags: "tags",
            "theme": "theme",
            "images": "images",
            "files": "files",
            "feeds": "feeds",
        }
        return {name.split("/")[0]: use for name, use in names.items()}


PATHS = {
    "fr": SitePaths(
        news="actualites",
        event="agenda",
        archive="agenda/archives",
        testimony="temoignages",
        tags="etiquettes",
        legal="mentions-legales",
        accessibility="accessibilite",
        privacy="confidentialite",
        feeds="flux",
        feed_names=(
            ("all", "tout"),
            ("news", "actualites"),
            ("event", "agenda"),
            ("testimony", "temoignages"),
            ("tags", "etiquettes"),
        ),
        event_ics="evenement.ics",
    ),
    "en": SitePaths(
        news="news",
        event="events",
        archive="events/archive",
        testimony="testimonies",
        tags="tags",
        legal="legal-notice",
        accessibility="accessibility",
        privacy="privacy",
        feeds="feeds",
        feed_names=(
            ("all", "all"),
            ("news", "news"),
            ("event", "events"),
            ("testimony", "testimonies"),
            ("tags", "tags"),
        ),
        event_ics="event.ics",
    ),
}


def site_paths(language: str) -> SitePaths:
    """Return the public folder names for a site language (French by default)."""
    return PATHS.get(language, PATHS["fr"])


@functools.lru_cache(maxsize=8192)  # tags and titles come back in every list
def slugify(text: str) -> str:
    """Return a short ASCII address name: « Fête de l'œuvre » → ``fete-de-l-oeuvre``."""
    return _slugify(text, max_length=80, word_boundary=True) or "sans-titre"
