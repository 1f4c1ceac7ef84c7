"""Put files of a cache into an output folder: linked rather than copied."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def place_file(cached: Path, target: Path) -> None:
    """Put a file of a cache at ``target`` in the output, linked rather than copied.

    Cached files (cards, images) are named by their content's hash and never
    written again, so the output may share their bytes: a hard link costs no copy,
    and a preview build finds the right file already in place.
    """
    if target.exists():
        if os.path.samefile(cached, target):
            return
        target.unlink()
    try:
        os.link(cached, target)
    except OSError:  # another file system, or no hard links there
        shutil.copyfile(cached, target)
