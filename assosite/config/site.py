"""Read ``assosite.toml`` into a validated :class:`SiteConfig`, collecting every problem.

The file is data, never code. Each section is a frozen dataclass whose fields carry
their type, default and example in ``metadata``; :func:`load_config` checks them all,
reports every problem with its TOML line (syntax errors with line and column, wrong
types, unknown keys with "did you mean …?") and only then decides.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assosite.config.checks import CONFIG_NAME, Checker
from assosite.problems.report import Problem, make_problem


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
class HomeSection:
    """``[home]``: the top of the home page (its hero)."""

    title: str = _field(example='"Cultivons ensemble le quartier"')
    """The home page's heading; default: ``site.description``, then the site's name."""
    image: str = _field(example='"images/jardin-potager.jpg"', check="photo")
    """A photo beside the heading (JPEG, PNG or WebP, relative to ``content/``), optional."""
    image_alt: str = _field(example='"Des bénévoles récoltent des tomates au jardin"')
    """What the photo shows, for people who cannot see it: required with ``image``."""


@dataclass(frozen=True, slots=True)
class JoinSection:
    """``[join]``: the call to action of the page at ``links.join`` (joining)."""

    payment_url: str = _field(
        example='"https://www.helloasso.com/associations/mon-asso/adhesions/adhesion-2027"',
        check="payment",
    )
    """The online payment page (HelloAsso or another), with ``https://``; optional."""
    amounts: tuple[float, ...] = _field((), example="[10, 2]", kind=list, check="amounts")
    """The membership fees in euros, shown on the block: ``[10, 2]``."""
    form: str = _field(example='"files/bulletin-adhesion.pdf"', check="content_file")
    """A form to download and print (relative to ``content/``), optional."""


@dataclass(frozen=True, slots=True)
class DonateSection:
    """``[donate]``: the call to action of the page at ``links.donate`` (giving)."""

    payment_url: str = _field(
        example='"https://www.helloasso.com/associations/mon-asso/formulaires/1"',
        check="payment",
    )
    """The online donation page (HelloAsso or another), with ``https://``; optional."""
    amounts: tuple[float, ...] = _field((), example="[20, 50, 100]", kind=list, check="amounts")
    """Suggested sums in euros: ``[20, 50, 100]``."""
    form: str = _field(example='"files/bulletin-de-don.pdf"', check="content_file")
    """A donation form to download and print (relative to ``content/``), optional."""
    tax_receipt: bool = _field(False, example="true", kind=bool)
    """The association gives tax receipts (66 % of a gift off income tax): the block
    shows what each suggested sum costs after the reduction."""


@dataclass(frozen=True, slots=True)
class AccessibilitySection:
    """``[accessibility]``: the accessibility statement (déclaration d'accessibilité)."""

    date: dt.date | None = _field(None, example="2026-11-15", kind=dt.date)  # noqa: RUF009
    """The day the statement was made or last reviewed (a TOML date, without quotes)."""


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


@dataclass(frozen=True, slots=True)
class CardsSection:
    """``[cards]``: the images shown when a page is shared (social networks, messaging)."""

    enabled: bool = _field(True, example="true", kind=bool)
    """Draw a sharing card for the site and each item (``false``: none)."""
    logo: str = _field(example='"images/logo.png"', check="card_logo")
    """PNG or JPEG logo for the cards; default: ``site.logo``, or the PNG beside an SVG logo."""


@dataclass(frozen=True, slots=True)
class ImagesSection:
    """``[images]``: how content photos are published (resized, without metadata)."""

    widths: tuple[int, ...] = _field(
        (480, 960, 1600), example="[480, 960, 1600]", kind=list, check="widths"
    )
    """Widths in pixels written besides the full size (never wider than the photo)."""
    max_size: int = _field(2400, example="2400", kind=int, check="max_size")
    """Longest side of a published photo, in pixels; larger ones are downscaled."""
    format: str = _field("webp", example='"webp"', check="image_format")
    """Modern format written besides the original one: ``webp``, ``avif`` or ``none``."""
    quality: int = _field(80, example="80", kind=int, check="quality")
    """Quality of photos (1 to 100): lower is lighter."""


@dataclass(frozen=True, slots=True)
class CmsSection:
    """``[cms]``: editing in the browser, on the site's ``/admin/`` page (Decap CMS)."""

    backend: str = _field(example='"gitlab"', check="cms_backend")
    """Where the site's files live: ``github`` or ``gitlab`` (GitLab.com, Framagit or
    another GitLab); empty: no ``/admin/`` page."""
    repo: str = _field(example='"mon-asso/site"', check="cms_repo")
    """The repository, as ``owner/name`` (GitLab: ``group/subgroup/name`` too)."""
    branch: str = _field("main", example='"main"')
    """The branch the site is published from."""
    base_url: str = _field(example='"https://framagit.org"', check="https")
    """GitLab: the instance (default ``https://gitlab.com``); GitHub: the OAuth client that
    signs volunteers in (default: Netlify's, for a site Netlify hosts)."""
    api_root: str = _field(example='"https://framagit.org/api/v4"', check="https")
    """The forge's API, when not the default of ``base_url``."""
    app_id: str = _field(example='"4f9d…"')
    """GitLab: the Application ID of the OAuth application (PKCE, no secret)."""
    review: bool = _field(False, example="true", kind=bool)
    """Each « Publier » opens a merge request that someone accepts (Decap CMS's editorial
    workflow), instead of publishing at once."""


