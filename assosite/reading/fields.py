"""Read the values of one file's header as volunteers write them, each problem at its line.

:class:`FieldReader` turns raw YAML/TOML/Pelican values into texts, flags, numbers,
links, dates, tags and pictures, quoting the volunteer's own words back in problems.
:func:`parse_when` reads the dates volunteers type (``14/03/2026 18h30`` included).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from assosite.config.checks import RASTER_SUFFIXES, is_inside
from assosite.model.recurrence import as_instant
from assosite.problems.catalogue import N_
from assosite.problems.report import Problem, make_problem
from assosite.reading.header import SourceHeader
from assosite.reading.references import resolve_image

# Volunteers often type the French word: point them at the key's one spelling.
FRENCH_KEYS = {
    "titre": "title",
    "resume": "summary",
    "résumé": "summary",
    "chapo": "summary",
    "chapô": "summary",
    "debut": "start",
    "début": "start",
    "fin": "end",
    "lieu": "location",
    "adresse": "location",
    "etiquettes": "tags",
    "étiquettes": "tags",
    "mots-cles": "tags",
    "mots-clés": "tags",
    "prix": "price",
    "tarif": "price",
    "inscription": "registration",
    "accessibilite": "accessibility",
    "accessibilité": "accessibility",
    "annule": "cancelled",
    "annulé": "cancelled",
    "reporte": "postponed",
    "reporté": "postponed",
    "nom": "name",
    "rôle": "role",
    "consentement": "consent",
    "citation": "quote",
    "auteur": "author",
    "statut": "status",
    "en_ligne": "online",
    "fuseau": "timezone",
    "fuseau_horaire": "timezone",
    "epingle": "pinned",
    "épinglé": "pinned",
    "texte_alternatif": "image_alt",
    "alt": "image_alt",
    "legende": "image_caption",
    "légende": "image_caption",
    "credit": "image_credit",
    "crédit": "image_credit",
    "langue": "lang",
    "expiration": "expires",
    "modifie": "modified",
    "repetition": "repeat",
    "répétition": "repeat",
    "recurrence": "repeat",
    "récurrence": "repeat",
    "repeter": "repeat",
    "répéter": "repeat",
    "modifié": "modified",
}
LABELS = {
    "title": (N_("le titre"), "Fête de quartier du 14 mars"),
    "summary": (
        N_("le résumé en une phrase"),
        "Venez fêter le printemps avec nous au jardin.",
    ),
    "date": (N_("la date de publication"), "2026-03-01"),
    "start": (N_("la date de début"), "2026-03-14 18:30"),
}

_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)")
FIRST_YEAR, LAST_YEAR = 1000, 9000  # dates a calendar can shift by days safely
_FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(.*)$")
_HOUR = re.compile(r"(\d{1,2})\s*[hH]\s*(\d{2})?")


@dataclass(frozen=True, slots=True)
class ParseContext:
    """What parsing needs to know about the site.

    Attributes:
        content_path: the ``content/`` folder (images are looked up there).
        timezone: the site's IANA time zone.
        now: the build's reference instant (past events, expired consent).
        language: the site's language (translations in another one are skipped).
        site_name: the association's name (Jekyll's ``{{ site.title }}``).
        summary_budget: the longest summary taken from a text, in characters.
        texts: every text of ``content/``, relative to it (links of old sites).
        includes: the folders of Jekyll's ``{% include %}`` files.
    """

    content_path: Path
    timezone: str = "Europe/Paris"
    now: dt.datetime | None = None
    language: str = "fr"
    site_name: str = ""
    summary_budget: int = 200
    texts: tuple[str, ...] = ()
    includes: tuple[Path, ...] = ()


class FieldReader:
    """Reads and checks the header values of one file, collecting problems.

    Args:
        header: what the reader found in the file.
        ctx: the site's content folder, time zone and reference instant.
        problems: where problems are added.
    """

    def __init__(self, header: SourceHeader, ctx: ParseContext, problems: list[Problem]) -> None:
        self.header = header
        self.ctx = ctx
        self.values = header.fields
        self.problems = problems

    def add(self, code: str, at: str, **params: Any) -> None:
        """Record problem ``code`` at the line of key ``at`` (the header's start when empty)."""
        line = self.header.line(at) if at else 1
        self.problems.append(make_problem(code, self.header.path, line, **params))

    def has(self, key: str) -> bool:
        """Return True when ``key`` is given with a non-empty value."""
        value = self.values.get(key)
        return value is not None and value != ""

    # -- value readers -------------------------------------------------------------

    def text(self, key: str, required: bool = False) -> str:
        """Return ``key`` as one-line text, exactly as typed; report it when required and absent."""
        if not self.has(key):
            if required:
                label, example = LABELS[key]
                self.add("AS202", "", key=key, label=label, example=example)
            return ""
        value = self.values[key]
        if isinstance(value, bool | int | float | dt.date):
            return self.header.texts.get(key, str(value)).strip()
        if not isinstance(value, str):
            self.wrong_type(key, value, N_("un texte"), "Mon texte")
            return ""
        return " ".join(value.split())

    def wrong_type(self, key: str, value: Any, expected: str, example: str) -> None:
        """Report AS205: ``key`` holds the wrong kind of value."""
        self.add("AS205", key, key=key, value=value, expected_kind=expected, example=example)

    def flag(self, key: str) -> bool:
        """Return ``key`` as a yes/no value (``true``, ``oui``, ``false``, ``non``…)."""
        value = self.values.get(key, False)
        if isinstance(value, str) and value.strip().lower() in ("true", "oui", "yes", "1"):
            return True
        if isinstance(value, str) and value.strip().lower() in ("false", "non", "no", "0", ""):
            return False
        if not isinstance(value, bool):
            self.wrong_type(key, value, N_("« true » ou « false »"), "true")
            return False
        return value

    def number(self, key: str) -> int | None:
        """Return ``key`` as a whole number, or None when absent."""
        value = self.values.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str) and re.fullmatch(r"[0-9]+", value.strip()):
            return int(value)  # not str.isdigit(): « ² » is a digit that int() refuses
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong_type(key, value, N_("un nombre entier"), "2")
            return None
        return value

    def link(self, key: str) -> str:
        """Return ``key`` as a link: an https address, a site path or a mailto."""
        value = self.text(key)
        if not value:
            return ""
        parts = urlsplit(value)
        if (
            (value.startswith("/") and not value.startswith("//"))  # not //other.host
            or parts.scheme == "mailto"
            or (parts.scheme == "tel" and re.fullmatch(r"\+?[0-9 .()-]{3,}", parts.path))
            or (parts.scheme in ("http", "https") and parts.netloc)
        ):
            return value
        self.add("AS218", key, key=key, value=value)
        return ""

    def when(self, key: str, tz: str) -> dt.date | dt.datetime | None:
        """Read a date (``dt.date``) or a date and time (aware ``dt.datetime``)."""
        if not self.has(key):
            return None
        value = parse_when(self.values[key], tz)
        if value is None:
            self.add("AS204", key, key=key, value=self.header.texts.get(key, self.values[key]))
        return value

    def instant(self, key: str, tz: str) -> dt.datetime | None:
        """Return ``key`` as an aware instant (a date alone means midnight in ``tz``)."""
        value = self.when(key, tz)
        return None if value is None else as_instant(value, tz)

    def day(self, key: str) -> dt.date | None:
        """Return ``key`` as a calendar day."""
        value = self.when(key, self.ctx.timezone)
        return value.date() if isinstance(value, dt.datetime) else value

    def tags(self) -> tuple[str, ...]:
        """Return the tags, from a list or a comma-separated text, without duplicates."""
        value = self.values.get("tags")
        if value is None or value == "":
            return ()
        if isinstance(value, str):
            items = value.split(",")
        elif isinstance(value, list) and all(isinstance(v, str | int) for v in value):
            items = [str(v) for v in value]
        else:
            self.wrong_type("tags", value, N_("une liste de mots"), "[jardin, entraide]")
            return ()
        seen: dict[str, str] = {}
        for tag in (" ".join(t.split()) for t in items):
            if tag and tag.lower() not in seen:
                seen[tag.lower()] = tag
        return tuple(seen.values())

    def picture(self, key: str, alt_key: str, decorative: bool) -> tuple[str, str]:
        """Return (path, alt) of an image key, checking the file and its alt text."""
        path = self.text(key)
        alt = self.text(alt_key)
        if not path:
            return "", alt
        source = PurePosixPath(*PurePosixPath(self.header.path).parts[1:]).as_posix()
        path = resolve_image(path, source, self.ctx.content_path) or path
        if not is_inside(self.ctx.content_path, self.ctx.content_path / path):
            self.add("AS208", key, key=key, value=path)
        if not alt and not decorative:
            alt = self.alt_in_text(path, source)
        if not alt and not decorative:
            self.add("AS207", key, value=path, alt_key=alt_key)
        return path, alt

    def alt_in_text(self, path: str, source: str) -> str:
        """Return the alt text the body gives the same image (``![alt](path)``), if any."""
        for alt, src in _MD_IMAGE.findall(self.header.body):
            if alt.strip() and resolve_image(src, source, self.ctx.content_path) == path:
                return " ".join(alt.split())
        return ""

    def card_image(self) -> tuple[str, str]:
        """Return (path, alt) of ``card_image``: a PNG, JPEG or WebP file with its alt text."""
        path, alt = self.text("card_image"), self.text("card_image_alt")
        if not path:
            return "", alt
        if not is_inside(self.ctx.content_path, self.ctx.content_path / path):
            self.add("AS208", "card_image", key="card_image", value=path)
            return "", alt
        if PurePosixPath(path).suffix.lower() not in RASTER_SUFFIXES:
            self.add("AS230", "card_image", value=path)
            return "", alt
        if not alt:
            self.add("AS231", "card_image", value=path)
        return path, alt

    def unknown_key(self, line_key: str, key: str, allowed: tuple[str, ...]) -> None:
        """Report AS206 for ``key``, with « did you mean » from French words or spelling."""
        alias = FRENCH_KEYS.get(key.lower())
        hint = [alias] if alias in allowed else difflib.get_close_matches(key, allowed, n=1)
        self.add(
            "AS206",
            line_key,
            key=key,
            allowed=", ".join(allowed),
            hint=hint[0] if hint else "",
        )


