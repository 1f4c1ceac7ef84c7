"""federation.toml is checked like assosite.toml, each problem at its line; members: data only."""

from __future__ import annotations

from pathlib import Path

import pytest

from assosite.build.site import BuildOptions
from assosite.config.site import load_config
from assosite.federation.config import load_federation
from assosite.federation.runner import select_members
from assosite.problems.report import Severity

GOOD = """\
[federation]
name = "Réseau"
url = "https://reseau.example"

[[members]]
id = "lyon"
path = "membres/lyon"
"""


NEWS = "---\ntitle: Une nouvelle\ndate: 2026-03-01\nsummary: Une phrase.\n---\n\nUn texte.\n"


def _federation(tmp_path: Path, text: str, members: tuple[str, ...] = ("lyon",)) -> Path:
    for member in members:
        folder = tmp_path / "membres" / member
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "assosite.toml").write_text('[site]\nname = "M"\n', encoding="utf-8")
    (tmp_path / "federation.toml").write_text(text, encoding="utf-8")
    return tmp_path


def _problems(root: Path) -> set[tuple[str, str, int, str]]:
    _, problems = load_federation(root)
    return {(p.code, p.path, p.line, str(p.severity)) for p in problems}


def test_a_valid_federation_has_its_members_and_their_addresses(tmp_path) -> None:
    """A member without url lives under the portal's address, in its own folder."""
    config, problems = load_federation(_federation(tmp_path, GOOD))
    assert problems == []
    (member,) = config.members
    assert member.url == "https://reseau.example/lyon"
    assert config.member_overrides(member)["site"]["url"] == "https://reseau.example/lyon"
    assert member.line == 5


def test_missing_file_and_bad_toml_are_errors_at_their_line(tmp_path) -> None:
    """No federation.toml: AS510; a syntax error: AS511 at its line."""
    assert ("AS510", "federation.toml", 0, "error") in _problems(tmp_path)
    _federation(tmp_path, GOOD.replace('id = "lyon"', 'id = "lyon'))
    assert ("AS511", "federation.toml", 6, "error") in _problems(tmp_path)


def test_unknown_and_wrong_settings_are_reported_at_their_line(tmp_path) -> None:
    """Misspelt keys get « did you mean »; a wrong layout is an error at its line."""
    text = GOOD.replace('url = "https', 'layuot = "x"\nlayout = "tout"\nurl = "https')
    _federation(tmp_path, text)
    problems = _problems(tmp_path)
    assert ("AS102", "federation.toml", 3, "warning") in problems
    assert ("AS103", "federation.toml", 4, "error") in problems
    _, found = load_federation(tmp_path)
    assert next(p for p in found if p.code == "AS102").params["hint"] == "layout"


def test_defaults_are_checked_like_assosite_toml(tmp_path) -> None:
    """[defaults.*] tables: unknown tables and keys and wrong values at their line."""
    text = GOOD + '\n[defaults.brand]\nprimary = "vert"\n[defaults.hostnig]\nname = "x"\n'
    _federation(tmp_path, text)
    problems = _problems(tmp_path)
    assert ("AS107", "federation.toml", 10, "error") in problems
    assert ("AS102", "federation.toml", 11, "warning") in problems


@pytest.mark.parametrize(
    ("member", "code", "line"),
    [
        ('id = "Lyon Nord"\npath = "membres/lyon"', "AS512", 6),
        ('id = "membres"\npath = "membres/lyon"', "AS514", 6),
        ('id = "lyon"\npath = "membres/absent"', "AS515", 7),
        ('id = "lyon"\npath = "../ailleurs"', "AS515", 7),
        ('id = "lyon"\npath = "membres/lyon"\nurl = "https://reseau.example/autre"', "AS516", 8),
        ('path = "membres/lyon"', "AS104", 5),
    ],
    ids=["id", "reserved", "folder", "outside", "subpath", "no-id"],
)
def test_member_errors_point_at_the_member(tmp_path, member, code, line) -> None:
    """Each member's mistakes are errors on its own lines of federation.toml."""
    text = GOOD.replace('id = "lyon"\npath = "membres/lyon"', member)
    _federation(tmp_path, text)
    assert (code, "federation.toml", line, "error") in _problems(tmp_path)


def test_duplicate_ids_and_no_members_are_errors(tmp_path) -> None:
    """Two members with one id: AS513 on the second; no member at all: AS518."""
    _federation(tmp_path, GOOD + '\n[[members]]\nid = "lyon"\npath = "membres/lyon"\n')
    assert ("AS513", "federation.toml", 10, "error") in _problems(tmp_path)
    _federation(tmp_path, GOOD.split("[[members]]", maxsplit=1)[0])
    assert ("AS518", "federation.toml", 0, "error") in _problems(tmp_path)


def test_shards_never_overlap_and_cover_every_member(tmp_path) -> None:
    """--shard i/n: each member in exactly one share, the shares as even as possible."""
    names = [f"m{n:02d}" for n in range(11)]
    text = GOOD.split("[[members]]", maxsplit=1)[0] + "".join(
        f'\n[[members]]\nid = "{name}"\npath = "membres/{name}"\n' for name in names
    )
    config, problems = load_federation(_federation(tmp_path, text, tuple(names)))
    assert problems == []
    shares = [select_members(config.members, (), (i, 3))[0] for i in (1, 2, 3)]
    ids = [m.id for share in shares for m in share]
    assert sorted(ids) == names
    assert len(ids) == len(set(ids))
    assert sorted(len(share) for share in shares) == [3, 4, 4]
    assert shares == [select_members(config.members, (), (i, 3))[0] for i in (1, 2, 3)]


