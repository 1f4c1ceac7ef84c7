"""Fingerprints of a site's inputs: one hash that changes whenever a build could change.

A build reads ``assosite.toml``, everything under ``content/``, its theme, and the code
of assosite and of the libraries that turn them into pages. :func:`site_fingerprint`
hashes all of it (file names and bytes, not modification times, so a fresh Git
checkout of the same commit gives the same fingerprint). Callers add what else
decides the output (the site's address, the output folder, the reference time) as
``extra``.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assosite import __version__

_PACKAGE = Path(__file__).resolve().parent
# The libraries whose version changes what a build writes.
_LIBRARIES = ("pelican", "markdown", "jinja2", "feedgen", "icalendar", "pillow", "babel")
# Never inputs: caches, outputs and version-control folders inside a site folder.
_SKIPPED_DIRS = {".git", ".cache", "__pycache__", "output", ".venv", "node_modules"}


def site_fingerprint(root: Path, extra: bytes = b"", theme: Path | None = None) -> str:
    """Return the sha256 of what a build of the site in ``root`` reads.

    Args:
        root: the site folder (``assosite.toml`` and ``content/``).
        extra: anything else that decides the output, already encoded.
        theme: the theme folder (bundled with assosite or in the site).

    Returns:
        A hexadecimal digest; equal digests mean a build would write the same files.
    """
    digest = hashlib.sha256()
    digest.update(toolkit_digest().encode())
    digest.update(extra)
    for path in _inputs(root):
        _add_file(digest, path, path.relative_to(root).as_posix())
    if theme is not None:
        for path in _walk(theme):
            _add_file(digest, path, "theme:" + path.relative_to(theme).as_posix())
    return digest.hexdigest()


def _inputs(root: Path) -> Iterable[Path]:
    config = root / "assosite.toml"
    if config.is_file():
        yield config
    yield from _walk(root / "content")


def _walk(folder: Path) -> list[Path]:
    """Return the files under ``folder``, sorted, skipping caches and outputs."""
    found = []
    for parent, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith(".assosite")
        )
        found += [Path(parent) / name for name in files]
    return sorted(found)


def _add_file(digest: Any, path: Path, name: str) -> None:
    data = path.read_bytes()
    digest.update(f"\0{name}\0{len(data)}\0".encode())
    digest.update(data)


@functools.cache
def toolkit_digest() -> str:
    """Return a digest of assosite's own code and of the libraries' versions.

    The code is hashed, not only the version number, so that a development checkout
    never reuses a result made by other code.
    """
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        _add_file(digest, path, path.relative_to(_PACKAGE).as_posix())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)};".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=none;".encode())
    return digest.hexdigest()
