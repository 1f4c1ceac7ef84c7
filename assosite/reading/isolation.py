"""Keep a federation member inside its folder, and every page free of active HTML.

A member's Markdown may not link (``{static}``, ``{attach}``, ``{filename}``) to a
file outside its ``content/`` folder (AS501), and, unless the federation trusts its
members' HTML, raw HTML is sanitised with nh3: no script, iframe, inline event
handler or ``javascript:`` address reaches a page (AS502 says where something was
removed). A site of its own is sanitised the same way (AS243): its pages promise no
JavaScript on every host, not only where a Content-Security-Policy header is sent.
A member's ``pelicanconf.py`` is never executed (AS504).
"""

from __future__ import annotations

import re
from pathlib import Path

import nh3

from assosite.problems.report import Problem, make_problem

# Pelican's links to files of the site: {static}path, |static|path, {attach}, {filename}.
_FILE_LINK = re.compile(
    r"""(?:\{|\|)(?P<kind>static|attach|filename)(?:\}|\|)(?P<path>[^\s"'<>)\]]+)"""
)
# What sanitising removes: tags that run or embed, inline handlers, script addresses.
_ACTIVE_HTML = re.compile(
    r"<\s*(script|iframe|object|embed|style|form|base|meta|link)\b"
    r"|\son[a-z]+\s*="
    r"|(?:java|vb)script\s*:"
    r"|data\s*:\s*text/html",
    re.IGNORECASE,
)
_ATTRIBUTES = {"class", "id", "lang", "title", "dir"}
# The markup assosite itself writes for pictures (assosite.images.markup) stays as it is.
_RESPONSIVE_IMAGES = {
    "picture": set(),
    "source": {"srcset", "sizes", "type", "width", "height"},
    "img": {"srcset", "sizes", "loading", "decoding", "width", "height"},
}


def escaping_links(
    body: str, body_line: int, path: str, source: Path, content: Path
) -> list[Problem]:
    """Return AS501 for each link to a file outside ``content`` in a Markdown body.

    Args:
        body: the Markdown text under the header.
        body_line: the file's line where ``body`` starts.
        path: the file relative to the site folder, for the problems.
        source: the file itself (relative links start from its folder).
        content: the member's ``content/`` folder.
    """
    problems = []
    root = content.resolve()
    for number, line in enumerate(body.split("\n"), start=body_line):
        for match in _FILE_LINK.finditer(line):
            target = match.group("path").split("#")[0].split("?")[0]
            base = root if target.startswith("/") else source.resolve().parent
            resolved = (base / target.lstrip("/")).resolve()
            if not resolved.is_relative_to(root):
                problems.append(make_problem("AS501", path, number, value=match.group(0)))
    return problems


def active_html(body: str, body_line: int, path: str, code: str = "AS502") -> list[Problem]:
    """Return a problem for each line of raw HTML that sanitising changes (script, handler…).

    ``code`` is AS502 for a federation member, AS243 for a site of its own.
    """
    return [
        make_problem(code, path, number, value=match.group(0).strip())
        for number, line in enumerate(body.split("\n"), start=body_line)
        if (match := _ACTIVE_HTML.search(line))
    ]


def sanitize(html: str) -> str:
    """Return ``html`` with only harmless tags, attributes and addresses (nh3)."""
    attributes = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
    for tag, names in _RESPONSIVE_IMAGES.items():
        attributes[tag] = attributes.get(tag, set()) | names
    return nh3.clean(
        html,
        tags=nh3.ALLOWED_TAGS | set(_RESPONSIVE_IMAGES),
        generic_attribute_prefixes=None,
        attributes={**attributes, "*": _ATTRIBUTES},
        link_rel=None,
    )


def outside_link(source: Path, root: Path) -> str | None:
    """Return where ``source`` really is when a link leads it out of ``root``, else None.

    A file of ``content/`` that is a symbolic link (or lies in a linked folder) to
    somewhere outside the site would publish that file: it is refused (AS246).
    """
    try:
        resolved = source.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return str(source)
    return None if resolved.is_relative_to(root.resolve()) else str(resolved)


def ignored_code(site: Path) -> list[Problem]:
    """Return AS504 when a member ships Python settings: a federation never runs them."""
    return [
        make_problem("AS504", name, 0, value=name)
        for name in ("pelicanconf.py", "publishconf.py")
        if (site / name).exists()
    ]
