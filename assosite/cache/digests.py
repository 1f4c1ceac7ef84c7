"""Digests of files and of assosite itself, which every cache key and fingerprint starts from."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
from collections.abc import Iterable
from pathlib import Path

from assosite import __version__
from assosite.config.resources import data_path

# Folders of a site that a build writes or never reads.
SKIPPED_FOLDERS = frozenset({"output", "__pycache__", "node_modules"})

# The libraries whose version changes what a build writes.
_LIBRARIES = (
    "pelican",
    "markdown",
    "jinja2",
    "feedgen",
    "icalendar",
    "python-dateutil",
    "pillow",
    "babel",
    "nh3",
)

_PACKAGE = Path(__file__).resolve().parents[1]


def tree_files(root: Path, skip: Iterable[Path] = ()) -> list[Path]:
    """Return the files under ``root`` that a build may read, sorted.

    Hidden files and folders (``.git``, ``.cache``…), :data:`SKIPPED_FOLDERS` and the
    folders in ``skip`` (an output folder inside the site) are left out.
    """
    skipped = {path.resolve() for path in skip}
    files = []
    for folder, subfolders, names in os.walk(root):
        here = Path(folder)
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".")
            and name not in SKIPPED_FOLDERS
            and (here / name).resolve() not in skipped
        )
        files += [here / name for name in names if not name.startswith(".")]
    return sorted(files)


def tree_digest(root: Path, skip: Iterable[Path] = ()) -> str:
    """Return the sha256 of the names and bytes of every file :func:`tree_files` lists."""
    digest = hashlib.sha256()
    for path in tree_files(root, skip):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@functools.cache
def toolkit_digest() -> str:
    """Return the hash of assosite itself: version, code, themes and libraries.

    The code is hashed, not only the version number, so that a development checkout
    never reuses a result made by other code; the versions of the libraries it
    builds with count too.
    """
    digest = hashlib.sha256(f"assosite {__version__}\0".encode())
    digest.update(tree_digest(_PACKAGE).encode())
    digest.update(tree_digest(data_path("themes")).encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)};".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=none;".encode())
    return digest.hexdigest()
