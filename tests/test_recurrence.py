"""Repeating events: reading ``repeat:``/``rrule:``, dates across DST, pages, calendars, feeds."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
import recurring_ical_events
from bs4 import BeautifulSoup
from click.testing import CliRunner
from helpers import NOW, file_hashes, md_event, read_file
from icalendar import Calendar

from assosite.build.site import BuildOptions, build_site
from assosite.cli import cli
from assosite.federation.runner import FederationOptions, run_federation
from assosite.model.dates import DateFormatter
from assosite.model.validity import valid_until
from assosite.outputs.exports import as_item, item_data
from assosite.problems.catalogue import theme_translations
from assosite.problems.report import Severity
from assosite.scaffold.federation import init_federation
from assosite.scaffold.site import init_site

PARIS = ZoneInfo("Europe/Paris")
THEME = Path(__file__).parent.parent / "themes" / "default"

REPAIR = md_event(
    "Repair café",
    "2026-10-01 09:30",
    extra="""end: 2026-10-01 12:00
repeat:
  every: month
  on: premier samedi
  except:
    - 2027-01-02
  cancelled: 2026-12-05
  moved:
    2027-02-06: 2027-02-13
""",
)
# Tuesdays from 2 March to 13 April 2027: summer time starts on 28 March.
PERMANENCE = md_event(
    "Permanence",
    "2027-03-02 17:00",
    extra="end: 2027-03-02 19:00\nrrule: FREQ=WEEKLY;BYDAY=TU;UNTIL=20270413\n",
)
OVER = md_event(
    "Atelier d'hiver",
    "2026-01-06 18:00",
    extra="repeat:\n  on: mardi\n  until: 2026-03-31\n",
)
NO_DATE = md_event(
    "Jamais",
    "2026-12-01 18:00",
    extra="repeat:\n  every: week\n  until: 2026-01-01\n",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A site with repeating events, built once at :data:`NOW`; returns the site folder."""
    root = tmp_path_factory.mktemp("recurrence") / "site"
    files = {
        "content/events/repair-cafe.md": REPAIR,
        "content/events/permanence.md": PERMANENCE,
        "content/events/atelier-d-hiver.md": OVER,
        "content/events/jamais.md": NO_DATE,
        "content/events/2026-12-12-marche.md": md_event("Marché de Noël", "2026-12-12 10:00"),
    }
    for folder in ("news", "events", "testimonies", "pages"):
        (root / "content" / folder).mkdir(parents=True, exist_ok=True)
    (root / "assosite.toml").write_text(
        '[site]\nname = "Les Amis du Test"\nurl = "https://test.example"\n'
        'description = "Une association pour tester assosite."\n',
        encoding="utf-8",
    )
    for relative, text in files.items():
        (root / relative).write_text(text, encoding="utf-8")
    report = build_site(root, BuildOptions(now=NOW))
    root.joinpath("report.json").write_text(
        json.dumps([(p.code, p.path, p.line, p.severity) for p in report.problems]),
        encoding="utf-8",
    )
    return root


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / "output" / path).read_text(encoding="utf-8"), "html.parser")


def _expanded(
    ics: bytes, start: dt.datetime, end: dt.datetime, title: str = ""
) -> list[tuple[dt.datetime, str]]:
    """The occurrences a calendar application shows, by recurring-ical-events (not assosite)."""
    calendar = Calendar.from_ical(ics)
    return sorted(
        (e.decoded("dtstart").astimezone(dt.UTC), str(e.get("status", "")))
        for e in recurring_ical_events.of(calendar).between(start, end)
        if not title or str(e["summary"]) == title
    )


def _page_dates(site: Path, slug: str) -> list[tuple[dt.datetime, str]]:
    items = _page(site, f"agenda/{slug}/index.html").select(".as-dates")[0].select("li")
    dates = []
    for li in items:
        when = dt.datetime.fromisoformat(li.time["datetime"]).astimezone(dt.UTC)
        dates.append((when, "CANCELLED" if li.select(".as-dates__status") else "CONFIRMED"))
    return dates


def _read(tmp_path: Path, text: str, name: str = "evenement.md"):
    path = tmp_path / "content" / "events" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return read_file(tmp_path, f"content/events/{name}")


