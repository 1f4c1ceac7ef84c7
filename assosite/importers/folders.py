"""Where a static site tool keeps things: content, files, and which folder is which type.

Hugo and Pelican keep texts in ``content/``, Jekyll at the top of the site; files a
text shows are in ``static/`` (Hugo), at the top (Jekyll) or in ``content/``
(Pelican). The usual folder names give the type of what they hold.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

USUAL_FOLDERS = {
    **dict.fromkeys(
        ("posts", "post", "blog", "actualites", "actualite", "news", "articles", "billets"),
        "news",
    ),
    **dict.fromkeys(("events", "event", "agenda", "evenements", "evenement"), "event"),
    **dict.fromkeys(("pages", "page"), "page"),
    **dict.fromkeys(("testimonies", "temoignages", "temoignage"), "testimony"),
}
IGNORED = {
    "_site",
    "_includes",
    "_layouts",
    "_sass",
    "_data",
    "_plugins",
    "_drafts",
    "node_modules",
    "vendor",
    "public",
    "output",
    "resources",
    "themes",
    "layouts",
    "archetypes",
    "assets",
    "static",
    "data",
    "i18n",
    "plugins",
    "theme",
}
NOT_CONTENT = {"readme", "license", "licence", "changelog", "contributing", "404"}
SUFFIXES = (".md", ".markdown", ".mdown")


def content_root(tool: str, root: Path) -> Path:
    """Return the folder of the texts: ``content/`` for Hugo and Pelican, the site for Jekyll."""
    if tool in ("hugo", "pelican") and (root / "content").is_dir():
        return root / "content"
    return root


def static_roots(tool: str, root: Path, content: Path) -> list[Path]:
    """Return the folders where an address such as ``/img/logo.png`` is looked up, in order."""
    if tool == "hugo":
        return [root / "static", root / "assets", content]
    if tool == "pelican":
        return [content, root]
    return [root]


def relative_name(path: Path, root: Path) -> str:
    """Return ``path`` relative to the old site (its name alone when it is outside)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def strip_prefix(name: str) -> str:
    """Drop a first folder that only says "files" (``static/``, ``assets/``, ``images/``)."""
    parts = PurePosixPath(name.lstrip("/")).parts
    while len(parts) > 1 and parts[0].lower() in (
        "static",
        "assets",
        "images",
        "img",
        "uploads",
        "media",
        "content",
        "files",
    ):
        parts = parts[1:]
    return "/".join(parts)
