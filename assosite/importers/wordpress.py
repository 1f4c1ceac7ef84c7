"""Read a WordPress export (WXR 1.1 or 1.2): posts, pages, The Events Calendar events.

Posts become news, pages become pages (a child page keeps its parent in its address
and in its folder), ``tribe_events`` become events with their ``tribe_venue`` as the
place. Attachments give the featured images (``_thumbnail_id``) with their alt text
and the ``[gallery]`` images; their files come from a copy of ``wp-content/uploads``
or, only when asked, from the old site. Drafts, private and trashed items, revisions
and menus are counted, never imported; comments are not imported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from assosite.config.checks import is_timezone
from assosite.importers.convert import MORE, Place, Rewriter, strip_codes
from assosite.importers.report import ImportReport
from assosite.importers.summary import cut_summary, first_paragraph, html_text
from assosite.importers.writing import Assets, ImportedItem, when
from assosite.importers.wxr import Entry, read_export
from assosite.model.urls import slugify

KINDS = {"post": "news", "page": "page", "tribe_events": "event"}
# Items read for what they give the others, never imported on their own.
HELPERS = ("attachment", "tribe_venue", "tribe_organizer")
_RESIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")
_UPLOADS = "wp-content/uploads/"
# The description written for search engines (Yoast SEO, Rank Math, SEOPress).
_SEO_DESCRIPTIONS = ("_yoast_wpseo_metadesc", "rank_math_description", "_seopress_titles_desc")


@dataclass(frozen=True, slots=True)
class WordPressOptions:
    """How to find the files of a WordPress site.

    Attributes:
        uploads: a local copy of ``wp-content/uploads`` (None: not given).
        download: fetch missing files from the old site (never without asking).
        summary_budget: the site's ``summary_max_length``.
        timezone: the site's time zone (the export's times are the site's local times).
    """

    uploads: Path | None = None
    download: bool = False
    summary_budget: int = 200
    timezone: str = "Europe/Paris"


class WordPressSource:
    """Turns one export into items, the files to copy and the report's entries.

    Args:
        path: the export file.
        shown: its name as the report shows it.
        options: where the files are, the site's summary budget and time zone.
        report: where skipped items and missing files go.
    """

    def __init__(
        self, path: Path, shown: str, options: WordPressOptions, report: ImportReport
    ) -> None:
        self.export = read_export(path)
        self.shown = shown
        self.options = options
        self.report = report
        self.assets = Assets(report)
        self.attachments = self.export.of("attachment")
        self.venues = self.export.of("tribe_venue")
        self.pages = self.export.of("page")
        # Attachments by the post they belong to (a [gallery] without ids shows them).
        self.children: dict[str, list[str]] = {}
        for attachment in self.attachments.values():
            self.children.setdefault(attachment.get("post_parent"), []).append(attachment.id)
        gallery = {
            i: (self._attachment_url(a), a.meta.get("_wp_attachment_image_alt", ""))
            for i, a in self.attachments.items()
        }
        self.rewriter = Rewriter(report, self.resolve, attachments=gallery, base=self.export.base)

    # -- files ---------------------------------------------------------------------------

    def _attachment_url(self, entry: Entry) -> str:
        attached = entry.meta.get("_wp_attached_file", "")
        if attached and not attached.startswith(("http://", "https://")):
            return f"{self.export.base}/{_UPLOADS}{attached}"
        return entry.get("attachment_url") or attached

    def resolve(self, reference: str, place: Place) -> str | None:
        """Return the path in ``content/`` of an image or file of the old site."""
        reference = reference.strip()
        if not reference or reference.startswith(("data:", "mailto:", "#")):
            return None
        relative = _uploads_path(reference)
        if relative is not None and self.options.uploads is not None:
            for candidate in (_RESIZED.sub("", relative), relative):
                source = self.options.uploads / candidate
                if source.is_file():
                    return self.assets.copy(source, candidate)
        if self.options.download and reference.startswith(("http://", "https://")):
            original = _RESIZED.sub("", reference)
            name = relative if relative is not None else _external_name(reference)
            for url in dict.fromkeys((original, reference)):
                dest = self.assets.download(url, _RESIZED.sub("", name))
                if dest is not None:
                    return dest
        self.assets.report_missing(reference, place)
        return None

    # -- items ---------------------------------------------------------------------------

    def items(self) -> list[ImportedItem]:
        """Return the items to import, in the export's order; report the others."""
        comments = 0
        out = []
        for entry in self.export.entries:
            post_type = entry.get("post_type")
            comments += entry.comments
            if post_type in HELPERS:
                continue
            place = Place(self.shown, entry.line)
            title = " ".join(entry.get("title").split())
            if post_type not in KINDS:
                self.report.problem(
                    "AS261", place.path, place.line, title=title or entry.id, value=post_type
                )
                continue
            status = entry.get("status")
            if status == "publish" and entry.get("post_password"):
                status = "post_password"  # protected: its text is not for everyone
            if status != "publish":
                self.report.problem(
                    "AS260", place.path, place.line, title=title or entry.id, value=status
                )
                continue
            if not title:
                self.report.problem(
                    "AS266", place.path, place.line, title=entry.id, key="title", example="Titre"
                )
                continue
            item = self._item(entry, KINDS[post_type], title, place)
            if item is not None:
                out.append(item)
        if comments:
            self.report.problem("AS267", self.shown, 0, count=comments)
        return out

    def _item(
        self,
        entry: Entry,
        kind: str,
        title: str,
        place: Place,
    ) -> ImportedItem | None:
        text_place = Place(place.path, int(entry.get("content_line") or place.line))
        body = self.rewriter.wordpress(
            entry.get("content"), text_place, tuple(self.children.get(entry.id, ()))
        )
        slug = slugify(unquote(entry.get("post_name")) or title)
        fields: list[tuple[str, object]] = [("summary", self._summary(entry, body, title))]
        date = _local_time(entry.get("post_date"))
        if kind == "news" and date is None:
            self.report.problem(
                "AS266", place.path, place.line, title=title, key="date", example="2024-05-01"
            )
            return None
        folder = ""
        if kind == "page":
            parents = _parents(entry, self.pages)
            if parents:
                folder = "/".join(parents) + "/"
                slug = slugify("-".join([*parents, slug]))
        elif kind == "event":
            event = self._event_fields(entry, place, title)
            if event is None:
                return None
            slug = f"{str(event[0][1])[:10]}-{slug}"
            fields.extend(event)
        tags = _tags(entry)
        if tags:
            fields.append(("tags", tags))
        fields.extend(self._featured(entry, place))
        if entry.get("is_sticky") == "1":
            fields.append(("pinned", True))
        login = entry.get("creator").strip()
        if login:
            fields.append(("author", self.export.authors.get(login, login)))
        return ImportedItem(
            kind=kind,
            title=title,
            slug=slug,
            body=body,
            place=place,
            date=date if kind == "news" else None,
            fields=tuple(fields),
            old_urls=self._old_urls(entry, kind),
            folder=folder,
        )

    def _summary(self, entry: Entry, body: str, title: str) -> str:
        excerpt = html_text(strip_codes(entry.get("excerpt")))
        for key in _SEO_DESCRIPTIONS:
            excerpt = excerpt or " ".join(entry.meta.get(key, "").split())
        if not excerpt:
            more = MORE.split(entry.get("content"), maxsplit=1)
            if len(more) == 2:
                excerpt = html_text(strip_codes(more[0]))
        text = excerpt or first_paragraph(body) or title
        return cut_summary(text, self.options.summary_budget)

    def _event_fields(
        self, entry: Entry, place: Place, title: str
    ) -> list[tuple[str, object]] | None:
        start = _local_time(entry.meta.get("_EventStartDate", ""))
        if start is None:
            self.report.problem(
                "AS266",
                place.path,
                place.line,
                title=title,
                key="start",
                example="2026-05-16 14:00",
            )
            return None
        end = _local_time(entry.meta.get("_EventEndDate", ""))
        all_day = entry.meta.get("_EventAllDay", "").lower() in ("yes", "1", "true")
        fields: list[tuple[str, object]] = []
        if all_day:
            fields.append(("start", start.date()))
            if end is not None and end.date() > start.date():
                fields.append(("end", end.date()))
        else:
            fields.append(("start", when(start)))
            if end is not None and end > start:
                fields.append(("end", when(end)))
        zone = entry.meta.get("_EventTimezone", "")
        if zone and zone != self.options.timezone and is_timezone(zone):
            fields.append(("timezone", zone))
        venue = self.venues.get(entry.meta.get("_EventVenueID", ""))
        if venue is not None:
            fields.append(("location", _location(venue)))
        cost = entry.meta.get("_EventCost", "")
        if cost:
            fields.append(("price", cost))
        return fields

    def _featured(self, entry: Entry, place: Place) -> list[tuple[str, object]]:
        attachment = self.attachments.get(entry.meta.get("_thumbnail_id", ""))
        if attachment is None:
            return []
        image = self.resolve(self._attachment_url(attachment), place)
        if image is None:
            return []
        alt = " ".join(attachment.meta.get("_wp_attachment_image_alt", "").split())
        if not alt:
            self.report.problem("AS268", place.path, place.line, value=image)
            return []
        return [("image", image), ("image_alt", alt)]

    def _old_urls(self, entry: Entry, kind: str) -> tuple[str, ...]:
        urls = [f"/?p={entry.id}"]
        if kind == "page":
            urls.append(f"/?page_id={entry.id}")
        link = entry.get("link").strip()
        path = unquote(urlsplit(link).path) if link else ""
        query = urlsplit(link).query if link else ""
        if path and not query:
            urls.append(path if path.endswith((".html", "/")) else path + "/")
        if kind == "event" and entry.get("post_name"):
            urls.append(f"/event/{entry.get('post_name')}/")
        return tuple(dict.fromkeys(urls))


