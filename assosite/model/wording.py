"""A repeating event's rule in words, through Babel: « tous les premiers samedis du mois ».

Day and month names and lists (« mardis et jeudis ») come from Babel in the site's
language; the sentences around them are the theme's words (French in the code, other
languages in the theme's catalogue). :func:`rule_words` says the rules that
:mod:`assosite.reading` accepts: every day, week, month or year, with an interval,
week days (with their rank in the month), days of the month and months.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from babel.dates import format_date, format_skeleton, get_day_names, get_month_names
from babel.lists import format_list


def site_word(text: str) -> str:
    """Mark a word of the site for the theme's catalogue (the model imports nothing)."""
    return text


DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# Ranks in the month: the singular (« le premier samedi ») and the plural (« les premiers
# samedis ») forms; -1 and -2 count from the end of the month.
_RANKS = {
    1: (site_word("premier"), site_word("premiers")),
    2: (site_word("deuxième"), site_word("deuxièmes")),
    3: (site_word("troisième"), site_word("troisièmes")),
    4: (site_word("quatrième"), site_word("quatrièmes")),
    5: (site_word("cinquième"), site_word("cinquièmes")),
    -1: (site_word("dernier"), site_word("derniers")),
    -2: (site_word("avant-dernier"), site_word("avant-derniers")),
}
_WORDS = {
    "days": site_word("{day}s"),  # the plural of a week day (English: "every Tuesday")
    "daily": site_word("tous les jours"),
    "daily_n": site_word("tous les {n} jours"),
    "weekly": site_word("tous les {days}"),
    "weekly_2": site_word("une semaine sur deux, le {days}"),
    "weekly_n": site_word("toutes les {n} semaines, le {days}"),
    "monthly_rank": site_word("tous les {which} du mois"),
    "monthly_rank_n": site_word("tous les {n} mois, le {which}"),
    "monthly_day": site_word("le {days} de chaque mois"),
    "monthly_day_n": site_word("le {days}, tous les {n} mois"),
    "first_day": site_word("1er"),
    "yearly": site_word("chaque année, le {date}"),
    "yearly_n": site_word("tous les {n} ans, le {date}"),
    "yearly_rank": site_word("chaque année en {month}, le {which}"),
    "in_months": site_word("en {months}"),
    "except_months": site_word("sauf en {months}"),
    "span": site_word("de {start} à {end}"),
    "at": site_word("à {time}"),
    "from": site_word("à partir de {time}"),
    "until": site_word("jusqu'au {date}"),
}
_RANKED = re.compile(r"^([+-]?\d)?([A-Z]{2})$")


def parse_day(value: str) -> tuple[int | None, str]:
    """Return the rank and the day code of a ``BYDAY`` value (``1SA`` → ``(1, "SA")``)."""
    match = _RANKED.match(value.upper())
    if match is None or match.group(2) not in DAY_CODES:
        raise ValueError(value)
    return (int(match.group(1)) if match.group(1) else None), match.group(2)


