"""The list pages: news (paginated), agenda, archive, testimonies, and the legal pages."""

from __future__ import annotations

from assosite.outputs.base import Output, SiteOutput
from assosite.outputs.listings import by_month, by_year


class ListingsOutput(SiteOutput):
    """Write the lists (news paginated, agenda, archive, testimonies) and the legal pages.

    The legal notice, accessibility statement and privacy page are generated from
    ``assosite.toml`` unless the site has a page with the same address.
    """

    def write(self, output: Output) -> None:
        """Write the list pages into the output folder."""
        listings, paths = output.listings, output.paths
        pages = [
            ("news_list", paths.news, {"articles": listings.news}, True),
            (
                "agenda",
                paths.event,
                {
                    "events": listings.upcoming,
                    "events_by_month": by_month(
                        listings.upcoming, output.state.now, output.state.config.site.timezone
                    ),
                    "past_events": listings.past,
                },
                False,
            ),
            ("agenda_archive", paths.archive, {"events_by_year": by_year(listings.past)}, False),
            ("testimonies", paths.testimony, {"articles": listings.testimonies}, False),
        ]
        own = {page.item.slug for page in listings.pages}
        pages += [
            (template, folder, {}, False)
            for template, folder in (
                ("legal", paths.legal),
                ("accessibility", paths.accessibility),
                ("privacy", paths.privacy),
            )
            if folder not in own  # a page of the site's own replaces the generated one
        ]
        for template, folder, variables, paginated in pages:
            output.render(
                f"{folder}/index.html",
                template,
                paginated=variables if paginated else {},
                url=f"{folder}/",
                **variables,
            )
