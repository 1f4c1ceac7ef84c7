"""The base of assosite's output generators: they run only in assosite builds.

Each generator gets what it needs in one :class:`Output` (the build state, the sorted
lists, the site's address, the output folder and the public folder names) and writes
its files; Pelican's own generators are left as they are.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pelican.generators import Generator

from assosite.state import BuildState, state_of
from assosite.urls import SitePaths, site_paths

if TYPE_CHECKING:
    from assosite.listings import Listings


@dataclass(frozen=True, slots=True)
class Output:
    """What an output generator writes from.

    Attributes:
        state: the build's state (configuration, report, reference time).
        listings: the published content, sorted into the site's lists.
        site_url: the site's absolute address, without a trailing slash.
        folder: the output folder of this build (a staging folder).
        paths: the public folder names for the site language.
    """

    state: BuildState
    listings: Listings
    site_url: str
    folder: Path
    paths: SitePaths


class OutputGenerator(Generator):
    """A Pelican generator that writes some of assosite's files."""

    def generate_output(self, writer: Any) -> None:
        """Call :meth:`write` in an assosite build (after the lists are sorted)."""
        state = state_of(self.settings)
        listings = self.context.get("assosite_listings")
        if state is None or listings is None:
            return
        self.write(
            Output(
                state=state,
                listings=listings,
                site_url=self.settings["SITEURL"],
                folder=Path(self.output_path),
                paths=site_paths(state.config.site.language),
            ),
            writer,
        )

    def write(self, output: Output, writer: Any) -> None:
        """Write this generator's files (each subclass says which)."""
        raise NotImplementedError


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
