"""The typed content items: News, Event, Testimony and Page, one docstring per field.

These frozen dataclasses are what the templates, feeds, calendars and editorial
rules read (``article.item`` in a template). The field docstrings are the volunteer
documentation of each front matter key.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from assosite.model.recurrence import Occurrence, Recurrence, Span, as_instant, expand

KINDS = ("news", "event", "testimony", "page")


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    """Where an event takes place."""

    name: str = ""
    """Name of the place: « Maison des associations »."""
    address: str = ""
    """Street and number: « 12 rue des Lilas »."""
    postal_code: str = ""
    """Postal code: « 69004 »."""
    city: str = ""
    """Town or city: « Lyon »."""

    def one_line(self) -> str:
        """Return the place on one line: name, address, postal code and city."""
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.name, self.address, town) if part)


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """What every content item has."""

    kind: str
    """``news``, ``event``, ``testimony`` or ``page`` (from the folder or ``type``)."""
    source: str
    """The file, relative to the site folder."""
    title: str
    """Title of the item (required): short, precise, in sentence case."""
    summary: str = ""
    """The chapô: one sentence that says the essential (required on news and events)."""
    date: dt.datetime | None = None
    """Publication date (required on news); a date alone means midnight."""
    modified: dt.datetime | None = None
    """Date of the last significant update."""
    tags: tuple[str, ...] = ()
    """Keywords, as a list or separated by commas."""
    image: str = ""
    """Illustration, relative to ``content/`` (``images/fete.jpg``)."""
    image_alt: str = ""
    """Text alternative of the image: what it shows, in one sentence (required with an image)."""
    image_caption: str = ""
    """A caption shown under the image on the item's page (what is happening, where, when)."""
    image_credit: str = ""
    """Who took the photo or owns its rights, shown after the caption: « Jeanne Martin »."""
    decorative: bool = False
    """The image is purely decorative: then ``image_alt: ""`` is allowed."""
    status: str = "published"
    """``published`` (default) or ``draft`` (not published)."""
    expires: dt.datetime | None = None
    """After this date the item leaves the listings, home and feeds but stays reachable."""
    slug: str = ""
    """Short name used in the address; by default the file name without its date."""
    lang: str = ""
    """Language of the item when it differs from the site's (``en``)."""
    pinned: bool = False
    """Keep the item at the top of the lists."""
    author: str = ""
    """Who wrote it (optional); several names as a list: ``[Marie Dupont, Paul Martin]``."""
    aliases: tuple[str, ...] = ()
    """Old addresses of the text (``/2019/04/fete/``) that lead to it from now on."""
    card: bool = True
    """Draw a sharing card for the item (``false``: the site's card is shown instead)."""
    card_image: str = ""
    """An image of its own for sharing, instead of the card (``images/affiche.jpg``)."""
    card_image_alt: str = ""
    """Text alternative of ``card_image``: what it shows (required with ``card_image``)."""

    def is_expired(self, now: dt.datetime) -> bool:
        """Return True when ``expires`` is past at ``now``."""
        return self.expires is not None and self.expires <= now


