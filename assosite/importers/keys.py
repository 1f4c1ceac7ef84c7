"""Front matter of other tools rewritten to assosite's keys (DESIGN.md §3).

Hugo, Jekyll and Pelican name the same things differently (``description``,
``lastmod``, ``categories``, ``cover.image``…); :func:`item_fields` gives them the
names assosite reads, in a fixed order, with dates as the starter writes them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from assosite.importers.writing import when

SUMMARY = ("summary", "description", "excerpt", "lead", "chapo", "abstract")
DATE = ("date", "publishdate", "pubdate")
MODIFIED = ("modified", "lastmod", "updated", "last_modified_at")
EXPIRES = ("expires", "expirydate", "expiration")
START = ("start", "start_date", "startdate", "event_start", "eventdate", "event_date", "debut")
END = ("end", "end_date", "enddate", "event_end", "fin")
LOCATION = ("location", "place", "venue", "lieu", "where")
REGISTRATION = ("registration", "inscription", "register", "tickets")
PRICE = ("price", "cost", "prix", "tarif")
ONLINE = ("online", "visio", "stream")
IMAGE = ("image", "featured_image", "featuredimage", "cover", "thumbnail", "banner", "header")
ALT = ("image_alt", "imagealt", "alt", "image_description")
_LOCATION_KEYS = {
    "name": "name",
    "address": "address",
    "street": "address",
    "city": "city",
    "town": "city",
    "postal_code": "postal_code",
    "zip": "postal_code",
    "postcode": "postal_code",
    "ville": "city",
    "adresse": "address",
    "nom": "name",
}
_FORMATS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")


def _first(values: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((values[k] for k in keys if values.get(k) not in (None, "", [])), None)


def parse_time(value: Any, timezone: str) -> dt.datetime | dt.date | None:
    """Return a date or a date and time, in the site's time zone (naive), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        return value
    else:
        parsed = _parse_text(str(value).strip())
        if not isinstance(parsed, dt.datetime):
            return parsed
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)
    return parsed


def _parse_text(text: str) -> dt.datetime | dt.date | None:
    if len(text) == 10:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    for pattern in _FORMATS:
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def _words(value: Any) -> list[str]:
    if isinstance(value, str):
        return [w.strip() for w in value.split(",") if w.strip()]
    if isinstance(value, list):
        return [" ".join(str(w).split()) for w in value if str(w).strip()]
    return []


def _tags(values: dict[str, Any]) -> list[str]:
    seen: dict[str, str] = {}
    for key in ("tags", "categories", "category", "keywords"):
        for word in _words(values.get(key)):
            seen.setdefault(word.lower(), word)
    return list(seen.values())


def _location(value: Any) -> dict[str, str] | str | None:
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, dict):
        parts = {}
        for key, part in value.items():
            name = _LOCATION_KEYS.get(str(key).lower())
            if name and part not in (None, ""):
                parts.setdefault(name, " ".join(str(part).split()))
        return parts or None
    return None


def image_and_alt(values: dict[str, Any]) -> tuple[str, str]:
    """Return the illustration and its alt text (``cover: {image, alt}`` included)."""
    image = _first(values, IMAGE)
    alt = _first(values, ALT) or ""
    if isinstance(image, dict):
        alt = image.get("alt") or image.get("caption") or alt
        image = image.get("image") or image.get("src") or image.get("url") or ""
    if image is None and isinstance(values.get("images"), list) and values["images"]:
        image = values["images"][0]
    return (str(image) if isinstance(image, str) else ""), " ".join(str(alt).split())


def item_fields(
    kind: str, values: dict[str, Any], timezone: str, file_date: dt.date | None
) -> tuple[tuple[tuple[str, Any], ...], tuple[str, str] | None]:
    """Return assosite's keys for one file, or the missing key and an example.

    Args:
        kind: the item's kind.
        values: the file's front matter (keys in lower case).
        timezone: the site's time zone.
        file_date: the date in the file name (Jekyll posts), if any.
    """
    fields: list[tuple[str, Any]] = []
    summary = _first(values, SUMMARY)
    if isinstance(summary, str) and summary.strip():
        fields.append(("summary", " ".join(summary.split())))
    date = parse_time(_first(values, DATE), timezone) or file_date
    if kind == "news":
        if date is None:
            return (), ("date", "2024-05-01")
        fields.append(("date", when(date)))
    if kind == "event":
        event = _event_fields(values, timezone, date)
        if event is None:
            return (), ("start", "2026-05-16 14:00")
        fields += event
    return (*fields, *_common_fields(kind, values, timezone)), None


def _event_fields(
    values: dict[str, Any], timezone: str, date: dt.date | None
) -> list[tuple[str, Any]] | None:
    """Return an event's own keys (None without a start: ``date`` stands in for it)."""
    start = parse_time(_first(values, START), timezone) or date
    if start is None:
        return None
    fields: list[tuple[str, Any]] = [("start", when(start))]
    end = parse_time(_first(values, END), timezone)
    if end is not None and type(end) is type(start) and end > start:
        fields.append(("end", when(end)))
    for key, names in (("online", ONLINE), ("registration", REGISTRATION)):
        link = _first(values, names)
        if isinstance(link, str) and link.startswith(("http://", "https://")):
            fields.append((key, link))
    location = _location(_first(values, LOCATION))
    if location:
        fields.append(("location", location))
    price = _first(values, PRICE)
    if isinstance(price, str | int | float):
        fields.append(("price", str(price)))
    return fields


def _common_fields(kind: str, values: dict[str, Any], timezone: str) -> list[tuple[str, Any]]:
    """Return tags, dates of change and expiry, illustration, author and menu position."""
    fields: list[tuple[str, Any]] = []
    tags = _tags(values)
    if tags:
        fields.append(("tags", tags))
    for key, names in (("modified", MODIFIED), ("expires", EXPIRES)):
        value = parse_time(_first(values, names), timezone)
        if value is not None:
            fields.append((key, when(value)))
    image, alt = image_and_alt(values)
    if image:
        fields += [("image", image), ("image_alt", alt)]
    author = values.get("author") or values.get("authors")
    if isinstance(author, list):
        author = ", ".join(str(a) for a in author)
    if isinstance(author, str) and author.strip():
        fields.append(("author", author.strip()))
    if kind == "page" and isinstance(values.get("menu"), int):
        fields.append(("menu", values["menu"]))
    return fields
