"""The base of assosite's outputs: what each one gets to write its files from.

Each output (lists, feeds, calendars, cards…) is a :class:`SiteOutput`. The plugin
(:mod:`assosite.plugin.generators`) wraps each in a Pelican generator, calls
:meth:`SiteOutput.prepare` while Pelican prepares the templates' context and
:meth:`SiteOutput.write` with one :class:`Output` once the content is read and sorted.
Outputs never import Pelican: pages are rendered through :attr:`Output.render`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assosite.model.urls import SiteAddress, SitePaths
from assosite.outputs.listings import Listings
from assosite.outputs.state import BuildState


@dataclass(frozen=True, slots=True)
class Output:
    """What an output writes from.

    Attributes:
        state: the build's state (configuration, report, reference time).
        listings: the published content, sorted into the site's lists.
        site_url: the site's absolute address, without a trailing slash.
        address: the build's addresses (a preview's, offline links).
        folder: the output folder of this build (a staging folder).
        paths: the public folder names for the site language.
        render: ``render(name, template, **variables)`` writes the page ``name``
            (relative to ``folder``) with the theme's ``template``.
    """

    state: BuildState
    listings: Listings
    site_url: str
    address: SiteAddress
    folder: Path
    paths: SitePaths
    render: Callable[..., None]


class SiteOutput:
    """One kind of file assosite writes.

    Args:
        context: the templates' context, shared by every page of the build.
        settings: the build's settings.
    """

    def __init__(self, context: dict[str, Any], settings: dict[str, Any]) -> None:
        self.context = context
        self.settings = settings

    def prepare(self) -> None:
        """Add to the templates' context before any page is written (most add nothing)."""

    def write(self, output: Output) -> None:
        """Write this output's files (each subclass says which)."""
        raise NotImplementedError
