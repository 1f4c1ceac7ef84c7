"""A small persistent cache of results keyed by the hash of what produced them.

Builds keep in ``.cache/assosite/`` (in the site folder, never in the output) what
is costly to compute and depends only on its inputs: the editorial findings of an
item, the calendar file of an event. A key is the sha256 of every input (and of
assosite's code, see :func:`assosite.fingerprint.toolkit_digest`), so a stale
entry can never be used; entries not used by a build are dropped when it saves.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from assosite.fingerprint import toolkit_digest

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
        self.hits = 0

    def get(self, key: str) -> Any:
        """Return the value stored under ``key``, or None."""
        if key in self._used:
            return self._used[key]
        value = self._old.get(key)
        if value is not None:
            self.hits += 1
            self._used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (plain JSON data) under ``key``."""
        self._used[key] = value

    def save(self) -> None:
        """Write the entries this build used; a read-only site just keeps no cache."""
        if self._used == self._old:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(
                json.dumps(self._used, ensure_ascii=False, default=str), encoding="utf-8"
            )
        except OSError as exc:
            logger.debug("cannot write the cache %s: %s", self.path, exc)
