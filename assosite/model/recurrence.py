"""Repeating events: the rule, its exceptions and changed dates, and the dates it gives.

A repeating event keeps one RFC 5545 rule (``FREQ=MONTHLY;BYDAY=1SA``), the dates the
rule gives but the event skips (``except``), and the dates that differ (cancelled or
moved). dateutil's ``rrule`` expands it in the event's own time zone: the rule is
applied to the local date and time, so « 9 h 30 » stays 9 h 30 across a change to or
from summer time.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rruleset, rrulestr

MOST_DATES = 1000
"""The most dates a rule may give in :data:`HORIZON_YEARS` years (more is reported)."""
HORIZON_YEARS = 5
"""How far an endless rule is followed when its dates are counted."""

When = dt.date | dt.datetime


def as_instant(value: When, timezone: str) -> dt.datetime:
    """Return a date as midnight in ``timezone``; a date and time stays as it is."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time(), tzinfo=ZoneInfo(timezone))


class Span:
    """When something takes place: ``start``, ``end`` and ``timezone`` given by a subclass."""

    __slots__ = ()
    start: When
    end: When | None
    timezone: str

    @property
    def all_day(self) -> bool:
        """True when it is given by dates without a time."""
        return not isinstance(self.start, dt.datetime)

    @property
    def begins(self) -> dt.datetime:
        """The start as a zone-aware instant (midnight for an all-day event)."""
        return as_instant(self.start, self.timezone)

    @property
    def finishes(self) -> dt.datetime:
        """The end as a zone-aware instant (end of day for an all-day event)."""
        if self.end is None:
            if self.all_day:
                return as_instant(self.start, self.timezone) + dt.timedelta(days=1)
            return self.begins
        if self.all_day:
            return as_instant(self.end, self.timezone) + dt.timedelta(days=1)
        return as_instant(self.end, self.timezone)


@dataclass(frozen=True, slots=True)
class Change:
    """One date of a repeating event that differs from its rule.

    Attributes:
        original: the date (and time) the rule gives: the occurrence it replaces.
        start: its new start when it is moved (None: not moved).
        end: its new end when it is moved.
        cancelled: the occurrence is cancelled (it stays shown, marked as such).
    """

    original: When
    start: When | None = None
    end: When | None = None
    cancelled: bool = False


@dataclass(frozen=True, slots=True)
class Recurrence:
    """How an event repeats.

    Attributes:
        rule: the RFC 5545 ``RRULE`` value, ``UNTIL`` in the event's value type.
        exdates: the dates the rule gives that the event skips (``EXDATE``).
        changes: cancelled and moved dates (``RECURRENCE-ID`` overrides).
    """

    rule: str
    exdates: tuple[When, ...] = ()
    changes: tuple[Change, ...] = ()

    @property
    def is_endless(self) -> bool:
        """True when the rule has neither ``UNTIL`` nor ``COUNT``."""
        parts = {part.split("=")[0] for part in self.rule.upper().split(";")}
        return not parts & {"UNTIL", "COUNT"}


@dataclass(frozen=True, slots=True)
class Occurrence(Span):
    """One date of an event (of a repeating one, or the only date of another).

    Attributes:
        start: its start (a date alone for an all-day event).
        end: its end, or None.
        timezone: the event's IANA time zone.
        original: the date the rule gives for it (differs from ``start`` when moved).
        cancelled: this date is cancelled.
        moved: this date was moved from ``original``.
    """

    start: When
    end: When | None
    timezone: str
    original: When
    cancelled: bool = False
    moved: bool = False


def rule_dates(rule: str, start: When, timezone: str) -> rrule:
    """Return dateutil's rule for ``rule`` starting at ``start`` (local date and time).

    Raises:
        ValueError: when dateutil cannot read the rule.
    """
    return rrulestr(rule, dtstart=_local(start, timezone), forceset=False)


def _local(value: When, timezone: str) -> dt.datetime:
    """What dateutil reads: local date and time for a timed event, naive midnight for a day."""
    if isinstance(value, dt.datetime):
        return value.astimezone(ZoneInfo(timezone))
    return dt.datetime.combine(value, dt.time())


def _back(value: dt.datetime, all_day: bool) -> When:
    return value.date() if all_day else value


@functools.lru_cache(maxsize=256)
def _rule_set(recurrence: Recurrence, start: When, timezone: str) -> rruleset:
    """The rule with its skipped and moved dates taken out (built once per event)."""
    dates = rruleset(cache=True)
    dates.rrule(rule_dates(recurrence.rule, start, timezone))
    for day in (*recurrence.exdates, *(c.original for c in recurrence.changes if c.start)):
        dates.exdate(_local(day, timezone))
    return dates


def expand(
    start: When, end: When | None, timezone: str, recurrence: Recurrence, since: dt.datetime | None
) -> Iterator[Occurrence]:
    """Yield the occurrences of a repeating event in time order.

    Args:
        start: the first date of the series (synchronised with the rule).
        end: the end of that first date, or None.
        timezone: the event's IANA time zone.
        recurrence: the rule, skipped and changed dates.
        since: yield only the occurrences not over at this instant (None: all).
    """
    all_day = not isinstance(start, dt.datetime)
    length = None if end is None else end - start
    changes = {c.original: c for c in recurrence.changes}
    dates = _rule_set(recurrence, start, timezone)
    if since is None:
        originals: Iterator[dt.datetime] = iter(dates)
    else:
        # An occurrence that began before ``since`` may not be over yet.
        back = (length or dt.timedelta()) + dt.timedelta(days=1)
        local = since.astimezone(ZoneInfo(timezone))
        first = (local.replace(tzinfo=None) if all_day else local) - back
        originals = dates.xafter(first, inc=True)
    regular = (
        _occurrence(_back(o, all_day), length, timezone, changes.get(_back(o, all_day)))
        for o in originals
    )
    moved = sorted(
        (_moved(c, length, timezone) for c in recurrence.changes if c.start is not None),
        key=lambda o: o.begins,
    )
    for occurrence in heapq.merge(regular, moved, key=lambda o: o.begins):
        if since is None or occurrence.finishes > since:
            yield occurrence


def _occurrence(
    day: When, length: dt.timedelta | None, timezone: str, change: Change | None
) -> Occurrence:
    end = None if length is None else day + length
    cancelled = change is not None and change.cancelled
    return Occurrence(day, end, timezone, day, cancelled=cancelled)


def _moved(change: Change, length: dt.timedelta | None, timezone: str) -> Occurrence:
    start = change.start
    end = change.end if change.end is not None else (None if length is None else start + length)
    return Occurrence(start, end, timezone, change.original, cancelled=change.cancelled, moved=True)


def count_dates(start: When, timezone: str, recurrence: Recurrence) -> int:
    """Return how many dates the rule gives in its first :data:`HORIZON_YEARS` years.

    Stops counting past :data:`MOST_DATES`: a rule that gives more is reported.
    """
    horizon = _local(start, timezone) + dt.timedelta(days=round(365.25 * HORIZON_YEARS))
    dates = _rule_set(recurrence, start, timezone)
    within = itertools.takewhile(lambda d: d <= horizon, dates)
    return sum(1 for _ in itertools.islice(within, MOST_DATES + 1)) + len(
        [c for c in recurrence.changes if c.start is not None]
    )
