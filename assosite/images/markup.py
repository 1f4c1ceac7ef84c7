"""Responsive markup for content images: the template functions and images inside texts.

Templates call ``picture(path)`` and give the result to the ``as_picture`` component
(``<picture>`` with a WebP ``<source srcset sizes>`` and an ``<img src srcset sizes
width height alt>``). In Markdown texts, ``![alt](images/x.jpg)`` becomes the same
markup through a Markdown tree step, and a missing image is reported at its line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from assosite.config.checks import is_inside
from assosite.images.library import ImageLibrary, library_of, published_name
from assosite.images.process import MIME_TYPES, ProcessedImage
from assosite.problems.report import Problem, make_problem
from assosite.reading.header import SourceHeader
from assosite.reading.references import resolve_image

# The prose column is 42rem wide at most (tokens.css --as-measure).
TEXT_SIZES = "(min-width: 44rem) 42rem, 100vw"
# The width the plain ``src`` points to, for browsers that ignore srcset.
_SRC_WIDTH = 960


@dataclass(frozen=True, slots=True)
class Source:
    """A ``<source>`` of a picture: one modern format.

    Attributes:
        type: its MIME type (``image/webp``).
        srcset: the candidates with their widths (``a-480.webp 480w, …``).
    """

    type: str
    srcset: str


@dataclass(frozen=True, slots=True)
class Picture:
    """What the ``as_picture`` component needs to show one content image.

    Attributes:
        src: the address of the fallback file.
        width: intrinsic width (the ratio prevents layout shifts).
        height: intrinsic height.
        srcset: the fallback candidates with their widths ("" for SVG, GIF…).
        sources: the modern formats, each a :class:`Source`.
    """

    src: str
    width: int
    height: int
    srcset: str = ""
    sources: tuple[Source, ...] = field(default_factory=tuple)


class Pictures:
    """The template functions ``picture(path)`` and ``image_size(path)``.

    Args:
        library: the build's images.
        root: what addresses start with, without a trailing slash: ``""`` (from the
            site root, ``/images/…``), a page's way to the root (``../..``) or an
            absolute address.
    """

    def __init__(self, library: ImageLibrary, root: str = "") -> None:
        self.library = library
        self.root = root

    def picture(self, path: str, root: str | None = None) -> Picture | None:
        """Return the picture of ``content/<path>``; None when it is not published.

        Args:
            path: the image, relative to ``content/``.
            root: replaces the ``root`` given at creation (the page's own).
        """
        if not path or self.library.is_refused(path):
            return None
        root = self.root if root is None else root
        image = self.library.get(path)
        if image is None:
            width, height = self.library.size(path)
            return Picture(f"{root}/{path.lstrip('/')}", width, height)
        return make_picture(path, image, root)

    def image_size(self, path: str) -> tuple[int, int]:
        """Return the published (width, height) of ``content/<path>``."""
        return self.library.size(path)


def make_picture(path: str, image: ProcessedImage, site_url: str) -> Picture:
    """Describe a processed image as ``srcset`` candidates under ``site_url``.

    ``site_url`` is any start of address: ``""`` (from the site root), ``../..`` or
    an absolute address.
    """

    def srcset(fmt: str) -> str:
        return ", ".join(
            f"{site_url}/{published_name(path, image, r)} {r.width}w" for r in image.of_format(fmt)
        )

    fallbacks = image.of_format(image.fallback)
    chosen = next((r for r in fallbacks if r.width >= min(_SRC_WIDTH, image.width)), image.full)
    formats = sorted({r.fmt for r in image.renditions} - {image.fallback})
    return Picture(
        src=f"{site_url}/{published_name(path, image, chosen)}",
        width=image.width,
        height=image.height,
        srcset=srcset(image.fallback),
        sources=tuple(Source(MIME_TYPES[fmt], srcset(fmt)) for fmt in formats),
    )


def content_reference(src: str, source: str, content_path: Path) -> str | None:
    """Return the ``content/``-relative path an image address of a text points to.

    ``images/x.jpg``, ``/images/x.jpg``, ``{static}/images/x.jpg`` and
    ``../images/x.jpg`` (from the text's folder) all name ``images/x.jpg``; the
    addresses of old sites (``/assets/x.jpg``, ``x.jpg`` beside a Hugo bundle) are
    found where they were copied (:func:`assosite.reading.references.resolve_image`).
    Web addresses and data URLs return None.

    Args:
        src: the address as written in the text.
        source: the text's path relative to ``content/``.
        content_path: the ``content/`` folder.
    """
    return resolve_image(src, source, content_path)


class TextImages(Treeprocessor):
    """Gives the images of a Markdown text their responsive markup; notes missing ones.

    In ``assosite check`` nothing is encoded: images are only checked.

    Args:
        md: the build's Markdown instance.
        settings: the build's Pelican settings (``PATH``, the library).

    Addresses are from the site root (``/images/…``): the page showing the text makes
    them relative to itself (:func:`assosite.outputs.links.relative_links`).
    """

    NAME = "assosite_images"

    def __init__(self, md: Markdown, settings: dict[str, Any]) -> None:
        super().__init__(md)
        self.library = library_of(settings)
        self.content_path = Path(settings["PATH"])
        self.source = ""
        self.missing: list[str] = []

    def start(self, source: str) -> None:
        """Get ready for the text of ``source`` (a path relative to ``content/``)."""
        self.source = source
        self.missing = []

    def run(self, root: ET.Element) -> None:
        """Replace each ``<img>`` of a content image by a ``<picture>``."""
        found = [
            (parent, child) for parent in root.iter() for child in parent if child.tag == "img"
        ]
        for parent, img in found:
            self._replace(parent, img)

    def _replace(self, parent: ET.Element, img: ET.Element) -> None:
        src = img.get("src", "")
        path = content_reference(src, self.source, self.content_path)
        if path is None:
            return
        if not is_inside(self.content_path, self.content_path / path):
            self.missing.append(src)
            return
        if self.library is None or not self.library.processed:
            return
        picture = Pictures(self.library).picture(path)
        index = list(parent).index(img)
        if picture is not None:
            parent[index] = picture_element(picture, img)
            return
        # Corrupt or unsupported (reported on the file itself): left out, text kept.
        if img.tail:
            if index:
                parent[index - 1].tail = (parent[index - 1].tail or "") + img.tail
            else:
                parent.text = (parent.text or "") + img.tail
        parent.remove(img)

    def problems(self, header: SourceHeader) -> list[Problem]:
        """Return AS240 for each missing image of the last text, at the line naming it."""
        lines = header.body.split("\n")
        problems = []
        for src in self.missing:
            number = next((i for i, line in enumerate(lines) if src in line), 0)
            problems.append(
                make_problem("AS240", header.path, header.body_line + number, value=src)
            )
        return problems


def picture_element(picture: Picture, img: ET.Element) -> ET.Element:
    """Return the ``<picture>`` markup of ``picture`` (the ``as_picture`` component's)."""
    element = ET.Element("picture")
    element.tail, img.tail = img.tail, None
    for source in picture.sources:
        ET.SubElement(element, "source", type=source.type, srcset=source.srcset, sizes=TEXT_SIZES)
    attributes = {"src": picture.src, "alt": img.get("alt", "")}
    if picture.srcset:
        attributes.update(srcset=picture.srcset, sizes=TEXT_SIZES)
    attributes.update(width=str(picture.width), height=str(picture.height))
    if img.get("title"):
        attributes["title"] = img.get("title", "")
    attributes.update(loading="lazy", decoding="async")
    ET.SubElement(element, "img", attributes)
    return element