SECTIONS: dict[str, type] = {
    "site": SiteSection,
    "association": AssociationSection,
    "hosting": HostingSection,
    "brand": BrandSection,
    "links": LinksSection,
    "home": HomeSection,
    "join": JoinSection,
    "donate": DonateSection,
    "accessibility": AccessibilitySection,
    "editorial": EditorialSection,
    "feeds": FeedsSection,
    "calendar": CalendarSection,
    "cards": CardsSection,
    "images": ImagesSection,
    "cms": CmsSection,
}


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The validated configuration of one site.

    Attributes:
        root: the site folder.
        site, association, hosting, brand, links, home, join, donate, accessibility,
            editorial, feeds, calendar, cards, images, cms: the sections.
        pelican: extra Pelican settings from ``[pelican]`` (UPPER_CASE keys).
    """

    root: Path
    site: SiteSection
    association: AssociationSection = field(default_factory=AssociationSection)
    hosting: HostingSection = field(default_factory=HostingSection)
    brand: BrandSection = field(default_factory=BrandSection)
    links: LinksSection = field(default_factory=LinksSection)
    home: HomeSection = field(default_factory=HomeSection)
    join: JoinSection = field(default_factory=JoinSection)
    donate: DonateSection = field(default_factory=DonateSection)
    accessibility: AccessibilitySection = field(default_factory=AccessibilitySection)
    editorial: EditorialSection = field(default_factory=EditorialSection)
    feeds: FeedsSection = field(default_factory=FeedsSection)
    calendar: CalendarSection = field(default_factory=CalendarSection)
    cards: CardsSection = field(default_factory=CardsSection)
    images: ImagesSection = field(default_factory=ImagesSection)
    cms: CmsSection = field(default_factory=CmsSection)
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


def load_config(
    root: Path,
    defaults: Path | dict[str, Any] | None = None,
    *,
    overrides: Path | dict[str, Any] | None = None,
    federated: bool = False,
) -> tuple[SiteConfig | None, list[Problem]]:
    """Read and validate ``root/assosite.toml``.

    Args:
        root: the site folder.
        defaults: the same tables (or a TOML file of them), read first: the site's own
            keys win (a federation's defaults for its members).
        overrides: the same tables (or a TOML file of them) laid over the site's own:
            their keys win (what a federation imposes, such as the member's address).
        federated: the site is a member of a federation: ``[pelican]`` may only hold
            settings that load no code and read no file (AS503).

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
        return None, [syntax_problem(exc, "AS101", CONFIG_NAME)]
    for layer, below in ((defaults, True), (overrides, False)):
        if layer is None:
            continue
        tables, problem = (layer, None) if isinstance(layer, dict) else _read_layer(layer)
        if problem is not None:
            return None, [problem]
        data = merge_tables(tables, data) if below else merge_tables(data, tables)
    return config_from_data(root, data, find_key_lines(text), federated=federated)


def _read_layer(path: Path) -> tuple[dict[str, Any], Problem | None]:
    """Read a defaults or overrides file; a problem (AS160) when it is missing or not TOML."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig")), None
    except (OSError, UnicodeDecodeError) as exc:
        return {}, make_problem("AS160", path.as_posix(), 0, file=path.as_posix(), detail=str(exc))
    except tomllib.TOMLDecodeError as exc:
        return {}, syntax_problem(exc, "AS160", path.as_posix(), file=path.as_posix())


def merge_tables(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    """Return ``base`` with ``top`` laid over it, table by table: ``top``'s keys win."""
    merged = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_tables(merged[key], value)
        else:
            merged[key] = value
    return merged


def syntax_problem(exc: tomllib.TOMLDecodeError, code: str, path: str, **params: Any) -> Problem:
    """Return problem ``code`` for a TOML syntax error, at its line and column."""
    message = str(exc)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    line, column = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    detail = re.sub(r"\s*\(at .*?\)", "", message)
    return make_problem(code, path, line, column=column, detail=detail, **params)


def config_from_data(
    root: Path,
    data: dict[str, Any],
    lines: dict[tuple[str, ...], int] | None = None,
    *,
    federated: bool = False,
) -> tuple[SiteConfig | None, list[Problem]]:
    """Validate already-parsed settings (from TOML or from ``ASSOSITE_*`` settings).

    Args:
        root: the site folder.
        data: the tables, as ``{"site": {...}, "brand": {...}, ...}``.
        lines: the line of each key, when known.
        federated: refuse ``[pelican]`` settings that load code or read files (AS503).

    Returns:
        The configuration (None when an error makes it unusable) and every problem.
    """
    checker = Checker(root, lines or {}, federated=federated)
    for table in data:
        if table not in SECTIONS and table != "pelican":
            checker.unknown((), table, [*list(SECTIONS), "pelican"])
    sections = {
        name: checker.section(name, cls, data.get(name, {})) for name, cls in SECTIONS.items()
    }
    pelican = checker.pelican(data.get("pelican", {}))
    home = sections["home"]
    if home is not None and home.image and not home.image_alt:
        checker.add("AS170", ("home", "image"), value=home.image)
    if sections["cms"] is not None:
        checker.cms(sections["cms"])
    if any(p.severity == "error" for p in checker.problems):
        return None, checker.problems
    return SiteConfig(root=root, pelican=pelican, **sections), checker.problems
