"""What machines read: schema.org JSON-LD, ``sitemap.xml`` and ``robots.txt``.

JSON-LD is built as plain data here and serialised by the template with Jinja's
``tojson`` (which escapes it for HTML); the sitemap is written with ElementTree,
never by string concatenation.
"""

from __future__ import annotations

import datetime as dt
import functools
import xml.etree.ElementTree as ET
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import vRecur

from assosite.config.site import SiteConfig
from assosite.model.urls import site_paths
from assosite.model.wording import parse_day
from assosite.outputs.base import Output, SiteOutput

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _absolute(site_url: str, path: str) -> str:
    if path.startswith(("http://", "https://", "mailto:")):
        return path
    return f"{site_url}/{path.lstrip('/')}"


def organisation(config: SiteConfig, site_url: str) -> dict[str, Any]:
    """Return the association as a schema.org ``NGO``."""
    data: dict[str, Any] = {
        "@type": "NGO",
        "name": config.association.legal_name or config.site.name,
        "url": f"{site_url}/",
    }
    if config.site.description:
        data["description"] = config.site.description
    if config.site.logo:
        data["logo"] = _absolute(site_url, config.site.logo)
    if config.association.email:
        data["email"] = config.association.email
    if config.association.address:
        data["address"] = config.association.address
    if config.links.social:
        data["sameAs"] = sorted(config.links.social.values())
    return data


def _place(item: Any, site_url: str) -> dict[str, Any] | list[dict[str, Any]]:
    places = []
    if item.location is not None:
        place: dict[str, Any] = {"@type": "Place", "name": item.location.name or item.title}
        address = {
            "@type": "PostalAddress",
            "streetAddress": item.location.address,
            "postalCode": item.location.postal_code,
            "addressLocality": item.location.city,
        }
        place["address"] = {k: v for k, v in address.items() if v}
        places.append(place)
    if item.online:
        places.append({"@type": "VirtualLocation", "url": _absolute(site_url, item.online)})
    return places[0] if len(places) == 1 else places


def _event(item: Any, url: str, config: SiteConfig, site_url: str) -> dict[str, Any]:
    status = (
        "EventCancelled"
        if item.cancelled
        else ("EventPostponed" if item.postponed else "EventScheduled")
    )
    if item.postponed_from is not None:  # the new date is known (schema.org's wording)
        status = "EventRescheduled"
    mode = "Mixed" if item.online and item.location else ("Online" if item.online else "Offline")
    data = {
        "@type": "Event",
        "name": item.title,
        "description": item.summary,
        "url": url,
        "startDate": _iso(item.start),
        "eventStatus": f"https://schema.org/{status}",
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
        "organizer": organisation(config, site_url),
    }
    if item.end is not None:
        data["endDate"] = _iso(item.end)
    if item.postponed_from is not None:
        data["previousStartDate"] = _iso(item.postponed_from)
    if item.location is not None or item.online:
        data["location"] = _place(item, site_url)
    if getattr(item, "repeat", None) is not None:
        data["eventSchedule"] = _schedule(item)
    return data


_PERIODS = {"DAILY": "D", "WEEKLY": "W", "MONTHLY": "M", "YEARLY": "Y"}
_DAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}


def _schedule(item: Any) -> dict[str, Any]:
    """Return a repeating event's schema.org ``Schedule`` (its rule, times and skipped dates)."""
    parts = vRecur.from_ical(item.repeat.rule)
    interval = int(parts.get("INTERVAL", [1])[0])
    days = [parse_day(str(day)) for day in parts.get("BYDAY", [])]
    data: dict[str, Any] = {
        "@type": "Schedule",
        "repeatFrequency": f"P{interval}{_PERIODS[str(parts['FREQ'][0])]}",
        "scheduleTimezone": item.timezone,
        "startDate": item.begins.date().isoformat(),
    }
    if days:
        data["byDay"] = [f"https://schema.org/{_DAYS[code]}" for _, code in days]
    weeks = sorted({rank for rank, _ in days if rank is not None and rank > 0})
    if weeks:
        data["byMonthWeek"] = weeks
    for key, name in (("BYMONTHDAY", "byMonthDay"), ("BYMONTH", "byMonth")):
        if key in parts:
            data[name] = [int(value) for value in parts[key]]
    if not item.all_day:
        zone = ZoneInfo(item.timezone)
        data["startTime"] = item.begins.astimezone(zone).strftime("%H:%M")
        if item.end is not None:
            data["endTime"] = item.finishes.astimezone(zone).strftime("%H:%M")
    if "COUNT" in parts:
        data["repeatCount"] = int(parts["COUNT"][0])
    if not item.repeat.is_endless:
        data["endDate"] = item.last_occurrence().begins.date().isoformat()
    skipped = [*item.repeat.exdates, *(c.original for c in item.repeat.changes)]
    if skipped:
        data["exceptDate"] = sorted(_iso(day) for day in skipped)
    return data


