"""The reader's cache: a text whose bytes did not change is not parsed again.

Each text's result (its HTML and what the reader found in its header) is kept as one
file in ``.cache/assosite/texts/``, named by the hash of the file's path and bytes and
of everything else its HTML depends on (assosite's code, the Markdown settings, the
site's address, the processed images). One file per text keeps memory flat, unlike one
pickle of the whole site. The files are pickles, so a build reads them only from the
site's own cache, never for a federation member (whose folder its author controls).
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from pathlib import Path
from typing import Any

from assosite.cache import FileCache, cache_key

logger = logging.getLogger(__name__)


class TextCache:
    """The parsed texts of one site, kept between builds.

    Args:
        root: the site folder.
        *inputs: what else a text's HTML depends on.
    """

    def __init__(self, root: Path, *inputs: Any) -> None:
        self.files = FileCache(root / ".cache" / "assosite" / "texts", ".pickle")
        self.key = cache_key(*inputs)
        self.hits = 0

    def _name(self, path: str, raw: bytes) -> str:
        return hashlib.sha256(f"{self.key}\0{path}\0".encode() + raw).hexdigest()

    def load(self, path: str, raw: bytes) -> tuple[str, Any] | None:
        """Return the (HTML, header) kept for the text ``path`` with these bytes, or None."""
        file = self.files.get(self._name(path, raw))
        if file is None:
            return None
        try:
            html, header = pickle.loads(file.read_bytes())  # the site's own cache only
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
            logger.debug("unreadable cached text %s: %s", file, exc)
            return None
        self.hits += 1
        return html, header

    def store(self, path: str, raw: bytes, html: str, header: Any) -> None:
        """Keep the result of reading the text ``path``."""
        # Protocol 0 writes text as raw-unicode-escape: the others make CPython keep a
        # UTF-8 copy inside every string pickled, which doubles the memory of texts.
        data = pickle.dumps((html, header), protocol=0)
        try:
            self.files.put(self._name(path, raw), data)
        except OSError as exc:  # a read-only site still builds
            logger.debug("cannot keep the text %s: %s", path, exc)

    def save(self) -> None:
        """Delete the texts this build did not read (files removed or changed)."""
        try:
            self.files.prune()
        except OSError as exc:
            logger.debug("cannot prune %s: %s", self.files.folder, exc)
