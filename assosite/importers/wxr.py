"""Parse a WordPress export file (WXR 1.0 to 1.2) into plain values, keeping each item's line.

WordPress changes the namespace of its elements with the version (``export/1.1/``,
``export/1.2/``), so elements are found by their local name. lxml gives the line of
each ``<item>``; a damaged file is read as far as it can be (``recover``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree


@dataclass(slots=True)
class Entry:
    """One ``<item>`` of the export, as plain values."""

    line: int
    values: dict[str, str]
    meta: dict[str, str]
    terms: list[tuple[str, str]]
    comments: int = 0

    def get(self, key: str) -> str:
        """Return the text of the child element ``key`` ("" when absent)."""
        return self.values.get(key, "")

    @property
    def id(self) -> str:
        """The item's ``post_id``."""
        return self.get("post_id")


@dataclass(slots=True)
class Export:
    """The whole export: its address and its items by type."""

    base: str
    entries: list[Entry] = field(default_factory=list)
    authors: dict[str, str] = field(default_factory=dict)
    """Display name of each author, by login (``dc:creator`` gives the login)."""

    def of(self, post_type: str) -> dict[str, Entry]:
        """Return the items of one ``post_type`` by their id."""
        return {e.id: e for e in self.entries if e.get("post_type") == post_type}


def read_export(path: Path) -> Export:
    """Parse the export file with lxml (its line numbers go into the report).

    Raises:
        etree.XMLSyntaxError: when the file is not XML at all.
    """
    parser = etree.XMLParser(recover=True, huge_tree=True, resolve_entities=False)
    root = etree.parse(str(path), parser).getroot()
    if root is None:
        raise etree.XMLSyntaxError("empty document", None, 1, 1, str(path))
    channel = root.find("channel")
    base = ""
    export = Export(base="")
    for element in channel if channel is not None else ():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name in ("base_site_url", "link") and not base:
            base = (element.text or "").strip().rstrip("/")
        elif name == "item":
            export.entries.append(_entry(element))
        elif name == "author":
            login = _text(element, "author_login")
            export.authors[login] = _text(element, "author_display_name") or login
    export.base = base
    return export


def _entry(element: etree._Element) -> Entry:
    values: dict[str, str] = {}
    meta: dict[str, str] = {}
    terms: list[tuple[str, str]] = []
    comments = 0
    for child in element:
        if not isinstance(child.tag, str):
            continue
        qname = etree.QName(child)
        name = qname.localname
        if name == "encoded":
            name = "excerpt" if "excerpt" in (qname.namespace or "") else "content"
            values.setdefault(f"{name}_line", str(child.sourceline or 0))
        if name == "postmeta":
            key = _text(child, "meta_key")
            if key:
                meta.setdefault(key, _text(child, "meta_value"))
        elif name == "category":
            terms.append((child.get("domain", ""), (child.text or "").strip()))
        elif name == "comment":
            comments += _text(child, "comment_approved") == "1"
        else:
            values.setdefault(name, child.text or "")
    return Entry(element.sourceline or 0, values, meta, terms, comments)


def _text(element: etree._Element, local: str) -> str:
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname == local:
            return (child.text or "").strip()
    return ""
