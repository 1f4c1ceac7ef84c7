"""The message catalogue: every code in French and English, same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assosite.problems import messages
from assosite.problems.report import BuildReport, Problem, Severity, format_problem, format_summary

ROOT = Path(__file__).parent.parent


def _names(text: str) -> set[str]:
    return {re.sub(r"_(fr|en)$", "", n) for n in messages.placeholders(text)}


@pytest.mark.parametrize("code", sorted(messages.CATALOGUE))
def test_code_has_french_and_english_with_same_placeholders(code) -> None:
    """Both languages exist for each code and use the same values."""
    message = messages.CATALOGUE[code]
    assert re.fullmatch(r"AS[1-5]\d\d", code)
    assert message.severity in ("error", "warning", "suggestion")
    for what, fix in (message.fr, message.en):
        assert what and fix
    assert _names(message.fr[0] + message.fr[1]) == _names(message.en[0] + message.en[1])
    assert message.fr[1].startswith("Pour corriger :")
    assert message.en[1].startswith("To fix:")


def test_every_code_used_in_the_code_is_in_the_catalogue() -> None:
    """No code is used without its texts (and the catalogue has no stray entry)."""
    used = set()
    for path in (ROOT / "assosite").glob("*.py"):
        used |= set(re.findall(r'"(AS\d{3})"', path.read_text(encoding="utf-8")))
    used -= {"AS1xx"}
    assert used <= set(messages.CATALOGUE)


def test_french_messages_use_french_typography() -> None:
    """French output has a no-break space before : ; ? ! and inside « »."""
    what, fix = messages.render(
        "AS206",
        "fr",
        {"key": "lieu", "allowed": "x", "hint_fr": " Vouliez-vous dire « location » ?"},
    )
    assert "«\u00a0lieu\u00a0»" in what and "\u00a0?" in what
    assert fix.startswith("Pour corriger\u00a0:")


def test_problem_format_starts_with_path_and_line() -> None:
    """The first line is ``path:line: severity CODE`` in both languages."""
    problem = Problem(
        "AS203",
        Severity.ERROR,
        "content/events/a.md",
        5,
        {"start": "2027-03-14 18:00", "end": "2027-03-13 18:00", "example": "2027-03-14 20:00"},
    )
    assert format_problem(problem).splitlines()[0] == "content/events/a.md:5: erreur AS203"
    assert format_problem(problem, "en").splitlines()[0] == "content/events/a.md:5: error AS203"


def test_summary_uses_plural_forms() -> None:
    """The closing summary counts with the right plural forms."""
    report = BuildReport(
        [
            Problem("AS203", Severity.ERROR, "a.md", 1, {}),
            Problem("AS203", Severity.ERROR, "b.md", 1, {}),
            Problem("AS206", Severity.WARNING, "b.md", 2, {}),
        ]
    )
    text = format_summary(report, "fr").replace("\u00a0", " ")
    assert text == (
        "2 erreurs, 1 avertissement dans 2 fichiers. Rien n'a été publié ; "
        "la version précédente du site reste en ligne."
    )
    assert format_summary(report, "en") == (
        "2 errors, 1 warning in 2 files. Nothing was "
        "published; the previous version of the site "
        "stays online."
    )