def test_french_sentence_and_first_date_of_repeat(tmp_path) -> None:
    """« premier samedi » gives a monthly rule, its first date and its words through Babel."""
    item, problems = _read(tmp_path, REPAIR)
    assert [p.code for p in problems if p.severity == Severity.ERROR] == []
    assert item.repeat.rule == "FREQ=MONTHLY;BYDAY=1SA"
    assert item.start == dt.datetime(2026, 10, 3, 9, 30, tzinfo=PARIS)  # moved to the rule
    assert item.end == dt.datetime(2026, 10, 3, 12, 0, tzinfo=PARIS)
    words = DateFormatter("fr", "Europe/Paris").event_when(item)
    assert words == "tous les premiers samedis du mois, de 9\u00a0h\u00a030 à 12\u00a0h"
    english = theme_translations(THEME, "en").gettext
    assert (
        DateFormatter("en", "Europe/Paris", english).event_when(item)
        == "every first Saturday of the month, from 9:30\u00a0AM to 12:00\u00a0PM"
    )


@pytest.mark.parametrize(
    ("repeat", "rule", "words"),
    [
        ("first saturday", "FREQ=MONTHLY;BYDAY=1SA", "tous les premiers samedis du mois"),
        ("tous les mardis", "FREQ=WEEKLY;BYDAY=TU", "tous les mardis"),
        ("{on: [mardi, jeudi]}", "FREQ=WEEKLY;BYDAY=TU,TH", "tous les mardis et jeudis"),
        (
            "{every: 2 semaines, on: jeudi}",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
            "une semaine sur deux",
        ),
        (
            "{on: dernier vendredi}",
            "FREQ=MONTHLY;BYDAY=-1FR",
            "tous les derniers vendredis du mois",
        ),
        (
            "{on: premier et troisième samedi}",
            "FREQ=MONTHLY;BYDAY=1SA,3SA",
            "premiers et troisièmes",
        ),
        ("{every: mois, on: 15}", "FREQ=MONTHLY;BYMONTHDAY=15", "le 15 de chaque mois"),
        (
            "{on: mardi, except: [juillet, août]}",
            "BYMONTH=1,2,3,4,5,6,9,10,11,12",
            "sauf en juillet et août",
        ),
        ("{every: week, count: 3}", "FREQ=WEEKLY;COUNT=3", "jusqu'au"),
    ],
)
def test_repeat_as_volunteers_write_it(tmp_path, repeat, rule, words) -> None:
    """Sentences, lists, ranks, days of the month and months all become one RFC 5545 rule."""
    text = md_event("Séance", "2026-12-01 18:00", extra=f"repeat: {repeat}\n")
    item, problems = _read(tmp_path, text)
    assert [p.code for p in problems if p.severity != Severity.SUGGESTION] == []
    assert rule in item.repeat.rule
    assert words in DateFormatter("fr", "Europe/Paris").event_when(item)


@pytest.mark.parametrize(
    ("extra", "code", "line"),
    [
        ("repeat:\n  every: fortnight\n", "AS270", 7),
        ("repeat:\n  on: [mardi, blurp]\n", "AS271", 7),
        ("rrule: FREQ=HOURLY\n", "AS272", 6),
        ("rrule: FREQ=WEEKLY;BYSETPOS=1\n", "AS272", 6),
        ("repeat:\n  every: week\n  until: 2026-01-01\n", "AS273", 6),
        ("repeat:\n  every: day\n", "AS274", 6),
        ("repeat:\n  every: week\n  until: 2027-01-01\n  count: 3\n", "AS276", 9),
        ("repeat:\n  every: week\n  on: premier samedi\n", "AS277", 8),
        ("repeat:\n  every: week\n  interval: zéro\n", "AS205", 8),
    ],
)
def test_repeat_mistakes_are_errors_at_their_line(tmp_path, extra, code, line) -> None:
    """A rule that cannot be read, gives no date or thousands is an error at its line."""
    item, problems = _read(tmp_path, md_event("Séance", "2026-12-01 18:00", extra=extra))
    found = [(p.code, p.line, p.severity) for p in problems]
    assert (code, line, Severity.ERROR) in found
    assert item is None


def test_unknown_key_of_repeat_is_a_warning_with_its_english_name(tmp_path) -> None:
    """« jusqua » is not a key of ``repeat``: « until » is suggested, the rule still applies."""
    extra = "repeat:\n  every: week\n  jusqua: 2027-01-01\n"
    item, problems = _read(tmp_path, md_event("Séance", "2026-12-01 18:00", extra=extra))
    found = [(p.code, p.line, p.severity, p.params["hint"]) for p in problems if p.code == "AS206"]
    assert found == [("AS206", 8, Severity.WARNING, "until")]
    assert item.repeat.rule == "FREQ=WEEKLY"


