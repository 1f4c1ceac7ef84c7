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
    return [Path(path) for _, path in _tree(root, skip)]


def _tree(root: Path, skip: Iterable[Path]) -> list[tuple[str, str]]:
    """Return (path relative to ``root`` with ``/``, full path) of :func:`tree_files`.

    Strings, not paths: a site has thousands of files. The order is that of the
    paths (part by part).
    """
    skipped = {path.resolve() for path in skip}
    top = os.fspath(root)
    files = []
    for folder, subfolders, names in os.walk(top):
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".")
            and name not in SKIPPED_FOLDERS
            and (Path(folder) / name).resolve() not in skipped
        )
        prefix = os.path.relpath(folder, top).replace(os.sep, "/") + "/" if folder != top else ""
        kept = (name for name in names if not name.startswith("."))
        files += [(prefix + name, os.path.join(folder, name)) for name in kept]
    return sorted(files, key=lambda file: file[0].split("/"))


def tree_digest(
    root: Path,
    skip: Iterable[Path] = (),
    known: dict[str, tuple[tuple[int, int], bytes]] | None = None,
) -> str:
    """Return the sha256 of the names and bytes of every file :func:`tree_files` lists.

    Args:
        root: the folder.
        skip: folders inside it to leave out.
        known: the digest of each file by full path, with its modification time and
            size (a preview server's memory): a file whose time and size did not
            change is not read again. None: every file is read.
    """
    digest = hashlib.sha256()
    for relative, path in _tree(root, skip):
        digest.update(relative.encode() + b"\0")
        digest.update(_file_digest(path, known))
    return digest.hexdigest()


def _file_digest(path: str, known: dict[str, tuple[tuple[int, int], bytes]] | None) -> bytes:
    if known is None:
        with open(path, "rb") as file:
            return hashlib.sha256(file.read()).digest()
    found = os.stat(path)
    stamp = (found.st_mtime_ns, found.st_size)
    entry = known.get(path)
    if entry is not None and entry[0] == stamp:
        return entry[1]
    with open(path, "rb") as file:
        value = hashlib.sha256(file.read()).digest()
    known[path] = (stamp, value)
    return value


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
