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
from zoneinfo import ZoneInfo

from assosite.config.checks import is_timezone, suggest_timezone
from assosite.model.items import ITEM_CLASSES, KINDS, Item, Location
from assosite.model.recurrence import as_instant
from assosite.model.urls import slugify
from assosite.problems.catalogue import N_
from assosite.problems.report import Problem, Severity, make_problem
from assosite.reading import foreign
from assosite.reading.fields import (
    FieldReader,
    ParseContext,
    format_example,
    has_offset,
    parse_when,
)
from assosite.reading.header import SourceHeader
from assosite.reading.repeat import RepeatReader
from assosite.reading.summaries import summary_from_text
from assosite.reading.typography import french_spacing

FOLDER_KINDS = {"news": "news", "events": "event", "testimonies": "testimony", "pages": "page"}

COMMON_KEYS = (
    "title",
    "summary",
    "date",
    "modified",
    "tags",
    "image",
    "image_alt",
    "image_caption",
    "image_credit",
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
    "aliases",
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
        "postponed_from",
        "horaire",
        "repeat",
        "rrule",
    ),
    "testimony": ("name", "role", "consent", "consent_expires", "photo", "photo_alt", "quote"),
    "page": ("menu", "menu_label"),
}
LOCATION_KEYS = ("name", "address", "postal_code", "city")
STATUSES = ("published", "draft", "hidden")

_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})[-_ ]?(.*)$")
_HOURS = re.compile(r"(\d{1,2})\s*(?:h|H|:)\s*(\d{2})?")
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")


def folder_kind(relative: str) -> str | None:
    """Return the kind given by the first folder of a path relative to ``content/``."""
    parts = PurePosixPath(relative).parts
    return FOLDER_KINDS.get(parts[0]) if len(parts) > 1 else None


def parse_item(
    header: SourceHeader, kind: str | None, ctx: ParseContext, source: str = ""
) -> tuple[Item | None, list[Problem]]:
    """Validate one file's header and return its typed item.

    Other tools' keys are read as assosite's first (:func:`foreign.normalise`).

    Args:
        header: what the reader found (values, lines, reading problems).
        kind: the kind given by the folder, or None outside the content folders.
        ctx: the site's time zone, content folder and reference instant.
        source: the file relative to ``content/`` (default: ``header.path`` without
            its first folder).

    Returns:
        The item (None when it must not be published) and every problem found;
        the notes for the whole site (:data:`foreign.SITE_NOTES`) are among them.
    """
    problems = list(header.problems)
    source = source or PurePosixPath(*PurePosixPath(header.path).parts[1:]).as_posix()
    role = foreign.file_role(source, ctx.language)
    if not _is_item(header, role, problems):
        return None, problems
    folder = kind
    fields = _Fields(foreign.normalise(header, _declared_kind(header) or kind), ctx, problems)
    fields.stem = role.stem
    kind = fields.kind(kind)
    if kind is None:
        return None, problems
    values = fields.common(kind)
    values.update(getattr(fields, f"own_{kind}")())
    if ctx.language == "fr":  # the words shown on pages, feeds and cards
        for key in _FRENCH_WORDS:
            if isinstance(values.get(key), str):
                values[key] = french_spacing(values[key])
    fields.unknown(kind, folder)
    if any(p.severity == Severity.ERROR for p in problems):
        return None, problems
    item = ITEM_CLASSES[kind](kind=kind, source=header.path, **values)
    if kind == "testimony" and fields.consent_expired(item):
        return None, problems
    return item, problems


# The short texts of a header that French typography applies to (see reading.typography).
_FRENCH_WORDS = ("title", "summary", "price", "quote", "image_caption", "image_credit")