def _article(item: Any, url: str, config: SiteConfig, site_url: str) -> dict[str, Any]:
    data = {
        "@type": "NewsArticle",
        "headline": item.title,
        "description": item.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": _iso(item.date),
        "author": organisation(config, site_url),
        "publisher": organisation(config, site_url),
    }
    if item.modified is not None:
        data["dateModified"] = _iso(item.modified)
    return data


def _iso(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    return (
        value.isoformat(timespec="minutes")
        if isinstance(value, dt.datetime)
        else (value.isoformat())
    )


class StructuredData:
    """The ``json_ld`` template function: one schema.org object per page.

    Args:
        config: the site configuration.
        site_url: the absolute address of the site (no trailing slash).
    """

    def __init__(self, config: SiteConfig, site_url: str) -> None:
        self.config = config
        self.site_url = site_url

    def __call__(self, content: Any = None) -> dict[str, Any]:
        """Return the JSON-LD for ``content`` (the home page's NGO when None)."""
        item = getattr(content, "item", None)
        if item is None:
            return {"@context": "https://schema.org", **organisation(self.config, self.site_url)}
        url = _absolute(self.site_url, content.url)
        if item.kind == "event":
            data = _event(item, url, self.config, self.site_url)
        elif item.kind == "news":
            data = _article(item, url, self.config, self.site_url)
        else:
            data = {"@type": "WebPage", "name": item.title, "url": url}
        if item.image:
            data["image"] = _absolute(self.site_url, item.image)
        return {"@context": "https://schema.org", **data}


def sitemap_entries(context: dict[str, Any], config: SiteConfig) -> list[tuple[str, str]]:
    """Return (path, lastmod) of every public page, sorted by path.

    ``lastmod`` comes from the content's own dates, never from the clock, so two
    builds of the same content give the same sitemap.
    """
    paths = site_paths(config.site.language)
    entries: dict[str, str] = {
        "": "",
        f"{paths.news}/": "",
        f"{paths.event}/": "",
        f"{paths.archive}/": "",
        f"{paths.testimony}/": "",
        f"{paths.tags}/": "",
        f"{paths.legal}/": "",
        f"{paths.accessibility}/": "",
        f"{paths.privacy}/": "",
    }
    for content in [*context.get("articles", []), *context.get("pages", [])]:
        item = getattr(content, "item", None)
        changed = (item.modified or item.date) if item is not None else None
        entries[content.url] = _iso(changed.date()) if changed else ""
    for tag, _ in context.get("tags", []):
        entries.setdefault(tag.url, "")
    return sorted(entries.items())


def sitemap_xml(entries: list[tuple[str, str]], site_url: str) -> bytes:
    """Return the sitemap document for ``entries``.

    The last document is kept for the process: a preview's rebuild after an edit
    rarely changes an address or a date, and 5 000 entries take most of a second.
    """
    return _sitemap_xml(tuple(entries), site_url)


@functools.lru_cache(maxsize=1)
def _sitemap_xml(entries: tuple[tuple[str, str], ...], site_url: str) -> bytes:
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for path, lastmod in entries:
        url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = f"{site_url}/{path}"
        if lastmod:
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = lastmod
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(site_url: str) -> str:
    """Return a robots.txt that allows everything and names the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}/sitemap.xml\n"


NOINDEX_HEADERS = "/*\n  X-Robots-Tag: noindex\n"


class SeoOutput(SiteOutput):
    """Write ``sitemap.xml`` and ``robots.txt`` at the root of the output.

    A deploy preview also gets Netlify's ``_headers`` file asking search engines not
    to index any of its files (images and feeds too, which carry no ``<meta>``).
    """

    def write(self, output: Output) -> None:
        """Write both files from the content of the build (and a preview's ``_headers``)."""
        entries = sitemap_entries(self.context, output.state.config)
        (output.folder / "sitemap.xml").write_bytes(sitemap_xml(entries, output.site_url))
        (output.folder / "robots.txt").write_text(robots_txt(output.site_url), encoding="utf-8")
        # _headers is read at the root of the published folder only (not a member's).
        if output.address.noindex and not output.address.base_path:
            (output.folder / "_headers").write_text(NOINDEX_HEADERS, encoding="utf-8")
