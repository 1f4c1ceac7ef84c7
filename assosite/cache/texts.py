"""The reader's cache: a text whose bytes did not change is not parsed again.

Each text's result (its HTML and what the reader found in its header) is kept in
``.cache/assosite/texts.sqlite`` (the standard library's SQLite), under the hash of the
file's path and bytes and of everything else its HTML depends on (assosite's code, the
Markdown settings, the site's address, the processed images). One database rather than
one file per text: creating a thousand small files costs more than parsing them on
some disks; one row per text rather than one pickle of the whole site: memory stays
flat. Rows are pickles, so a build reads them only from the site's own cache, never
for a federation member (whose folder its author controls).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import pickle
import sqlite3
from pathlib import Path
from typing import Any

from assosite.cache.results import cache_key

logger = logging.getLogger(__name__)

_BATCH = 200  # texts written per transaction (bounded memory, few commits)


class TextCache:
    """The parsed texts of one site, kept between builds.

    Args:
        root: the site folder.
        *inputs: what else a text's HTML depends on.
    """

    def __init__(self, root: Path, *inputs: Any) -> None:
        self.path = root / ".cache" / "assosite" / "texts.sqlite"
        self.key = cache_key(*inputs)
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[str, bytes]] = []
        self._used: set[str] = set()
        self._broken = False
        self.memory: dict[str, tuple[str, Any]] = {}  # parsed ahead by this process

    def _connection(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=30)
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS texts (name TEXT PRIMARY KEY, data BLOB)"
                )
            except sqlite3.Error as exc:  # a read-only or damaged cache: parse everything
                logger.debug("no text cache in %s: %s", self.path, exc)
                self._discard(remove=isinstance(exc, sqlite3.DatabaseError))
                self._broken = True
        return self._db

    def _name(self, path: str, raw: bytes) -> str:
        return hashlib.sha256(f"{self.key}\0{path}\0".encode() + raw).hexdigest()

    def load(self, path: str, raw: bytes) -> tuple[str, Any] | None:
        """Return the (HTML, header) kept for the text ``path`` with these bytes, or None."""
        name = self._name(path, raw)
        self._used.add(name)
        if name in self.memory:
            return self.memory.pop(name)
        db = self._connection()
        if db is None:
            return None
        try:
            row = db.execute("SELECT data FROM texts WHERE name = ?", (name,)).fetchone()
            if row is None:
                return None
            html, header = pickle.loads(row[0])  # the site's own cache only
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
            logger.debug("unreadable cached text %s: %s", path, exc)
            return None
        return html, header

    def has(self, path: str, raw: bytes) -> bool:
        """Return True when the text ``path`` with these bytes is already kept."""
        db = self._connection()
        if db is None:
            return False
        try:
            query = "SELECT 1 FROM texts WHERE name = ?"
            return db.execute(query, (self._name(path, raw),)).fetchone() is not None
        except sqlite3.Error:
            return False

    def remember(self, path: str, raw: bytes, html: str, header: Any) -> None:
        """Keep a text parsed ahead, for this build (in memory) and the next ones."""
        self.memory[self._name(path, raw)] = (html, header)
        self.store(path, raw, html, header)

    def store(self, path: str, raw: bytes, html: str, header: Any) -> None:
        """Keep the result of reading the text ``path``."""
        name = self._name(path, raw)
        self._used.add(name)
        # Protocol 0 writes text as raw-unicode-escape: the others make CPython keep a
        # UTF-8 copy inside every string pickled, which doubles the memory of texts.
        self._pending.append((name, pickle.dumps((html, header), protocol=0)))
        if len(self._pending) >= _BATCH:
            self._flush()

    def close(self) -> None:
        """Write what is pending and close the database (before a fork)."""
        self._flush()
        self._discard()

    def _flush(self) -> None:
        db = self._connection()
        if db is not None and self._pending:
            try:
                with db:
                    db.executemany("INSERT OR REPLACE INTO texts VALUES (?, ?)", self._pending)
            except sqlite3.Error as exc:
                logger.debug("cannot keep texts in %s: %s", self.path, exc)
        self._pending = []

    def save(self, prune: bool = True) -> None:
        """Write the last texts, forget those this build did not read, and close.

        Called once every file is read: texts of removed or changed files go.

        Args:
            prune: False keeps the texts this build did not read (a preview, which
                reads only the files that changed).
        """
        self._flush()
        db = self._connection()
        if db is None or not prune:
            self._discard()
            return
        try:
            with db:
                db.execute("CREATE TEMP TABLE used (name TEXT PRIMARY KEY)")
                db.executemany("INSERT INTO used VALUES (?)", ((n,) for n in self._used))
                db.execute("DELETE FROM texts WHERE name NOT IN (SELECT name FROM used)")
        except sqlite3.Error as exc:
            logger.debug("cannot prune %s: %s", self.path, exc)
        self._discard()

    def _discard(self, remove: bool = False) -> None:
        """Close the database (before Pelican forks, see assosite.plugin.parallel)."""
        if self._db is not None:
            self._db.close()
        self._db = None
        if remove:  # not a database: the next build starts a new one
            with contextlib.suppress(OSError):
                self.path.unlink()
