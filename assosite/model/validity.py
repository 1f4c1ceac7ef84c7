"""Until when a build stays valid: the next instant at which the same content builds differently."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo


def valid_until(
    items: Iterable[Any], now: dt.datetime, timezone: str, calendar_past: dt.timedelta
) -> dt.datetime:
    """Return the first instant after ``now`` at which the same content builds differently.

    Events move from the agenda to its archive when they end (and leave the
    subscribable calendar ``calendar_past`` later), start being « en cours », a
    repeating event's next date passes and the one after is announced, items
    expire; rules about dates (consent, stale content) change at midnight, in UTC
    and in the site's time zone.

    Args:
        items: the typed items of the build (news, events, testimonies, pages).
        now: the build's reference instant.
        timezone: the site's IANA time zone.
        calendar_past: how long past events stay in ``agenda.ics``.
    """
    candidates = [_next_midnight(now, dt.UTC), _next_midnight(now, ZoneInfo(timezone))]
    for item in items:
        if item.kind == "event" and getattr(item, "repeat", None) is not None:
            # The next date is announced until it ends; the one after may start first.
            for occurrence in item.upcoming(now, 2):
                candidates += [occurrence.begins, occurrence.finishes]
            candidates.append(item.last_occurrence().finishes + calendar_past)
        elif item.kind == "event":
            candidates += [item.begins, item.finishes, item.finishes + calendar_past]
        if item.expires is not None:
            candidates.append(item.expires)
    return min(c for c in candidates if c > now)


def _next_midnight(now: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    local = now.astimezone(zone)
    tomorrow = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), zone)
    return tomorrow.astimezone(dt.UTC)
