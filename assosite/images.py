"""Sizes of the images content refers to, for ``width`` and ``height`` attributes.

Pillow reads only the file's header; an SVG gives its ``width``/``height`` or
``viewBox``. Sizes are read once per build.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image, UnidentifiedImageError

DEFAULT_SIZE = (1200, 800)


class ImageSizes:
    """The ``image_size(path)`` template function: (width, height) of a content image.

    Args:
        content_path: the site's ``content/`` folder (image paths are relative to it).
    """

    def __init__(self, content_path: Path) -> None:
        self.content_path = content_path
        self._size = functools.lru_cache(maxsize=None)(self._read)

    def __call__(self, path: str) -> tuple[int, int]:
        """Return the size of ``content/<path>``, or a 3:2 default when unreadable."""
        return self._size(path)

    def _read(self, path: str) -> tuple[int, int]:
        file = self.content_path / path
        if file.suffix.lower() == ".svg":
            return _svg_size(file)
        try:
            with Image.open(file) as image:
                return image.size
        except (OSError, UnidentifiedImageError):
            return DEFAULT_SIZE


def _svg_size(file: Path) -> tuple[int, int]:
    try:
        root = ET.parse(file).getroot()
    except (OSError, ET.ParseError):
        return DEFAULT_SIZE
    width, height = root.get("width", ""), root.get("height", "")
    if width.rstrip("px").isdigit() and height.rstrip("px").isdigit():
        return int(width.rstrip("px")), int(height.rstrip("px"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        return round(float(box[2])), round(float(box[3]))
    return DEFAULT_SIZE
