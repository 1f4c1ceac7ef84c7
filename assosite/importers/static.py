"""Read a Hugo, Jekyll or Pelican site: its Markdown files, front matter, images, addresses.

Folders decide the type (the usual names are known: ``posts``, ``blog``,
``actualites`` → news; ``events``, ``agenda`` → events; ``pages`` → pages; a file at
the top is a page), ``--map`` says otherwise. Front matter keys are rewritten to
assosite's (:mod:`assosite.importers.keys`); Hugo bundles' images and the files a
text shows are copied into ``content/images/``; Jekyll posts take their date from
their file name; each item's old address becomes a redirect.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from assosite.importers import codes
from assosite.importers.addresses import OldAddresses
from assosite.importers.convert import Place, Rewriter
from assosite.importers.folders import (
    IGNORED,
    NOT_CONTENT,
    SUFFIXES,
    USUAL_FOLDERS,
    content_root,
    relative_name,
    static_roots,
    strip_prefix,
)
from assosite.importers.keys import item_fields, parse_time
from assosite.importers.report import ImportReport
from assosite.importers.rst import read_rst, rst_html
from assosite.importers.summary import cut_summary, first_paragraph
from assosite.importers.writing import Assets, ImportedItem
from assosite.model.urls import site_paths, slugify
from assosite.problems.report import Severity
from assosite.reading.header import read_header

STATIC_TOOLS = ("hugo", "jekyll", "pelican")
_LANG_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})$")
_DATED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")


@dataclass(frozen=True, slots=True)
class StaticOptions:
    """How to read a static site.

    Attributes:
        mapping: folder name → kind, over the usual names (``--map``).
        summary_budget: the site's ``summary_max_length``.
        timezone: the site's time zone.
        language: the site's language (other languages are translations).
    """

    mapping: dict[str, str] = field(default_factory=dict)
    summary_budget: int = 200
    timezone: str = "Europe/Paris"
    language: str = "fr"


@dataclass(slots=True)
class _File:
    """One content file of the old site, after its header is read."""

    path: Path
    shown: str
    kind: str
    values: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_line: int
    slug: str = ""
    lang: str = ""
    bundle: Path | None = None
    new_url: str = ""


class StaticSource:
    """Turns a Hugo, Jekyll or Pelican site into items and the files they show.

    Args:
        tool: ``hugo``, ``jekyll`` or ``pelican``.
        root: the old site's folder.
        options: folder mapping, summary budget, time zone, language.
        report: where skipped files and unknown codes go.
    """

    def __init__(self, tool: str, root: Path, options: StaticOptions, report: ImportReport) -> None:
        self.tool = tool
        self.root = root
        self.options = options
        self.report = report
        self.assets = Assets(report)
        self.content = content_root(tool, root)
        self.statics = static_roots(tool, root, self.content)
        self.addresses = OldAddresses.read(tool, root)
        self.paths = site_paths(options.language)
        self.rewriter = Rewriter(report, self.resolve, base=self.addresses.base)
        self._current: _File | None = None

    def items(self) -> list[ImportedItem]:
        """Return the items of the old site, sorted by file; report the others."""
        files = [f for f in (self._read(p) for p in self._content_files()) if f is not None]
        links = {}
        for file in files:
            file.new_url = "/" + self.paths.item_url(file.kind, file.slug)
            for key in _link_keys(file, self.content):
                links.setdefault(key, file.new_url)
        self._links = links
        menu = _menu_positions(files)
        out = []
        for file in files:
            item = self._item(file, menu.get(file.shown))
            if item is not None:
                out.append(item)
        return out

    # -- files ---------------------------------------------------------------------------

    def _content_files(self) -> list[Path]:
        found = []
        for path in sorted(self.content.rglob("*")):
            relative = path.relative_to(self.content)
            if not path.is_file() or path.suffix.lower() not in (*SUFFIXES, ".rst"):
                continue
            if relative.parts[0] == "_drafts":  # Jekyll's drafts: counted, never imported
                self.report.problem("AS260", path.as_posix(), 1, title=path.stem, value="draft")
                continue
            if any(part.startswith(".") or part in IGNORED for part in relative.parts[:-1]):
                continue
            if path.stem.lower() in NOT_CONTENT and len(relative.parts) == 1:
                continue
            found.append(path)
        return found

    def _read(self, path: Path) -> _File | None:
        shown = path.as_posix()
        if path.suffix.lower() == ".rst":
            read = self._read_rst(path, shown)
        else:
            read = self._read_markdown(path, shown)
        if read is None:
            return None
        values, lines, body, body_line = read
        relative = path.relative_to(self.content)
        name = relative.stem
        if name in ("_index", "index") and len(relative.parts) == 1:
            self.report.problem("AS261", shown, 1, title=values.get("title", name), value=name)
            return None
        if name.startswith("_index"):
            self.report.problem("AS261", shown, 1, title=values.get("title", name), value=name)
            return None
        kind = self._kind(relative, values)
        if _is_draft(values):
            key = next((k for k in ("draft", "published", "status") if k in values), "title")
            title = values.get("title", name)
            self.report.problem("AS260", shown, lines.get(key, 1), title=title, value="draft")
            return None
        file = _File(path, shown, kind, values, lines, body, body_line)
        file.lang, file.slug = self._slug_and_lang(file, relative)
        if name.split(".")[0] == "index" and len(relative.parts) > 1:
            file.bundle = path.parent
        return file

    def _read_markdown(
        self, path: Path, shown: str
    ) -> tuple[dict[str, Any], dict[str, int], str, int] | None:
        """Return a Markdown file's header, the line of each key, its text and its line."""
        header, body, body_line = read_header(path.read_bytes(), shown)
        errors = [p for p in header.problems if p.severity == Severity.ERROR]
        if errors:
            self.report.problem("AS264", shown, errors[0].line, detail=errors[0].code)
            return None
        values = {str(k).lower(): v for k, v in header.fields.items()}
        return values, dict(header.lines), body, body_line

    def _read_rst(
        self, path: Path, shown: str
    ) -> tuple[dict[str, Any], dict[str, int], str, int] | None:
        """Return a Pelican reStructuredText file's fields and text (other tools: AS261)."""
        if self.tool != "pelican":
            self.report.problem("AS261", shown, 0, title=path.stem, value=".rst")
            return None
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            self.report.problem("AS264", shown, 0, detail=exc.reason)
            return None
        fields, lines, body = read_rst(text)
        return dict(fields), lines, body, 1

    def _kind(self, relative: PurePosixPath | Path, values: dict[str, Any]) -> str:
        if str(values.get("type", "")).lower() in ("news", "event", "page", "testimony"):
            return str(values["type"]).lower()
        if len(relative.parts) == 1:
            return "page" if self.tool != "pelican" else "news"
        folder = relative.parts[0]
        for name in (folder, folder.lstrip("_"), slugify(folder)):
            if name in self.options.mapping:
                return self.options.mapping[name]
            if name in USUAL_FOLDERS:
                return USUAL_FOLDERS[name]
        return "news" if self.tool == "pelican" else "page"

    def _slug_and_lang(self, file: _File, relative: Path) -> tuple[str, str]:
        stem = relative.stem
        lang = str(file.values.get("lang", "") or "").lower()
        if match := _LANG_SUFFIX.match(stem):
            stem, lang = match.group("stem"), match.group("lang")
        if stem == "index" and len(relative.parts) > 1:
            stem = relative.parts[-2]
        match = _DATED.match(stem)
        if match:
            stem = match.group(4)
        # Pelican names a page after its title unless told otherwise; the others after the file.
        named = str(file.values.get("title") or stem) if self.tool == "pelican" else stem
        slug = slugify(str(file.values.get("slug") or "") or named)
        if file.kind == "event":
            start = parse_time(
                _first(file.values, ("start", "start_date", "startdate", "date")),
                self.options.timezone,
            )
            if start is not None and not _DATED.match(slug):
                slug = f"{start:%Y-%m-%d}-{slug}"
        if lang and lang != self.options.language:
            return lang, f"{slug}-{lang}"
        return "", slug

    # -- images --------------------------------------------------------------------------

    def resolve(self, reference: str, place: Place) -> str | None:
        """Return the path in ``content/`` of a file a text shows, copying it there."""
        reference = reference.strip()
        if not reference or reference.startswith(("#", "mailto:", "data:")):
            return None
        parts = urlsplit(reference)
        if parts.scheme or parts.netloc:
            self.assets.report_missing(reference, place)
            return None
        path = unquote(parts.path)
        file = self._current
        candidates: list[tuple[Path, str]] = []
        if path.startswith("/"):
            candidates += [(root / path.lstrip("/"), path) for root in self.statics]
        elif file is not None:
            local = file.path.parent / path
            if file.bundle is not None:
                candidates.append((local, f"{file.slug}/{PurePosixPath(path).name}"))
            candidates.append((local, relative_name(local, self.root)))
        for source, name in candidates:
            if source.is_file() and source.resolve().is_relative_to(self.root.resolve()):
                return self.assets.copy(source, strip_prefix(name))
        self.assets.report_missing(reference, place)
        return None

    # -- items ---------------------------------------------------------------------------

    def _item(self, file: _File, menu: int | None) -> ImportedItem | None:
        self._current = file
        place = Place(file.shown, file.body_line)
        context = codes.CodeContext(
            self.report,
            self._link,
            file.values,
            lambda tag: f"/{self.paths.tags}/{slugify(tag)}/",
            file.body,
        )
        convert = {"hugo": codes.hugo, "jekyll": codes.liquid, "pelican": codes.pelican}[self.tool]
        if file.path.suffix.lower() == ".rst":
            body = self.rewriter.html(rst_html(convert(file.body, place, context))[1], place)
        else:
            body = self.rewriter.markdown(file.body, place, lambda t, p: convert(t, p, context))
        fields, problem = item_fields(
            file.kind, file.values, self.options.timezone, self._date(file)
        )
        if problem is not None:
            key, example = problem
            self.report.problem(
                "AS266",
                file.shown,
                file.lines.get(key, 1),
                title=file.values.get("title", file.slug),
                key=key,
                example=example,
            )
            return None
        fields = self._images(file, fields)
        summary = dict(fields).get("summary") or cut_summary(
            _before_more(file.body, body), self.options.summary_budget
        )
        fields = (
            ("summary", summary or str(file.values.get("title", ""))),
            *[(k, v) for k, v in fields if k != "summary"],
        )
        if file.lang:
            fields = (*fields, ("lang", file.lang))
        if menu is not None:
            fields = (*fields, ("menu", menu))
        date = dict(fields).get("date")
        title = " ".join(str(file.values.get("title") or file.slug).split())
        return ImportedItem(
            kind=file.kind,
            title=title,
            slug=file.slug,
            body=body,
            place=place,
            date=parse_time(date, self.options.timezone) if file.kind == "news" else None,
            fields=tuple((k, v) for k, v in fields if k != "date"),
            old_urls=self.addresses.of(
                PurePosixPath(file.path.relative_to(self.content).as_posix()),
                file.values,
                file.kind,
                file.lang,
            ),
        )

    def _date(self, file: _File) -> dt.datetime | dt.date | None:
        match = _DATED.match(file.path.stem) or _DATED.match(file.path.parent.name)
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return None

    def _images(
        self, file: _File, fields: tuple[tuple[str, Any], ...]
    ) -> tuple[tuple[str, Any], ...]:
        values = dict(fields)
        image = values.pop("image", "")
        alt = values.pop("image_alt", "")
        out = [(k, v) for k, v in fields if k not in ("image", "image_alt")]
        if not image:
            return tuple(out)
        local = self.resolve(str(image), Place(file.shown, file.lines.get("image", 1)))
        if local is None:
            return tuple(out)
        if not alt:
            self.report.problem("AS268", file.shown, file.lines.get("image", 1), value=local)
            return tuple(out)
        return (*out, ("image", local), ("image_alt", alt))

    def _link(self, target: str) -> str | None:
        target = target.strip().strip("'\"")
        for key in (target, target.lstrip("/"), PurePosixPath(target).stem):
            if key in self._links:
                return self._links[key]
        return None