class RuleWords:
    """Says rules in one language.

    Args:
        language: the site's language (``fr``, ``en``).
        gettext: translates this module's French words (the theme's catalogue).
        time: says a time of day (« 9 h 30 »), in the event's time zone.
    """

    def __init__(
        self, language: str, gettext: Callable[[str], str], time: Callable[..., str]
    ) -> None:
        self.language = language
        self._ = gettext
        self.time = time
        self.day_names = get_day_names("wide", locale=language)
        self.month_names = get_month_names("wide", locale=language)

    def say(self, key: str, **values: Any) -> str:
        """Return the sentence ``key`` of this module, translated and filled."""
        return self._(_WORDS[key]).format(**values)

    def days(self, codes: list[str], plural: bool) -> str:
        """« mardis et jeudis » (plural) or « mardi et jeudi »."""
        names = [self.day_names[DAY_CODES.index(code)] for code in codes]
        if plural:
            names = [self.say("days", day=name) for name in names]
        return format_list(names, locale=self.language)

    def ranked(self, days: list[tuple[int | None, str]], plural: bool) -> str:
        """« premiers et troisièmes samedis », or « premier samedi et dernier dimanche »."""
        codes = {code for _, code in days}
        form = 1 if plural else 0
        if len(codes) == 1:
            ranks = [self._(_RANKS[rank][form]) for rank, _ in days if rank in _RANKS]
            return f"{format_list(ranks, locale=self.language)} {self.days([*codes], plural)}"
        parts = [
            f"{self._(_RANKS[rank][form])} {self.days([code], plural)}"
            for rank, code in days
            if rank in _RANKS
        ]
        return format_list(parts, locale=self.language)

    def months(self, months: list[int]) -> str:
        """« sauf en juillet et août » or « en mai et juin », whichever is shorter."""
        kept = sorted(set(months))
        left = [m for m in range(1, 13) if m not in kept]
        if len(left) < len(kept):
            names = format_list([self.month_names[m] for m in left], locale=self.language)
            return self.say("except_months", months=names)
        names = format_list([self.month_names[m] for m in kept], locale=self.language)
        return self.say("in_months", months=names)

    def rule(self, rule: str, first: dt.date) -> str:
        """Say how often: « tous les premiers samedis du mois » (no time, no end)."""
        from icalendar import vRecur  # noqa: PLC0415 (loaded by a build that reads, not by a no-change one)

        parts = vRecur.from_ical(rule)
        freq = str(parts["FREQ"][0]).upper()
        n = int(parts.get("INTERVAL", [1])[0])
        days = [parse_day(str(d)) for d in parts.get("BYDAY", [])]
        month_days = [int(d) for d in parts.get("BYMONTHDAY", [])]
        months = [int(m) for m in parts.get("BYMONTH", [])]
        ranked = any(rank is not None for rank, _ in days)
        if freq == "DAILY" and not days:
            text = self.say("daily") if n == 1 else self.say("daily_n", n=n)
        elif freq in ("DAILY", "WEEKLY") or (days and not ranked and freq == "MONTHLY"):
            codes = [code for _, code in days] or [DAY_CODES[first.weekday()]]
            if n == 1 or freq != "WEEKLY":
                text = self.say("weekly", days=self.days(codes, True))
            else:
                key = "weekly_2" if n == 2 else "weekly_n"
                text = self.say(key, n=n, days=self.days(codes, False))
        elif freq == "MONTHLY" and days:
            text = (
                self.say("monthly_rank", which=self.ranked(days, True))
                if n == 1
                else self.say("monthly_rank_n", n=n, which=self.ranked(days, False))
            )
        elif freq == "MONTHLY":
            numbers = [
                self.say("first_day") if d == 1 else str(d) for d in month_days or [first.day]
            ]
            listed = format_list(numbers, locale=self.language)
            text = (
                self.say("monthly_day", days=listed)
                if n == 1
                else self.say("monthly_day_n", days=listed, n=n)
            )
        elif days:
            month = self.month_names[months[0] if months else first.month]
            return self.say("yearly_rank", month=month, which=self.ranked(days, False))
        else:
            date = format_skeleton("MMMMd", first, locale=self.language)
            return self.say("yearly", date=date) if n == 1 else self.say("yearly_n", n=n, date=date)
        return f"{text}, {self.months(months)}" if months else text

    def hours(self, occurrence: Any, tz: Any) -> str:
        """« de 9 h 30 à 12 h », « à 18 h », « à partir de 20 h » ("" all day)."""
        if occurrence.all_day:
            return ""
        begins = occurrence.begins.astimezone(tz)
        if occurrence.end is None:
            return self.say("at", time=self.time(begins, tz))
        finishes = occurrence.finishes.astimezone(tz)
        if finishes.date() != begins.date():
            return self.say("from", time=self.time(begins, tz))
        return self.say("span", start=self.time(begins, tz), end=self.time(finishes, tz))

    def until(self, last: dt.date) -> str:
        """« jusqu'au 31 décembre 2026 »."""
        return self.say("until", date=format_date(last, format="long", locale=self.language))
