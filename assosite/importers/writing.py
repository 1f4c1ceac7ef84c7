"""Write what an import found into the site: content files, images, redirects.

Every file is written only when it is new or identical (``--force`` replaces the
others), in a fixed order and with fixed names, so running an import twice gives the
same files. Nothing is written outside the site folder.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.request
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from assosite.importers.convert import Place
from assosite.importers.report import ImportReport
from assosite.model.urls import SitePaths, slugify
from assosite.outputs.redirects import REDIRECTS_NAME, parse_redirects

KIND_FOLDERS = {"news": "news", "event": "events", "page": "pages", "testimony": "testimonies"}
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif")
_DOWNLOAD_TIMEOUT = 30


@dataclass(frozen=True, slots=True)
class ImportedItem:
    """One item of the old site, ready to be written as a content file.

    Attributes:
        kind: ``news``, ``event``, ``page`` or ``testimony``.
        title: its title.
        slug: its address name (events keep their date in it).
        body: its text, in Markdown.
        place: where it was in the old site (for the report).
        date: publication date (news) or None.
        fields: the other front matter keys, in the order they are written.
        old_urls: the addresses it had in the old site (site-relative, from ``/``).
        folder: sub-folder of ``content/pages/`` for child pages (``a-propos/``).
    """

    kind: str
    title: str
    slug: str
    body: str
    place: Place
    date: dt.datetime | dt.date | None = None
    fields: tuple[tuple[str, Any], ...] = ()
    old_urls: tuple[str, ...] = ()
    folder: str = ""

    def relative_path(self) -> str:
        """Return the file's path relative to ``content/``."""
        folder = KIND_FOLDERS[self.kind]
        if self.kind == "news" and self.date is not None:
            return f"{folder}/{self.date:%Y-%m-%d}-{self.slug}.md"
        if self.kind == "page":
            name = self.slug.removeprefix(slugify(self.folder.strip("/")) + "-")
            return f"{folder}/{self.folder}{name or self.slug}.md"
        return f"{folder}/{self.slug}.md"

    def front_matter(self) -> dict[str, Any]:
        """Return the header keys as assosite reads them."""
        values: dict[str, Any] = {"title": self.title}
        if self.date is not None and self.kind == "news":
            values["date"] = when(self.date)
        values.update((key, value) for key, value in self.fields if value not in ("", None, []))
        values["slug"] = self.slug
        return values

    def text(self) -> str:
        """Return the whole content file: YAML header, then the Markdown text."""
        header = yaml.safe_dump(
            self.front_matter(), allow_unicode=True, sort_keys=False, width=10_000
        )
        return f"---\n{header}---\n\n{self.body.strip()}\n"


def when(value: dt.datetime | dt.date) -> str | dt.date:
    """Return a date as the starter writes it (``2027-03-20 09:30``, or a date alone)."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value


def unique_slugs(items: list[ImportedItem]) -> list[ImportedItem]:
    """Give every item of a kind its own address (``-2``, ``-3`` after the first)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for item in items:
        group = "page" if item.kind == "page" else item.kind
        slug, number = item.slug, 1
        while (group, slug) in seen:
            number += 1
            slug = f"{item.slug}-{number}"
        seen.add((group, slug))
        out.append(item if slug == item.slug else replace(item, slug=slug))
    return out


_LINK = re.compile(r"(\]\()([^)\s]+)(\))")


def relink(items: list[ImportedItem], paths: SitePaths, base: str) -> list[ImportedItem]:
    """Point links to another item's old address at its new one.

    Args:
        items: every imported item, with its final slug.
        paths: the site's public folder names.
        base: the old site's address (``https://old.example``), or "".
    """
    new = {}
    for item in items:
        url = "/" + paths.item_url(item.kind, item.slug)
        for old in item.old_urls:
            new.setdefault(old, url)
            if base:
                new.setdefault(base + old, url)

    def replace_link(match: re.Match[str]) -> str:
        target = match.group(2)
        found = new.get(target) or new.get(target.split("#")[0])
        return f"{match.group(1)}{found}{match.group(3)}" if found else match.group(0)

    return [
        item if not new else replace(item, body=_LINK.sub(replace_link, item.body))
        for item in items
    ]