def parse_when(value: Any, tz: str) -> dt.date | dt.datetime | None:
    """Read a date or a date and time as volunteers write them.

    Accepts ``2026-03-14``, ``2026-03-14 18:30``, ``2026-03-14T18:30:00+01:00``,
    ``14/03/2026 18h30`` and YAML/TOML dates. Times without an offset are read in
    ``tz``.

    Returns:
        A ``dt.date``, a zone-aware ``dt.datetime``, or None when it is not a date, or
        one so far from now (before 1000, after 9000) that a day more or less would
        leave the calendar.
    """
    when = _parse_when(value, tz)
    if when is not None and not FIRST_YEAR <= when.year <= LAST_YEAR:
        return None
    return when


def _parse_when(value: Any, tz: str) -> dt.date | dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=ZoneInfo(tz))
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if match := _FRENCH_DATE.match(text):
        day, month, year, rest = match.groups()
        text = f"{year}-{int(month):02d}-{int(day):02d}{rest}"
    text = re.sub(r"\s+(à|a|at)\s+", " ", text)
    text = _HOUR.sub(lambda m: f"{int(m.group(1)):02d}:{m.group(2) or '00'}", text)
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=ZoneInfo(tz))


def has_offset(value: Any) -> bool:
    """Return True when a written date carries its own UTC offset."""
    if isinstance(value, dt.datetime):
        return value.tzinfo is not None
    if isinstance(value, str):
        return bool(re.search(r"(Z|[+-]\d{2}:?\d{2})$", value.strip()))
    return False


def format_example(value: dt.date | dt.datetime) -> str:
    """Write a date as a volunteer would type it back."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()