def test_only_names_known_members(tmp_path) -> None:
    """--only with an unknown id: AS519 with « did you mean »."""
    config, _ = load_federation(_federation(tmp_path, GOOD))
    _, problems = select_members(config.members, ("lion",), None)
    assert [p.code for p in problems] == ["AS519"]
    assert problems[0].params["hint"] == "lyon"
    assert "Vouliez-vous dire «\u00a0lyon\u00a0»" in problems[0].message("fr")[0]


def test_defaults_lie_under_the_site_and_overrides_over_it(tmp_path) -> None:
    """--defaults: the site's own keys win; --overrides: the federation's keys win."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "assosite.toml").write_text(
        '[site]\nname = "Le site"\n[editorial]\nhome_news = 5\n', encoding="utf-8"
    )
    defaults = tmp_path / "defaults.toml"
    defaults.write_text(
        '[site]\nname = "Défaut"\nurl = "https://d.example"\n[editorial]\nhome_news = 1\n'
        "home_events = 7\n"
    )
    overrides = tmp_path / "overrides.toml"
    overrides.write_text('[site]\nurl = "https://impose.example"\n')
    config, problems = load_config(site, defaults, overrides=overrides)
    assert problems == []
    assert config.site.name == "Le site"
    assert config.site.url == "https://impose.example"
    assert (config.editorial.home_news, config.editorial.home_events) == (5, 7)


def test_unreadable_defaults_file_is_an_error(tmp_path) -> None:
    """A defaults file that is not TOML: AS160 at its line."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "assosite.toml").write_text('[site]\nname = "S"\nurl = "https://s.example"\n')
    defaults = tmp_path / "defaults.toml"
    defaults.write_text("[site]\nname = \n")
    config, problems = load_config(site, defaults)
    assert config is None
    assert [(p.code, p.line) for p in problems] == [("AS160", 2)]


def test_members_pelican_settings_are_data_only(make_site) -> None:
    """In a federation, [pelican] keys that load code are refused (AS503); plain values pass."""
    site = make_site(
        config='[site]\nname = "S"\nurl = "https://s.example"\n'
        '[pelican]\nJINJA_FILTERS = { x = "os.system" }\nSUMMARY_MAX_LENGTH = 40\n'
    )
    config, problems = load_config(site, federated=True)
    assert [(p.code, p.path, p.line, p.severity) for p in problems] == [
        ("AS503", "assosite.toml", 5, Severity.ERROR)
    ]
    config, problems = load_config(site)
    assert problems == [] and config.pelican["JINJA_FILTERS"] == {"x": "os.system"}


def test_members_may_only_use_a_bundled_theme(make_site) -> None:
    """A theme folder is templates, that is code: a member gets AS505; a site may use it."""
    site = make_site(
        {"montheme/templates/base.html": "{{ 1 }}\n"},
        config='[site]\nname = "S"\nurl = "https://s.example"\ntheme = "montheme"\n',
    )
    config, problems = load_config(site, federated=True)
    assert config is None
    assert [(p.code, p.path, p.line) for p in problems] == [("AS505", "assosite.toml", 4)]
    config, problems = load_config(site)
    assert problems == [] and config.site.theme == "montheme"
    bundled = site / "assosite.toml"
    bundled.write_text(bundled.read_text().replace('"montheme"', '"default"'))
    assert load_config(site, federated=True)[1] == []


def test_a_member_build_unpickles_nothing_from_its_folder(make_site, build) -> None:
    """Caches that hold code or pickles are never kept in a member's own folder."""
    site = make_site({"content/news/2026-03-01-a.md": NEWS})
    build(site, federated=True)
    assert not (site / ".cache" / "assosite" / "texts.sqlite").exists()
    assert not (site / ".cache" / "assosite" / "jinja").exists()
    build(site, reuse=False)  # the same site on its own keeps both
    assert (site / ".cache" / "assosite" / "texts.sqlite").is_file()
    assert any((site / ".cache" / "assosite" / "jinja").iterdir())


def test_a_members_pelicanconf_is_never_run(make_site, check) -> None:
    """A pelicanconf.py in a member's folder is reported (AS504) and never executed."""
    from assosite.build.site import check_site  # noqa: PLC0415

    site = make_site({"pelicanconf.py": "raise SystemExit('ran')\n"})
    report = check_site(site, options=BuildOptions(federated=True))
    assert [(p.code, p.path) for p in report.problems] == [("AS504", "pelicanconf.py")]


def test_a_single_site_keeps_its_raw_html(make_site, build) -> None:
    """Outside a federation, raw HTML in Markdown is kept as written."""
    site = make_site(
        {
            "content/pages/carte.md": "---\ntitle: Carte\n---\n\n"
            '<iframe title="Carte" src="https://carte.example"></iframe>\n'
        }
    )
    _, output = build(site)
    assert "<iframe" in (output / "carte" / "index.html").read_text()
