"""Turn what the reader found in one file into a typed item, or into problems.

:func:`parse_item` validates a :class:`~assosite.reading.header.SourceHeader` against
the content model (:mod:`assosite.model.items`): required keys, dates in the site's
time zone, ``end`` after ``start``, alt text with every image, consent for
testimonies, unknown keys with "did you mean …?". An item with an error is not
published; the others are.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path, PurePosixPath
from typing import Any

from assosite.config.checks import is_timezone, suggest_timezone
from assosite.model.items import ITEM_CLASSES, KINDS, Item, Location, as_instant
from assosite.model.urls import slugify
from assosite.problems.report import Problem, Severity, make_problem
from assosite.reading.fields import (
    FieldReader,
    ParseContext,
    format_example,
    has_offset,
    parse_when,
)
from assosite.reading.header import SourceHeader

FOLDER_KINDS = {"news": "news", "events": "event", "testimonies": "testimony", "pages": "page"}

COMMON_KEYS = (
    "title",
    "summary",
    "date",
    "modified",
    "tags",
    "image",
    "image_alt",
    "decorative",
    "status",
    "expires",
    "slug",
    "lang",
    "pinned",
    "type",
    "author",
    "category",
    "card",
    "card_image",
    "card_image_alt",
)
OWN_KEYS = {
    "news": (),
    "event": (
        "start",
        "end",
        "timezone",
        "location",
        "online",
        "registration",
        "price",
        "accessibility",
        "cancelled",
        "postponed",
    ),
    "testimony": ("name", "role", "consent", "consent_expires", "photo", "photo_alt", "quote"),
    "page": ("menu",),
}
LOCATION_KEYS = ("name", "address", "postal_code", "city")
STATUSES = ("published", "draft", "hidden")

_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})[-_ ]?(.*)$")
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")


def folder_kind(relative: str) -> str | None:
    """Return the kind given by the first folder of a path relative to ``content/``."""
    parts = PurePosixPath(relative).parts
    return FOLDER_KINDS.get(parts[0]) if len(parts) > 1 else None


def parse_item(
    header: SourceHeader, kind: str | None, ctx: ParseContext
) -> tuple[Item | None, list[Problem]]:
    """Validate one file's header and return its typed item.

    Args:
        header: what the reader found (values, lines, reading problems).
        kind: the kind given by the folder, or None outside the content folders.
        ctx: the site's time zone, content folder and reference instant.

    Returns:
        The item (None when it must not be published) and every problem found.
    """
    problems = list(header.problems)
    if any(p.severity == Severity.ERROR for p in problems):
        return None, problems
    fields = _Fields(header, ctx, problems)
    kind = fields.kind(kind)
    if kind is None:
        return None, problems
    values = fields.common(kind)
    values.update(getattr(fields, f"own_{kind}")())
    fields.unknown(kind)
    if any(p.severity == Severity.ERROR for p in problems):
        return None, problems
    item = ITEM_CLASSES[kind](kind=kind, source=header.path, **values)
    if kind == "testimony" and fields.consent_expired(item):
        return None, problems
    return item, problems


class _Fields(FieldReader):
    """Checks one file's header against the content model of its kind."""

    def kind(self, folder: str | None) -> str | None:
        if "type" in self.values:
            value = str(self.values["type"]).strip().lower()
            if value not in KINDS:
                self.add("AS213", "type", value=self.values["type"])
                return None
            return value
        if folder is None:
            self.add("AS214", "")
        return folder

    # -- per kind --------------------------------------------------------------------

    def common(self, kind: str) -> dict[str, Any]:
        tz = self.ctx.timezone
        title = self.text("title", required=True)
        if _TAG.search(title):
            self.add("AS220", "title", value=title)
            title = html.unescape(_TAG.sub("", title)).strip() or title
        decorative = self.flag("decorative")
        image, image_alt = self.picture("image", "image_alt", decorative)
        status = self.text("status").lower() or "published"
        if status not in STATUSES:
            self.add(
                "AS215", "status", key="status", value=status, allowed="« published », « draft »"
            )
            status = "published"
        date = self.instant("date", tz)
        if date is None and kind == "news" and not self.has("date"):
            date = self.file_date()
            if date is None:
                self.text("date", required=True)
        return {
            "title": title,
            "summary": self.text("summary", required=kind in ("news", "event")),
            "date": date,
            "modified": self.instant("modified", tz),
            "tags": self.tags(),
            "image": image,
            "image_alt": image_alt,
            "decorative": decorative,
            "status": status,
            "expires": self.instant("expires", tz),
            "slug": self.slug(kind),
            "lang": self.text("lang").lower(),
            "pinned": self.flag("pinned"),
            "author": self.text("author"),
            "card": self.flag("card") if "card" in self.values else True,
            **dict(zip(("card_image", "card_image_alt"), self.card_image(), strict=True)),
        }

    def file_date(self) -> dt.datetime | None:
        match = _FILE_DATE.match(PurePosixPath(self.header.path).stem)
        if not match:
            return None
        value = parse_when(match.group(1), self.ctx.timezone)
        return None if value is None else as_instant(value, self.ctx.timezone)

    def slug(self, kind: str) -> str:
        """The ``slug`` key, or the file name: without its date, except for events.

        Events keep the date (``2027-09-25-fete-de-quartier``) because they recur:
        each year's party gets its own address.
        """
        if self.has("slug"):
            return slugify(self.text("slug"))
        stem = PurePosixPath(self.header.path).stem
        match = _FILE_DATE.match(stem)
        if kind == "event" or not (match and match.group(2)):
            return slugify(stem)
        return slugify(match.group(2))

    def own_news(self) -> dict[str, Any]:
        return {}

    def own_page(self) -> dict[str, Any]:
        return {"menu": self.number("menu")}

    def own_event(self) -> dict[str, Any]:
        tz = self.timezone()
        start = self.when("start", tz)
        if start is None and not self.has("start"):
            self.text("start", required=True)
        end = self.when("end", tz)
        if start is not None and end is not None:
            self.check_span(start, end, tz)
        values = {
            "start": start,
            "end": end,
            "timezone": tz,
            "location": self.location(),
            "online": self.link("online"),
            "registration": self.link("registration"),
            "price": self.text("price"),
            "accessibility": self.text("accessibility"),
            "cancelled": self.flag("cancelled"),
            "postponed": self.flag("postponed"),
        }
        if start is not None and not self.has("date"):
            values["date"] = as_instant(start, tz)
        return values

    def timezone(self) -> str:
        if not self.has("timezone"):
            return self.ctx.timezone
        value = self.text("timezone")
        if is_timezone(value):
            return value
        hint = suggest_timezone(value)
        self.add(
            "AS219",
            "timezone",
            value=value,
            hint_fr=f" Vouliez-vous dire « {hint} » ?" if hint else "",
            hint_en=f' Did you mean "{hint}"?' if hint else "",
        )
        return self.ctx.timezone

    def check_span(self, start: dt.date, end: dt.date, tz: str) -> None:
        start_text = self.header.texts.get("start", str(self.values["start"]))
        end_text = self.header.texts.get("end", str(self.values["end"]))
        if isinstance(start, dt.datetime) != isinstance(end, dt.datetime):
            self.add("AS217", "end", start=start_text, end=end_text)
            return
        if isinstance(start, dt.datetime):
            start_aware = has_offset(self.values["start"])
            end_aware = has_offset(self.values["end"])
            if start_aware != end_aware:
                key, other = ("start", "end") if start_aware else ("end", "start")
                self.add(
                    "AS216",
                    key,
                    key=key,
                    other=other,
                    timezone=tz,
                    value=self.header.texts.get(key, str(self.values[key])),
                )
        if end < start:
            example = (
                (start + dt.timedelta(hours=2))
                if isinstance(start, dt.datetime)
                else start + dt.timedelta(days=1)
            )
            self.add(
                "AS203", "end", start=start_text, end=end_text, example=format_example(example)
            )

    def location(self) -> Location | None:
        value = self.values.get("location")
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return Location(name=" ".join(value.split()))
        if not isinstance(value, dict):
            self.wrong_type(
                "location",
                value,
                "un lieu",
                "a place",
                "Maison des associations, 12 rue des Lilas, Lyon",
            )
            return None
        parts = {}
        for key, part in value.items():
            if key not in LOCATION_KEYS:
                self.unknown_key(f"location.{key}", str(key), LOCATION_KEYS)
            elif part is not None:
                parts[key] = " ".join(str(part).split())
        return Location(**parts)

    def own_testimony(self) -> dict[str, Any]:
        consent = self.day("consent")
        if consent is None and not self.has("consent"):
            self.add("AS209", "")
        photo, photo_alt = self.picture("photo", "photo_alt", False)
        return {
            "name": self.text("name"),
            "role": self.text("role"),
            "consent": consent,
            "consent_expires": self.day("consent_expires"),
            "photo": photo,
            "photo_alt": photo_alt,
            "quote": self.text("quote"),
        }

    def consent_expired(self, item: Any) -> bool:
        now = self.ctx.now
        if now is None or item.consent_expires is None or item.status != "published":
            return False
        if item.consent_expires > now.date():
            return False
        self.add("AS210", "consent_expires", value=item.consent_expires.isoformat())
        return True

    def unknown(self, kind: str) -> None:
        allowed = COMMON_KEYS + OWN_KEYS[kind]
        for key in self.values:
            if (key not in allowed and key != "location") or (
                key == "location" and kind != "event"
            ):
                self.unknown_key(key, key, allowed)


def stray_files(content_path: Path, site: Path) -> list[Problem]:
    """Report Markdown files outside the content folders: Pelican would ignore them.

    Files under ``images/`` and ``files/`` are published as they are (a licence
    note, a document to download) and are not reported.
    """
    problems = []
    for path in sorted(content_path.rglob("*")):
        if path.suffix.lower() not in (".md", ".markdown") or not path.is_file():
            continue
        relative = path.relative_to(content_path).as_posix()
        if relative.split("/")[0] in ("images", "files"):
            continue
        if folder_kind(relative) is None:
            relative = path.relative_to(site).as_posix()
            problems.append(make_problem("AS214", relative, 0))
    return problems
