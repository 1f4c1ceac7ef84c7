"""Dates and times in words, through Babel, in the site's locale and time zone.

Nothing here depends on the operating system's locales. These functions become the
Jinja filters ``format_date``, ``format_datetime``, ``format_time``, ``event_when``
``event_rule`` and ``isodate``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_date
from babel.dates import format_time as babel_time
from babel.dates import get_timezone_location

from assosite.model.wording import RuleWords, site_word

# In French, the source language; a formatter is given the theme's translation.
# (One name each: Babel before 2.19 took a dict's keys for texts to translate.)
_AT = site_word("{day} à {time}")
_SPAN_TIME = site_word("{day}, de {start} à {end}")
_SPAN_DAYS = site_word("du {start} au {end}")
_SPAN_DAYS_TIME = site_word("du {start} à {t1} au {end} à {t2}")


# A day's number (« 14 », « 1er ») followed by a space, in a French date.
_DAY_MONTH = re.compile(r"\b(\d{1,2}(?:er)?) (?=\D)")


class DateFormatter:
    """Formats dates for one site: one locale, one time zone.

    Args:
        language: the site's language (``fr``, ``en``).
        timezone: the site's IANA time zone.
        gettext: translates this module's French words (the theme's catalogue).
    """

    def __init__(
        self, language: str, timezone: str, gettext: Callable[[str], str] | None = None
    ) -> None:
        self.language = language
        self.timezone = ZoneInfo(timezone)
        self._ = gettext or str

    def _local(self, value: dt.datetime, tz: ZoneInfo | None = None) -> dt.datetime:
        return value.astimezone(tz or self.timezone) if value.tzinfo else value

    def date(self, value: dt.date | dt.datetime | None, format: str = "long") -> str:
        """« 14 mars 2026 » (``long``), « samedi 14 mars 2026 » (``full``)."""
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            value = self._local(value).date()
        return self._keep_day_with_month(babel_date(value, format=format, locale=self.language))

    def _keep_day_with_month(self, text: str) -> str:
        """« 14 mars » never breaks across lines in French (a no-break space after the day)."""
        return _DAY_MONTH.sub("\\1\u00a0", text) if self.language == "fr" else text

    def time(self, value: dt.datetime | dt.time, tz: ZoneInfo | None = None) -> str:
        """« 18 h 30 » / « 18 h » in French, "6:30 PM" in English (with no-break spaces)."""
        if isinstance(value, dt.datetime):
            value = self._local(value, tz).time()
        # No-break spaces: a time never breaks across two lines (« 21 h / 30 »).
        if self.language == "fr":
            pattern = "H'\u00a0h'" if value.minute == 0 else "H'\u00a0h\u00a0'mm"
            return babel_time(value, format=pattern, locale="fr")
        return babel_time(value, format="h:mm'\u00a0'a", locale="en")

    def datetime(self, value: dt.datetime | None, format: str = "long") -> str:
        """« samedi 14 mars 2026 à 18 h 30 »."""
        if value is None:
            return ""
        day = self.date(value, "full" if format in ("long", "full") else format)
        return self._(_AT).format(day=day, time=self.time(value))

    def event_when(self, event: Any) -> str:
        """Say when an event takes place, in one sentence fragment.

        Examples: « samedi 14 mars 2026, de 18 h à 20 h », « du samedi 12 juin 2027
        au dimanche 13 juin 2027 », « samedi 14 mars 2026 à 18 h (heure : Martinique) ».
        """
        event = getattr(event, "item", event)  # a Pelican article or its Event
        if getattr(event, "repeat", None) is not None:
            return self.rule(event)
        tz = ZoneInfo(event.timezone)
        if event.all_day:
            start = self.date(event.start, "full")
            if event.end is None or event.end == event.start:
                return start
            end = self.date(event.end, "full")
            return self._(_SPAN_DAYS).format(start=start, end=end)
        begins, finishes = self._local(event.begins, tz), self._local(event.finishes, tz)
        day = self.date(begins.date(), "full")
        if event.end is None:
            text = self._(_AT).format(day=day, time=self.time(begins, tz))
        elif begins.date() == finishes.date():
            text = self._(_SPAN_TIME).format(
                day=day, start=self.time(begins, tz), end=self.time(finishes, tz)
            )
        else:
            end_day = self.date(finishes.date(), "full")
            text = self._(_SPAN_DAYS_TIME).format(
                start=day, t1=self.time(begins, tz), end=end_day, t2=self.time(finishes, tz)
            )
        return self._zone(text, tz)

    def _zone(self, text: str, tz: ZoneInfo) -> str:
        if tz.key != self.timezone.key:
            text += f" ({get_timezone_location(tz, locale=self.language)})"
        return text

    def rule(self, event: Any) -> str:
        """Say how a repeating event repeats, or "" for another one.

        Example: « tous les premiers samedis du mois, de 9 h 30 à 12 h, jusqu'au
        5 décembre 2026 ».
        """
        event = getattr(event, "item", event)
        repeat = getattr(event, "repeat", None)
        if repeat is None:
            return ""
        tz = ZoneInfo(event.timezone)
        words = RuleWords(self.language, self._, self.time)
        parts = [
            words.rule(repeat.rule, event.begins.astimezone(tz).date()),
            words.hours(event, tz),
        ]
        if not repeat.is_endless:
            parts.append(words.until(event.last_occurrence().begins.astimezone(tz).date()))
        return self._zone(", ".join(part for part in parts if part), tz)

    def filters(self) -> dict[str, Any]:
        """Return the Jinja filters of this formatter."""
        return {
            "format_date": self.date,
            "format_datetime": self.datetime,
            "format_time": self.time,
            "event_when": self.event_when,
            "event_rule": self.rule,
            "isodate": isodate,
        }


def isodate(value: dt.date | dt.datetime | None) -> str:
    """Return the machine-readable form for ``<time datetime>``."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()
