"""Pelican generators that run assosite's outputs, one per output, in a fixed order.

Pelican creates the generators that ``get_generators`` returns after its own, calls
their ``generate_context`` once every file is read and their ``generate_output`` with
its writer. Each generator here hands that over to one
:class:`~assosite.outputs.base.SiteOutput`, which never sees Pelican.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from pelican.generators import Generator

from assosite.model.urls import SiteAddress, site_paths
from assosite.outputs.admin import AdminOutput
from assosite.outputs.base import Output, SiteOutput
from assosite.outputs.brand import BrandOutput
from assosite.outputs.calendars import CalendarOutput
from assosite.outputs.cards.social import CardsOutput
from assosite.outputs.exports import ItemsOutput
from assosite.outputs.feeds import FeedsOutput
from assosite.outputs.images import ImagesOutput
from assosite.outputs.links import ADDRESS_KEY
from assosite.outputs.listpages import ListingsOutput
from assosite.outputs.portal import PortalOutput
from assosite.outputs.redirects import RedirectsOutput
from assosite.outputs.seo import SeoOutput
from assosite.outputs.state import state_of


class OutputGenerator(Generator):
    """A Pelican generator that runs one of assosite's outputs in assosite builds only."""

    output_class: ClassVar[type[SiteOutput]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.output = self.output_class(self.context, self.settings)

    def generate_context(self) -> None:
        """Let the output add to the templates' context."""
        if state_of(self.settings) is not None:
            self.output.prepare()

    def generate_output(self, writer: Any) -> None:
        """Let the output write its files (once the lists are sorted)."""
        state = state_of(self.settings)
        listings = self.context.get("assosite_listings")
        if state is None or listings is None:
            return

        def render(name: str, template: str, **variables: Any) -> None:
            writer.write_file(
                name,
                self.get_template(template),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                template_name=template,
                **variables,
            )

        self.output.write(
            Output(
                state=state,
                listings=listings,
                site_url=self.settings["SITEURL"],
                address=self.settings.get(ADDRESS_KEY) or SiteAddress(self.settings["SITEURL"]),
                folder=Path(self.output_path),
                paths=site_paths(state.config.site.language),
                render=render,
            )
        )


def _generator(output_class: type[SiteOutput]) -> type[OutputGenerator]:
    """Return the Pelican generator class of ``output_class`` (named after it)."""
    name = output_class.__name__.removesuffix("Output") + "Generator"
    doc = f"Runs :class:`{output_class.__module__}.{output_class.__name__}`."
    return type(name, (OutputGenerator,), {"output_class": output_class, "__doc__": doc})


# Images first (pages link their renditions), cards before pages are written (pages
# show their sizes); a federation member's export and a portal's pages write nothing
# in other builds; old addresses last (they never take a page's place).
GENERATORS = tuple(
    _generator(output)
    for output in (
        ImagesOutput,
        ListingsOutput,
        BrandOutput,
        SeoOutput,
        FeedsOutput,
        CalendarOutput,
        CardsOutput,
        ItemsOutput,
        PortalOutput,
        RedirectsOutput,
        AdminOutput,
    )
)
