"""The site's lists: home page budget, navigation, news list, agenda and archive, testimonies.

:func:`collect` sorts every published item once the content is read (expired items
and past events leave the lists, pinned items come first);
:mod:`assosite.outputs.listpages` writes the list pages with the theme's templates.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from assosite.model.urls import SitePaths


@dataclass(frozen=True, slots=True)
class NavEntry:
    """One link of the main navigation.

    Attributes:
        key: compared with the page's ``nav_key`` to set ``aria-current``.
        label: the link text.
        url: the address relative to the site root (``agenda/``, ``""`` for home).
    """

    key: str
    label: str
    url: str


@dataclass(slots=True)
class Listings:
    """Published content sorted for the lists (Pelican content objects).

    Attributes:
        news: news, pinned first, then newest first.
        upcoming: events not over yet, soonest first.
        past: events that are over, most recent first.
        testimonies: testimonies, pinned first, then newest first.
        pages: pages, by menu order then title.
    """

    news: list[Any] = field(default_factory=list)
    upcoming: list[Any] = field(default_factory=list)
    past: list[Any] = field(default_factory=list)
    testimonies: list[Any] = field(default_factory=list)
    pages: list[Any] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Home:
    """What the home page shows, already cut to the editorial budget."""

    events: list[Any]
    news: list[Any]
    testimonies: list[Any]


def home_events(upcoming: list[Any], count: int) -> list[Any]:
    """Return the first ``count`` upcoming events that still take place.

    A cancelled event stays on the agenda (marked « Annulé »), but the home page's few
    places go to events one can still attend.
    """
    return [content for content in upcoming if not content.item.cancelled][:count]


def _newest_first(content: Any) -> tuple[bool, float]:
    """Pinned first, then newest first; a text without a date (a testimony may) last."""
    date = content.item.date
    return (not content.item.pinned, -date.timestamp() if date is not None else float("inf"))


def collect(contents: list[Any], now: dt.datetime) -> Listings:
    """Sort published content objects into the site's lists.

    Args:
        contents: Pelican articles and pages that carry an ``item``.
        now: the build's reference instant.

    Returns:
        The lists; expired items are left out of all of them.
    """
    listings = Listings()
    for content in contents:
        item = getattr(content, "item", None)
        if item is None or item.status != "published" or item.is_expired(now):
            continue
        if item.kind == "event":
            (listings.past if item.is_past(now) else listings.upcoming).append(content)
        elif item.kind == "news":
            listings.news.append(content)
        elif item.kind == "testimony":
            listings.testimonies.append(content)
        else:
            listings.pages.append(content)
    listings.news.sort(key=lambda c: (*_newest_first(c), c.item.source))
    listings.testimonies.sort(key=lambda c: (*_newest_first(c), c.item.source))
    # A repeating event is listed once: at its next date, or in the archive at its last.
    listings.upcoming.sort(key=lambda c: (c.item.next_occurrence(now).begins, c.item.source))
    listings.past.sort(key=lambda c: (-c.item.last_occurrence().begins.timestamp(), c.item.source))
    listings.pages.sort(key=lambda c: (c.item.menu is None, c.item.menu or 0, c.item.title))
    return listings


def link_neighbours(listings: Listings) -> None:
    """Give each news item and event its previous and next one (in time order).

    Sets ``previous_item`` (older) and ``next_item`` (newer) on the Pelican content
    objects; the item templates link them.
    """
    chronological_news = list(reversed(listings.news))
    events = [*reversed(listings.past), *listings.upcoming]
    for sequence in (chronological_news, events):
        for index, content in enumerate(sequence):
            content.previous_item = sequence[index - 1] if index > 0 else None
            content.next_item = sequence[index + 1] if index + 1 < len(sequence) else None


def navigation(listings: Listings, paths: SitePaths, gettext: Any) -> list[NavEntry]:
    """Return the main navigation: home, news, agenda, testimonies, then menu pages.

    ``gettext`` translates the French labels (the theme's catalogue).
    """
    entries = [NavEntry("home", gettext("Accueil"), "")]
    if listings.news:
        entries.append(NavEntry("news", gettext("Actualités"), f"{paths.news}/"))
    if listings.upcoming or listings.past:
        entries.append(NavEntry("agenda", gettext("Agenda"), f"{paths.event}/"))
    if listings.testimonies:
        entries.append(NavEntry("testimonies", gettext("Témoignages"), f"{paths.testimony}/"))
    entries += [
        NavEntry(p.item.slug, p.item.menu_label or p.item.title, p.url)
        for p in listings.pages
        if p.item.menu is not None
    ]
    return entries


def by_month(events: list[Any], now: dt.datetime, timezone: str) -> list[tuple[dt.date, list[Any]]]:
    """Group upcoming events by the month of their next date, soonest first.

    Each group is keyed by the month's first day (for its name in words); a repeating
    event is in the month of its next date, once.
    """
    zone = ZoneInfo(timezone)

    def month(content: Any) -> dt.date:
        begins = content.item.next_occurrence(now).begins
        local = begins.astimezone(zone) if isinstance(begins, dt.datetime) else begins
        return dt.date(local.year, local.month, 1)

    return [(first, list(group)) for first, group in itertools.groupby(events, key=month)]


def by_year(events: list[Any]) -> list[tuple[int, list[Any]]]:
    """Group past events by year, most recent year first."""
    return [
        (year, list(group))
        for year, group in itertools.groupby(
            events, key=lambda c: c.item.last_occurrence().begins.year
        )
    ]