def _first(values: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((values[k] for k in keys if values.get(k) not in (None, "")), None)


def _is_draft(values: dict[str, Any]) -> bool:
    if values.get("draft") is True or str(values.get("draft", "")).lower() == "true":
        return True
    if values.get("published") is False:
        return True
    return str(values.get("status", "")).lower() in ("draft", "hidden", "private")


def _before_more(source: str, body: str) -> str:
    """Return the text before ``<!--more-->`` or Jekyll's excerpt, else the first paragraph."""
    parts = re.split(r"<!--\s*more\s*-->", source, maxsplit=1)
    if len(parts) == 2:
        text = first_paragraph(parts[0]) or ""
        if text:
            return text
    return first_paragraph(body)


def _link_keys(file: _File, content: Path) -> list[str]:
    relative = file.path.relative_to(content).as_posix()
    keys = [relative, "/" + relative, file.path.stem, file.shown]
    if file.bundle is not None:
        keys.append(file.path.parent.relative_to(content).as_posix())
    return keys


def _menu_positions(files: list[_File]) -> dict[str, int]:
    """Number Hugo's ``menu: main`` pages by weight, then title (1 first)."""
    chosen = []
    for file in files:
        menu = file.values.get("menu")
        if isinstance(menu, int) and not isinstance(menu, bool):
            continue
        in_main = (
            menu == "main"
            or (isinstance(menu, list) and "main" in menu)
            or (isinstance(menu, dict) and "main" in menu)
        )
        if file.kind == "page" and in_main:
            weight = file.values.get("weight")
            if isinstance(menu, dict) and isinstance(menu.get("main"), dict):
                weight = menu["main"].get("weight", weight)
            chosen.append(
                (
                    weight if isinstance(weight, int) else 999,
                    str(file.values.get("title")),
                    file.shown,
                )
            )
    return {shown: number for number, (_, _, shown) in enumerate(sorted(chosen), start=1)}
