"""Read ``assosite.toml`` into a validated :class:`SiteConfig`, collecting every problem.

The file is data, never code. Each section is a frozen dataclass whose fields carry
their type, default and example in ``metadata``; :func:`load_config` checks them all,
reports every problem with its TOML line (syntax errors with line and column, wrong
types, unknown keys with "did you mean …?") and only then decides.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import tomllib
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from assosite.colours import TEXT_MINIMUM, UI_MINIMUM, WHITE, contrast_ratio, nearest_passing
from assosite.report import Problem, make_problem
from assosite.resources import theme_path

CONFIG_NAME = "assosite.toml"
LANGUAGES = ("fr", "en")


def _field(
    default: Any = "", *, example: str, kind: type = str, required: bool = False, check: str = ""
) -> Any:
    meta = {"example": example, "kind": kind, "required": required, "check": check}
    if isinstance(default, dict):
        return field(default_factory=dict, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True, slots=True)
class SiteSection:
    """``[site]``: who the site is and where it lives."""

    name: str = _field(example='"Les Jardins du Vieux Moulin"', required=True)
    """Name of the association as shown in the header and page titles."""
    url: str = _field(example='"https://mon-asso.fr"', required=True, check="url")
    """Public address of the site, used for absolute links in feeds and cards."""
    language: str = _field("fr", example='"fr"', check="language")
    """Language of the site and its interface: ``fr`` or ``en``."""
    timezone: str = _field("Europe/Paris", example='"Europe/Paris"', check="timezone")
    """IANA time zone in which dates without an offset are read."""
    description: str = _field(example='"Jardins partagés et entraide à Lyon 4e"')
    """One sentence that says what the association does (home page, search engines)."""
    logo: str = _field(example='"images/logo.svg"', check="content_file")
    """Logo file, relative to ``content/``."""
    theme: str = _field("default", example='"default"', check="theme")
    """Theme: ``default`` or the path of a theme folder relative to the site."""


@dataclass(frozen=True, slots=True)
class AssociationSection:
    """``[association]``: legal identity, for the legal notice (mentions légales)."""

    legal_name: str = _field(example='"Association Les Jardins du Vieux Moulin"')
    """Legal name as registered in the Journal officiel."""
    address: str = _field(example='"12 rue des Lilas, 69004 Lyon"')
    """Postal address of the registered office."""
    email: str = _field(example='"contact@mon-asso.fr"')
    """Contact email address."""
    phone: str = _field(example='"04 72 00 00 00"')
    """Contact phone number (optional)."""
    rna: str = _field(example='"W691012345"')
    """RNA number (Répertoire national des associations), optional."""
    siret: str = _field(example='"123 456 789 00012"')
    """SIRET number, optional."""
    publication_director: str = _field(example='"Camille Martin, présidente"')
    """Publication director (directeur ou directrice de la publication), required by law."""


@dataclass(frozen=True, slots=True)
class HostingSection:
    """``[hosting]``: the host, for the legal notice."""

    name: str = _field(example='"Netlify, Inc."')
    """Name of the hosting company."""
    address: str = _field(example='"512 2nd Street, San Francisco, CA 94107"')
    """Postal address of the host."""
    url: str = _field(example='"https://www.netlify.com"', check="url")
    """Web address of the host."""
    phone: str = _field(example='"+1 555 0100"')
    """Phone number of the host (optional)."""


@dataclass(frozen=True, slots=True)
class BrandSection:
    """``[brand]``: colours of the association."""

    primary: str = _field("#1d5c4d", example='"#1d5c4d"', check="colour")
    """Main colour (header, links, buttons)."""
    accent: str = _field("#a2461a", example='"#a2461a"', check="colour")
    """Second colour (highlights)."""


@dataclass(frozen=True, slots=True)
class LinksSection:
    """``[links]``: the calls to action and social accounts."""

    join: str = _field(example='"/adherer/"', check="link")
    """Where to join the association (site path or URL)."""
    donate: str = _field(example='"/faire-un-don/"', check="link")
    """Where to give money."""
    volunteer: str = _field(example='"/devenir-benevole/"', check="link")
    """Where to become a volunteer."""
    contact: str = _field(example='"/contact/"', check="link")
    """Where to contact the association."""
    social: dict[str, str] = _field(  # noqa: RUF009 (_field gives a default_factory)
        {}, example='{ mastodon = "https://…" }', kind=dict, check="social"
    )
    """Social accounts: label = URL."""


@dataclass(frozen=True, slots=True)
class EditorialSection:
    """``[editorial]``: budgets that keep the site readable."""

    home_events: int = _field(3, example="3", kind=int)
    """How many upcoming events the home page shows."""
    home_news: int = _field(3, example="3", kind=int)
    """How many news items the home page shows."""
    home_testimonies: int = _field(1, example="1", kind=int)
    """How many testimonies the home page shows."""
    news_per_page: int = _field(10, example="10", kind=int)
    """How many news items each page of the news list shows."""
    title_max_length: int = _field(90, example="90", kind=int)
    """Titles longer than this get a warning (AS301)."""
    summary_max_length: int = _field(200, example="200", kind=int)
    """Summaries longer than this get a warning (AS302)."""
    words_news: int = _field(500, example="500", kind=int)
    """Word budget of a news item's text (AS303)."""
    words_event: int = _field(300, example="300", kind=int)
    """Word budget of an event's text (AS303)."""
    words_testimony: int = _field(200, example="200", kind=int)
    """Word budget of a testimony's text (AS303)."""
    sentence_max_words: int = _field(30, example="30", kind=int)
    """Sentences longer than this get a suggestion (AS304)."""
    readability_min: int = _field(50, example="50", kind=int)
    """Kandel & Moles reading ease under which a text gets a suggestion (AS305)."""
    max_tags: int = _field(5, example="5", kind=int)
    """Most tags an item may have (AS311)."""
    news_per_week: int = _field(3, example="3", kind=int)
    """Most news items published within 7 days (AS315)."""
    stale_news_months: int = _field(3, example="3", kind=int)
    """Months without news after which the site gets a suggestion (AS316)."""
    stale_page_months: int = _field(24, example="24", kind=int)
    """Months after which a page not reviewed (``modified``) gets a suggestion (AS316)."""
    consent_warning_days: int = _field(30, example="30", kind=int)
    """Days before a testimony's consent ends when a warning starts (AS319)."""
    severity: dict[str, str] = _field(  # noqa: RUF009 (_field gives a default_factory)
        {}, example='{ AS304 = "off" }', kind=dict, check="severities"
    )
    """Per rule: ``error``, ``warning``, ``suggestion`` or ``off``."""