def test_date_outside_the_rule_is_a_warning_at_its_list_line(tmp_path) -> None:
    """An ``except`` date the rule never gives is ignored, with the line of that entry."""
    extra = "repeat:\n  on: mardi\n  except:\n    - 2026-12-08\n    - 2026-12-09\n"
    item, problems = _read(tmp_path, md_event("Séance", "2026-12-01 18:00", extra=extra))
    assert [(p.code, p.line) for p in problems if p.code == "AS275"] == [("AS275", 10)]
    assert item.repeat.exdates == (dt.datetime(2026, 12, 8, 18, 0, tzinfo=PARIS),)


def test_dates_keep_their_local_time_across_daylight_saving(tmp_path) -> None:
    """17 h stays 17 h in Paris when summer time starts: the UTC instant moves by an hour."""
    item, _ = _read(tmp_path, PERMANENCE)
    dates = list(item.occurrences())
    assert [d.start.date().day for d in dates] == [2, 9, 16, 23, 30, 6, 13]
    assert {d.begins.astimezone(PARIS).hour for d in dates} == {17}
    utc_hours = [d.begins.astimezone(dt.UTC).hour for d in dates]
    assert utc_hours == [16, 16, 16, 16, 15, 15, 15]


def test_agenda_and_home_show_each_repeating_event_once(site) -> None:
    """One card per event, at its next date, with its rule; the cancelled next date is said."""
    agenda = _page(site, "agenda/index.html")
    titles = [h.get_text(strip=True) for h in agenda.select(".as-card h3")]
    # The repair café's next dates: 5 December cancelled, 2 January skipped, 6 February
    # moved to the 13th: it is listed at the 13th, after the market.
    assert titles == ["Marché de Noël", "Repair café", "Permanence"]
    card = agenda.select(".as-card")[1]
    assert card.select_one(".as-card__cancelled time")["datetime"] == "2026-12-05T09:30+01:00"
    assert card.select_one(".as-event-date time")["datetime"] == "2027-02-13T09:30+01:00"
    rule = card.select_one(".as-event-date__rule").get_text()
    assert rule == "tous les premiers samedis du mois, de 9\u00a0h\u00a030 à 12\u00a0h"
    home = _page(site, "index.html")
    assert [h.get_text(strip=True) for h in home.select(".as-card h3")][:3] == titles


def test_event_page_lists_next_dates_cancelled_moved_and_skipped(site) -> None:
    """The page lists the next six dates (cancelled marked, moved said) and the skipped ones."""
    page = _page(site, "agenda/repair-cafe/index.html")
    dates = [li.time["datetime"] for li in page.select(".as-dates")[0].select("li")]
    assert dates == [
        "2026-12-05T09:30+01:00",
        "2027-02-13T09:30+01:00",
        "2027-03-06T09:30+01:00",
        "2027-04-03T09:30+02:00",
        "2027-05-01T09:30+02:00",
        "2027-06-05T09:30+02:00",
    ]
    items = page.select(".as-dates")[0].select("li")
    assert "Annulé" in items[0].get_text()
    assert "au lieu du samedi 6\u00a0février 2027" in items[1].get_text()
    skipped = [li.time["datetime"] for li in page.select(".as-dates")[1].select("li")]
    assert skipped == ["2027-01-02T09:30+01:00"]


def test_ics_expanded_by_another_library_gives_the_page_dates(site) -> None:
    """recurring-ical-events reads RRULE, EXDATE and RECURRENCE-ID into the page's dates."""
    ics = (site / "output" / "agenda" / "repair-cafe" / "evenement.ics").read_bytes()
    text = ics.decode()
    assert "RRULE:FREQ=MONTHLY;BYDAY=1SA" in text
    assert "EXDATE;TZID=Europe/Paris:20270102T093000" in text
    assert "RECURRENCE-ID;TZID=Europe/Paris:20261205T093000" in text
    assert "RECURRENCE-ID;TZID=Europe/Paris:20270206T093000" in text
    page = _page_dates(site, "repair-cafe")
    expanded = _expanded(ics, NOW, page[-1][0] + dt.timedelta(minutes=1))
    assert expanded == page
    agenda = (site / "output" / "agenda.ics").read_bytes()
    permanence = _expanded(agenda, NOW, dt.datetime(2027, 12, 31, tzinfo=dt.UTC), "Permanence")
    assert permanence[:6] == _page_dates(site, "permanence")
    assert len(permanence) == 7  # until 13 April, across the change to summer time


def test_finished_series_goes_to_the_archive_once(site) -> None:
    """A rule whose ``until`` is past leaves the agenda and appears once in the archive."""
    archive = _page(site, "agenda/archives/index.html")
    titles = [h.get_text(strip=True) for h in archive.select(".as-card h3")]
    assert titles.count("Atelier d'hiver") == 1
    assert "Atelier d'hiver" not in _page(site, "agenda/index.html").get_text()
    last = _page(site, "agenda/atelier-d-hiver/index.html").select(".as-dates li")
    assert [li.time["datetime"] for li in last] == ["2026-03-31T18:00+02:00"]


