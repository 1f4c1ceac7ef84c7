"""assosite.toml: every problem collected at its line, with "did you mean …?"."""

from __future__ import annotations

import pytest

from assosite.config.site import find_key_lines, load_config
from assosite.model.colours import contrast_ratio
from assosite.problems.errors import ConfigError


def _codes(problems):
    return sorted((p.code, p.line, str(p.severity)) for p in problems)


def test_valid_config_gives_defaults(make_site) -> None:
    """A minimal [site] is enough; every other setting has its default."""
    config, problems = load_config(make_site())
    assert problems == []
    assert config.site.language == "fr"
    assert config.site.timezone == "Europe/Paris"
    assert config.editorial.home_events == 3
    assert config.brand.primary.startswith("#")


def test_toml_syntax_error_gives_line_and_column(make_site) -> None:
    """A TOML syntax error is one AS101 error at its line, with its column."""
    site = make_site(config='[site]\nname = "A"\nurl = https://x.example\n')
    config, problems = load_config(site)
    assert config is None
    assert _codes(problems) == [("AS101", 3, "error")]
    assert problems[0].params["column"] == 7


def test_every_problem_is_reported_together(make_site) -> None:
    """Wrong types, bad values and unknown keys are all reported in one run."""
    site = make_site(
        config="""\
[site]
name = "A"
url = "pas-une-adresse"
language = "de"
timezone = "Europe/Pariss"
[brand]
primary = "vert"
[editorial]
home_events = "trois"
[links]
joinn = "/adherer/"
[pelican]
OUTPUT_PATH = "ailleurs"
[sociaux]
mastodon = "x"
"""
    )
    config, problems = load_config(site)
    assert config is None
    assert _codes(problems) == [
        ("AS102", 11, "warning"),
        ("AS102", 14, "warning"),
        ("AS103", 9, "error"),
        ("AS105", 4, "error"),
        ("AS106", 5, "error"),
        ("AS107", 7, "error"),
        ("AS108", 3, "error"),
        ("AS111", 13, "error"),
    ]
    hints = {p.params.get("hint") for p in problems if p.code == "AS102"}
    assert "join" in hints
    joinn = next(p for p in problems if p.code == "AS102" and p.params.get("hint") == "join")
    assert joinn.message("en")[0].endswith(' Did you mean "join"?')
    tz = next(p for p in problems if p.code == "AS106")
    assert tz.params["hint"] == "Europe/Paris"
    assert "Vouliez-vous dire «\u00a0Europe/Paris\u00a0»" in tz.message("fr")[0]


def test_missing_required_settings(make_site) -> None:
    """[site] name and url are required; each missing one is an AS104 error."""
    config, problems = load_config(make_site(config='[site]\nlanguage = "fr"\n'))
    assert config is None
    assert sorted(p.params["key"] for p in problems if p.code == "AS104") == ["name", "url"]


def test_missing_config_file(tmp_path) -> None:
    """A folder without assosite.toml is an AS109 error, not a crash."""
    config, problems = load_config(tmp_path)
    assert config is None
    assert [p.code for p in problems] == ["AS109"]


def test_logo_must_exist_inside_content(make_site) -> None:
    """site.logo must name a file inside content/ (AS110), never outside it."""
    site = make_site(
        config='[site]\nname = "A"\nurl = "https://a.example"\nlogo = "../assosite.toml"\n'
    )
    _, problems = load_config(site)
    assert _codes(problems) == [("AS110", 4, "error")]


def test_unknown_theme_is_reported(make_site) -> None:
    """A theme that does not exist is an AS401 error at its line."""
    site = make_site(config='[site]\nname = "A"\nurl = "https://a.example"\ntheme = "sombre"\n')
    _, problems = load_config(site)
    assert _codes(problems) == [("AS401", 4, "error")]


def test_pelican_passthrough_keeps_upper_case_settings(make_site) -> None:
    """[pelican] passes UPPER_CASE Pelican settings through as data."""
    site = make_site(
        config='[site]\nname = "A"\nurl = "https://a.example"\n[pelican]\nSUMMARY_MAX_LENGTH = 30\n'
    )
    config, problems = load_config(site)
    assert problems == []
    assert config.pelican == {"SUMMARY_MAX_LENGTH": 30}


