"""The addresses a Hugo, Jekyll or Pelican site gave its pages, so they can redirect.

Each tool's settings say how it built addresses (Hugo's ``[permalinks]``, Jekyll's
``permalink``, Pelican's ``ARTICLE_URL``); a file may name its own (``url``,
``permalink``, ``aliases``, ``redirect_from``). The settings are read as data: a
``pelicanconf.py`` is searched for its address patterns, never run.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from assosite.importers.keys import DATE, START, parse_time
from assosite.model.urls import slugify

_JEKYLL_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_PELICAN_URL = re.compile(
    r"^(ARTICLE_URL|PAGE_URL|ARTICLE_LANG_URL|PAGE_LANG_URL)\s*=\s*['\"]([^'\"]*)['\"]", re.M
)


def _read_data(path: Path) -> dict[str, Any]:
    """Return a TOML or YAML settings file as data ({} when absent or unreadable)."""
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    try:
        data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _urlize(text: str) -> str:
    return re.sub(r"\s+", "-", text.strip()).lower()


@dataclass(frozen=True, slots=True)
class OldAddresses:
    """How one old site built its addresses.

    Attributes:
        tool: ``hugo``, ``jekyll`` or ``pelican``.
        patterns: address pattern by section (Hugo, Jekyll collections) or kind.
        language: the old site's main language (others are under ``/xx/`` in Hugo).
        timezone: the time zone of the old site's dates.
        base: the old site's address (a missing image keeps a link there).
    """

    tool: str
    patterns: dict[str, str] = field(default_factory=dict)
    language: str = ""
    timezone: str = "Europe/Paris"
    base: str = ""

    @classmethod
    def read(cls, tool: str, root: Path) -> OldAddresses:
        """Read the old site's settings (missing ones give the tool's defaults)."""
        if tool == "hugo":
            data: dict[str, Any] = {}
            for name in (
                "hugo.toml",
                "config.toml",
                "hugo.yaml",
                "config.yaml",
                "hugo.yml",
                "config.yml",
                "config/_default/hugo.toml",
                "config/_default/config.toml",
            ):
                data = data or _read_data(root / name)
            links = data.get("permalinks") or {}
            patterns = {str(k): str(v) for k, v in links.items() if isinstance(v, str)}
            language = str(data.get("defaultContentLanguage", "")).lower()
            return cls(tool, patterns, language, base=str(data.get("baseURL", "")).rstrip("/"))
        if tool == "jekyll":
            data = _read_data(root / "_config.yml")
            style = str(data.get("permalink") or "date")
            patterns = {"posts": _JEKYLL_STYLES.get(style, style)}
            if style == "pretty":
                patterns["pages"] = "/:path/"
            for name, spec in (data.get("collections") or {}).items():
                if isinstance(spec, dict) and spec.get("permalink"):
                    patterns[str(name)] = str(spec["permalink"])
            base = str(data.get("url") or "").rstrip("/") + str(data.get("baseurl") or "")
            return cls(tool, patterns, base=base.rstrip("/"))
        conf = root / "pelicanconf.py"
        text = conf.read_text(encoding="utf-8", errors="replace") if conf.is_file() else ""
        patterns = {"ARTICLE_URL": "{slug}.html", "PAGE_URL": "pages/{slug}.html"}
        patterns.update(dict(_PELICAN_URL.findall(text)))
        return cls(tool, patterns, base=patterns.get("SITEURL", "").rstrip("/"))

    def of(
        self, relative: PurePosixPath, values: dict[str, Any], kind: str, lang: str
    ) -> tuple[str, ...]:
        """Return the old addresses of one file (its own address first, then aliases).

        Args:
            relative: the file relative to the old site's content folder.
            values: its front matter.
            kind: the kind it is imported as.
            lang: its language when it is a translation.
        """
        urls = [getattr(self, f"_{self.tool}")(relative, values, kind, lang)]
        for key in ("aliases", "redirect_from"):
            more = values.get(key)
            urls += [more] if isinstance(more, str) else [str(u) for u in more or ()]
        clean = ["/" + u.lstrip("/") for u in urls if u]
        return tuple(dict.fromkeys(clean))

    def _date(self, values: dict[str, Any], relative: PurePosixPath) -> dt.date | None:
        value = next((values[k] for k in (*DATE, *START) if values.get(k)), None)
        parsed = parse_time(value, self.timezone)
        if parsed is None and (match := re.match(r"(\d{4})-(\d{2})-(\d{2})-", relative.name)):
            return dt.date(*(int(g) for g in match.groups()))
        return parsed

    def _hugo(self, relative: PurePosixPath, values: dict[str, Any], kind: str, lang: str) -> str:
        prefix = f"/{lang}" if lang and lang != self.language else ""
        if values.get("url"):
            return prefix + str(values["url"])
        stem = relative.stem.split(".")[0]
        name = relative.parent.name if stem == "index" else stem
        folder = relative.parent.parent if stem == "index" else relative.parent
        section = relative.parts[0] if len(relative.parts) > 1 else ""
        pattern = self.patterns.get(section)
        if pattern is None:
            path = "/".join([*folder.parts, _urlize(str(values.get("slug") or name))])
            return f"{prefix}/{path}/"
        date = self._date(values, relative)
        slug = str(values.get("slug") or _urlize(str(values.get("title") or name)))
        return prefix + _fill(
            pattern,
            date,
            {
                "slug": slug,
                "title": _urlize(str(values.get("title") or name)),
                "section": section,
                "filename": name,
                "contentbasename": name,
            },
        )

    def _jekyll(self, relative: PurePosixPath, values: dict[str, Any], kind: str, lang: str) -> str:
        if values.get("permalink"):
            pattern = str(values["permalink"])
        elif relative.parts[0] == "_posts":
            pattern = self.patterns["posts"]
        elif relative.parts[0].startswith("_"):
            collection = relative.parts[0][1:]
            pattern = self.patterns.get(collection, f"/{collection}/:path:output_ext")
        else:
            pattern = self.patterns.get("pages", "/:path:output_ext")
        title = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", relative.stem)
        categories = values.get("categories") or values.get("category") or []
        if isinstance(categories, str):
            categories = categories.split()
        path = relative.with_suffix("").as_posix()
        if relative.parts[0].startswith("_"):
            path = PurePosixPath(*relative.parts[1:]).with_suffix("").as_posix()
        return _fill(
            pattern,
            self._date(values, relative),
            {
                "title": title,
                "slug": slugify(str(values.get("slug") or title)),
                "categories": "/".join(slugify(str(c)) for c in categories),
                "path": path,
                "name": title,
                "output_ext": ".html",
                "basename": title,
            },
        )

    def _pelican(
        self, relative: PurePosixPath, values: dict[str, Any], kind: str, lang: str
    ) -> str:
        slug = str(values.get("slug") or slugify(str(values.get("title") or relative.stem)))
        key = "PAGE" if kind == "page" else "ARTICLE"
        pattern = self.patterns.get(f"{key}_LANG_URL" if lang else f"{key}_URL", "{slug}.html")
        date = self._date(values, relative) or dt.date(1970, 1, 1)
        category = values.get("category") or (relative.parts[0] if len(relative.parts) > 1 else "")
        try:
            return pattern.format(
                slug=slug,
                date=date,
                lang=lang,
                category=slugify(str(category)) if category else "misc",
            )
        except (KeyError, IndexError, ValueError):
            return pattern


def _fill(pattern: str, date: dt.date | None, words: dict[str, str]) -> str:
    """Fill a Hugo or Jekyll address pattern (``/:year/:month/:title/``)."""
    if date is not None:
        words = {
            "year": f"{date:%Y}",
            "month": f"{date:%m}",
            "day": f"{date:%d}",
            "i_month": str(date.month),
            "i_day": str(date.day),
            "short_year": f"{date:%y}",
            "y_day": f"{date.timetuple().tm_yday:03d}",
            **words,
        }
    # Longest names first, so ``:title`` never eats the start of ``:titles``.
    for name in sorted(words, key=len, reverse=True):
        pattern = pattern.replace(f":{name}", words[name])
    return re.sub(r"/{2,}", "/", pattern)