def test_rule_without_date_is_reported_and_not_published(site) -> None:
    """A rule that gives no date is an error at the ``repeat`` line; its page is not written."""
    problems = json.loads((site / "report.json").read_text(encoding="utf-8"))
    assert ["AS273", "content/events/jamais.md", 6, "error"] in problems
    assert not (site / "output" / "agenda" / "jamais").exists()


def test_feeds_announce_a_repeating_event_once(site) -> None:
    """The agenda's feed has one entry per event, whatever its number of dates."""
    feed = feedparser.parse((site / "output" / "flux" / "agenda.atom.xml").read_bytes())
    titles = [entry.title for entry in feed.entries]
    assert titles.count("Repair café") == 1


def test_json_ld_event_carries_its_schedule(site) -> None:
    """schema.org Event with eventSchedule: frequency, day, rank, times, skipped dates."""
    page = _page(site, "agenda/repair-cafe/index.html")
    data = json.loads(page.find("script", type="application/ld+json").string)
    schedule = data["eventSchedule"]
    assert schedule["@type"] == "Schedule"
    assert schedule["repeatFrequency"] == "P1M"
    assert schedule["byDay"] == ["https://schema.org/Saturday"]
    assert schedule["byMonthWeek"] == [1]
    assert (schedule["startTime"], schedule["endTime"]) == ("09:30", "12:00")
    assert schedule["scheduleTimezone"] == "Europe/Paris"
    assert "2027-01-02T09:30+01:00" in schedule["exceptDate"]


def test_sharing_card_says_the_rule(site) -> None:
    """The event's card says how it repeats, not one date that will pass."""
    page = _page(site, "agenda/repair-cafe/index.html")
    alt = page.find("meta", property="og:image:alt")["content"]
    assert "tous les premiers samedis du mois, de 9\u00a0h\u00a030 à 12\u00a0h" in alt


def test_rebuild_is_byte_identical(site, tmp_path) -> None:
    """Two builds of the same site at the same instant give the same files."""
    first = file_hashes(site / "output")
    build_site(site, BuildOptions(now=NOW, output=tmp_path / "again", reuse=False))
    again = file_hashes(tmp_path / "again")
    stamp = ".assosite-output"  # names its own output folder
    assert {k: v for k, v in again.items() if k != stamp} == {
        k: v for k, v in first.items() if k != stamp
    }


def test_valid_until_moves_with_the_next_date(tmp_path) -> None:
    """A daily rebuild keeps the « next date » right: validity ends when the next date ends."""
    item, _ = _read(tmp_path, REPAIR)
    month = dt.timedelta(days=30)
    at = dt.datetime(2026, 11, 10, tzinfo=dt.UTC)
    assert valid_until([item], at, "UTC", month) == dt.datetime(2026, 11, 11, tzinfo=dt.UTC)
    during = dt.datetime(2026, 11, 7, 9, 0, tzinfo=dt.UTC)  # 10 h in Paris, during the first
    assert valid_until([item], during, "UTC", month) == dt.datetime(
        2026, 11, 7, 11, 0, tzinfo=dt.UTC
    )
    assert item.next_occurrence(during).start.day == 7
    after = dt.datetime(2026, 11, 7, 11, 0, tzinfo=dt.UTC)
    cancelled, *_ = item.upcoming(after, 1)
    assert (cancelled.start.day, cancelled.cancelled) == (5, True)
    # 5 December is cancelled and 2 January skipped: the next date is the moved one.
    assert item.next_occurrence(after).start == dt.datetime(2027, 2, 13, 9, 30, tzinfo=PARIS)


def test_member_export_keeps_the_rule(tmp_path) -> None:
    """The portal reads back a member's rule, skipped and changed dates unchanged."""
    item, _ = _read(tmp_path, REPAIR)

    class Content:
        url = "agenda/repair-cafe/"

    Content.item = item
    data = json.loads(json.dumps(item_data(Content(), "https://membre.example")))
    back = as_item(data, item.source)
    assert back.repeat == item.repeat
    assert list(back.occurrences(NOW)) == list(item.occurrences(NOW))


