"""Check each setting of ``assosite.toml`` and collect every problem at its line.

:class:`Checker` validates one section at a time from the field metadata of the
section dataclasses (type, required, example, extra check), so adding a setting to
:mod:`assosite.config.site` is enough for it to be checked and reported.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import re
import zoneinfo
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from assosite.config.resources import data_path, theme_path
from assosite.model.colours import TEXT_MINIMUM, UI_MINIMUM, WHITE, contrast_ratio, nearest_passing
from assosite.problems.catalogue import N_
from assosite.problems.report import Problem, make_problem

CONFIG_NAME = "assosite.toml"
LANGUAGES = ("fr", "en")
# Image formats that Pillow draws on cards and that social networks show.
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
# The modern formats content images may be published in besides their own.
MODERN_FORMATS = ("webp", "avif", "none")
# The forges whose repositories /admin/ edits (Decap CMS's backends without Netlify).
CMS_BACKENDS = ("gitlab", "github")

# Pelican settings that assosite owns: changing them from [pelican] would break the
# build's guarantees (output swap, reader, no foreign feeds).
PROTECTED_PELICAN_KEYS = {
    "PATH": (N_("assosite choisit le dossier content/")),
    "OUTPUT_PATH": (N_("utilisez --output")),
    "PLUGINS": (N_("assosite active son propre module")),
    "DELETE_OUTPUT_DIRECTORY": (N_("assosite remplace la sortie en sécurité"),),
    "READERS": (N_("assosite lit les fichiers Markdown")),
    "THEME": (N_("utilisez « theme » dans [site]")),
    "SITEURL": (N_("utilisez « url » dans [site]")),
    "SITENAME": (N_("utilisez « name » dans [site]")),
}

# The only [pelican] settings a federation member may set: plain values that load no
# code (plugins, Jinja filters, Markdown extensions) and read no file outside the site.
FEDERATED_PELICAN_KEYS = frozenset(
    {
        "DEFAULT_DATE_FORMAT",
        "DEFAULT_ORPHANS",
        "NEWEST_FIRST_ARCHIVES",
        "SLUG_REGEX_SUBSTITUTIONS",
        "SUMMARY_MAX_LENGTH",
        "SUMMARY_MAX_PARAGRAPHS",
    }
)


def _writes_avif() -> bool:
    """Return True when Pillow can write AVIF (Pillow is loaded only for this question)."""
    from PIL import features  # noqa: PLC0415

    return bool(features.check("avif"))


class Checker:
    """Validates sections one field at a time and collects problems."""

    def __init__(
        self,
        root: Path,
        lines: dict[tuple[str, ...], int],
        *,
        path: str = CONFIG_NAME,
        federated: bool = False,
    ) -> None:
        self.root = root
        self.lines = lines
        self.path = path
        self.federated = federated
        self.problems: list[Problem] = []

    def line(self, *path: str) -> int:
        """Return the TOML line of ``path`` (or of its nearest table)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 0

    def add(self, code: str, path: tuple[str, ...], **params: Any) -> None:
        """Record problem ``code`` at the line of ``path``."""
        self.problems.append(make_problem(code, self.path, self.line(*path), **params))

    def unknown(self, table: tuple[str, ...], key: str, allowed: list[str]) -> None:
        """Report AS102 for ``key`` in ``table``, with « did you mean »."""
        hint = difflib.get_close_matches(key, allowed, n=1)
        self.add(
            "AS102",
            (*table, key),
            key=key,
            table=".".join(table) or "…",
            allowed=", ".join(allowed),
            hint=hint[0] if hint else "",
        )

    def wrong(self, path: tuple[str, ...], value: Any, expected: str, example: str) -> None:
        """Report AS103: the setting at ``path`` has the wrong type or value."""
        key = ".".join(path[1:]) or path[0]
        self.add("AS103", path, key=key, value=value, expected_kind=expected, example=example)

    def section(self, name: str, cls: type, values: Any) -> Any:
        """Check one ``[section]`` and return its dataclass (None when unusable)."""
        if not isinstance(values, dict):
            self.wrong((name,), values, N_("une section entre crochets"), "…")
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
        """Check one setting against its field metadata; None when absent or invalid."""
        meta = spec.metadata
        if spec.name not in values or (meta["required"] and values[spec.name] == ""):
            if meta["required"]:
                self.add("AS104", (table,), key=spec.name, table=table, example=meta["example"])
            return None
        value = values[spec.name]
        kind = meta["kind"]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            expected = {
                str: (N_("un texte entre guillemets")),
                int: (N_("un nombre entier")),
                bool: (N_("true ou false")),
                dict: (N_("une table")),
                list: (N_("une liste entre crochets")),
                dt.date: (N_("une date sans guillemets")),
            }[kind]
            self.wrong((table, spec.name), value, expected, meta["example"])
            return None
        if kind is int and value < 0:
            self.wrong((table, spec.name), value, N_("un nombre positif"), meta["example"])
            return None
        check = meta["check"]
        if check and value != "" and not getattr(self, "check_" + check)(table, spec.name, value):
            return None
        return value.strip() if isinstance(value, str) else value

    def check_url(self, table: str, key: str, value: str) -> bool:
        """Accept an absolute http(s) address (AS108 otherwise)."""
        parts = urlsplit(value.strip())
        if parts.scheme in ("http", "https") and parts.netloc:
            return True
        self.add("AS108", (table, key), key=key, value=value)
        return False

    def check_link(self, table: str, key: str, value: str) -> bool:
        """Accept a site path (``/adherer/``) or an absolute address."""
        if value.startswith("/"):
            return True
        return self.check_url(table, key, value)

    def check_social(self, table: str, key: str, value: dict[str, Any]) -> bool:
        """Accept a table of label = address."""
        ok = True
        for label, url in value.items():
            if not isinstance(url, str):
                self.wrong((table, key, label), url, N_("une adresse web"), '"https://…"')
                ok = False
            elif not self.check_url(table, f"{key}.{label}", url):
                ok = False
        return ok

    def check_language(self, table: str, key: str, value: str) -> bool:
        """Accept ``fr`` or ``en`` (AS105 otherwise)."""
        if value in LANGUAGES:
            return True
        self.add("AS105", (table, key), value=value)
        return False

    def check_timezone(self, table: str, key: str, value: str) -> bool:
        """Accept an IANA time zone, suggesting the closest one (AS106)."""
        if is_timezone(value):
            return True
        hint = suggest_timezone(value)
        self.add(
            "AS106",
            (table, key),
            value=value,
            hint=hint if hint else "",
        )
        return False

    def check_colour(self, table: str, key: str, value: str) -> bool:
        """Accept ``#rrggbb`` that keeps its contrast where the theme uses it (AS107, AS120)."""
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value.strip()):
            self.add("AS107", (table, key), key=key, value=value)
            return False
        colour = value.strip().lower()
        uses = BRAND_BACKGROUNDS[key]
        failing = [use for use in uses if contrast_ratio(colour, use[0]) < use[1]]
        if not failing:
            return True
        background, minimum, name = min(failing, key=lambda use: contrast_ratio(colour, use[0]))
        suggestion = colour
        for use_background, use_minimum, _ in uses:  # one shade that passes everywhere
            suggestion = nearest_passing(suggestion, use_background, use_minimum)
        worst = min(contrast_ratio(suggestion, use[0]) for use in uses)
        self.add(
            "AS120",
            (table, key),
            key=key,
            value=value,
            background=background,
            background_name=name,
            suggestion=suggestion,
            ratio=round(contrast_ratio(colour, background), 2),
            minimum=float(minimum),
            suggestion_ratio=round(worst, 2),
        )
        return False

    def check_content_file(self, table: str, key: str, value: str) -> bool:
        """Accept a file inside ``content/`` (AS110 otherwise)."""
        if is_inside(self.root / "content", self.root / "content" / value):
            return True
        self.add("AS110", (table, key), key=key, value=value)
        return False

    def check_card_logo(self, table: str, key: str, value: str) -> bool:
        """Accept a PNG, JPEG or WebP file inside ``content/`` (AS110, AS140 otherwise)."""
        if not self.check_content_file(table, key, value):
            return False
        if Path(value).suffix.lower() in RASTER_SUFFIXES:
            return True
        self.add("AS140", (table, key), key=key, value=value)
        return False

    def check_photo(self, table: str, key: str, value: str) -> bool:
        """Accept a JPEG, PNG or WebP file inside ``content/`` (AS110, AS171 otherwise)."""
        if not self.check_content_file(table, key, value):
            return False
        if Path(value).suffix.lower() in RASTER_SUFFIXES:
            return True
        self.add("AS171", (table, key), key=key, value=value)
        return False

    def check_payment(self, table: str, key: str, value: str) -> bool:
        """Accept an ``https://`` address, as every payment page has (AS172 otherwise)."""
        if is_https(value):
            return True
        self.add("AS172", (table, key), key=key, value=value)
        return False

    def check_amounts(self, table: str, key: str, value: list[Any]) -> bool:
        """Accept a list of positive sums (whole or with cents) (AS173 otherwise)."""
        for amount in value:
            if isinstance(amount, bool) or not isinstance(amount, int | float) or amount <= 0:
                self.add("AS173", (table, key), key=key, value=amount)
                return False
        return True

    def check_severities(self, table: str, key: str, value: dict[str, Any]) -> bool:
        """Accept ``AS3xx = "error" | "warning" | "suggestion" | "off"``."""
        ok = True
        for code, level in value.items():
            if not re.fullmatch(r"AS3\d\d", code):
                self.wrong(
                    (table, key, code),
                    code,
                    N_("un code de règle éditoriale (AS3xx)"),
                    'AS304 = "off"',
                )
                ok = False
            elif level not in ("error", "warning", "suggestion", "off"):
                self.wrong(
                    (table, key, code),
                    level,
                    N_("« error », « warning », « suggestion » ou « off »"),
                    f'{code} = "off"',
                )
                ok = False
        return ok

    def check_widths(self, table: str, key: str, value: list[Any]) -> bool:
        """Accept a list of widths in pixels, 16 to 8000 (AS150 otherwise)."""
        wrong = [w for w in value if isinstance(w, bool) or not isinstance(w, int)]
        wrong += [w for w in value if isinstance(w, int) and not 16 <= w <= 8000]
        if not wrong:
            return True
        self.add("AS150", (table, key), key=key, value=wrong[0])
        return False

    def check_max_size(self, table: str, key: str, value: int) -> bool:
        """Accept a longest side of 320 to 8000 pixels (AS152 otherwise)."""
        return self._in_range(table, key, value, 320, 8000)

    def check_quality(self, table: str, key: str, value: int) -> bool:
        """Accept a quality of 1 to 100 (AS152 otherwise)."""
        return self._in_range(table, key, value, 1, 100)

    def _in_range(self, table: str, key: str, value: int, low: int, high: int) -> bool:
        if low <= value <= high:
            return True
        self.add("AS152", (table, key), key=key, value=value, low=low, high=high)
        return False

    def check_image_format(self, table: str, key: str, value: str) -> bool:
        """Accept ``webp``, ``avif`` (when Pillow can write it) or ``none`` (AS151)."""
        if value in MODERN_FORMATS and (value != "avif" or _writes_avif()):
            return True
        self.add("AS151", (table, key), key=key, value=value)
        return False

    def check_theme(self, table: str, key: str, value: str) -> bool:
        """Accept a bundled theme name or a theme folder of the site (AS401).

        A federation member may only use a bundled theme (AS505): templates are code.
        """
        bundled = "/" not in value and (data_path("themes") / value).is_dir()
        if self.federated and not bundled:
            self.add("AS505", (table, key), value=value, default="default")
            return False
        try:
            theme_path(value, self.root)
        except FileNotFoundError:
            self.add("AS401", (table, key), value=value)
            return False
        return True

    def check_https(self, table: str, key: str, value: str) -> bool:
        """Accept an ``https://`` address (AS108 for another, AS180 for plain http)."""
        if not self.check_url(table, key, value):
            return False
        if is_https(value):
            return True
        self.add("AS180", (table, key), key=key, value=value)
        return False

    def check_cms_backend(self, table: str, key: str, value: str) -> bool:
        """Accept ``github`` or ``gitlab`` (AS181 otherwise)."""
        if value in CMS_BACKENDS:
            return True
        hint = difflib.get_close_matches(value.lower(), CMS_BACKENDS, n=1)
        self.add("AS181", (table, key), value=value, hint=hint[0] if hint else CMS_BACKENDS[0])
        return False

    def check_cms_repo(self, table: str, key: str, value: str) -> bool:
        """Accept ``owner/name`` (AS182 otherwise)."""
        if re.fullmatch(r"[\w.-]+(/[\w.-]+)+", value.strip()):
            return True
        self.add("AS182", (table, key), value=value)
        return False

    def cms(self, section: Any) -> None:
        """Check what ``[cms]`` needs as a whole: a repository, GitLab's application (AS183)."""
        if not section.backend:
            return
        needed = ["repo"] + (["app_id"] if section.backend == "gitlab" else [])
        for key in needed:  # a key written but refused is reported already
            if not getattr(section, key) and ("cms", key) not in self.lines:
                self.add("AS183", ("cms", "backend"), key=key, backend=section.backend)

    def pelican(self, values: Any) -> dict[str, Any]:
        """Return the ``[pelican]`` settings, refusing those assosite owns (AS111)."""
        if not isinstance(values, dict):
            return {}
        accepted = {}
        for key, value in values.items():
            if key in PROTECTED_PELICAN_KEYS:
                reason = PROTECTED_PELICAN_KEYS[key]
                self.add("AS111", ("pelican", key), key=key, reason=reason)
            elif key != key.upper():
                self.unknown(("pelican",), key, [key.upper()])
            elif self.federated and key not in FEDERATED_PELICAN_KEYS:
                allowed = ", ".join(sorted(FEDERATED_PELICAN_KEYS))
                self.add("AS503", ("pelican", key), key=key, allowed=allowed)
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
            N_("le fond blanc des pages (liens, texte blanc des boutons)"),
        ),
        ("#f4f2ee", TEXT_MINIMUM, N_("le fond du pied de page")),
    ),
    "accent": (
        (
            WHITE,
            UI_MINIMUM,
            N_("le fond blanc (bordures et repères)"),
        ),
    ),
}


def is_inside(folder: Path, path: Path) -> bool:
    """Return True when ``path`` is an existing file inside ``folder``.

    ``../`` tricks and symbolic links that lead outside ``folder`` are refused.
    """
    try:  # a name too long, a NUL, a loop of links: not a file of the site
        resolved = path.resolve()
        return resolved.is_file() and resolved.is_relative_to(folder.resolve())
    except (OSError, ValueError):
        return False


def is_https(value: str) -> bool:
    """Return True when ``value`` is a complete ``https://`` address."""
    parts = urlsplit(value.strip())
    return parts.scheme == "https" and bool(parts.netloc)


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
