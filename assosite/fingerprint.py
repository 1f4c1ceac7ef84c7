"""Fingerprint a site's inputs: one hash that changes when anything a build reads changes.

The hash covers the site's own files (``assosite.toml``, ``content/``, ``templates/``,
a theme folder of the site…), the bundled themes and assosite's version, plus any
``extra`` bytes the caller adds (federation defaults, the reference day). Output
folders, caches and hidden files are left out: a build never reads them. Files are
hashed by content, not by date, so a fresh CI checkout gives the same fingerprint.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from assosite import __version__
from assosite.resources import data_path

# Folders of a site that a build writes or never reads.
SKIPPED_FOLDERS = frozenset({"output", "__pycache__", "node_modules"})


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
def assosite_digest() -> str:
    """Return the hash of assosite itself: its version and its bundled themes."""
    return hashlib.sha256(
        f"assosite {__version__}\0{tree_digest(data_path('themes'))}".encode()
    ).hexdigest()


def site_fingerprint(root: Path, extra: bytes = b"", skip: Iterable[Path] = ()) -> str:
    """Return the fingerprint of the site in ``root``: equal fingerprints, equal builds.

    Args:
        root: the site folder.
        extra: other inputs of the build that live outside the site (settings
            given on the command line, the reference day of past and upcoming events).
        skip: folders inside ``root`` to leave out (an output folder with another name).

    Returns:
        A sha256 in hexadecimal.
    """
    digest = hashlib.sha256()
    digest.update(assosite_digest().encode() + b"\0")
    digest.update(tree_digest(root, skip).encode() + b"\0")
    digest.update(extra)
    return digest.hexdigest()
