"""Files written for Hugo, Jekyll, WordPress or Pelican: their keys and their file names.

A volunteer who copies an old site's Markdown gets it published as it is:
:func:`normalise` turns the other tools' spellings into assosite's keys (``authors``,
``lastmod``, ``expiryDate``, ``draft: true``, ``categories``, ``aliases``, the French
event keys ``datefin``, ``lieu``, ``horaire``…); the keys that only arrange the old
site (``layout``, ``weight``, ``toc``…) are ignored, and :func:`site_notes` reports
them once for the whole site instead of once per file. :func:`file_role` reads what
the file name says: a Hugo bundle (``fete/index.md``), a section file
(``_index.md``), a translation (``contact.en.md``).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from babel import localedata

from assosite.problems.report import Problem, make_problem
from assosite.reading.header import SourceHeader

# Keys that arrange or describe the old site, not the item: recognised, ignored.
LAYOUT_KEYS = frozenset(
    {
        # Hugo
        "layout",
        "weight",
        "linktitle",
        "keywords",
        "series",
        "translationkey",
        "outputs",
        "headless",
        "markup",
        "iscjklanguage",
        "resources",
        "cascade",
        "build",
        "params",
        "sitemap",
        "menus",
        "images",
        "videos",
        "audio",
        "toc",
        "showtoc",
        "tocopen",
        "hidemeta",
        "comments",
        "disablecomments",
        "featured",
        "featured_image",
        "featuredimage",
        "thumbnail",
        "cover",
        "hero",
        "banner",
        "math",
        "mermaid",
        "readingtime",
        "showreadingtime",
        "draft_title",
        "subtitle",
        "github_edit",
        # Jekyll and its themes (minima, minimal-mistakes, just-the-docs)
        "permalink",
        "excerpt_separator",
        "sidebar",
        "nav",
        "nav_order",
        "nav_exclude",
        "parent",
        "grand_parent",
        "has_children",
        "has_toc",
        "header",
        "classes",
        "share",
        "related",
        "read_time",
        "author_profile",
        "toc_label",
        "toc_icon",
        "toc_sticky",
        "search",
        "feature",
        "redirect_to",
        "hide",
        "ref",
        "order",
        "show_date",
        "modified_date",
        "last_modified",
        "teaser",
        # WordPress exports (wordpress-to-jekyll, wp2hugo)
        "id",
        "guid",
        "wordpress_id",
        "wp_id",
        "post_id",
        "original_post_id",
        "dsq_thread_id",
        "meta",
        "post_type",
        "comment_status",
        "ping_status",
        "password",
        "parent_id",
        "menu_order",
        # Pelican
        "template",
        "save_as",
        "translation",
        "url",
        "nav_title",
        # shared by several
        "menu",
        "type",
        "class",
        "css",
        "js",
        "script",
        "icon",
        "color",
        "robots",
        "noindex",
        "canonical",
        "canonicalurl",
    }
)

# Hugo's and Jekyll's layout types (``type: post``): the folder gives the kind instead.
LAYOUT_TYPES = frozenset({"post", "posts", "blog", "default", "single", "list", "section"})

# Another tool's key → assosite's key, taken when assosite's own is not written.
RENAMED = {
    "authors": "author",
    "publishdate": "date",
    "pubdate": "date",
    "publish_date": "date",
    "lastmod": "modified",
    "last_modified_at": "modified",
    "updated": "modified",
    "expirydate": "expires",
    "expiry_date": "expires",
    "expirationdate": "expires",
    "unpublishdate": "expires",
    "description": "summary",
    "excerpt": "summary",
    "redirect_from": "aliases",
    "datefin": "end",
    "date_fin": "end",
    "date-fin": "end",
    "horaires": "horaire",
}
# French event keys that cannot mean anything else (``lieu``: the place).
EVENT_RENAMED = {"lieu": "location"}
# Statuses of other tools: WordPress ``publish``, Pelican ``skip``, WordPress drafts.
STATUSES = {
    "publish": "published",
    "private": "draft",
    "pending": "draft",
    "future": "draft",
    "trash": "draft",
}
SITE_NOTES = ("AS250", "AS251", "AS252")

_LANG_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2}(?:[-_][a-zA-Z]{2})?)$")


@dataclass(frozen=True, slots=True)
class FileRole:
    """What a file's name says about it.

    Attributes:
        stem: the name the item's address and date come from (a bundle's folder,
            a translation's name without its language).
        role: ``item``, ``section`` (a Hugo ``_index.md`` that is not a page) or
            ``translation`` (a file in another language than the site's).
        lang: the language written in the file name (``en`` in ``contact.en.md``).
    """

    stem: str
    role: str = "item"
    lang: str = ""


def file_role(relative: str, language: str) -> FileRole:
    """Read a path relative to ``content/``: bundle, section file or translation.

    ``pages/association/_index.md`` is the page « association »; any other
    ``_index.md`` is a section file (assosite makes its own lists).

    Args:
        relative: the file's path relative to ``content/``.
        language: the site's language.
    """
    path = PurePosixPath(relative)
    stem, lang = path.stem, ""
    match = _LANG_SUFFIX.match(stem)
    # Only a real language: « rapport.ag.md » is not a translation.
    if match and localedata.exists(match.group("lang").replace("-", "_")):
        stem, lang = match.group("stem"), match.group("lang").lower()
    if stem in ("index", "_index") and len(path.parts) > 2:
        folder = path.parent.name
        if stem == "_index" and path.parts[0] != "pages":
            return FileRole(folder, "section", lang)
        stem = folder
    elif stem == "_index":
        return FileRole(stem, "section", lang)
    if lang and lang.split("-")[0].split("_")[0] != language.split("-", maxsplit=1)[0]:
        return FileRole(stem, "translation", lang)
    return FileRole(stem, "item", lang)


def normalise(header: SourceHeader, kind: str) -> SourceHeader:
    """Return ``header`` with other tools' keys written as assosite's.

    The renamed keys keep their line. ``draft: true`` and ``published: false`` become
    ``status: draft``; ``categories`` join the tags; on a page, Hugo's ``menu: main``
    with its ``weight`` becomes the menu position.
    """
    fields, lines, texts = dict(header.fields), dict(header.lines), dict(header.texts)

    def rename(old: str, new: str) -> None:
        if old in fields and (new not in fields or fields[new] in (None, "")):
            fields[new] = fields.pop(old)
            lines[new] = lines.get(old, 1)
            if old in texts:
                texts[new] = texts.pop(old)

    for old, new in RENAMED.items():
        rename(old, new)
    if kind == "event":
        for old, new in EVENT_RENAMED.items():
            rename(old, new)
    _picture(fields, lines)
    _status(fields, lines)
    _categories(fields, lines)
    if kind == "page":
        _menu(fields, lines)
    for key in ("permalink", "url"):
        _old_address(fields, lines, key)
    return dataclasses.replace(header, fields=fields, lines=lines, texts=texts)


def _picture(fields: dict[str, Any], lines: dict[str, int]) -> None:
    """Jekyll themes' ``image: {path: …, alt: …}`` is ``image`` and ``image_alt``."""
    image = fields.get("image")
    if not isinstance(image, dict):
        return
    fields["image"] = image.get("path") or image.get("src") or image.get("url") or ""
    if image.get("alt") and not fields.get("image_alt"):
        fields["image_alt"] = image["alt"]
        lines.setdefault("image_alt", lines.get("image", 1))


def _status(fields: dict[str, Any], lines: dict[str, int]) -> None:
    status = fields.get("status")
    if isinstance(status, str) and status.strip().lower() in STATUSES:
        fields["status"] = STATUSES[status.strip().lower()]
    unpublished = fields.get("draft") is True or fields.get("published") is False
    if unpublished and "status" not in fields:
        fields["status"] = "draft"
        lines["status"] = lines.get("draft", lines.get("published", 1))


def _categories(fields: dict[str, Any], lines: dict[str, int]) -> None:
    """Add ``categories`` (and Jekyll's ``category``) to the tags."""
    extra: list[Any] = []
    for key in ("categories", "category"):
        value = fields.pop(key, None)
        if isinstance(value, str):
            extra += value.split(",") if "," in value else [value]
        elif isinstance(value, list):
            extra += [v for v in value if isinstance(v, str | int)]
        if value is not None:
            lines.setdefault("tags", lines.get(key, 1))
    if not extra:
        return
    tags = fields.get("tags")
    if isinstance(tags, str):
        tags = tags.split(",")
    fields["tags"] = [*(tags if isinstance(tags, list) else []), *extra]


def _menu(fields: dict[str, Any], lines: dict[str, int]) -> None:
    """Hugo's ``menu: main`` (or ``menu: {main: {weight: 3}}``) and ``weight``: a position.

    Another Hugo menu (``menu: footer``) is not the main navigation: the page is
    left out of it. Any other text stays as written (and is reported).
    """
    menu = fields.get("menu")
    if not isinstance(menu, dict | list) and menu != "main":
        return
    if "main" not in menu:
        fields.pop("menu")
        return
    weight = fields.get("weight")
    if isinstance(menu, dict) and isinstance(menu.get("main"), dict):
        weight = menu["main"].get("weight", weight)
    fields["menu"] = weight if isinstance(weight, int) and weight > 0 else 90


def _old_address(fields: dict[str, Any], lines: dict[str, int], key: str) -> None:
    """A literal ``permalink`` or ``url`` of the old site becomes an old address."""
    value = fields.get(key)
    if not isinstance(value, str) or ":" in value or not value.startswith("/"):
        return
    aliases = fields.get("aliases")
    aliases = [aliases] if isinstance(aliases, str) else list(aliases or [])
    if value not in aliases:
        fields["aliases"] = [*aliases, value]
        lines.setdefault("aliases", lines.get(key, 1))


# Other tools' keys that assosite reads (through :func:`normalise`).
READ_KEYS = ("draft", "published", "aliases", "categories")


def ignored_keys(header: SourceHeader, allowed: tuple[str, ...]) -> list[str]:
    """Return the keys of ``header`` that other tools use and assosite ignores.

    A ``type`` that is not an assosite kind (Hugo's ``type: post``) is one of them.
    """
    found = []
    for key, value in header.fields.items():
        if key == "type":
            if str(value).strip().lower() in LAYOUT_TYPES:
                found.append(key)
        elif (key in LAYOUT_KEYS or key in RENAMED) and key not in allowed:
            found.append(key)
    return found


@dataclass(slots=True)
class SiteNotes:
    """What the whole site's files share, reported once: ignored keys, skipped files.

    Attributes:
        keys: how many files use each ignored key.
        files: the files with ignored keys.
        skipped: the files not published, by note code (``AS251``, ``AS252``).
    """

    keys: Counter[str] = field(default_factory=Counter)
    files: list[str] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)

    def add(self, problem: Problem) -> None:
        """Count one file's note (a problem whose code is in :data:`SITE_NOTES`)."""
        if problem.code == "AS250":
            self.keys.update(problem.params["keys"])
            self.files.append(problem.path)
        else:
            self.skipped.setdefault(problem.code, []).append(problem.path)

    def problems(self) -> list[Problem]:
        """Return one problem per kind of note, for the whole site."""
        found = []
        if self.files:
            keys = ", ".join(key for key, _ in self.keys.most_common())
            folder = self.files[0].split("/")[0]  # the whole content folder is concerned
            found.append(make_problem("AS250", folder, 0, count=len(self.files), keys=keys))
        for code, paths in sorted(self.skipped.items()):
            found.append(
                make_problem(code, paths[0], 0, count=len(paths), files=", ".join(paths[:3]))
            )
        return found