@dataclass(frozen=True, slots=True)
class FeedsSection:
    """``[feeds]``: the Atom and RSS feeds."""

    entries: int = _field(20, example="20", kind=int)
    """How many items each feed holds (the most recent ones)."""
    full_text: bool = _field(True, example="true", kind=bool)
    """Whole texts in the feeds (``true``) or summaries only (``false``)."""
    tags: bool = _field(True, example="true", kind=bool)
    """One feed per tag as well."""


@dataclass(frozen=True, slots=True)
class CalendarSection:
    """``[calendar]``: the subscribable agenda (``agenda.ics``)."""

    past_months: int = _field(6, example="6", kind=int)
    """How many months of past events ``agenda.ics`` keeps."""


SECTIONS: dict[str, type] = {
    "site": SiteSection,
    "association": AssociationSection,
    "hosting": HostingSection,
    "brand": BrandSection,
    "links": LinksSection,
    "editorial": EditorialSection,
    "feeds": FeedsSection,
    "calendar": CalendarSection,
}

# Pelican settings that assosite owns: changing them from [pelican] would break the
# build's guarantees (output swap, reader, no foreign feeds).
PROTECTED_PELICAN_KEYS = {
    "PATH": ("assosite choisit le dossier content/", "assosite uses the content/ folder"),
    "OUTPUT_PATH": ("utilisez --output", "use --output"),
    "PLUGINS": ("assosite active son propre module", "assosite enables its own plugin"),
    "DELETE_OUTPUT_DIRECTORY": (
        "assosite remplace la sortie en sécurité",
        "assosite replaces the output safely",
    ),
    "READERS": ("assosite lit les fichiers Markdown", "assosite reads Markdown files"),
    "THEME": ("utilisez « theme » dans [site]", 'use "theme" in [site]'),
    "SITEURL": ("utilisez « url » dans [site]", 'use "url" in [site]'),
    "SITENAME": ("utilisez « name » dans [site]", 'use "name" in [site]'),
}


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The validated configuration of one site.

    Attributes:
        root: the site folder.
        site, association, hosting, brand, links, editorial, feeds, calendar: the
            sections.
        pelican: extra Pelican settings from ``[pelican]`` (UPPER_CASE keys).
    """

    root: Path
    site: SiteSection
    association: AssociationSection = field(default_factory=AssociationSection)
    hosting: HostingSection = field(default_factory=HostingSection)
    brand: BrandSection = field(default_factory=BrandSection)
    links: LinksSection = field(default_factory=LinksSection)
    editorial: EditorialSection = field(default_factory=EditorialSection)
    feeds: FeedsSection = field(default_factory=FeedsSection)
    calendar: CalendarSection = field(default_factory=CalendarSection)
    pelican: dict[str, Any] = field(default_factory=dict)

    @property
    def content_path(self) -> Path:
        """The ``content/`` folder of the site."""
        return self.root / "content"


def find_key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Map each ``(table…, key)`` of a TOML text to its 1-based line.

    tomllib gives values but no positions; this scan of table headers and
    ``key =`` lines is enough to point a volunteer at the right line.
    """
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
    key = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.\- ]+?)\s*=""")
    for number, line in enumerate(text.splitlines(), start=1):
        if match := header.match(line):
            table = tuple(part.strip().strip("\"'") for part in match.group(1).split("."))
            lines.setdefault(table, number)
        elif match := key.match(line):
            path = tuple(p.strip().strip("\"'") for p in match.group(1).split("."))
            lines.setdefault(table + path, number)
    return lines


def load_config(root: Path) -> tuple[SiteConfig | None, list[Problem]]:
    """Read and validate ``root/assosite.toml``.

    Args:
        root: the site folder.

    Returns:
        The configuration (None when an error makes it unusable) and every problem.
    """
    path = root / CONFIG_NAME
    if not path.is_file():
        return None, [make_problem("AS109", CONFIG_NAME, 0, site=str(root))]
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_syntax_problem(exc)]
    return config_from_data(root, data, find_key_lines(text))


def _syntax_problem(exc: tomllib.TOMLDecodeError) -> Problem:
    message = str(exc)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    line, column = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    detail = re.sub(r"\s*\(at .*?\)", "", message)
    return make_problem("AS101", CONFIG_NAME, line, column=column, detail=detail)


def config_from_data(
    root: Path, data: dict[str, Any], lines: dict[tuple[str, ...], int] | None = None
) -> tuple[SiteConfig | None, list[Problem]]:
    """Validate already-parsed settings (from TOML or from ``ASSOSITE_*`` settings).

    Args:
        root: the site folder.
        data: the tables, as ``{"site": {...}, "brand": {...}, ...}``.
        lines: the line of each key, when known.

    Returns:
        The configuration (None when an error makes it unusable) and every problem.
    """
    checker = _Checker(root, lines or {})
    for table in data:
        if table not in SECTIONS and table != "pelican":
            checker.unknown((), table, [*list(SECTIONS), "pelican"])
    sections = {
        name: checker.section(name, cls, data.get(name, {})) for name, cls in SECTIONS.items()
    }
    pelican = checker.pelican(data.get("pelican", {}))
    if any(p.severity == "error" for p in checker.problems):
        return None, checker.problems
    return SiteConfig(root=root, pelican=pelican, **sections), checker.problems


class _Checker:
    """Validates sections one field at a time and collects problems."""

    def __init__(self, root: Path, lines: dict[tuple[str, ...], int]) -> None:
        self.root = root
        self.lines = lines
        self.problems: list[Problem] = []

    def line(self, *path: str) -> int:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 0

    def add(self, code: str, path: tuple[str, ...], **params: Any) -> None:
        self.problems.append(make_problem(code, CONFIG_NAME, self.line(*path), **params))

    def unknown(self, table: tuple[str, ...], key: str, allowed: list[str]) -> None:
        hint = difflib.get_close_matches(key, allowed, n=1)
        self.add(
            "AS102",
            (*table, key),
            key=key,
            table=".".join(table) or "…",
            allowed=", ".join(allowed),
            hint_fr=f" Vouliez-vous dire « {hint[0]} » ?" if hint else "",
            hint_en=f' Did you mean "{hint[0]}"?' if hint else "",
        )

    def wrong(self, path: tuple[str, ...], value: Any, fr: str, en: str, example: str) -> None:
        """Report AS103: the setting at ``path`` has the wrong type or value."""
        key = ".".join(path[1:]) or path[0]
        self.add(
            "AS103", path, key=key, value=value, expected_fr=fr, expected_en=en, example=example
        )

    def section(self, name: str, cls: type, values: Any) -> Any:
        if not isinstance(values, dict):
            self.wrong((name,), values, f"une section [{name}]", f"a [{name}] section", "…")
            return cls() if name != "site" else None
        known = [f.name for f in dataclasses.fields(cls)]
        for key in values:
            if key not in known:
                self.unknown((name,), key, known)
        kwargs = {}
        for spec in dataclasses.fields(cls):
            value = self.value(name, spec, values)
            if value is not None:
                kwargs[spec.name] = value
        try:
            return cls(**kwargs)
        except TypeError:  # a required field is missing: already reported
            return None

    def value(self, table: str, spec: dataclasses.Field, values: dict[str, Any]) -> Any:
        meta = spec.metadata
        if spec.name not in values or (meta["required"] and values[spec.name] == ""):
            if meta["required"]:
                self.add("AS104", (table,), key=spec.name, table=table, example=meta["example"])
            return None
        value = values[spec.name]
        kind = meta["kind"]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            expected = {
                str: ("un texte entre guillemets", "a text in quotes"),
                int: ("un nombre entier", "a whole number"),
                bool: ("true ou false", "true or false"),
                dict: ("une table", "a table"),
            }[kind]
            self.wrong((table, spec.name), value, *expected, meta["example"])
            return None
        if kind is int and value < 0:
            self.wrong(
                (table, spec.name), value, "un nombre positif", "a positive number", meta["example"]
            )
            return None
        check = meta["check"]
        if check and value and not getattr(self, "check_" + check)(table, spec.name, value):
            return None
        return value.strip() if isinstance(value, str) else value

    def check_url(self, table: str, key: str, value: str) -> bool:
        parts = urlsplit(value.strip())
        if parts.scheme in ("http", "https") and parts.netloc:
            return True
        self.add("AS108", (table, key), key=key, value=value)
        return False

    def check_link(self, table: str, key: str, value: str) -> bool:
        if value.startswith("/"):
            return True
        return self.check_url(table, key, value)

    def check_social(self, table: str, key: str, value: dict[str, Any]) -> bool:
        ok = True
        for label, url in value.items():
            if not isinstance(url, str):
                self.wrong(
                    (table, key, label), url, "une adresse web", "a web address", '"https://…"'
                )
                ok = False
            elif not self.check_url(table, f"{key}.{label}", url):
                ok = False
        return ok

    def check_language(self, table: str, key: str, value: str) -> bool:
        if value in LANGUAGES:
            return True
        self.add("AS105", (table, key), value=value)
        return False

    def check_timezone(self, table: str, key: str, value: str) -> bool:
        if is_timezone(value):
            return True
        hint = suggest_timezone(value)
        self.add(
            "AS106",
            (table, key),
            value=value,
            hint_fr=f" Vouliez-vous dire « {hint} » ?" if hint else "",
            hint_en=f' Did you mean "{hint}"?' if hint else "",
        )
        return False

    def check_colour(self, table: str, key: str, value: str) -> bool:
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value.strip()):
            self.add("AS107", (table, key), key=key, value=value)
            return False
        colour = value.strip().lower()
        uses = BRAND_BACKGROUNDS[key]
        failing = [use for use in uses if contrast_ratio(colour, use[0]) < use[1]]
        if not failing:
            return True
        background, minimum, fr, en = min(failing, key=lambda use: contrast_ratio(colour, use[0]))
        suggestion = colour
        for use_background, use_minimum, _, _ in uses:  # one shade that passes everywhere
            suggestion = nearest_passing(suggestion, use_background, use_minimum)
        worst = min(contrast_ratio(suggestion, use[0]) for use in uses)
        self.add(
            "AS120",
            (table, key),
            key=key,
            value=value,
            background=background,
            background_fr=fr,
            background_en=en,
            suggestion=suggestion,
            **_number("ratio", contrast_ratio(colour, background)),
            **_number("minimum", minimum),
            **_number("suggestion_ratio", worst),
        )
        return False

    def check_content_file(self, table: str, key: str, value: str) -> bool:
        if is_inside(self.root / "content", self.root / "content" / value):
            return True
        self.add("AS110", (table, key), key=key, value=value)
        return False

    def check_severities(self, table: str, key: str, value: dict[str, Any]) -> bool:
        ok = True
        for code, level in value.items():
            if not re.fullmatch(r"AS3\d\d", code):
                self.wrong(
                    (table, key, code),
                    code,
                    "un code de règle éditoriale (AS3xx)",
                    "an editorial rule code (AS3xx)",
                    'AS304 = "off"',
                )
                ok = False
            elif level not in ("error", "warning", "suggestion", "off"):
                self.wrong(
                    (table, key, code),
                    level,
                    "« error », « warning », « suggestion » ou « off »",
                    '"error", "warning", "suggestion" or "off"',
                    f'{code} = "off"',
                )
                ok = False
        return ok

    def check_theme(self, table: str, key: str, value: str) -> bool:
        try:
            theme_path(value, self.root)
        except FileNotFoundError:
            self.add("AS401", (table, key), value=value)
            return False
        return True

    def pelican(self, values: Any) -> dict[str, Any]:
        if not isinstance(values, dict):
            return {}
        accepted = {}
        for key, value in values.items():
            if key in PROTECTED_PELICAN_KEYS:
                fr, en = PROTECTED_PELICAN_KEYS[key]
                self.add("AS111", ("pelican", key), key=key, reason_fr=fr, reason_en=en)
            elif key != key.upper():
                self.unknown(("pelican",), key, [key.upper()])
            else:
                accepted[key] = value
        return accepted


# Where the default theme uses each brand colour, and the contrast it needs there
# (WCAG 1.4.3 for text, 1.4.11 for interface parts). The surface colour is the
# theme's --as-color-surface (tokens.css).
BRAND_BACKGROUNDS = {
    "primary": (
        (
            WHITE,
            TEXT_MINIMUM,
            "le fond blanc des pages (liens, texte blanc des boutons)",
            "the white page background (links, white button text)",
        ),
        ("#f4f2ee", TEXT_MINIMUM, "le fond du pied de page", "the footer background"),
    ),
    "accent": (
        (
            WHITE,
            UI_MINIMUM,
            "le fond blanc (bordures et repères)",
            "the white background (borders and markers)",
        ),
    ),
}


def _number(name: str, value: float) -> dict[str, str]:
    """Format a ratio for both languages: « 3,21 » and "3.21"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return {f"{name}_fr": text.replace(".", ","), f"{name}_en": text}


def is_inside(folder: Path, path: Path) -> bool:
    """Return True when ``path`` is an existing file inside ``folder``.

    ``../`` tricks and symbolic links that lead outside ``folder`` are refused.
    """
    try:
        resolved = path.resolve()
    except OSError:
        return False
    return resolved.is_file() and resolved.is_relative_to(folder.resolve())


def is_timezone(name: str) -> bool:
    """Return True when ``name`` is a known IANA time zone."""
    return name in _timezones()


def suggest_timezone(name: str) -> str:
    """Return the closest known IANA time zone name, or an empty string."""
    close = difflib.get_close_matches(name, sorted(_timezones()), n=1, cutoff=0.6)
    return close[0] if close else ""


@functools.cache
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())
