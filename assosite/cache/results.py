"""Small persistent caches of results keyed by the hash of what produced them.

Builds keep in ``.cache/assosite/`` (in the site folder, never in the output) what
is costly to compute and depends only on its inputs: the editorial findings of an
item (:class:`ResultCache`, JSON values), the calendar file of an event
(:class:`FileCache`, files linked into the output). A key is the sha256 of every input (and of
assosite's code, see :func:`assosite.cache.digests.toolkit_digest`), so a stale
entry can never be used; entries not used by a build are dropped when it saves.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from assosite.cache.digests import toolkit_digest

logger = logging.getLogger(__name__)


def cache_key(*parts: Any) -> str:
    """Return the key of a result computed from ``parts`` (their ``repr``) by this code."""
    digest = hashlib.sha256(toolkit_digest().encode())
    for part in parts:
        digest.update(b"\0" + repr(part).encode())
    return digest.hexdigest()


class ResultCache:
    """JSON values by key, loaded from and saved to one file.

    Args:
        path: the cache file (created on save; a missing or damaged file is empty).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._old: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._old = {}
        self._used: dict[str, Any] = {}
        self._old_saved = self._old  # what the file holds now

    def get(self, key: str) -> Any:
        """Return the value stored under ``key``, or None."""
        if key in self._used:
            return self._used[key]
        value = self._old.get(key)
        if value is not None:
            self._used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (plain JSON data) under ``key``."""
        self._used[key] = value

    def save(self) -> None:
        """Write the entries this build used; a read-only site just keeps no cache.

        The cache then starts over from those entries, so one object can serve the
        next build of the same process (the preview keeps it between rebuilds).
        """
        used, self._old, self._used = self._used, self._used, {}
        if used == self._old_saved:
            return
        self._old_saved = used
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(
                json.dumps(used, ensure_ascii=False, default=str), encoding="utf-8"
            )
        except OSError as exc:
            logger.debug("cannot write the cache %s: %s", self.path, exc)


class FileCache:
    """Files named by their key in one folder: a result is a file, never held in memory.

    Args:
        folder: the cache folder (created when the first file is stored).
        suffix: the files' extension, with its dot (``.ics``).
    """

    def __init__(self, folder: Path, suffix: str) -> None:
        self.folder = folder
        self.suffix = suffix
        self._used: set[str] = set()

    def get(self, key: str) -> Path | None:
        """Return the file stored under ``key``, or None."""
        path = self.folder / f"{key}{self.suffix}"
        if not path.is_file():
            return None
        self._used.add(path.name)
        return path

    def put(self, key: str, data: bytes) -> Path:
        """Store ``data`` under ``key`` (written whole, then renamed) and return its file."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{key}{self.suffix}"
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(data)
        temporary.replace(path)
        self._used.add(path.name)
        return path

    def prune(self) -> None:
        """Delete the files of this cache that this build did not use."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name not in self._used:
                path.unlink()
