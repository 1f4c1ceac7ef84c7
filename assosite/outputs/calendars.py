"""Calendars with icalendar: ``agenda.ics`` to subscribe to, and one ``.ics`` per event.

Each event keeps its own time zone, and the calendar carries a ``VTIMEZONE`` for each
zone used (icalendar builds them from the tz database), so no event shifts by an hour.
All-day and multi-day events are ``DATE`` values with an exclusive end. A repeating
event is one ``VEVENT`` with its ``RRULE`` and ``EXDATE``, and one override per
cancelled or moved date (``RECURRENCE-ID``). ``UID`` is
derived from the site's address and the event's source file; ``DTSTAMP`` from the
content's dates, so two builds give identical files.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vRecur

from assosite.cache.files import place_file
from assosite.cache.results import FileCache, cache_key
from assosite.config.site import SiteConfig
from assosite.outputs.base import Output, SiteOutput
from assosite.outputs.listings import Listings

PRODID = "-//assosite//assosite//FR"
AGENDA = "agenda.ics"
ENDLESS_YEARS = 10  # how far the time zones of a rule without end are described


def event_uid(site_url: str, source: str) -> str:
    """Return the permanent UID of the event read from ``source``."""
    host = urlsplit(site_url).hostname or "assosite"
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, f'{site_url}/{source}')}@{host}"


def _local(value: dt.date | dt.datetime, timezone: str) -> dt.date | dt.datetime:
    """A date stays a date; a time is given in the event's own zone (a real TZID)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(ZoneInfo(timezone))
    return value


def _status(item: Any) -> str:
    if item.cancelled:
        return "CANCELLED"
    return "TENTATIVE" if item.postponed else "CONFIRMED"


def calendar_event(content: Any, site_url: str) -> Event:
    """Return the ``VEVENT`` of one event (a Pelican content object with an ``Event`` item).

    A repeating event's ``VEVENT`` carries its ``RRULE`` and its ``EXDATE`` (the dates
    it skips); :func:`calendar_events` adds one override per changed date.
    """
    item = content.item
    url = f"{site_url}/{content.url}"
    event = _event_base(item, site_url, url, item.start, item.end)
    if item.repeat is not None:
        event.add("rrule", vRecur.from_ical(item.repeat.rule))
        if item.repeat.exdates:
            event.add("exdate", [_local(day, item.timezone) for day in item.repeat.exdates])
    event.add("status", _status(item))
    return event


def calendar_events(content: Any, site_url: str) -> list[Event]:
    """Return the event's ``VEVENT`` and, for each cancelled or moved date, its override.

    An override has the event's ``UID`` and the date it replaces as ``RECURRENCE-ID``
    (RFC 5545, section 3.8.4.4): calendar applications show it instead of that date.
    """
    item = content.item
    events = [calendar_event(content, site_url)]
    if item.repeat is None:
        return events
    url = f"{site_url}/{content.url}"
    for change in item.repeat.changes:
        start = change.start if change.start is not None else change.original
        end = change.end if change.start is not None else _shifted_end(item, change.original)
        override = _event_base(item, site_url, url, start, end)
        override.add("recurrence-id", _local(change.original, item.timezone))
        override.add("status", "CANCELLED" if change.cancelled or item.cancelled else _status(item))
        events.append(override)
    return events


def _shifted_end(item: Any, start: dt.date | dt.datetime) -> dt.date | dt.datetime | None:
    return None if item.end is None else start + (item.end - item.start)


def _event_base(
    item: Any,
    site_url: str,
    url: str,
    start: dt.date | dt.datetime,
    end: dt.date | dt.datetime | None,
) -> Event:
    event = Event()
    event.add("uid", event_uid(site_url, item.source))
    event.add("dtstamp", (item.modified or item.date).astimezone(dt.UTC))
    event.add("summary", item.title)
    event.add("dtstart", _local(start, item.timezone))
    if item.all_day:
        event.add("dtend", (end or start) + dt.timedelta(days=1))
    elif end is not None:
        event.add("dtend", _local(end, item.timezone))
    description = "\n\n".join(part for part in (item.summary, url) if part)
    event.add("description", description)
    if item.location is not None:
        event.add("location", item.location.one_line())
    elif item.online:
        event.add("location", item.online)
    event.add("url", url)
    for tag in item.tags:
        event.add("categories", tag)
    return event


