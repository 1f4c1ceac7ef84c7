"""The portal's own pages: the network's home, the member directory, news, agenda and feeds.

In a portal build (a site whose settings carry :data:`PORTAL_KEY`), the
:class:`PortalGenerator` reads ``portal.json`` (members and their published items,
gathered from the members' outputs) and writes, with the theme's templates,
``index.html`` (``portal.html``), the directory (``members.html``), the network's news
and agenda (``network.html``), the merged Atom/RSS feeds (feedgen, through
:mod:`assosite.outputs.feeds`) and the merged ``agenda.ics`` (icalendar, through
:mod:`assosite.outputs.calendars`). Every item keeps its member's name and its address on the
member's site; the federation's own items join the lists.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assosite.outputs.base import Output, SiteOutput
from assosite.outputs.calendars import (
    TimezoneDefinitions,
    agenda_events,
    build_calendar,
    timezone_window,
)
from assosite.outputs.exports import as_item
from assosite.outputs.feeds import STYLESHEET, FeedSpec, write_feed
from assosite.outputs.listings import Listings, NavEntry
from assosite.outputs.state import state_of
from assosite.problems.catalogue import theme_translations

PORTAL_KEY = "ASSOSITE_PORTAL"  # setting: the path of the portal's portal.json
PORTAL_DATA = "portal.json"
FOLDERS = {
    "fr": {"members": "membres", "network": "reseau", "news": "actualites", "agenda": "agenda"},
    "en": {"members": "members", "network": "network", "news": "news", "agenda": "events"},
}
FEED = "flux"
NETWORK_ITEMS = 50  # most items each network list and feed holds


@dataclass(frozen=True, slots=True)
class MemberCard:
    """One member in the portal's directory.

    Attributes:
        id: the member's id.
        name: its name.
        city: its town.
        description: one sentence about it.
        url: its public address.
        logo: its logo, relative to the portal's root (copied there), or ``""``.
    """

    id: str
    name: str
    city: str
    description: str
    url: str
    logo: str = ""


@dataclass(frozen=True, slots=True)
class NetworkContent:
    """A published item of the network, shaped like a Pelican content for feeds and calendars.

    Attributes:
        item: the typed item (:class:`~assosite.model.items.News` or ``Event``).
        url: its address relative to ``site_url``.
        site_url: the address of the site that published it.
        member: who published it (None: the federation itself).
        content: its HTML (feeds carry summaries only).
    """

    item: Any
    url: str
    site_url: str
    member: MemberCard | None
    content: str = ""

    @property
    def href(self) -> str:
        """The item's absolute address."""
        return f"{self.site_url}/{self.url}"


def network_contents(document: dict[str, Any]) -> tuple[list[MemberCard], list[NetworkContent]]:
    """Return the members and their items from a ``portal.json`` document."""
    members = {m["id"]: MemberCard(**m) for m in document["members"]}
    contents = []
    for data in document["items"]:
        member = members[data["member"]]
        url = data["url"].removeprefix(member.url + "/")
        item = as_item(data, data["source"])  # with site_url: the member's own ids
        contents.append(NetworkContent(item, url, member.url, member))
    return list(members.values()), contents


def folders(language: str) -> dict[str, str]:
    """Return the portal's folder names in ``language`` (``membres/``, ``reseau/``…)."""
    words = FOLDERS.get(language, FOLDERS["fr"])
    network = words["network"]
    return {
        "members": words["members"],
        "network": network,
        "news": f"{network}/{words['news']}",
        "agenda": f"{network}/{words['agenda']}",
        "feed": f"{network}/{FEED}",
        "ics": f"{network}/agenda.ics",
    }


class PortalOutput(SiteOutput):
    """Write the portal's pages, merged feeds and merged agenda (portal builds only)."""

    def prepare(self) -> None:
        """Add the portal's entries to the navigation, after the home link."""
        state = state_of(self.settings)
        if state is None or not self.settings.get(PORTAL_KEY):
            return
        language = state.config.site.language
        gettext = theme_translations(Path(self.settings["THEME"]), language).gettext
        names = folders(language)
        state.extra_nav += [
            NavEntry("members", gettext("Membres"), f"{names['members']}/"),
            NavEntry("network_news", gettext("Actualités du réseau"), f"{names['news']}/"),
            NavEntry("network_agenda", gettext("Agenda du réseau"), f"{names['agenda']}/"),
        ]

    def write(self, output: Output) -> None:
        """Write the home, the directory, the news and agenda pages, feeds and calendar."""
        data_path = self.settings.get(PORTAL_KEY)
        if not data_path:
            return
        document = json.loads(Path(data_path).read_text(encoding="utf-8"))
        members, contents = network_contents(document)
        own = [
            NetworkContent(c.item, c.url, output.site_url, None, "")
            for c in [*output.listings.news, *output.listings.upcoming, *output.listings.past]
        ]
        now = output.state.now
        news = sorted(
            (c for c in [*contents, *own] if c.item.kind == "news" and not c.item.is_expired(now)),
            key=lambda c: (c.item.date, c.href),
            reverse=True,
        )[:NETWORK_ITEMS]
        events = [c for c in [*contents, *own] if c.item.kind == "event"]
        upcoming = sorted(
            (c for c in events if not c.item.is_past(now)),
            key=lambda c: (c.item.next_occurrence(now).begins, c.href),
        )[:NETWORK_ITEMS]
        budget = output.state.config.editorial
        names = folders(output.state.config.site.language)
        home = {
            "network_news": news[: budget.home_news],
            "network_events": upcoming[: budget.home_events],
        }
        pages = (
            ("portal", "", home),
            ("members", names["members"], {"members": members}),
            ("network", names["news"], {"network_kind": "news", "network_items": news}),
            ("network", names["agenda"], {"network_kind": "event", "network_items": upcoming}),
        )
        for template, folder, variables in pages:
            output.render(
                f"{folder}/index.html" if folder else "index.html",
                template,
                url=f"{folder}/" if folder else "",
                portal=names,
                **variables,
            )
        self._write_feeds(output, names, news, upcoming)
        self._write_agenda(output, names, events)

    def _write_feeds(
        self, output: Output, names: dict[str, str], news: list[Any], upcoming: list[Any]
    ) -> None:
        config = output.state.config
        # Members' items carry no text here: the feed gives summaries and links.
        summaries = dataclasses.replace(
            config, feeds=dataclasses.replace(config.feeds, full_text=False)
        )
        newest = sorted([*news, *upcoming], key=lambda c: (c.item.date, c.href), reverse=True)
        title = "Réseau" if config.site.language == "fr" else "Network"
        spec = FeedSpec(names["feed"], title, f"{names['news']}/", tuple(newest[:NETWORK_ITEMS]))
        write_feed(spec, summaries, output.site_url, output.folder, STYLESHEET)

    def _write_agenda(self, output: Output, names: dict[str, str], events: list[Any]) -> None:
        config, now = output.state.config, output.state.now
        upcoming = sorted(
            (c for c in events if not c.item.is_past(now)),
            key=lambda c: c.item.next_occurrence(now).begins,
        )
        past = sorted((c for c in events if c.item.is_past(now)), key=lambda c: c.item.begins)
        kept = agenda_events(
            Listings(upcoming=upcoming, past=past), now, config.calendar.past_months
        )
        zones = TimezoneDefinitions(timezone_window(kept))
        calendar = build_calendar(kept, config, output.site_url, config.site.name, zones)
        (output.folder / names["ics"]).write_bytes(calendar.to_ical())