def _is_item(header: SourceHeader, role: foreign.FileRole, problems: list[Problem]) -> bool:
    """Return False for a file that is not published whatever its header says.

    A broken or empty file, a translation or a section file (noted once for the
    whole site), and Pelican's ``status: skip``.
    """
    if any(p.severity == Severity.ERROR or p.code == "AS212" for p in problems):
        return False
    if role.role != "item":
        code = "AS251" if role.role == "translation" else "AS252"
        problems.append(make_problem(code, header.path, 0))
        return False
    # Pelican's way of keeping a file out of the site.
    return str(header.fields.get("status", "")).strip().lower() != "skip"


def _declared_kind(header: SourceHeader) -> str | None:
    value = str(header.fields.get("type", "")).strip().lower()
    return value if value in KINDS else None


class _Fields(FieldReader):
    """Checks one file's header against the content model of its kind."""

    stem = ""
    """The name the address and date come from (see :func:`foreign.file_role`)."""

    def kind(self, folder: str | None) -> str | None:
        if "type" in self.values:
            value = str(self.values["type"]).strip().lower()
            if value in KINDS:
                return value
            if folder is not None and value in foreign.LAYOUT_TYPES:  # Hugo's ``type: post``
                return folder
            self.add("AS213", "type", value=self.values["type"])
            return None
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
            "summary": self.summary(kind),
            "date": date,
            "modified": self.instant("modified", tz),
            "tags": self.tags(),
            "image": image,
            "image_alt": image_alt,
            "image_caption": self.text("image_caption"),
            "image_credit": self.text("image_credit"),
            "decorative": decorative,
            "status": status,
            "expires": self.instant("expires", tz),
            "slug": self.slug(kind),
            "lang": self.text("lang").lower(),
            "pinned": self.flag("pinned"),
            "author": self.author(),
            "aliases": self.aliases(),
            "card": self.flag("card") if "card" in self.values else True,
            **dict(zip(("card_image", "card_image_alt"), self.card_image(), strict=True)),
        }

    def summary(self, kind: str) -> str:
        """The ``summary`` key; without it, the beginning of the text (AS228 suggests one)."""
        if self.has("summary"):
            return self.text("summary")
        found = summary_from_text(self.header.body, self.ctx.summary_budget)
        if found and kind in ("news", "event"):
            self.add("AS228", "", value=found)
        return found

    def author(self) -> str:
        """The ``author``: one name, a list of names, or Jekyll's ``{name: …}``."""
        value = self.values.get("author")
        if isinstance(value, dict):  # Jekyll's {name: …}, WordPress exports' display_name
            value = value.get("name") or value.get("display_name") or ""
        if isinstance(value, list):
            names = [v.get("name", "") if isinstance(v, dict) else v for v in value]
            if all(isinstance(n, str) for n in names):
                return ", ".join(" ".join(n.split()) for n in names if n.strip())
        if isinstance(value, str) or value is None:
            return " ".join((value or "").split())
        return self.text("author")

    def aliases(self) -> tuple[str, ...]:
        """The old addresses (``aliases``, Jekyll's ``redirect_from``) that lead here."""
        value = self.values.get("aliases")
        values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        kept = []
        for alias in values:
            text = str(alias).strip()
            parts = PurePosixPath(text).parts
            if not text.startswith("/") or text.startswith("//") or ".." in parts:
                self.add("AS236", "aliases", value=text)
            elif text not in kept:
                kept.append(text)
        return tuple(kept)

    def file_day(self) -> dt.date | dt.datetime | None:
        """The date at the start of the file name (Jekyll's ``2010-03-06-creation.md``)."""
        match = _FILE_DATE.match(self.stem or PurePosixPath(self.header.path).stem)
        return parse_when(match.group(1), self.ctx.timezone) if match else None

    def file_date(self) -> dt.datetime | None:
        value = self.file_day()
        return None if value is None else as_instant(value, self.ctx.timezone)

    def slug(self, kind: str) -> str:
        """The ``slug`` key, or the file name: without its date, except for events.

        Events keep the date (``2027-09-25-fete-de-quartier``) because they recur:
        each year's party gets its own address.
        """
        if self.has("slug"):
            return slugify(self.text("slug"))
        stem = self.stem or PurePosixPath(self.header.path).stem
        match = _FILE_DATE.match(stem)
        if kind == "event" or not (match and match.group(2)):
            return slugify(stem)
        return slugify(match.group(2))

    def own_news(self) -> dict[str, Any]:
        return {}

    def own_page(self) -> dict[str, Any]:
        return {"menu": self.number("menu"), "menu_label": self.text("menu_label")}

    def own_event(self) -> dict[str, Any]:
        tz = self.timezone()
        if not self.has("start") and self.has("date"):
            # An association's own habit (and Jekyll's): the date of an event is its start.
            self.values = {**self.values, "start": self.values["date"]}
            self.header.lines.setdefault("start", self.header.line("date"))
            self.add("AS229", "date", value=self.header.texts.get("date", self.values["date"]))
        start = self.when("start", tz)
        if start is None and not self.has("start"):
            start = self.file_day()
            if start is None:
                self.text("start", required=True)
        end = self.when("end", tz)
        all_day = isinstance(start, dt.date) and not isinstance(start, dt.datetime)
        if self.has("horaire") and all_day:
            start, end = self.times(start, end, tz)  # an end before the start is dropped
        elif start is not None and end is not None:
            self.check_span(start, end, tz)
        repeat = None
        if start is not None:
            repeat, start, end = RepeatReader(self, start, end, tz).read()
        postponed_from = self.when("postponed_from", tz)
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
            "postponed": self.flag("postponed") or postponed_from is not None,
            "postponed_from": postponed_from,
            "repeat": repeat,
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
            hint=hint if hint else "",
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
                N_("un lieu"),
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

    def times(
        self, start: dt.date | dt.datetime | None, end: dt.date | dt.datetime | None, tz: str
    ) -> tuple[dt.date | dt.datetime | None, dt.date | dt.datetime | None]:
        """Add ``horaire`` (« 9h - 18h », « à partir de 18h30 ») to an all-day start and end."""
        written = self.text("horaire")
        hours = [
            dt.time(int(h), int(m or 0))
            for h, m in _HOURS.findall(written)
            if int(h) < 24 and int(m or 0) < 60
        ]
        if not hours or len(hours) > 2:
            self.add("AS235", "horaire", value=written)
            return start, end
        zone = ZoneInfo(tz)
        begins = dt.datetime.combine(start, hours[0], tzinfo=zone)
        day = end if isinstance(end, dt.date) and not isinstance(end, dt.datetime) else start
        finishes = dt.datetime.combine(day, hours[1], tzinfo=zone) if len(hours) == 2 else None
        return begins, finishes if finishes is not None and finishes >= begins else None

    def unknown(self, kind: str, folder: str | None) -> None:
        allowed = COMMON_KEYS + OWN_KEYS[kind]
        ignored = foreign.ignored_keys(self.header, allowed)
        for key in self.values:
            if key in ignored or key in foreign.READ_KEYS or key == "start":
                continue
            if (key not in allowed and key != "location") or (
                key == "location" and kind != "event"
            ):
                self.unknown_key(key, key, allowed)
        if ignored:
            self.problems.append(make_problem("AS250", self.header.path, 0, keys=ignored))


def stray_files(content_path: Path, site: Path) -> list[Problem]:
    """Report Markdown files outside the content folders: Pelican would ignore them.

    Files under ``images/`` and ``files/`` are published as they are (a licence
    note, a document to download), those of ``_includes/`` are inlined where a
    copied Jekyll text includes them: none is reported.
    """
    problems = []
    for path in sorted(content_path.rglob("*")):
        if path.suffix.lower() not in (".md", ".markdown") or not path.is_file():
            continue
        relative = path.relative_to(content_path).as_posix()
        if relative.split("/")[0] in ("images", "files", "_includes"):
            continue
        if folder_kind(relative) is None:
            relative = path.relative_to(site).as_posix()
            problems.append(make_problem("AS214", relative, 0))
    return problems
