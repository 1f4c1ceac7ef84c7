"""Fingerprints of a site's inputs: one hash that changes whenever a build could change.

A build reads the site's own files (``assosite.toml``, ``content/``, ``templates/``, a
theme folder of the site…), its theme, and the code of assosite and of the libraries
that turn them into pages. :func:`site_fingerprint` hashes all of it; callers add what
else decides the output (the site's address, federation defaults, the reference
time) as ``extra``. Output folders, caches and hidden files are left out: a build
never reads them. Files are hashed by content, not by date, so a fresh CI checkout
gives the same fingerprint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assosite.cache.digests import toolkit_digest, tree_digest


def site_fingerprint(
    root: Path,
    extra: bytes = b"",
    skip: Iterable[Path] = (),
    theme: Path | None = None,
    known: dict[str, Any] | None = None,
) -> str:
    """Return the fingerprint of the site in ``root``: equal fingerprints, equal builds.

    Args:
        root: the site folder.
        extra: other inputs of the build that live outside the site (settings
            given on the command line, the reference time of past and upcoming events).
        skip: folders inside ``root`` to leave out (an output folder with another name).
        theme: the theme folder, when it is neither bundled nor inside ``root``.
        known: a preview server's memory of file digests (see
            :func:`~assosite.cache.digests.tree_digest`).

    Returns:
        A sha256 in hexadecimal.
    """
    digest = hashlib.sha256()
    digest.update(toolkit_digest().encode() + b"\0")
    digest.update(tree_digest(root, skip, known).encode() + b"\0")
    if theme is not None and not theme.is_relative_to(root):
        digest.update(tree_digest(theme, known=known).encode() + b"\0")
    digest.update(extra)
    return digest.hexdigest()
