"""Calendars: valid ICS read by two independent parsers, time zones, status, stable UIDs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import vobject
from helpers import NOW
from icalendar import Calendar

from assosite.build.site import BuildOptions, build_site
from assosite.scaffold.site import init_site


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    """The starter, built once; returns its output folder."""
    site = init_site(tmp_path_factory.mktemp("ics") / "site")
    assert build_site(site, BuildOptions(now=NOW, strict=True)).problems == []
    return site / "output"


def _calendars(output: Path) -> list[Path]:
    return [output / "agenda.ics", *sorted((output / "agenda").rglob("evenement.ics"))]


def _instant(value) -> dt.datetime | dt.date:
    return value.astimezone(dt.UTC) if isinstance(value, dt.datetime) else value


def test_every_calendar_is_read_the_same_by_two_parsers(starter) -> None:
    """icalendar and vobject find the same events at the same instants in every .ics."""
    calendars = _calendars(starter)
    assert len(calendars) >= 11
    for path in calendars:
        data = path.read_bytes()
        ours = Calendar.from_ical(data)
        theirs = vobject.readOne(data.decode("utf-8"))
        a = sorted((str(e["uid"]), _instant(e.decoded("dtstart"))) for e in ours.walk("VEVENT"))
        b = sorted((e.uid.value, _instant(e.dtstart.value)) for e in theirs.vevent_list)
        assert a == b, path.name


def test_each_tzid_has_its_vtimezone(starter) -> None:
    """Every TZID used by an event is defined by a VTIMEZONE of the same file."""
    for path in _calendars(starter):
        calendar = Calendar.from_ical(path.read_bytes())
        defined = {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")}
        used = {
            str(event[key].params["TZID"])
            for event in calendar.walk("VEVENT")
            for key in ("dtstart", "dtend")
            if key in event and "TZID" in event[key].params
        }
        assert used <= defined, path.name


def test_status_and_all_day_events(starter) -> None:
    """Cancelled → CANCELLED, postponed → TENTATIVE; all-day events are DATE values."""
    calendar = Calendar.from_ical((starter / "agenda.ics").read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert str(events["Troc de plantes 2027"]["status"]) == "CANCELLED"
    assert str(events["Fête de quartier 2027"]["status"]) == "TENTATIVE"
    assert str(events["Repair café de printemps"]["status"]) == "CONFIRMED"
    weekend = events["Week-end portes ouvertes au jardin"]
    assert weekend.decoded("dtstart") == dt.date(2027, 6, 12)
    assert weekend.decoded("dtend") == dt.date(2027, 6, 14)  # exclusive end
    assert "Montbrisac" in str(weekend["location"])
    assert str(weekend["url"]).startswith("https://demo.assosite.fr/agenda/")


def test_winter_evening_in_paris_is_an_hour_earlier_in_utc(make_site, build) -> None:
    """A 19:00 Europe/Paris event in January is 18:00 UTC; one in Martinique keeps its zone."""
    event = "---\ntitle: {t}\nsummary: Venez.\nstart: {s}\n{x}---\nTexte.\n"
    site = make_site(
        {
            "content/events/a.md": event.format(t="Hiver", s="2027-01-15 19:00", x=""),
            "content/events/b.md": event.format(
                t="Martinique", s="2027-01-15 19:00", x="timezone: America/Martinique\n"
            ),
        }
    )
    _, output = build(site)
    calendar = Calendar.from_ical((output / "agenda.ics").read_bytes())
    starts = {str(e["summary"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}
    assert starts["Hiver"].astimezone(dt.UTC) == dt.datetime(2027, 1, 15, 18, tzinfo=dt.UTC)
    assert starts["Martinique"].astimezone(dt.UTC) == dt.datetime(2027, 1, 15, 23, tzinfo=dt.UTC)
    zones = {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")}
    assert zones == {"Europe/Paris", "America/Martinique"}


def test_uid_and_bytes_are_stable(make_site, build) -> None:
    """Two builds give the same calendar bytes; a title edit keeps the UID."""
    text = "---\ntitle: {t}\nsummary: Venez.\nstart: 2027-03-14 18:00\n---\nTexte.\n"
    site = make_site({"content/events/a.md": text.format(t="Avant")})
    _, output = build(site)
    first = (output / "agenda.ics").read_bytes()
    _, output = build(site)
    assert (output / "agenda.ics").read_bytes() == first
    (site / "content/events/a.md").write_text(text.format(t="Après"), encoding="utf-8")
    _, output = build(site)
    uid = [str(e["uid"]) for e in Calendar.from_ical(first).walk("VEVENT")]
    assert uid == [
        str(e["uid"])
        for e in Calendar.from_ical((output / "agenda.ics").read_bytes()).walk("VEVENT")
    ]


def test_agenda_keeps_recent_past_events_only(make_site, build) -> None:
    """agenda.ics holds upcoming events and the last 6 months, not older ones."""
    event = "---\ntitle: {t}\nsummary: Venez.\nstart: {s}\n---\nTexte.\n"
    site = make_site(
        {
            "content/events/a.md": event.format(t="Futur", s="2027-03-14 18:00"),
            "content/events/b.md": event.format(t="Récent", s="2026-09-01 18:00"),
            "content/events/c.md": event.format(t="Ancien", s="2025-01-01 18:00"),
        }
    )
    _, output = build(site)
    titles = sorted(
        str(e["summary"])
        for e in Calendar.from_ical((output / "agenda.ics").read_bytes()).walk("VEVENT")
    )
    assert titles == ["Futur", "Récent"]
    assert (output / "agenda/c/evenement.ics").is_file()


def test_calendar_serialised_with_shared_zones_is_icalendars_own_text() -> None:
    """Writing each VTIMEZONE once per build gives byte for byte icalendar's to_ical()."""
    import datetime as dt  # noqa: PLC0415

    from icalendar import Calendar, Event  # noqa: PLC0415

    from assosite.outputs.calendars import TimezoneDefinitions  # noqa: PLC0415

    zones = TimezoneDefinitions((dt.date(2024, 1, 1), dt.date(2028, 12, 31)))
    for _ in range(2):  # the second time, the zones' text comes from the build's memory
        calendar = Calendar()
        calendar.add("prodid", "-//test//FR")
        calendar.add("x-wr-calname", "Fête « été » " * 6)
        calendar.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
        for name in ("America/Montreal", "Europe/Paris"):
            calendar.add_component(zones.get(name))
        event = Event()
        event.add("uid", "a@test.example")
        event.add("summary", "Une très longue soirée de quartier, " * 4)
        event.add("dtstart", dt.date(2026, 6, 21))
        calendar.add_component(event)
        assert zones.serialise(calendar) == calendar.to_ical()