@dataclass(frozen=True, slots=True, kw_only=True)
class News(Item):
    """A news item (actualité)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(Item, Span):
    """An event (événement) of the agenda."""

    start: dt.date | dt.datetime
    """Start (required): ``2026-03-14 18:30``, or a date alone for an all-day event."""
    end: dt.date | dt.datetime | None = None
    """End, after the start: ``2026-03-14 20:00`` (or a date for an all-day event)."""
    timezone: str = "Europe/Paris"
    """IANA time zone of the event, when it differs from the site's."""
    location: Location | None = None
    """Place: one line, or ``name``, ``address``, ``postal_code`` and ``city``."""
    online: str = ""
    """Link to follow the event online."""
    registration: str = ""
    """Link to register."""
    price: str = ""
    """Price, in words: « Gratuit », « 5 € ; gratuit pour les adhérents »."""
    accessibility: str = ""
    """Access for people with disabilities: step-free access, hearing loop…"""
    cancelled: bool = False
    """The event is cancelled: it stays visible, marked « Annulé »."""
    postponed: bool = False
    """The event is postponed: it stays visible, marked « Reporté »."""
    postponed_from: dt.date | dt.datetime | None = None
    """The date it was first announced for, when it moved to ``start`` (shown struck out)."""
    repeat: Recurrence | None = None
    """How the event repeats (``repeat:`` or ``rrule:``); ``start`` is then its first date."""

    def occurrences(self, now: dt.datetime | None = None) -> Iterator[Occurrence]:
        """Yield the event's dates not over at ``now`` (all of them when None), in order.

        A rule without end gives dates without end: take what you need (``upcoming``).
        """
        if self.repeat is None:
            occurrence = Occurrence(
                self.start, self.end, self.timezone, self.start, cancelled=self.cancelled
            )
            if now is None or occurrence.finishes > now:
                yield occurrence
            return
        yield from expand(self.start, self.end, self.timezone, self.repeat, now)

    def upcoming(self, now: dt.datetime, count: int) -> list[Occurrence]:
        """Return the next ``count`` dates not over at ``now`` (cancelled ones included)."""
        return list(itertools.islice(self.occurrences(now), count))

    def next_occurrence(self, now: dt.datetime) -> Occurrence:
        """Return the date to announce at ``now``.

        The first date not over and not cancelled; else the first not over; once
        every date is over, the last one.
        """
        coming = self.upcoming(now, 50)
        for occurrence in coming:
            if not occurrence.cancelled:
                return occurrence
        return coming[0] if coming else self.last_occurrence()

    def last_occurrence(self) -> Occurrence:
        """Return the event's last date (its first one when the rule never ends)."""
        if self.repeat is not None and self.repeat.is_endless:
            return next(self.occurrences())
        last = None
        for last in self.occurrences():  # noqa: B007 (the loop finds the last one)
            pass
        if last is None:  # a rule whose every date was taken out (reported when read)
            return Occurrence(self.start, self.end, self.timezone, self.start)
        return last

    def skipped(self, now: dt.datetime) -> list[dt.date | dt.datetime]:
        """Return the dates the rule gives that the event skips (``except``) from ``now`` on."""
        if self.repeat is None:
            return []
        return [day for day in self.repeat.exdates if as_instant(day, self.timezone) >= now]

    def is_past(self, now: dt.datetime) -> bool:
        """Return True when the event (its last date, when it repeats) is over at ``now``."""
        if self.repeat is None:
            return self.finishes <= now
        return next(self.occurrences(now), None) is None


@dataclass(frozen=True, slots=True, kw_only=True)
class Testimony(Item):
    """A testimony (témoignage) of a member, volunteer, beneficiary or partner."""

    name: str = ""
    """First name or pseudonym of the person."""
    role: str = ""
    """Role: bénévole, adhérente, bénéficiaire, partenaire…"""
    consent: dt.date
    """Date the person agreed to publication (required: no consent, no publication)."""
    consent_expires: dt.date | None = None
    """Date the consent ends; the testimony is then unpublished automatically."""
    photo: str = ""
    """Portrait, relative to ``content/`` (only with the person's agreement)."""
    photo_alt: str = ""
    """Text alternative of the photo (required with a photo)."""
    quote: str = ""
    """A short sentence for cards and the home page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Page(Item):
    """A page of the association (about, join, donate, contact…)."""

    menu: int | None = None
    """Position in the main navigation (1 first); absent: not in the menu."""
    menu_label: str = ""
    """Its name in the menu, shorter than the title (« Adhérer »); default: the title."""


ITEM_CLASSES: dict[str, type[Item]] = {
    "news": News,
    "event": Event,
    "testimony": Testimony,
    "page": Page,
}
