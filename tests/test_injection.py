"""Classic injection payloads in every field: escaped in every output format, never run.

One site holds a news item, an event, a testimony and a page whose every text field is
the same hostile string; it is built for real, as a site and as a federation member
without trusted HTML (whose bodies carry the payload too), and each output is read back
by a parser: HTML (tags and attributes), JSON-LD, Atom and RSS (feedparser), iCalendar
(icalendar), the sitemap (XML).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import pytest

PAYLOAD = (
    '<script>alert("a")</script></script><!-- "><img src=x onerror=alert(1)> '
    "' onmouseover='alert(2)' javascript:alert(3) url(javascript:alert(4)) ]]> &amp; {{ 7*7 }}"
)
QUOTED = json.dumps(PAYLOAD, ensure_ascii=False)  # YAML accepts JSON strings
# A title is one line of text: its tags are removed (AS220), the rest kept as text.
TITLE = (
    """alert("a") ' onmouseover='alert(2)' javascript:alert(3) url(javascript:alert(4)) """
    "]]> & {{ 7*7 }}"
)
BODY = (
    "Un paragraphe.\n\n<script>alert(5)</script>\n\n"
    '<a href="javascript:alert(6)" onclick="alert(7)">lien</a>\n\n'
    '<div style="background:url(javascript:alert(8))">bloc</div>\n'
)
ITEMS = {
    "content/news/2026-03-01-piege.md": f"""---
title: {QUOTED}
date: 2026-03-01
summary: {QUOTED}
author: {QUOTED}
tags: [{QUOTED}]
image: images/photo.jpg
image_alt: {QUOTED}
---
{BODY}""",
    "content/events/2027-03-14-piege.md": f"""---
title: {QUOTED}
summary: {QUOTED}
start: 2027-03-14 18:00
end: 2027-03-14 20:00
location:
  name: {QUOTED}
  address: {QUOTED}
  city: {QUOTED}
price: {QUOTED}
accessibility: {QUOTED}
tags: [{QUOTED}]
---
{BODY}""",
    "content/testimonies/piege.md": f"""---
title: {QUOTED}
date: 2026-02-01
name: {QUOTED}
role: {QUOTED}
consent: 2026-01-01
summary: {QUOTED}
---
{BODY}""",
    "content/pages/piege.md": f"""---
title: {QUOTED}
summary: {QUOTED}
---
{BODY}""",
}
# URL fields take http(s), mailto or a site path only: each bad scheme is refused.
BAD_ADDRESSES = [
    "javascript:alert(9)",
    "data:text/html,<script>alert(10)</script>",
    "vbscript:x",
    "//autre.example/piege",
    "tel:javascript",
]


class _Markup(HTMLParser):
    """Every tag with its attributes, the text, and the scripts' contents."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[str | None, str]] = []
        self._script: str | bool | None = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs).get("type")
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False

    def handle_data(self, data: str) -> None:
        if self._script is not False:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)
        else:
            self.text.append(data)


def _check_html(path: Path) -> _Markup:
    markup = _Markup()
    markup.feed(path.read_text(encoding="utf-8"))
    for tag, attrs in markup.tags:
        assert not (tag == "img" and attrs.get("src") == "x"), path
        assert tag not in ("iframe", "object", "embed", "base"), path
        for name, value in attrs.items():
            assert not name.startswith("on"), (path, tag, name)
            text = (value or "").strip().lower()
            assert not text.startswith(("javascript:", "vbscript:", "data:text")), (path, name)
            if name == "style":
                assert "javascript" not in text, path
    for kind, text in markup.scripts:
        assert kind == "application/ld+json", (path, kind)
        assert not re.search(r"</script|<!--", text, re.IGNORECASE), path
        json.loads(text)  # whole, valid JSON
    return markup


def _strings(data: object) -> list[str]:
    """Every string value of decoded JSON."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in _strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return []


def _site(make_site, extra: dict[str, str] | None = None) -> Path:
    return make_site({**ITEMS, **(extra or {})})


@pytest.mark.parametrize("federated", [False, True], ids=["site", "member"])
def test_payloads_are_escaped_in_every_output(make_site, build, federated) -> None:
    """Each format carries the payload as text, exactly, and nothing of it runs."""
    site = _site(make_site)
    report, output = build(site, federated=federated)
    assert [p for p in report.problems if p.severity == "error"] == []
    pages = list(output.rglob("*.html"))
    assert len(pages) > 10
    shown = 0
    for page in pages:
        text = "".join(_check_html(page).text)
        shown += PAYLOAD in text and TITLE in text
    assert shown >= 4, "each item's page shows its title and summary as text"
    if federated:
        for page in pages:
            html = page.read_text(encoding="utf-8")
            assert "alert(5)" not in html and "alert(6)" not in html and "alert(7)" not in html
    ld = [
        json.loads(text)
        for page in pages
        for kind, text in _check_html(page).scripts
        if kind == "application/ld+json"
    ]
    assert PAYLOAD in set(_strings(ld)), "JSON-LD should carry the text as it is"
    feeds = [p for p in output.rglob("*.xml") if p.name.endswith((".atom.xml", ".rss.xml"))]
    assert feeds
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        texts = [element.text or "" for element in ET.parse(feed).iter()]
        if any("piege" in entry.get("link", "") for entry in parsed.entries):
            assert TITLE in texts, feed
            assert any(PAYLOAD in text for text in texts), feed
    calendars = list(output.rglob("*.ics"))
    assert calendars
    for calendar in calendars:
        raw = calendar.read_bytes()
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), calendar
        for event in icalendar.Calendar.from_ical(raw).walk("VEVENT"):
            if str(event.get("SUMMARY")) == TITLE:
                assert PAYLOAD in str(event.get("LOCATION"))
                break
        else:
            if "piege" in calendar.as_posix() or calendar.name == "agenda.ics":
                pytest.fail(f"{calendar}: the event's SUMMARY lost the payload")
    for sitemap in output.rglob("sitemap*.xml"):
        ET.parse(sitemap)  # well-formed


@pytest.mark.parametrize("address", BAD_ADDRESSES)
@pytest.mark.parametrize("key", ["online", "registration"])
def test_only_web_and_mail_addresses_are_links(make_site, build, address, key) -> None:
    """javascript:, data: and other schemes in a URL field are refused at their line."""
    event = f"""---
title: Réunion
summary: Une phrase.
start: 2027-03-14 18:00
{key}: {json.dumps(address)}
---
Texte.
"""
    site = make_site({"content/events/2027-03-14-reunion.md": event})
    report, output = build(site)
    assert [(p.code, p.line) for p in report.problems if p.severity == "error"] == [("AS218", 5)]
    for page in output.rglob("*.html"):
        assert address.split(":")[0] + ":" not in page.read_text(encoding="utf-8").lower()


@pytest.mark.parametrize(
    "address",
    ["https://exemple.fr/inscription", "/adherer/", "mailto:a@exemple.fr", "tel:+33 1 23 45 67 89"],
)
def test_web_mail_phone_and_site_addresses_are_links(make_site, build, address) -> None:
    """http(s), mailto, tel and the site's own paths are accepted."""
    event = f"""---
title: Réunion
summary: Une phrase.
start: 2027-03-14 18:00
registration: {json.dumps(address)}
---
Texte.
"""
    site = make_site({"content/events/2027-03-14-reunion.md": event})
    report, _ = build(site)
    assert [p.code for p in report.problems if p.code == "AS218"] == []