def test_new_event_with_repeat_writes_a_repeating_event(make_site) -> None:
    """``assosite new event --repeat`` writes a file whose rule reads back."""
    site = make_site()
    result = CliRunner().invoke(
        cli,
        [
            "new",
            "event",
            "Permanence",
            "--site",
            str(site),
            "--start",
            "2026-12-01 17:00",
            "--repeat",
            "tous les mardis",
        ],
    )
    assert result.exit_code == 0, result.output
    path = next((site / "content" / "events").glob("*permanence.md"))
    text = path.read_text(encoding="utf-8")
    assert re.search(r'^repeat: "tous les mardis"$', text, re.MULTILINE)
    text = text.replace('summary: ""', "summary: Une permanence.")
    item, problems = read_file(site, path.relative_to(site).as_posix(), text.encode())
    assert [p.code for p in problems if p.severity == Severity.ERROR] == []
    assert item.repeat.rule == "FREQ=WEEKLY;BYDAY=TU"


def test_portal_agenda_and_calendar_keep_a_members_rule(tmp_path) -> None:
    """The network's agenda shows a member's repeating event once; its .ics keeps the rule."""
    root = init_federation(tmp_path / "federation")
    events = root / "membres" / "lyon" / "content" / "events"
    events.mkdir(parents=True, exist_ok=True)
    (events / "repair-cafe.md").write_text(REPAIR, encoding="utf-8")
    report = run_federation(root, FederationOptions(now=NOW))
    assert not report.failed(), report.all_problems().problems
    output = root / "output"
    agenda = BeautifulSoup(
        (output / "reseau" / "agenda" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    cards = [c for c in agenda.select(".as-card") if "Repair café" in c.get_text()]
    assert len(cards) == 1
    assert cards[0].select_one(".as-event-date time")["datetime"] == "2027-02-13T09:30+01:00"
    assert "tous les premiers samedis du mois" in cards[0].get_text()
    merged = (output / "reseau" / "agenda.ics").read_bytes()
    assert b"RRULE:FREQ=MONTHLY;BYDAY=1SA" in merged
    member = next((output / "lyon" / "agenda").glob("repair-cafe/*.ics")).read_bytes()
    until = dt.datetime(2027, 7, 1, tzinfo=dt.UTC)
    assert _expanded(merged, NOW, until, "Repair café") == _expanded(member, NOW, until)


def test_daily_rebuild_moves_the_next_date_without_any_edit(make_site, build) -> None:
    """The no-change shortcut lasts until the next date ends; then the next one is shown."""
    weekly = md_event(  # on Mondays, 13 h to 15 h in Paris: under way at NOW
        "Permanence", "2026-11-23 13:00", extra="end: 2026-11-23 15:00\nrepeat: tous les lundis\n"
    )
    site = make_site({"content/events/permanence.md": weekly})
    _, output = build(site)

    def shown() -> str:
        page = BeautifulSoup((output / "agenda" / "index.html").read_text(), "html.parser")
        return page.select_one(".as-event-date time")["datetime"]

    assert shown() == "2026-11-23T13:00+01:00"
    assert build(site, now=dt.datetime(2026, 11, 23, 13, 59, tzinfo=dt.UTC))[0].reused
    later = build(site, now=dt.datetime(2026, 11, 23, 14, 1, tzinfo=dt.UTC))[0]
    assert not later.reused
    assert shown() == "2026-11-30T13:00+01:00"


def test_starter_repeating_events_show_their_rules_and_calendars_agree(tmp_path) -> None:
    """The starter's repair café and bike workshop: once on the home page and the agenda,
    at their next date with their French rule; their .ics expands to the page's dates."""
    site = init_site(tmp_path / "site")
    assert build_site(site, BuildOptions(now=NOW, strict=True)).problems == []
    rules = {
        "Repair café du samedi matin": "tous les premiers samedis du mois, sauf en août, "
        "de 9\u00a0h\u00a030 à 12\u00a0h\u00a030",
        "Atelier vélo": "tous les troisièmes samedis du mois, sauf en juillet et août, "
        "de 14\u00a0h à 17\u00a0h",
    }
    for page, heading in (("index.html", "h3"), ("agenda/index.html", "h3")):
        cards = _page(site, page).select(".as-card")
        for title, rule in rules.items():
            found = [c for c in cards if c.select_one(heading).get_text(strip=True) == title]
            assert len(found) == 1, (page, title)
            assert found[0].select_one(".as-event-date__rule").get_text() == rule
    for slug in ("2025-11-15-repair-cafe", "2026-04-18-atelier-velo"):
        ics = (site / "output" / "agenda" / slug / "evenement.ics").read_bytes()
        dates = _page_dates(site, slug)
        assert len(dates) == 6
        assert _expanded(ics, NOW, dates[-1][0] + dt.timedelta(minutes=1)) == dates
