"""reStructuredText of a Pelican site: its fields and its HTML, with docutils (Pelican's parser).

Pelican reads ``:date:``, ``:tags:``, ``:summary:``… from the first field list of a
``.rst`` file and its title from the document title; the text is turned into HTML by
docutils, then into Markdown like a WordPress text.
"""

from __future__ import annotations

import re

from docutils.core import publish_parts

from assosite.importers.summary import html_text

_FIELD = re.compile(r"^:([\w-]+):\s*(.*)$")
# Never stop on a volunteer's markup mistake, never read other files.
_SETTINGS = {
    "report_level": 5,
    "halt_level": 5,
    "initial_header_level": 2,
    "doctitle_xform": True,
    "file_insertion_enabled": False,
    "raw_enabled": True,
    "input_encoding": "unicode",
}


def read_rst(text: str) -> tuple[dict[str, str], dict[str, int], str]:
    """Return the fields of a Pelican ``.rst`` file, the line of each, and the text without them.

    The title (the document title) is given as the ``title`` field unless one is written.
    """
    lines = text.split("\n")
    fields: dict[str, str] = {}
    numbers: dict[str, int] = {}
    first = last = -1
    for index, line in enumerate(lines):
        match = _FIELD.match(line)
        if match:
            key = match.group(1).lower()
            fields[key] = match.group(2).strip()
            numbers[key] = index + 1
            first = index if first < 0 else first
            last = index
        elif first >= 0:
            break
    rest = lines[:first] + lines[last + 1 :] if first >= 0 else lines
    body = "\n".join(rest)
    title, _ = rst_html(body)
    if title and "title" not in fields:
        fields["title"] = title
        numbers["title"] = 1
    return fields, numbers, body


def rst_html(text: str) -> tuple[str, str]:
    """Return the title (plain words) and the HTML body of a reStructuredText text."""
    parts = publish_parts(text, writer="html5", settings_overrides=_SETTINGS)
    return html_text(parts["title"]), parts["body"]
