"""Links in pages, relative to the page: the templates' ``link_to``, ``picture`` and ``page_html``.

(And ``download_label``: what a linked document is and how heavy.)

Pelican writes each page with ``SITEURL`` set to the way from that page to the site
root (``.``, ``../..``: its ``RELATIVE_URLS``); these functions read it from the
page's template context, so that one template serves every depth. The 404 page,
served at any address, sets ``links_from_root`` and links from the server's root
(the published address's path, ``/projet`` under GitHub project pages).

Texts are converted once, before anyone knows which page shows them: their links to
the site (``/contact/``, images ``/images/…``) are from the site root, and
:func:`relative_links` makes them relative to the page that shows them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import pass_context

from assosite.images.markup import Picture, Pictures
from assosite.model.amounts import file_size
from assosite.model.urls import SCHEME, SiteAddress, folder_index, page_link

ADDRESS_KEY = "ASSOSITE_ADDRESS"  # setting: the build's SiteAddress
ROOT_MODE = "links_from_root"  # a template variable: this page links from the server's root

# A start tag with its attributes (quoted values may hold ">"): only addresses inside a
# tag are links; a text that shows HTML (``&lt;a href="/x"&gt;``) is not rewritten.
_TAG = re.compile(
    r"""<[a-zA-Z][^\s/>]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>"""
)
# Addresses in a tag: Markdown and the sanitiser quote every attribute.
_ADDRESS = re.compile(
    r"""(?P<before>\s(?P<name>href|src|srcset|poster)\s*=\s*)(?P<quote>["'])(?P<value>.*?)(?P=quote)""",
    re.IGNORECASE | re.DOTALL,
)


def relative_links(html: str, root: str, address: SiteAddress) -> str:
    """Return a text's ``html`` with its links to the site made relative to its page.

    Addresses from the site root (``/contact/``) and the site's own absolute
    addresses start from ``root``; in an offline build, links to folders name their
    ``index.html``. Other addresses are kept.

    Args:
        html: the text's HTML.
        root: the site root seen from the page (``../..``), or an absolute address.
        address: the build's addresses.
    """
    if "=" not in html:
        return html

    def one(value: str, is_link: bool) -> str:
        path = address.site_path(value, relative_is_site=False)
        if path is None:
            is_relative = not value.startswith(("#", "?", "/")) and not SCHEME.match(value)
            if address.offline and is_link and is_relative and value:
                return folder_index(value)
            return value
        return f"{root}/{folder_index(path) if address.offline and is_link else path}"

    def replace(match: re.Match[str]) -> str:
        name, value = match["name"].lower(), match["value"]
        if name == "srcset":
            candidates = [c.strip().split(None, 1) for c in value.split(",") if c.strip()]
            value = ", ".join(" ".join([one(c[0], False), *c[1:]]) for c in candidates)
        else:
            value = one(value.strip(), name == "href")
        return f"{match['before']}{match['quote']}{value}{match['quote']}"

    return _TAG.sub(lambda tag: _ADDRESS.sub(replace, tag[0]), html)


def _root(context: Any, address: SiteAddress) -> str:
    """Return the way to the site root from the page being rendered."""
    if context.get(ROOT_MODE):
        return address.base_path
    return str(context.get("SITEURL") or "")


class PageLinks:
    """The link functions of the templates, for one build.

    Args:
        address: the build's addresses.
        pictures: the build's content images.
    """

    def __init__(self, address: SiteAddress, pictures: Pictures) -> None:
        self.address = address
        self.pictures = pictures

    @pass_context
    def link_to(self, context: Any, target: str) -> str:
        """Return the page's link to ``target`` (from the site root, or any address)."""
        return page_link(target, _root(context, self.address), self.address)

    @pass_context
    def picture(self, context: Any, path: str) -> Picture | None:
        """Return the picture of ``content/<path>`` with addresses relative to the page."""
        return self.pictures.picture(path, _root(context, self.address))

    @pass_context
    def page_html(self, context: Any, html: str) -> str:
        """Return a text's HTML with its links relative to the page (a filter)."""
        return relative_links(html or "", _root(context, self.address), self.address)


class Downloads:
    """The templates' ``download_label(path)``: a file's format and size, for its link.

    A link to a document says what it is and how heavy (RGAA 13.3): « PDF, 45 ko ».

    Args:
        content_path: the site's ``content/`` folder.
        language: the site's language.
    """

    def __init__(self, content_path: Path, language: str) -> None:
        self.content_path = content_path
        self.language = language

    def __call__(self, path: str) -> str:
        """Return « PDF, 45 ko » for ``content/<path>``; "" when it is not a file."""
        file = self.content_path / path.lstrip("/")
        if not path or not file.is_file():
            return ""
        kind = file.suffix.lstrip(".").upper() or "?"
        return f"{kind}, {file_size(file.stat().st_size, self.language)}"
