"""Public addresses of a site's pages, following the site language, and address names (slugs).

Also how a page links to another: :class:`SiteAddress` and :func:`page_link`. Pages link
to the site's own pages, stylesheets and images by addresses relative to the page
(``../../theme/css/base.css``), so that one build works at the site's address, under a
sub-path (GitHub project pages), at a deploy preview's address and opened from disk.
Only what a standard wants absolute (canonical link, ``og:``, feeds, sitemap,
calendars, JSON-LD) uses the site's public address.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

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


SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")  # https:, mailto:, tel:…


@dataclass(frozen=True, slots=True)
class SiteAddress:
    """Where one build of a site is published, and how its pages link to each other.

    Attributes:
        canonical: the site's public address (``site.url``), without a trailing slash:
            canonical links, ``og:url``, JSON-LD, feeds, sitemap and calendars name it.
        deployed: where this build is published when it is not ``canonical`` (a deploy
            preview's address), without a trailing slash; ``""``: ``canonical``.
        offline: links to a folder name its ``index.html`` (a copy opened from disk,
            where a browser shows a folder's listing instead of its page).
        noindex: the pages ask search engines not to index them (a preview).
    """

    canonical: str
    deployed: str = ""
    offline: bool = False
    noindex: bool = False

    @property
    def published(self) -> str:
        """The address this build is published at (the preview's, or the site's)."""
        return self.deployed or self.canonical

    @property
    def base_path(self) -> str:
        """The path of the published address, without a trailing slash (``/projet``, ``""``).

        The 404 page is served at any address: it links from the server's root.
        """
        return urlsplit(self.published).path.rstrip("/")

    def webcal(self, path: str) -> str:
        """Return the ``webcal://`` address of a calendar of this copy of the site."""
        parts = urlsplit(self.published)
        return f"webcal://{parts.netloc}{parts.path.rstrip('/')}/{path.lstrip('/')}"

    def absolute(self, path: str = "") -> str:
        """Return the public absolute address of ``path`` (relative to the site root)."""
        return f"{self.canonical}/{path.lstrip('/')}"

    def site_path(self, target: str, *, relative_is_site: bool = True) -> str | None:
        """Return the path from the site root that ``target`` names, or None.

        ``/contact/`` and the site's own absolute addresses name a page of the site;
        another site, ``mailto:``, ``#part`` and ``//host/`` addresses are not the
        site's (None).

        Args:
            target: an address as a template or a text writes it.
            relative_is_site: a relative ``target`` (``contact/``) is from the site
                root (templates); False: it is already relative to the page (texts),
                and None is returned.
        """
        if target.startswith(("#", "?", "//")):
            return None
        if SCHEME.match(target):
            for own in (self.canonical, self.deployed):
                if own and (target == own or target.startswith(own + "/")):
                    return target[len(own) + 1 :]
            return None
        if target.startswith("/"):
            return target[1:]
        return target if relative_is_site else None


def folder_index(path: str) -> str:
    """Return ``path`` naming its folder's ``index.html`` (``agenda/`` → ``agenda/index.html``).

    A query or fragment is kept; a file's address (``agenda.ics``) is unchanged.
    """
    end = len(path)
    for mark in ("?", "#"):
        if mark in path:
            end = min(end, path.index(mark))
    folder, rest = path[:end], path[end:]
    if folder in ("", ".", "..") or folder.endswith(("/", "/.", "/..")):
        if folder and not folder.endswith("/"):
            folder += "/"
        return f"{folder}index.html{rest}"
    return path


def page_root(name: str) -> str:
    """Return the relative address of the site root from the page written at ``name``.

    ``index.html`` → ``.``; ``agenda/fete/index.html`` → ``../..``.
    """
    depth = name.strip("/").count("/")
    return "/".join([".."] * depth) or "."


def page_link(target: str, root: str, address: SiteAddress) -> str:
    """Return how a page whose site root is at ``root`` links to ``target``.

    Args:
        target: an address from the site root (``agenda/``, ``theme/css/base.css``,
            ``/contact/``), one of the site's own absolute addresses, or any other
            address (returned as it is).
        root: the site root seen from the page (``.``, ``../..``), or from the
            server's root (``""``, ``/projet``) for a page served at any address.
        address: the build's addresses (offline builds name ``index.html``).
    """
    path = address.site_path(target)
    if path is None:
        return target
    if address.offline:
        path = folder_index(path)
    if root == ".":  # the page is at the root: ``agenda/`` rather than ``./agenda/``
        return path or "./"
    return f"{root}/{path}"


@functools.lru_cache(maxsize=8192)  # tags and titles come back in every list
def tel_uri(number: str) -> str:
    """Return the ``tel:`` address of a phone number as written (« 02 41 00 00 00 »).

    Spaces, dots, dashes and brackets go (RFC 3966 visual separators are optional);
    digits and a leading ``+`` stay: « +33 2 41 00 00 00 » → ``tel:+33241000000``.
    """
    written = number.strip().replace("(0)", "")  # « +33 (0)2 … »: the trunk 0 is not dialled
    kept = "".join(c for c in written if c.isdigit() or c == "+")
    return f"tel:{kept[:1]}{kept[1:].replace('+', '')}" if kept else ""


def address_lines(address: str) -> list[str]:
    """Split a one-line postal address into its lines (« 3 chemin…, 49170 Montbrisac »)."""
    return [part.strip() for part in address.replace("\n", ",").split(",") if part.strip()]


@functools.lru_cache(maxsize=16384)
def slugify(text: str) -> str:
    """Return a short ASCII address name: « Fête de l'œuvre » → ``fete-de-l-oeuvre``.

    Kept for the process: a site's tags and titles are slugified again by each rule,
    list and build of a preview.
    """
    return _slugify(text, max_length=80, word_boundary=True) or "sans-titre"