def test_find_key_lines_handles_tables_and_dotted_keys() -> None:
    """Key lines are found under [table] headers, dotted keys and quoted keys."""
    lines = find_key_lines('a = 1\n[site]\nname = "x"\n[links.social]\n"mastodon" = "y"\n')
    assert lines[("a",)] == 1
    assert lines[("site", "name")] == 3
    assert lines[("links", "social", "mastodon")] == 5


def test_build_refuses_an_unusable_config(make_site, build) -> None:
    """A build with configuration errors raises ConfigError and writes nothing."""
    site = make_site(config='[site]\nname = "A"\n')
    with pytest.raises(ConfigError) as caught:
        build(site)
    assert [p.code for p in caught.value.report.problems] == ["AS104"]
    assert not (site / "output").exists()


def test_brand_colour_with_low_contrast_is_refused_with_a_suggestion(make_site) -> None:
    """A pale brand colour is AS120 with its ratio and a passing shade of the same hue."""
    site = make_site(
        config='[site]\nname = "A"\nurl = "https://a.example"\n'
        '[brand]\nprimary = "#6fbf73"\naccent = "#f4c442"\n'
    )
    config, problems = load_config(site)
    assert config is None
    found = sorted((p.code, p.line, p.params["key"], p.params["background"]) for p in problems)
    assert found == [("AS120", 5, "primary", "#f4f2ee"), ("AS120", 6, "accent", "#ffffff")]
    accent = next(p for p in problems if p.params["key"] == "accent")
    assert accent.params["ratio"] == 1.64  # L = 0.5911: (1 + 0.05) / (0.5911 + 0.05)
    assert "1,64:1" in accent.message("fr")[0]
    assert "1.64:1" in accent.message("en")[0]
    primary = next(p for p in problems if p.params["key"] == "primary")
    suggestion = primary.params["suggestion"]
    assert contrast_ratio(suggestion, "#ffffff") >= 4.5
    assert contrast_ratio(suggestion, "#f4f2ee") >= 4.5
    assert suggestion not in ("#000000", "#6fbf73")


def test_contrast_ratio_matches_known_values() -> None:
    """Black on white is 21:1, a colour on itself 1:1, #767676 on white just passes 4.5:1."""
    assert round(contrast_ratio("#000000", "#ffffff"), 2) == 21.0
    assert contrast_ratio("#1d5c4d", "#1d5c4d") == 1.0
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54


def test_home_photo_needs_its_alt_text_and_must_be_a_photo(make_site) -> None:
    """[home] image without image_alt is AS170 at the image's line; an SVG is AS171."""
    head = '[site]\nname = "A"\nurl = "https://a.example"\n[home]\n'
    site = make_site(config=head + 'title = "Cultivons"\nimage = "images/photo.jpg"\n')
    _, problems = load_config(site)
    assert _codes(problems) == [("AS170", 6, "error")]
    site = make_site(
        config=head + 'image = "images/logo.svg"\nimage_alt = "Un logo"\n',
        files={"content/images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"},
        name="svg",
    )
    _, problems = load_config(site)
    assert _codes(problems) == [("AS171", 5, "error")]
    good = 'image = "images/photo.jpg"\nimage_alt = "Un jardin"\n'
    site = make_site(config=head + good, name="ok")
    config, problems = load_config(site)
    assert problems == [] and config.home.image_alt == "Un jardin"


def test_payment_links_must_be_https_and_amounts_numbers(make_site) -> None:
    """[join] and [donate]: an http:// payment link is AS172, an amount in quotes AS173."""
    site = make_site(
        config="""\
[site]
name = "A"
url = "https://a.example"
[join]
payment_url = "http://www.helloasso.com/associations/a"
amounts = [10, "2 €"]
[donate]
payment_url = "https://www.helloasso.com/associations/a/formulaires/1"
amounts = [20, 50.5, -3]
form = "files/absent.pdf"
"""
    )
    config, problems = load_config(site)
    assert config is None
    assert _codes(problems) == [
        ("AS110", 10, "error"),
        ("AS172", 5, "error"),
        ("AS173", 6, "error"),
        ("AS173", 9, "error"),
    ]
    assert [p.params["value"] for p in problems if p.code == "AS173"] == ["2 €", -3]