def series_end(item: Any) -> dt.datetime:
    """Return the end of an event's last date; for a rule without end, :data:`ENDLESS_YEARS` on."""
    if item.repeat is not None and item.repeat.is_endless:
        return item.finishes + dt.timedelta(days=round(365.25 * ENDLESS_YEARS))
    return item.last_occurrence().finishes


def timezone_window(contents: list[Any]) -> tuple[dt.date, dt.date]:
    """Return the span the site's VTIMEZONEs cover: all its events, plus a year each side."""
    if not contents:
        return dt.date(2000, 1, 1), dt.date(2000, 1, 2)
    first = min(c.item.begins for c in contents).date() - dt.timedelta(days=366)
    last = max(series_end(c.item) for c in contents).date() + dt.timedelta(days=366)
    return first, last


class TimezoneDefinitions:
    """The VTIMEZONE of each zone, made once per build and shared by every calendar.

    Every calendar of the site carries the same definition of a zone: readers that
    keep the first definition they meet for a TZID (vobject, hence Radicale) then
    read every file right. Making each definition once also keeps builds fast.

    Args:
        window: the span the definitions cover (see :func:`timezone_window`).
        kept: ``BuildState.kept``: an event kept from a preview's last build is not
            serialised again.
    """

    def __init__(
        self, window: tuple[dt.date, dt.date], kept: Callable[..., Any] | None = None
    ) -> None:
        self.window = window
        self._kept = kept or (lambda kind, source, compute: compute())
        self._zones: dict[str, Timezone] = {}
        self._ical: dict[str, bytes] = {}
        self._events: dict[int, tuple[Event, bytes]] = {}  # by id, the event kept alive

    def get(self, name: str) -> Timezone:
        """Return the VTIMEZONE of the IANA zone ``name``."""
        if name not in self._zones:
            zone = Timezone.from_tzinfo(
                ZoneInfo(name), tzid=name, first_date=self.window[0], last_date=self.window[1]
            )
            _one_component_per_transition(zone)
            self._zones[name] = zone
        return self._zones[name]

    def serialise(self, calendar: Calendar) -> bytes:
        """Return ``calendar.to_ical()``, each shared VTIMEZONE and event serialised once.

        An event is shared when the same :class:`Event` is in several calendars (the
        agenda and the event's own file, see :func:`build_calendar`).

        icalendar writes a calendar as its own properties, then each component in
        turn: the calendar's text is its shell's text with the components' texts
        inserted before ``END:VCALENDAR``, byte for byte (a test checks it).
        """
        shell = Calendar()
        for name, value in calendar.property_items(recursive=False)[1:-1]:
            shell.add(name, value, encode=False)
        parts = [shell.to_ical().removesuffix(b"END:VCALENDAR\r\n")]
        for component in calendar.subcomponents:
            tzid = str(component.get("tzid", "")) if isinstance(component, Timezone) else ""
            if tzid and self._zones.get(tzid) is component:
                if tzid not in self._ical:
                    self._ical[tzid] = component.to_ical()
                parts.append(self._ical[tzid])
            elif isinstance(component, Event):
                if id(component) not in self._events:
                    text = self._kept("vevent", component, component.to_ical)
                    self._events[id(component)] = (component, text)
                parts.append(self._events[id(component)][1])
            else:
                parts.append(component.to_ical())
        parts.append(b"END:VCALENDAR\r\n")
        return b"".join(parts)


