"""Bad (and tricky) content files: each problem at the right file, line and severity."""

from __future__ import annotations

import pytest
from helpers import DATA, fixture_text, read_file

E, W, S = "error", "warning", "suggestion"

# fixture file → (content folder, [(code, line, severity)…]); [] means "no problem".
CASES = {
    "news_yaml_broken.md": ("news", [("AS227", 2, E)]),
    "news_yaml_unclosed_quote.md": ("news", [("AS201", 2, E)]),
    "news_toml_ok.md": ("news", []),
    "news_toml_broken.md": ("news", [("AS201", 4, E)]),
    "news_missing_title.md": ("news", [("AS202", 1, E)]),
    "news_missing_summary.md": ("news", [("AS228", 1, S)]),
    "news_missing_date.md": ("news", [("AS202", 1, E)]),
    "news_invalid_date.md": ("news", [("AS204", 3, E)]),
    "news_image_without_alt.md": ("news", [("AS207", 5, E)]),
    "news_image_missing_file.md": ("news", [("AS208", 5, E)]),
    "news_image_outside_content.md": ("news", [("AS208", 5, E)]),
    "news_image_decorative.md": ("news", []),
    "news_unknown_key.md": ("news", [("AS206", 5, W)]),
    "news_french_key.md": ("news", [("AS202", 1, E), ("AS206", 2, W)]),
    "news_empty.md": ("news", [("AS212", 0, S)]),
    "news_blank.md": ("news", [("AS212", 0, S)]),
    "news_bom.md": ("news", []),
    "news_crlf.md": ("news", []),
    "news_no_final_newline.md": ("news", []),
    "news_long_title.md": ("news", [("AS301", 2, W)]),
    "news_emoji_title.md": ("news", []),
    "news_html_title.md": ("news", [("AS220", 2, W)]),
    "news_dashes_in_value.md": ("news", []),
    "news_tab_in_yaml.md": ("news", [("AS221", 5, E)]),
    "news_unclosed_header.md": ("news", [("AS222", 1, E)]),
    "news_header_is_list.md": ("news", [("AS226", 2, E)]),
    "news_duplicate_key.md": ("news", [("AS223", 5, W)]),
    "news_bad_status.md": ("news", [("AS215", 5, E)]),
    "news_tags_wrong_type.md": ("news", [("AS205", 5, E)]),
    "news_pelican_header.md": ("news", []),
    "news_latin1.md": ("news", [("AS224", 2, E)]),
    "news_yaml_boolean_title.md": ("news", []),
    "event_end_before_start.md": ("events", [("AS203", 5, E)]),
    "event_missing_start.md": ("events", [("AS202", 1, E)]),
    "event_mixed_offsets.md": ("events", [("AS216", 4, W)]),
    "event_mixed_day_and_time.md": ("events", [("AS217", 5, E)]),
    "event_bad_timezone.md": ("events", [("AS219", 5, E)]),
    "event_bad_url.md": ("events", [("AS218", 5, E)]),
    "event_unknown_location_key.md": ("events", [("AS206", 7, W)]),
    "event_french_dates.md": ("events", []),
    "event_cancelled_flag_text.md": ("events", [("AS205", 5, E)]),
    "testimony_without_consent.md": ("testimonies", [("AS209", 1, E)]),
    "testimony_consent_expired.md": ("testimonies", [("AS210", 7, W)]),
    "testimony_photo_without_alt.md": ("testimonies", [("AS207", 6, E)]),
    "page_bad_menu.md": ("pages", [("AS205", 3, E)]),
    "page_bad_type.md": ("pages", [("AS213", 3, E)]),
}


def test_every_fixture_has_a_case() -> None:
    """Each file in tests/data/content is exercised by CASES, and the reverse."""
    assert sorted(p.name for p in (DATA / "content").iterdir()) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_reports_its_problems(name, make_site) -> None:
    """Each fixture yields exactly its expected (code, line, severity) at its path."""
    folder, expected = CASES[name]
    path = f"content/{folder}/{name}"
    _, problems = read_file(make_site({path: fixture_text(name)}), path)
    found = sorted((p.code, p.line, str(p.severity)) for p in problems)
    # editorial rules (AS3xx) run on the whole site, after reading: see the check below
    assert found == sorted(e for e in expected if not e[0].startswith("AS3"))
    assert all(p.path == path for p in problems)


def test_a_check_reports_every_fixture_at_its_path(make_site, check) -> None:
    """All fixtures in one site: one check reports each file's problems, as reading does."""
    site = make_site({f"content/{f}/{name}": fixture_text(name) for name, (f, _) in CASES.items()})
    report = check(site)
    for name, (folder, expected) in CASES.items():
        path = f"content/{folder}/{name}"
        codes = {code for code, _, _ in expected}
        # site-wide editorial rules (a tag used once, no recent news…) have their own
        # tests; here only each file's own problems count
        found = [
            (p.code, p.line, str(p.severity))
            for p in report.problems
            if p.path == path and (not p.code.startswith("AS3") or p.code in codes)
        ]
        assert sorted(found) == sorted(expected), name
    assert {p.path for p in report.problems if p.severity == E} == {
        f"content/{folder}/{name}"
        for name, (folder, expected) in CASES.items()
        if any(severity == E for _, _, severity in expected)
    }