@dataclass(slots=True)
class Assets:
    """The images and documents an import copies into ``content/``.

    Attributes:
        files: the destination (relative to ``content/``) and its source file.
        data: the destination and its downloaded bytes.
        missing: references already reported as missing (each once per place).
    """

    report: ImportReport
    files: dict[str, Path] = field(default_factory=dict)
    data: dict[str, bytes] = field(default_factory=dict)
    missing: set[tuple[str, str]] = field(default_factory=set)

    def copy(self, source: Path, relative: str) -> str:
        """Plan the copy of ``source`` and return its path in ``content/``."""
        dest = destination(relative)
        self.files.setdefault(dest, source)
        return dest

    def download(self, url: str, relative: str) -> str | None:
        """Download ``url`` (only with ``--download``); None when it cannot be fetched."""
        dest = destination(relative)
        if dest in self.data:
            return dest
        request = urllib.request.Request(url, headers={"User-Agent": "assosite-import"})
        try:
            with urllib.request.urlopen(request, timeout=_DOWNLOAD_TIMEOUT) as response:
                self.data[dest] = response.read()
        except (OSError, ValueError):
            return None
        return dest

    def report_missing(self, reference: str, place: Place) -> None:
        """Report AS262 once per reference and place."""
        if (reference, place.path) not in self.missing:
            self.missing.add((reference, place.path))
            self.report.problem("AS262", place.path, place.line, value=reference)


def destination(relative: str) -> str:
    """Return where a file of the old site goes: images in ``images/``, others in ``files/``."""
    path = PurePosixPath(relative.lstrip("/"))
    parts = [
        slugify(part) if i < len(path.parts) - 1 else _file_name(part)
        for i, part in enumerate(path.parts)
        if part not in ("", ".", "..")
    ]
    folder = "images" if path.suffix.lower() in IMAGE_SUFFIXES else "files"
    return "/".join([folder, *parts])


def _file_name(name: str) -> str:
    stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix.lower()
    return f"{slugify(stem)}{suffix}"


class SiteWriter:
    """Writes into one site, never replacing a different file without ``force``.

    Args:
        site: the site folder (``assosite init`` made it).
        paths: the site's public folder names (for the new addresses).
        report: where written files and problems go.
        force: replace files that differ.
    """

    def __init__(self, site: Path, paths: SitePaths, report: ImportReport, force: bool) -> None:
        self.site = site
        self.content = site / "content"
        self.paths = paths
        self.report = report
        self.force = force

    def url_of(self, item: ImportedItem) -> str:
        """Return the new address of ``item``, from the site root."""
        return "/" + self.paths.item_url(item.kind, item.slug)

    def write_items(self, items: list[ImportedItem]) -> None:
        """Write every item, in order (the report lists each)."""
        for item in items:
            relative = "content/" + item.relative_path()
            if self._write(relative, item.text().encode("utf-8")):
                self.report.item(item.kind, relative)

    def write_assets(self, assets: Assets) -> None:
        """Copy and save every planned image and document."""
        planned = {dest: path.read_bytes() for dest, path in assets.files.items()}
        planned.update(assets.data)
        for dest in sorted(planned):
            if self._write("content/" + dest, planned[dest]):
                self.report.files.append("content/" + dest)

    def write_redirects(self, items: list[ImportedItem]) -> None:
        """Add each old address and its new one to the site's redirects file."""
        wanted: dict[str, str] = {}
        for item in items:
            new = self.url_of(item)
            for old in item.old_urls:
                if old and old != new:
                    wanted.setdefault(old, new)
        if not wanted:
            return
        path = self.site / REDIRECTS_NAME
        text = path.read_text(encoding="utf-8") if path.is_file() else _REDIRECTS_HEADER
        known = {rule.source: rule.target for rule in parse_redirects(text)[0]}
        lines = text.rstrip("\n").split("\n")
        for old, new in sorted(wanted.items()):
            self.report.redirects[old] = new
            if old in known:
                if known[old] != new and self.force:
                    lines = [_replace_rule(line, old, new) for line in lines]
                continue
            lines.append(f"{old} {new}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _write(self, relative: str, data: bytes) -> bool:
        target = self.site / relative
        if not target.resolve().is_relative_to(self.site.resolve()):
            return False
        if target.is_file():
            if target.read_bytes() == data:
                self.report.unchanged.append(relative)
                return True
            if not self.force:
                self.report.problem("AS265", relative, 0, value=relative)
                return False
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return True


_REDIRECTS_HEADER = """\
# Redirections : l'ancienne adresse d'une page, puis sa nouvelle adresse, séparées par
# une espace. assosite en fait le fichier _redirects de Netlify et, pour les autres
# hébergeurs, une petite page qui renvoie vers la nouvelle adresse.
"""


def _replace_rule(line: str, old: str, new: str) -> str:
    words = line.split()
    return f"{old} {new}" if words and words[0] == old else line
