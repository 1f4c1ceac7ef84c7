"""Public addresses of a site's pages, following the site language (DESIGN.md §2.4)."""

from __future__ import annotations

from dataclasses import dataclass


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
    """

    news: str
    event: str
    archive: str
    testimony: str
    tags: str
    legal: str
    accessibility: str
    privacy: str

    def item_url(self, kind: str, slug: str) -> str:
        """Return the address of one item relative to the site root (``agenda/fete/``)."""
        if kind == "page":
            return f"{slug}/"
        return f"{getattr(self, kind)}/{slug}/"

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
        "actualites",
        "agenda",
        "agenda/archives",
        "temoignages",
        "etiquettes",
        "mentions-legales",
        "accessibilite",
        "confidentialite",
    ),
    "en": SitePaths(
        "news",
        "events",
        "events/archive",
        "testimonies",
        "tags",
        "legal-notice",
        "accessibility",
        "privacy",
    ),
}


def site_paths(language: str) -> SitePaths:
    """Return the public folder names for a site language (French by default)."""
    return PATHS.get(language, PATHS["fr"])
