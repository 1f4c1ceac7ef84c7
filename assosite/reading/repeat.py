"""Read how an event repeats: ``repeat:`` as volunteers write it, or an RFC 5545 ``rrule:``.

``repeat:`` takes ``every`` (day, week, month, year; jour, semaine, mois, année),
``interval``, ``on`` (« premier samedi », ``first saturday``, week days, days of the
month), ``until`` or ``count``, ``except`` (dates, or months), ``cancelled`` (dates)
and ``moved`` (a date to another). A sentence alone works too: ``repeat: premier
samedi du mois``. Both forms become one :class:`~assosite.model.recurrence.Recurrence`
whose rule is checked by dateutil; the event's ``start`` becomes the first date the
rule gives, so that calendars agree with the page.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from assosite.model.recurrence import (
    HORIZON_YEARS,
    MOST_DATES,
    Change,
    Recurrence,
    When,
    count_dates,
    rule_dates,
)
from assosite.model.wording import parse_day
from assosite.problems.catalogue import N_
from assosite.reading.fields import FieldReader, parse_when
from assosite.reading.phrases import FREQUENCIES, days_of, frequency, month_of, plain

REPEAT_KEYS = ("every", "interval", "on", "until", "count", "except", "cancelled", "moved", "rrule")
FRENCH_REPEAT_KEYS = {
    "chaque": "every",
    "frequence": "every",
    "intervalle": "interval",
    "le": "on",
    "jour": "on",
    "jours": "on",
    "jusqua": "until",
    "fin": "until",
    "nombre": "count",
    "fois": "count",
    "sauf": "except",
    "annule": "cancelled",
    "deplace": "moved",
}
RULE_PARTS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYMONTHDAY", "BYDAY", "WKST")
_EXAMPLE_RULE = "FREQ=MONTHLY;BYDAY=1SA"
_WARNINGS = ("AS206", "AS275")  # an unknown key, a date the rule never gives: the rule stays


class RepeatReader:
    """Reads ``repeat:`` and ``rrule:`` of one event, reporting through its field reader.

    Args:
        fields: the event's field reader (values, lines, problems).
        start: the event's start as read.
        end: its end, or None.
        timezone: its IANA time zone.
    """

    def __init__(self, fields: FieldReader, start: When, end: When | None, timezone: str) -> None:
        self.fields = fields
        self.start, self.end, self.timezone = start, end, timezone
        self.zone = ZoneInfo(timezone)
        self.timed = isinstance(start, dt.datetime)
        self.ok = True

    def add(self, code: str, at: str, **params: Any) -> None:
        """Report ``code`` at the line of ``at`` (errors make the rule unusable)."""
        self.fields.add(code, at, **params)
        if code not in _WARNINGS:
            self.ok = False

    def read(self) -> tuple[Recurrence | None, When, When | None]:
        """Return the recurrence, and the start and end of its first date."""
        values = self.fields.values
        repeat = values.get("repeat")
        if repeat is None and values.get("rrule") in (None, ""):
            return None, self.start, self.end
        if isinstance(repeat, str):
            repeat = self.sentence(repeat)
        elif repeat is not None and not isinstance(repeat, dict):
            self.fields.wrong_type("repeat", repeat, N_("une répétition"), "premier samedi du mois")
            return None, self.start, self.end
        # YAML 1.1 reads the key ``on`` as ``true``: it is the volunteer's « on ».
        repeat = {("on" if key is True else key): value for key, value in (repeat or {}).items()}
        self.unknown(repeat)
        rule = self.rule(repeat)
        if rule is None or not self.ok:
            return None, self.start, self.end
        return self.finish(rule, repeat)

    def sentence(self, text: str) -> dict[str, Any]:
        """``repeat: premier samedi du mois`` or ``repeat: chaque semaine``."""
        if frequency(text) is not None:
            return {"every": text}
        return {"on": text}

    def unknown(self, repeat: dict[str, Any]) -> None:
        """Report the keys of ``repeat`` that are not :data:`REPEAT_KEYS`."""
        for key in repeat:
            if key not in REPEAT_KEYS:
                hint = FRENCH_REPEAT_KEYS.get(plain(str(key)).replace("'", ""), "")
                self.add(
                    "AS206", f"repeat.{key}", key=key, allowed=", ".join(REPEAT_KEYS), hint=hint
                )

    def rule(self, repeat: dict[str, Any]) -> str | None:
        """The normalised RFC 5545 rule of ``rrule:`` or of ``repeat:``'s own keys."""
        written = self.fields.values.get("rrule") or repeat.get("rrule")
        key = "rrule" if self.fields.values.get("rrule") else "repeat.rrule"
        own = [k for k in ("every", "interval", "on", "until", "count") if k in repeat]
        if self.fields.values.get("rrule") and repeat.get("rrule"):
            self.add("AS276", "rrule", key="rrule", other="repeat.rrule", example=_EXAMPLE_RULE)
            return None
        if written:
            if own:
                self.add("AS276", key, key="rrule", other=f"repeat.{own[0]}", example=_EXAMPLE_RULE)
                return None
            return self.written_rule(str(written), key)
        return self.repeat_rule(repeat)

    def written_rule(self, text: str, key: str) -> str | None:
        """An RFC 5545 rule as written (``RRULE:`` first or not), checked part by part."""
        cleaned = re.sub(r"^\s*RRULE:", "", text.strip(), flags=re.IGNORECASE)
        try:
            from icalendar import vRecur  # noqa: PLC0415 (loaded by a build that reads, not by a no-change one)

            parts = vRecur.from_ical(cleaned)
        except ValueError:
            self.add("AS272", key, value=text, part=cleaned)
            return None
        for name in parts:
            if name not in RULE_PARTS:
                self.add("AS272", key, value=text, part=name)
                return None
        freq = str(parts.get("FREQ", [""])[0]).upper()
        if freq not in FREQUENCIES:
            self.add("AS272", key, value=text, part=f"FREQ={freq}")
            return None
        for day in parts.get("BYDAY", []):
            try:
                parse_day(str(day))
            except ValueError:
                self.add("AS272", key, value=text, part=f"BYDAY={day}")
                return None
        until = parts.get("UNTIL", [None])[0]
        rule = _rule(
            freq,
            interval=int(parts.get("INTERVAL", [1])[0]),
            by_day=[str(d) for d in parts.get("BYDAY", [])],
            month_days=[int(d) for d in parts.get("BYMONTHDAY", [])],
            months=[int(m) for m in parts.get("BYMONTH", [])],
            until=self.until_text(until) if until is not None else "",
            count=int(parts["COUNT"][0]) if "COUNT" in parts else None,
        )
        return self.checked(rule, key, text)

    def repeat_rule(self, repeat: dict[str, Any]) -> str | None:
        """The rule of ``every``, ``interval``, ``on``, ``until`` and ``count``."""
        by_day: list[str] = []
        month_days: list[int] = []
        if "on" in repeat:
            found = self.on(repeat["on"])
            if found is None:
                return None
            by_day, month_days = found
        freq, interval = self.every(repeat, by_day, month_days)
        if freq is None:
            return None
        interval = self.number(repeat, "interval", interval)
        count = self.number(repeat, "count", None)
        if "until" in repeat and count is not None:
            self.add("AS276", "repeat.count", key="until", other="count", example="2026-12-31")
            return None
        until = ""
        if "until" in repeat:
            when = parse_when(repeat["until"], self.timezone)
            if when is None:
                self.add("AS204", "repeat.until", key="repeat.until", value=repeat["until"])
                return None
            until = self.until_text(when)
        if self.ok:
            rule = _rule(
                freq,
                interval=interval,
                by_day=by_day,
                month_days=month_days,
                months=[],
                until=until,
                count=count,
            )
            return self.checked(rule, "repeat", rule)
        return None

    def on(self, value: Any) -> tuple[list[str], list[int]] | None:
        """Read ``on``: one text or a list (``[premier samedi, 15]``)."""
        entries = value if isinstance(value, list) else [value]
        by_day: list[str] = []
        month_days: list[int] = []
        for index, entry in enumerate(entries):
            at = f"repeat.on.{index}" if isinstance(value, list) else "repeat.on"
            found = days_of(str(entry)) if isinstance(entry, str | int) else None
            if found is None:
                self.add("AS271", at, value=entry)
                return None
            by_day += found[0]
            month_days += found[1]
        return by_day, month_days

    def every(
        self, repeat: dict[str, Any], by_day: list[str], month_days: list[int]
    ) -> tuple[str | None, int]:
        """Read ``every`` (or guess it from ``on``) as (FREQ, interval)."""
        ranked = any(parse_day(d)[0] is not None for d in by_day)
        if "every" not in repeat:
            if not (by_day or month_days):
                self.add("AS270", "repeat", value="")
                return None, 1
            return ("MONTHLY" if ranked or month_days else "WEEKLY"), 1
        found = frequency(str(repeat["every"]))
        if found is None:
            self.add("AS270", "repeat.every", value=repeat["every"])
            return None, 1
        freq = found[0]
        if (ranked or month_days) and freq in ("DAILY", "WEEKLY"):
            self.add("AS277", "repeat.on", value=repeat.get("on"), every=repeat["every"])
            return None, 1
        return freq, found[1]

    def number(self, repeat: dict[str, Any], key: str, default: int | None) -> int | None:
        """Read ``interval`` or ``count``: a whole number, 1 or more."""
        if key not in repeat:
            return default
        value = repeat[key]
        if isinstance(value, str) and value.strip().isdecimal():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.add(
                "AS205",
                f"repeat.{key}",
                key=f"repeat.{key}",
                value=value,
                expected_kind=N_("un nombre entier"),
                example="2",
            )
            return default
        return value

    def until_text(self, until: When) -> str:
        """``UNTIL`` in the value type of the start: a date, or the day's end in UTC."""
        if not self.timed:
            day = until.date() if isinstance(until, dt.datetime) else until
            return day.strftime("%Y%m%d")
        if not isinstance(until, dt.datetime):
            until = dt.datetime.combine(until, dt.time(23, 59, 59), tzinfo=self.zone)
        elif until.tzinfo is None:
            until = until.replace(tzinfo=self.zone)
        return until.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")

    def checked(self, rule: str, key: str, written: str) -> str | None:
        """The rule when dateutil reads it (reported at ``key`` otherwise)."""
        try:
            rule_dates(rule, self.start, self.timezone)
        except ValueError:
            self.add("AS272", key, value=written, part=rule)
            return None
        return rule

    def finish(
        self, rule: str, repeat: dict[str, Any]
    ) -> tuple[Recurrence | None, When, When | None]:
        """Move the start to the rule's first date; read the skipped and changed dates."""
        entries = self.listed(repeat.get("except"), "except")
        months = {m for m in (month_of(entry) for entry, _ in entries) if m is not None}
        if months:
            rule = _with_months(rule, [m for m in range(1, 13) if m not in months])
        at = "repeat" if "repeat" in self.fields.values else "rrule"
        first = next(iter(rule_dates(rule, self.start, self.timezone)), None)
        if first is None:
            example = _naive_or_local(self.start, self.zone).date() + dt.timedelta(days=365)
            self.add("AS273", at, rule=rule, example=example.isoformat())
            return None, self.start, self.end
        shift = first - _naive_or_local(self.start, self.zone)
        self.start = _back(first, self.timed)
        if self.end is not None:
            self.end += shift if self.timed else dt.timedelta(days=shift.days)
        exdates = [
            day
            for entry, where in entries
            if month_of(entry) is None
            and (day := self.day(entry, where)) is not None
            and self.is_date_of(day, rule, where, entry)
        ]
        ordered = sorted(set(exdates), key=lambda d: _naive_or_local(d, self.zone))
        recurrence = Recurrence(rule, tuple(ordered), tuple(self.changes(repeat, rule)))
        dates = count_dates(self.start, self.timezone, recurrence)
        if dates == 0:
            example = first.date() + dt.timedelta(days=365)
            self.add("AS273", at, rule=rule, example=example.isoformat())
            return None, self.start, self.end
        if dates > MOST_DATES:
            example = first.date() + dt.timedelta(days=365)
            self.add(
                "AS274",
                at,
                rule=rule,
                most=MOST_DATES,
                years=HORIZON_YEARS,
                example=example.isoformat(),
            )
            return None, self.start, self.end
        return recurrence, self.start, self.end

    def day(self, value: Any, at: str) -> When | None:
        """One date of ``except``, ``cancelled`` or ``moved``, at the start's time."""
        when = parse_when(value, self.timezone)
        if when is None:
            self.add("AS204", at, key=at, value=value)
            return None
        if not self.timed:
            return when.date() if isinstance(when, dt.datetime) else when
        if isinstance(when, dt.datetime):
            return when.astimezone(self.zone)
        local = _naive_or_local(self.start, self.zone)
        return dt.datetime.combine(when, local.timetz())

    def is_date_of(self, day: When, rule: str, at: str, value: Any) -> bool:
        """True when ``rule`` gives ``day``; a warning with the nearest date otherwise."""
        dates = rule_dates(rule, self.start, self.timezone)
        local = _naive_or_local(day, self.zone)
        if local in dates:
            return True
        nearest = dates.after(local) or dates.before(local)
        example = nearest.date().isoformat() if nearest else ""
        self.add("AS275", at, value=value, key=at.rsplit(".", 1)[0], example=example)
        return False

    def listed(self, value: Any, key: str) -> list[tuple[Any, str]]:
        """Return the entries of ``key`` (one value or a list) with their lines."""
        if value is None or value == "":
            return []
        if isinstance(value, list):
            return [(v, f"repeat.{key}.{i}") for i, v in enumerate(value)]
        return [(value, f"repeat.{key}")]

    def changes(self, repeat: dict[str, Any], rule: str) -> list[Change]:
        """``cancelled`` dates and ``moved`` dates (``2026-05-02: 2026-05-09``)."""
        changes: dict[When, Change] = {}
        for entry, at in self.listed(repeat.get("cancelled"), "cancelled"):
            day = self.day(entry, at)
            if day is not None and self.is_date_of(day, rule, at, entry):
                changes[day] = Change(day, cancelled=True)
        moved = repeat.get("moved")
        if moved is not None and not isinstance(moved, dict):
            self.fields.wrong_type(
                "repeat.moved", moved, N_("une liste de dates"), "{2026-05-02: 2026-05-09}"
            )
            return list(changes.values())
        for original, target in (moved or {}).items():
            at = f"repeat.moved.{original}"
            day = self.day(original, at)
            new = self.day(target, at)
            if day is None or new is None or not self.is_date_of(day, rule, at, original):
                continue
            end = self.moved_end(new)
            changes[day] = Change(day, new, end, cancelled=day in changes)
        return sorted(changes.values(), key=lambda c: _naive_or_local(c.original, self.zone))

    def moved_end(self, new: When) -> When | None:
        """The end of a moved date: its new start plus the event's length."""
        if self.end is None:
            return None
        return new + (self.end - self.start)