def build_calendar(
    contents: list[Any],
    config: SiteConfig,
    site_url: str,
    name: str,
    zones: TimezoneDefinitions,
    *,
    events: dict[str, list[Event]] | None = None,
) -> Calendar:
    """Return a calendar of ``contents`` with a VTIMEZONE for each zone used in it.

    Args:
        contents: the events to put in it.
        config: the site's configuration.
        site_url: the site's address (an event's link).
        name: the calendar's name.
        zones: the build's time zone definitions.
        events: the events already made (each content's VEVENTs), by address: shared by
            the calendars, then serialised once.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", config.site.timezone)
    calendar.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    ordered = sorted(contents, key=lambda c: (c.item.begins, c.item.source))
    timed = sorted({c.item.timezone for c in ordered if not c.item.all_day})
    for zone in timed:  # definitions first: readers meet them before the events
        calendar.add_component(zones.get(zone))
    for content in ordered:  # a member's event in the portal carries its own site_url
        made = (events or {}).get(content.url)
        if made is None:
            made = calendar_events(content, getattr(content, "site_url", site_url))
        for event in made:  # a repeating event's master, then its changed dates
            calendar.add_component(event)
    return calendar


def _one_component_per_transition(timezone: Timezone) -> None:
    """Replace each ``RDATE`` list by one STANDARD/DAYLIGHT component per transition.

    icalendar lists later transitions as ``RDATE`` values; some readers (vobject,
    hence Radicale) apply only part of such lists and shift events by an hour. One
    component per transition is plain RFC 5545 that every reader understands.
    """
    expanded = []
    for part in timezone.subcomponents:
        dates = part.get("rdate")
        if dates is None:
            expanded.append(part)
            continue
        lists = dates if isinstance(dates, list) else [dates]
        starts = [part.decoded("dtstart")] + [d.dt for value in lists for d in value.dts]
        for start in starts:
            copy = type(part)()
            for key, value in part.property_items(recursive=False):
                if key not in ("BEGIN", "END", "DTSTART", "RDATE"):
                    copy.add(key, value)
            copy.add("dtstart", start)
            expanded.append(copy)
    timezone.subcomponents = sorted(expanded, key=lambda c: c.decoded("dtstart"))


def calendar_past(past_months: int) -> dt.timedelta:
    """Return how long an event stays in ``agenda.ics`` once it is over."""
    return dt.timedelta(days=round(30.44 * past_months))


def agenda_events(listings: Listings, now: dt.datetime, past_months: int) -> list[Any]:
    """Return the upcoming events and those of the last ``past_months`` months."""
    since = now - calendar_past(past_months)
    return [
        *listings.upcoming,
        *(c for c in listings.past if c.item.last_occurrence().finishes >= since),
    ]


class CalendarOutput(SiteOutput):
    """Write ``agenda.ics`` and each event's own ``.ics`` file."""

    def write(self, output: Output) -> None:
        """Write the calendars into the output folder."""
        config, site_url, listings = output.state.config, output.site_url, output.listings
        events = [*listings.upcoming, *listings.past]
        zones = TimezoneDefinitions(timezone_window(events), output.state.kept)
        agenda = agenda_events(listings, output.state.now, config.calendar.past_months)
        made = {
            content.url: output.state.kept(
                "calendar", content.item, functools.partial(calendar_events, content, site_url)
            )
            for content in agenda
        }
        calendar = build_calendar(agenda, config, site_url, config.site.name, zones, events=made)
        (output.folder / AGENDA).write_bytes(zones.serialise(calendar))
        # An event's own file depends on the event, the site and the zones' span only:
        # it is kept from one build to the next while they stay the same.
        files = FileCache(output.state.root / ".cache" / "assosite" / "calendars", ".ics")
        for content in events:
            target = output.folder / content.url / output.paths.event_ics
            target.parent.mkdir(parents=True, exist_ok=True)
            key = cache_key(content.url, content.item, site_url, zones.window, config.site)
            cached = files.get(key)
            if cached is None:
                calendar = build_calendar(
                    [content], config, site_url, content.item.title, zones, events=made
                )
                cached = files.put(key, zones.serialise(calendar))
            place_file(cached, target)
        files.prune()
