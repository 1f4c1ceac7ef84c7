"""Federation builds for real: one child process per member, portal, merged feeds and agenda."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import icalendar
import pytest
from click.testing import CliRunner
from helpers import NOW, TINY_JPEG, assert_sound, results_by_id

from assosite.cli import cli
from assosite.federation.report import Status
from assosite.federation.runner import FederationOptions, read_manifest, run_federation
from assosite.problems.report import Severity
from assosite.scaffold.federation import init_federation

HEALTHY = """\
[federation]
name = "Réseau du Test"
url = "https://reseau.example"
description = "Un réseau pour tester les fédérations."

[association]
legal_name = "Association Réseau du Test"
publication_director = "Camille Martin"

[defaults.hosting]
name = "Hébergeur commun"

[[members]]
id = "alpha"
path = "membres/alpha"
city = "Lyon"

[[members]]
id = "beta"
path = "membres/beta"
city = "Grenoble"
"""
GAMMA_DELTA = """
[[members]]
id = "gamma"
path = "membres/gamma"

[[members]]
id = "delta"
path = "membres/delta"
"""
FEDERATION = HEALTHY + GAMMA_DELTA

NEWS = """\
---
title: {title}
date: 2026-10-01
summary: Une actualité du membre {member}.
---

Le texte de l'actualité, avec un [lien]({{static}}/images/photo.jpg).
"""

EVENT = """\
---
title: {title}
summary: Un événement du membre {member}.
start: 2027-05-{day} 18:00
end: 2027-05-{day} 20:00
location: Maison des associations, Lyon
---

Le programme de la soirée.
"""

SCRIPTED = """\
---
title: Une page avec du HTML
date: 2026-10-02
summary: Du HTML actif que la fédération retire.
---

<script>alert("x")</script>
<p onclick="steal()">Cliquez</p>
<a href="javascript:alert(1)">un lien piégé</a>
"""

ESCAPES = """\
---
title: Une image volée
date: 2026-10-03
summary: Une image prise dans le dossier d'un autre membre.
image: ../../alpha/content/images/photo.jpg
image_alt: Une photo.
---

Une image qui n'est pas à ce membre.
"""

LINK_OUT = """\
---
title: Un fichier volé
date: 2026-10-04
summary: Un lien vers le dossier d'un autre membre.
---