def _rule(
    freq: str,
    *,
    interval: int,
    by_day: list[str],
    month_days: list[int],
    months: list[int],
    until: str,
    count: int | None,
) -> str:
    parts = [f"FREQ={freq}"]
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    if until:
        parts.append(f"UNTIL={until}")
    if count is not None:
        parts.append(f"COUNT={count}")
    if months:
        parts.append("BYMONTH=" + ",".join(str(m) for m in sorted(set(months))))
    if month_days:
        parts.append("BYMONTHDAY=" + ",".join(str(d) for d in month_days))
    if by_day:
        parts.append("BYDAY=" + ",".join(by_day))
    return ";".join(parts)


def _with_months(rule: str, months: list[int]) -> str:
    """The rule restricted to ``months`` (``except: [juillet, août]``)."""
    parts = [p for p in rule.split(";") if not p.startswith("BYMONTH=")]
    keep = set(months)
    old = next((p for p in rule.split(";") if p.startswith("BYMONTH=")), "")
    if old:
        keep &= {int(m) for m in old.removeprefix("BYMONTH=").split(",")}
    at = next(
        (i for i, p in enumerate(parts) if p.startswith(("BYMONTHDAY=", "BYDAY="))), len(parts)
    )
    parts.insert(at, "BYMONTH=" + ",".join(str(m) for m in sorted(keep)))
    return ";".join(parts)


def _naive_or_local(value: When, zone: ZoneInfo) -> dt.datetime:
    """What dateutil gives for ``value``: local time, or naive midnight for a date."""
    if isinstance(value, dt.datetime):
        return value.astimezone(zone)
    return dt.datetime.combine(value, dt.time())


def _back(value: dt.datetime, timed: bool) -> When:
    return value if timed else value.date()