def _uploads_path(reference: str) -> str | None:
    """Return the path under ``wp-content/uploads`` of an address (None for others)."""
    path = unquote(urlsplit(reference).path)
    if _UPLOADS in path:
        return path.split(_UPLOADS, 1)[1]
    if not reference.startswith(("http://", "https://", "/")) and re.match(r"\d{4}/\d{2}/", path):
        return path
    return None


def _external_name(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname or 'web'}/{PurePosixPath(unquote(parts.path)).name}"


def _local_time(value: str) -> dt.datetime | None:
    value = value.strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return dt.datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S")
    except ValueError:
        try:
            return dt.datetime.strptime(value[:16], "%Y-%m-%d %H:%M")
        except ValueError:
            return None


def _parents(entry: Entry, pages: dict[str, Entry]) -> list[str]:
    """Return the address names of a page's parents, the farthest first."""
    names: list[str] = []
    seen = {entry.id}
    parent = entry.get("post_parent")
    while parent and parent != "0" and parent in pages and parent not in seen:
        seen.add(parent)
        page = pages[parent]
        names.insert(0, slugify(unquote(page.get("post_name")) or page.get("title")))
        parent = page.get("post_parent")
    return names


def _tags(entry: Entry) -> list[str]:
    """Return categories and tags as the site's tags (without WordPress's default one)."""
    seen: dict[str, str] = {}
    for domain, written in entry.terms:
        name = " ".join(written.split())
        if domain not in ("category", "post_tag", "tribe_events_cat") or not name:
            continue
        if slugify(name) not in ("uncategorized", "non-classe"):
            seen.setdefault(name.lower(), name)
    return list(seen.values())


def _location(venue: Entry) -> dict[str, str] | str:
    parts = {
        "name": " ".join(venue.get("title").split()),
        "address": venue.meta.get("_VenueAddress", ""),
        "postal_code": venue.meta.get("_VenueZip", ""),
        "city": venue.meta.get("_VenueCity", ""),
    }
    parts = {key: " ".join(value.split()) for key, value in parts.items() if value.strip()}
    return parts if len(parts) > 1 else parts.get("name", "")
