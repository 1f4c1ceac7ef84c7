"""``assosite federation init``: copy the federation skeleton (three example members).

Like ``assosite init``, it never overwrites a file without ``--force``.
"""

from __future__ import annotations

from pathlib import Path

from assosite.config.resources import federation_starter_path
from assosite.scaffold.site import copy_skeleton


def init_federation(target: Path, force: bool = False) -> Path:
    """Copy the federation skeleton into ``target``.

    Args:
        target: the new federation folder.
        force: copy even when ``target`` holds files (the skeleton's files win,
            the others are kept).

    Returns:
        The federation folder.

    Raises:
        AssositeError: ``target`` is not empty and ``force`` is False (AS130).
    """
    return copy_skeleton(federation_starter_path(), target, force)
