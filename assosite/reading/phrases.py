"""The words volunteers use for a repetition: frequencies, week days, ranks and months.

:func:`frequency` reads « mois », ``2 weeks`` or « toutes les 2 semaines »;
:func:`days_of` reads « premier samedi », « mardi et jeudi », ``1st and 3rd saturday``
or « 15 »; :func:`month_of` reads « juillet » or ``august``. French and English, with
or without accents, singular or plural.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from assosite.model.wording import DAY_CODES

FREQUENCIES = {
    "DAILY": ("day", "days", "daily", "jour", "jours", "quotidien", "quotidienne"),
    "WEEKLY": ("week", "weeks", "weekly", "semaine", "semaines", "hebdomadaire"),
    "MONTHLY": ("month", "months", "monthly", "mois", "mensuel", "mensuelle"),
    "YEARLY": ("year", "years", "yearly", "annual", "an", "ans", "annee", "annees", "annuel"),
}
_DAYS = (
    ("lundi", "monday", "lun", "mon", "mo"),
    ("mardi", "tuesday", "mar", "tue", "tu"),
    ("mercredi", "wednesday", "mer", "wed", "we"),
    ("jeudi", "thursday", "jeu", "thu", "th"),
    ("vendredi", "friday", "ven", "fri", "fr"),
    ("samedi", "saturday", "sam", "sat", "sa"),
    ("dimanche", "sunday", "dim", "sun", "su"),
)
_RANK_WORDS = {
    1: ("premier", "premiere", "1er", "1re", "1e", "1eme", "first", "1st"),
    2: ("deuxieme", "second", "seconde", "2e", "2eme", "2nd"),
    3: ("troisieme", "third", "3e", "3eme", "3rd"),
    4: ("quatrieme", "fourth", "4e", "4eme", "4th"),
    5: ("cinquieme", "fifth", "5e", "5eme", "5th"),
    -1: ("dernier", "derniere", "last"),
    -2: ("avant-dernier", "avant-derniere", "penultimate", "second-to-last"),
}
_MONTHS = (
    ("janvier", "january"),
    ("fevrier", "february"),
    ("mars", "march"),
    ("avril", "april"),
    ("mai", "may"),
    ("juin", "june"),
    ("juillet", "july"),
    ("aout", "august"),
    ("septembre", "september"),
    ("octobre", "october"),
    ("novembre", "november"),
    ("decembre", "december"),
)
_FILLERS = frozenset(
    (
        *("le", "la", "les", "l", "du", "de", "des", "d", "en", "par", "chaque", "tous", "toutes"),
        *("tout", "mois", "semaine", "of", "the", "a", "an", "on", "every", "each", "month"),
        *("monthly", "week", "per"),
    )
)
_SPLIT = re.compile(r"\s*(?:,|;|\bet\b|\band\b|&)\s*")
_EVERY = re.compile(r"^(?:(?:tous|toutes|every|each|chaque)\s+(?:les\s+)?)?(\d+)?\s*(.+)$")


def plain(text: str) -> str:
    """Lower case without accents: « Première » → « premiere »."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def _lookup(word: str, table: Any) -> Any:
    for value, words in table:
        if word in words or (word.endswith("s") and word[:-1] in words):
            return value
    return None


def frequency(text: str) -> tuple[str, int] | None:
    """Read « month », « mois », « 2 semaines », « toutes les 2 semaines » as (FREQ, interval)."""
    match = _EVERY.match(plain(text))
    if match is None:
        return None
    freq = _lookup(match.group(2).strip(), FREQUENCIES.items())
    return None if freq is None else (freq, int(match.group(1) or 1))


def days_of(text: str) -> tuple[list[str], list[int]] | None:
    """Read « premier samedi », « mardi et jeudi », « 1st and 3rd saturday », « 15 ».

    Returns:
        The ``BYDAY`` values (``1SA``, ``TU``) and the days of the month, or None when
        a word is not understood.
    """
    by_day: list[str] = []
    month_days: list[int] = []
    waiting: list[int] = []  # « premier et troisième samedi »: ranks before their day
    for part in _SPLIT.split(plain(text)):
        words = [w for w in re.split(r"[\s']+", part) if w and w not in _FILLERS]
        if not words:
            continue
        ranks = [r for r in (_lookup(w, _RANK_WORDS.items()) for w in words) if r is not None]
        codes = [c for c in (_lookup(w, enumerate(_DAYS)) for w in words) if c is not None]
        numbers = [int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31]
        if len(ranks) + len(codes) + len(numbers) != len(words) or len(codes) > 1:
            return None
        if numbers and (ranks or codes):
            return None
        month_days += numbers
        if not codes:
            waiting += ranks
            continue
        code = DAY_CODES[codes[0]]
        by_day += [f"{rank}{code}" for rank in [*waiting, *ranks]] or [code]
        waiting = []
    if waiting or not (by_day or month_days):
        return None
    return by_day, month_days


def month_of(value: Any) -> int | None:
    """Read a month name (« juillet », ``august``) as its number."""
    if not isinstance(value, str):
        return None
    return _lookup(plain(value), ((i + 1, names) for i, names in enumerate(_MONTHS)))
