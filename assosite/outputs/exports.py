"""Export a federation member's published news and events for the portal (``assosite-items.json``).

The member's own build writes this file into its output, so the portal aggregates
what the member actually published (its previous output when its last build failed)
and never reads a member's content files itself.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assosite.model.items import Event, Location, News
from assosite.model.recurrence import Change, Recurrence
from assosite.outputs.base import Output, SiteOutput

ITEMS_FILE = "assosite-items.json"
FORMAT_VERSION = 1


def _when(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def item_data(content: Any, site_url: str) -> dict[str, Any]:
    """Return one published news item or event as plain data, with absolute addresses."""
    item = content.item
    data: dict[str, Any] = {
        "kind": item.kind,
        "source": item.source,
        "title": item.title,
        "summary": item.summary,
        "url": f"{site_url}/{content.url}",
        "date": _when(item.date),
        "modified": _when(item.modified),
        "tags": list(item.tags),
    }
    if isinstance(item, Event):
        data |= {
            "start": _when(item.start),
            "end": _when(item.end),
            "timezone": item.timezone,
            "location": item.location.one_line() if item.location else "",
            "online": item.online,
            "cancelled": item.cancelled,
            "postponed": item.postponed,
            "postponed_from": _when(item.postponed_from) if item.postponed_from else "",
        }
        if item.repeat is not None:
            data["repeat"] = _repeat_data(item.repeat)
    return data


def _repeat_data(repeat: Recurrence) -> dict[str, Any]:
    return {
        "rule": repeat.rule,
        "exdates": [_when(day) for day in repeat.exdates],
        "changes": [
            {
                "original": _when(change.original),
                "start": _when(change.start),
                "end": _when(change.end),
                "cancelled": change.cancelled,
            }
            for change in repeat.changes
        ],
    }


def _repeat(data: dict[str, Any] | None) -> Recurrence | None:
    if data is None:
        return None
    changes = tuple(
        Change(
            _parse_when(change["original"]),
            _parse_when(change["start"]) if change["start"] else None,
            _parse_when(change["end"]) if change["end"] else None,
            cancelled=change["cancelled"],
        )
        for change in data["changes"]
    )
    return Recurrence(data["rule"], tuple(_parse_when(d) for d in data["exdates"]), changes)


class ItemsOutput(SiteOutput):
    """Write ``assosite-items.json`` in a federation member's build (nothing otherwise)."""

    def write(self, output: Output) -> None:
        """Write the member's site details and its news and events."""
        state = output.state
        if not state.federated:
            return
        site = state.config.site
        listings = output.listings
        contents = [*listings.news, *listings.upcoming, *listings.past]
        document = {
            "version": FORMAT_VERSION,
            "site": {
                "name": site.name,
                "url": output.site_url,
                "description": site.description,
                "logo": site.logo,
                "language": site.language,
            },
            "items": [item_data(c, output.site_url) for c in contents],
        }
        (output.folder / ITEMS_FILE).write_text(
            json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8"
        )


@dataclass(frozen=True, slots=True)
class Published:
    """A member's published items, read back from its output.

    Attributes:
        site: the member site's details (name, url, description, logo, language).
        items: the news items and events, as :func:`item_data` wrote them.
    """

    site: dict[str, Any]
    items: tuple[dict[str, Any], ...]


def read_published(folder: Path) -> Published | None:
    """Return what the member built into ``folder`` published, or None (never built)."""
    path = folder / ITEMS_FILE
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if document.get("version") != FORMAT_VERSION:
        return None
    return Published(document["site"], tuple(document["items"]))


def as_item(data: dict[str, Any], source: str) -> News | Event:
    """Return the typed item of exported ``data``, read from ``source`` on its site."""
    common = {
        "source": source,
        "title": data["title"],
        "summary": data["summary"],
        "date": dt.datetime.fromisoformat(data["date"]),
        "modified": dt.datetime.fromisoformat(data["modified"]) if data["modified"] else None,
        "tags": tuple(data["tags"]),
    }
    if data["kind"] != "event":
        return News(kind="news", **common)
    return Event(
        kind="event",
        start=_parse_when(data["start"]),
        end=_parse_when(data["end"]) if data["end"] else None,
        timezone=data["timezone"],
        location=Location(name=data["location"]) if data["location"] else None,
        online=data["online"],
        cancelled=data["cancelled"],
        postponed=data["postponed"],
        postponed_from=_parse_when(data["postponed_from"]) if data.get("postponed_from") else None,
        repeat=_repeat(data.get("repeat")),
        **common,
    )


def _parse_when(text: str) -> dt.date | dt.datetime:
    return dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