Voici [un fichier]({static}../../../alpha/content/images/photo.jpg) d'un autre membre.
"""


def _site(root: Path, name: str, files: dict[str, str], config: str | None = None) -> None:
    (root / "content" / "images").mkdir(parents=True, exist_ok=True)
    (root / "content" / "images" / "photo.jpg").write_bytes(TINY_JPEG)
    config = config or f'[site]\nname = "Membre {name}"\ndescription = "Le membre {name}."\n'
    (root / "assosite.toml").write_text(config, encoding="utf-8")
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")


@pytest.fixture
def federation(tmp_path) -> Path:
    """Four members: two healthy, one with a broken assosite.toml, one with broken content."""
    root = tmp_path / "federation"
    members = root / "membres"
    _site(
        members / "alpha",
        "alpha",
        {
            "content/news/nouvelles.md": NEWS.format(title="Nouvelles d'alpha", member="alpha"),
            "content/news/html.md": SCRIPTED,
            "content/events/soiree.md": EVENT.format(
                title="Soirée d'alpha", member="alpha", day=14
            ),
        },
    )
    _site(
        members / "beta",
        "beta",
        {
            "content/news/nouvelles.md": NEWS.format(title="Nouvelles de beta", member="beta"),
            "content/events/soiree.md": EVENT.format(title="Soirée de beta", member="beta", day=15),
            "content/events/atelier.md": EVENT.format(
                title="Atelier de beta", member="beta", day=16
            ),
        },
    )
    _site(members / "gamma", "gamma", {}, config='[site]\nname = "Gamma\n')
    _site(
        members / "delta",
        "delta",
        {"content/news/vol.md": ESCAPES, "content/news/lien.md": LINK_OUT},
    )
    (root / "federation.toml").write_text(FEDERATION, encoding="utf-8")
    return root


def _run(root: Path, **options: object):
    options.setdefault("now", NOW)
    return run_federation(root, FederationOptions(**options))


def test_broken_members_never_stop_the_others(federation) -> None:
    """A broken configuration and broken content fail their members; the others are published."""
    report = _run(federation)
    results = results_by_id(report)
    assert results["alpha"].status == Status.BUILT
    assert results["beta"].status == Status.BUILT
    assert results["gamma"].status == Status.FAILED
    assert results["delta"].status == Status.FAILED
    assert report.failed()
    gamma = [(p.code, p.path, p.line) for p in results["gamma"].problems]
    assert ("AS101", "membres/gamma/assosite.toml", 2) in gamma
    delta = {(p.code, p.path, p.line, p.severity) for p in results["delta"].problems}
    assert ("AS208", "membres/delta/content/news/vol.md", 5, Severity.ERROR) in delta
    assert ("AS501", "membres/delta/content/news/lien.md", 7, Severity.ERROR) in delta
    output = federation / "output"
    assert (output / "alpha" / "index.html").is_file()
    assert (output / "beta" / "agenda" / "index.html").is_file()
    assert not (output / "gamma").exists()
    assert not (output / "delta").exists()
    members = (output / "membres" / "index.html").read_text(encoding="utf-8")
    # Members under the portal's address are linked relatively (previews, sub-paths).
    assert 'href="../alpha/"' in members
    assert 'href="../beta/"' in members
    assert "Membre gamma" not in members and "Membre delta" not in members


def test_federation_build_exits_1_and_names_the_failed_members(federation) -> None:
    """The command prints the table with each failed member and exits with code 1."""
    result = CliRunner().invoke(cli, ["federation", "build", str(federation), "--lang", "en"])
    assert result.exit_code == 1
    rows = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert rows["alpha"].endswith("built")
    assert rows["gamma"].endswith("failed")
    assert rows["delta"].endswith("failed")
    assert "membres/delta/content/news/lien.md:7: error AS501" in result.output


def test_merged_feed_and_agenda_hold_every_healthy_members_items(federation) -> None:
    """The portal's Atom/RSS feeds and agenda.ics carry alpha's and beta's items, with links."""
    _run(federation)
    network = federation / "output" / "reseau"
    for name in ("flux.atom.xml", "flux.rss.xml"):
        feed = feedparser.parse((network / name).read_bytes())
        assert not feed.bozo, name
        titles = {entry.title for entry in feed.entries}
        assert {"Nouvelles d'alpha", "Nouvelles de beta", "Soirée d'alpha"} <= titles
        links = {entry.title: entry.link for entry in feed.entries}
        assert links["Nouvelles de beta"] == "https://reseau.example/beta/actualites/nouvelles/"
    calendar = icalendar.Calendar.from_ical((network / "agenda.ics").read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Soirée d'alpha", "Soirée de beta", "Atelier de beta"}
    assert str(events["Soirée de beta"]["url"]) == "https://reseau.example/beta/agenda/soiree/"
    member_ics = icalendar.Calendar.from_ical(
        (federation / "output" / "beta" / "agenda.ics").read_bytes()
    )
    member_uids = {str(e["uid"]) for e in member_ics.walk("VEVENT")}
    assert str(events["Soirée de beta"]["uid"]) in member_uids
    home = (federation / "output" / "index.html").read_text(encoding="utf-8")
    assert 'href="beta/agenda/soiree/"' in home
    assert "Membre beta" in home


def test_active_html_is_stopped_and_reported(federation) -> None:
    """<script>, onclick and javascript: never reach a member's page; a warning says where."""
    report = _run(federation)
    page = (federation / "output" / "alpha" / "actualites" / "html" / "index.html").read_text()
    assert "<script>alert" not in page
    assert "onclick" not in page
    assert "javascript:" not in page
    assert "un lien piégé" in page
    warnings = {(p.code, p.line) for p in results_by_id(report)["alpha"].problems}
    assert {("AS502", 7), ("AS502", 8), ("AS502", 9)} <= warnings


def test_trusted_member_html_is_kept(federation) -> None:
    """With trust_member_html = true, the members' raw HTML stays as written."""
    toml = federation / "federation.toml"
    toml.write_text(
        FEDERATION.replace('description = "', 'trust_member_html = true\ndescription = "'),
        encoding="utf-8",
    )
    _run(federation, only=("alpha",))
    page = (federation / "output" / "alpha" / "actualites" / "html" / "index.html").read_text()
    assert 'onclick="steal()"' in page


def test_unchanged_member_is_not_rebuilt_and_changed_one_is(federation) -> None:
    """A second build reuses unchanged members; editing beta rebuilds beta alone."""
    _run(federation)
    manifest = read_manifest(federation / "output")
    assert set(manifest["members"]) == {"alpha", "beta"}
    second = results_by_id(_run(federation))
    assert second["alpha"].status == Status.UNCHANGED
    assert second["beta"].status == Status.UNCHANGED
    assert second["gamma"].status == Status.FAILED  # a failure is tried again
    news = federation / "membres" / "beta" / "content" / "news" / "nouvelles.md"
    news.write_text(news.read_text().replace("Nouvelles de beta", "Nouvelles fraîches"))
    third = _run(federation)
    assert results_by_id(third)["alpha"].status == Status.UNCHANGED
    assert results_by_id(third)["beta"].status == Status.BUILT
    assert third.portal_rebuilt
    feed = feedparser.parse((federation / "output" / "reseau" / "flux.atom.xml").read_bytes())
    assert "Nouvelles fraîches" in {entry.title for entry in feed.entries}


def test_unchanged_member_is_rebuilt_once_its_event_is_over(federation) -> None:
    """Time alone changes a member: after its event ends, the member is built again and
    the event leaves its agenda (an hour later, nothing had changed)."""
    import datetime as dt  # noqa: PLC0415

    _run(federation, only=("alpha",))
    later = results_by_id(_run(federation, only=("alpha",), now=NOW + dt.timedelta(hours=1)))
    assert later["alpha"].status == Status.UNCHANGED
    after = dt.datetime(2027, 5, 14, 19, 0, tzinfo=dt.UTC)  # 21:00 in Lyon: it is over
    results = results_by_id(_run(federation, only=("alpha",), now=after))
    assert results["alpha"].status == Status.BUILT
    agenda = (federation / "output" / "alpha" / "agenda" / "index.html").read_text()
    assert "Soirée d'alpha" not in agenda


def test_federation_defaults_are_inputs_of_the_fingerprint(federation) -> None:
    """Changing the federation's defaults rebuilds every member."""
    _run(federation, only=("alpha", "beta"))
    toml = federation / "federation.toml"
    toml.write_text(FEDERATION.replace("Hébergeur commun", "Autre hébergeur"), encoding="utf-8")
    results = results_by_id(_run(federation, only=("alpha", "beta")))
    assert results["alpha"].status == Status.BUILT
    legal = (federation / "output" / "alpha" / "mentions-legales" / "index.html").read_text()
    assert "Autre hébergeur" in legal


def test_a_failed_member_keeps_its_previous_output(federation) -> None:
    """beta builds, then breaks: its previous pages stay published and in the portal."""
    _run(federation, only=("beta",))
    before = (federation / "output" / "beta" / "index.html").read_text()
    broken = federation / "membres" / "beta" / "content" / "news" / "casse.md"
    broken.write_text("---\ntitle: Cassé\ndate: pas une date\n---\n", encoding="utf-8")
    report = _run(federation)
    assert results_by_id(report)["beta"].status == Status.FAILED
    assert not results_by_id(report)["beta"].published
    assert (federation / "output" / "beta" / "index.html").read_text() == before
    assert 'href="../beta/"' in (federation / "output" / "membres" / "index.html").read_text()


def test_a_member_over_its_time_is_stopped_and_reported(federation) -> None:
    """A member that exceeds the timeout is stopped, reported (AS531), its output kept."""
    toml = federation / "federation.toml"
    toml.write_text(FEDERATION.replace('description = "', 'timeout = 0\ndescription = "'))
    report = _run(federation, only=("alpha",))
    result = results_by_id(report)["alpha"]
    assert result.status == Status.TIMEOUT
    assert [(p.code, p.path) for p in result.problems] == [("AS531", "membres/alpha")]


def test_portal_never_wipes_a_members_folder(federation) -> None:
    """Building the portal alone keeps every member's folder as it was."""
    _run(federation)
    marker = federation / "output" / "alpha" / "index.html"
    before = marker.read_text()
    report = _run(federation, members=False, portal=True)
    assert report.results == []
    assert marker.read_text() == before
    assert (federation / "output" / "index.html").is_file()


def test_output_with_foreign_files_is_refused(federation) -> None:
    """An output folder full of someone else's files is never used (AS113), nothing deleted."""
    output = federation / "output"
    output.mkdir()
    (output / "notes.txt").write_text("à garder")
    result = CliRunner().invoke(cli, ["federation", "build", str(federation)])
    assert result.exit_code == 1
    assert "AS113" in result.output
    assert (output / "notes.txt").read_text() == "à garder"


def test_separate_layout_gives_each_member_its_own_folder(federation) -> None:
    """layout = "separate": members on their own domains, the portal in its own folder."""
    text = HEALTHY.replace('description = "', 'layout = "separate"\ndescription = "')
    text = text.replace(
        'path = "membres/alpha"', 'path = "membres/alpha"\nurl = "https://alpha.example"'
    )
    text = text.replace(
        'path = "membres/beta"', 'path = "membres/beta"\nurl = "https://beta.example"'
    )
    (federation / "federation.toml").write_text(text)
    report = _run(federation)
    assert not report.failed()
    output = federation / "output"
    assert (output / "portail" / "index.html").is_file()
    assert not (output / "index.html").exists()
    assert "https://alpha.example/" in (output / "alpha" / "index.html").read_text()
    assert "https://beta.example/" in (output / "portail" / "membres" / "index.html").read_text()


def test_federation_check_builds_nothing(federation) -> None:
    """check reports each member's problems and writes no output."""
    report = _run(federation, check=True)
    assert results_by_id(report)["alpha"].status == Status.CHECKED
    assert results_by_id(report)["delta"].status == Status.FAILED
    assert not (federation / "output").exists()


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """The federation skeleton of ``federation init``, built once."""
    root = init_federation(tmp_path_factory.mktemp("example") / "federation")
    report = run_federation(root, FederationOptions(now=NOW))
    assert not report.failed(), report.all_problems().problems
    return root


def test_example_federation_builds_with_zero_problems(example) -> None:
    """federation init + build: three members published, no problem, portal and feeds written."""
    manifest = read_manifest(example / "output")
    assert set(manifest["members"]) == {"lyon", "grenoble", "annecy"}
    for name in ("index.html", "membres/index.html", "reseau/flux.atom.xml", "reseau/agenda.ics"):
        assert (example / "output" / name).is_file(), name
    report = run_federation(example, FederationOptions(now=NOW))
    assert all(r.status == Status.UNCHANGED for r in report.results)
    assert report.all_problems().problems == []


def test_portal_pages_are_structurally_sound(example) -> None:
    """The portal's own pages: lang, one h1, headings in order, alt, skip link, landmarks."""
    output = example / "output"
    names = ("index.html", "membres/index.html", "reseau/actualites/index.html")
    pages = [output / name for name in (*names, "reseau/agenda/index.html")]
    for page in pages:
        assert_sound(page.read_text(encoding="utf-8"), page.relative_to(output).as_posix())


def test_federation_init_refuses_a_folder_with_files(tmp_path) -> None:
    """federation init never writes into a folder that holds files, without --force."""
    (tmp_path / "notes.txt").write_text("à garder")
    result = CliRunner().invoke(cli, ["federation", "init", str(tmp_path)])
    assert result.exit_code == 1
    assert "AS130" in result.output
    shutil.rmtree(tmp_path)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_shards_merged_like_download_artifact_give_the_one_machine_tree(example, tmp_path) -> None:
    """Four --shard parts in four folders, copied together (later files win), then
    --portal-only: the same files, byte for byte, as one build on one machine."""
    single = tmp_path / "single"
    report = run_federation(example, FederationOptions(now=NOW, output=single))
    assert not report.failed()
    merged = tmp_path / "merged"
    for index in range(1, 5):
        part = tmp_path / f"part-{index}"
        run_federation(example, FederationOptions(now=NOW, output=part, shard=(index, 4)))
        assert not (part / "index.html").exists()  # a part has no portal
        shutil.copytree(part, merged, dirs_exist_ok=True)  # merge-multiple: later wins
    portal = run_federation(
        example, FederationOptions(now=NOW, output=merged, members=False, portal=True)
    )
    assert not portal.failed()
    assert set(read_manifest(merged)["members"]) == {"lyon", "grenoble", "annecy"}
    assert _tree(merged) == _tree(single)


def test_the_members_fork_server_loads_a_builds_libraries_and_fonts_once() -> None:
    """The fork server that starts each member's child has Pelican, Pillow and the cards'
    fonts loaded: a member's child does not load them again."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    from assosite.federation import children  # noqa: PLC0415

    assert "assosite.federation.preload" in children.PRELOAD
    script = (
        "import sys\n"
        "import assosite.federation.preload\n"
        "from assosite.outputs.cards.text import coverage\n"
        "print(coverage.cache_info().currsize, 'pelican' in sys.modules,"
        " 'PIL.Image' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["4", "True", "True"]
