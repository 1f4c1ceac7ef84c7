"""The problem codes: French source sentences, their English translation, their rendering."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from assosite.problems import messages
from assosite.problems.report import BuildReport, Problem, Severity, format_problem, format_summary

ROOT = Path(__file__).parent.parent
ENGLISH = ROOT / "assosite" / "locale" / "en" / "LC_MESSAGES" / "assosite.po"


@pytest.fixture(scope="module")
def english() -> dict[tuple[str | None, str], str]:
    with ENGLISH.open("rb") as source:
        catalog = read_po(source, locale="en")
    return {(m.context, m.id): m.string for m in catalog if m.id and not m.fuzzy}


@pytest.mark.parametrize("code", sorted(messages.CATALOGUE))
def test_code_has_french_and_english_with_same_placeholders(code, english) -> None:
    """Each code has both sentences in French and in English, with the same values."""
    message = messages.CATALOGUE[code]
    assert re.fullmatch(r"AS[1-5]\d\d", code)
    assert message.severity in ("error", "warning", "suggestion")
    assert message.fix.startswith("Pour corriger :")
    for french in (message.what, message.fix):
        translated = english.get((code, french))
        assert translated, f"{code}: no English for {french!r}"
        assert messages.placeholders(translated) == messages.placeholders(french)
    assert english[code, message.fix].startswith("To fix:")


def test_each_sentence_carries_its_own_code_as_context() -> None:
    """``coded("AS203", …)`` sits under the key "AS203" (a copied entry would mislead)."""
    tree = ast.parse((ROOT / "assosite" / "problems" / "messages.py").read_text("utf-8"))
    catalogue = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "CATALOGUE"
    )
    assert isinstance(catalogue, ast.Dict)
    for key, value in zip(catalogue.keys, catalogue.values, strict=True):
        contexts = [arg.args[0].value for arg in value.args[1:]]
        assert contexts == [key.value, key.value]


def test_every_code_used_in_the_code_is_in_the_catalogue() -> None:
    """No code is used without its texts."""
    used = set()
    for path in (ROOT / "assosite").rglob("*.py"):
        used |= set(re.findall(r'"(AS\d{3})"', path.read_text(encoding="utf-8")))
    assert used, "no code found: the search is broken"
    assert used <= set(messages.CATALOGUE)


def test_french_messages_use_french_typography() -> None:
    """French output has a no-break space before : ; ? ! and inside « »."""
    what, fix = messages.render("AS206", "fr", {"key": "lieu", "allowed": "x", "hint": "location"})
    assert what.endswith("Vouliez-vous dire «\u00a0location\u00a0»\u00a0?")
    assert "«\u00a0lieu\u00a0»" in what
    assert fix.startswith("Pour corriger\u00a0:")
    english, _ = messages.render("AS206", "en", {"key": "lieu", "allowed": "x", "hint": "location"})
    assert english.endswith(' Did you mean "location"?')
    assert "\u00a0" not in english


def test_no_hint_means_no_question() -> None:
    """Without a near name, the sentence stops at its own end."""
    what, _ = messages.render("AS206", "fr", {"key": "lieu", "allowed": "x", "hint": ""})
    assert "Vouliez-vous" not in what


def test_phrases_and_numbers_are_in_the_reader_language() -> None:
    """A phrase chosen by assosite is translated; a number takes the language's decimal sign."""
    params = {
        "key": "primary",
        "value": "#777777",
        "background": "#ffffff",
        "background_name": "le fond du pied de page",
        "suggestion": "#666666",
        "ratio": 4.48,
        "minimum": 4.5,
        "suggestion_ratio": 5.74,
    }
    french, _ = messages.render("AS120", "fr", params)
    english, fix = messages.render("AS120", "en", params)
    assert "4,48:1" in french and "le fond du pied de page" in french
    assert "4.48:1" in english and "the footer background" in english
    assert "5.74:1" in fix


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


def _report(errors: int, warnings: int, files: int) -> BuildReport:
    problems = [Problem("AS203", Severity.ERROR, f"{i % files}.md", 1, {}) for i in range(errors)]
    problems += [Problem("AS206", Severity.WARNING, "0.md", 2, {}) for _ in range(warnings)]
    return BuildReport(problems)


def test_summary_uses_plural_forms() -> None:
    """The closing summary counts with each language's plural forms."""
    text = format_summary(_report(2, 1, 2), "fr").replace("\u00a0", " ")
    assert text == (
        "2 erreurs, 1 avertissement dans 2 fichiers. Rien n'a été publié ; "
        "la version précédente du site reste en ligne."
    )
    assert format_summary(_report(2, 1, 2), "en") == (
        "2 errors, 1 warning in 2 files. Nothing was published; the previous version of the "
        "site stays online."
    )


@pytest.mark.parametrize(
    ("errors", "warnings", "files", "french", "english"),
    [
        (1, 0, 1, "1 erreur, 0 avertissement dans 1 fichier.", "1 error, 0 warnings in 1 file."),
        (0, 2, 1, "0 erreur, 2 avertissements dans 1 fichier.", "0 errors, 2 warnings in 1 file."),
        (3, 1, 3, "3 erreurs, 1 avertissement dans 3 fichiers.", "3 errors, 1 warning in 3 files."),
    ],
)
def test_check_summary_plurals(errors, warnings, files, french, english) -> None:
    """French says « 0 erreur » (0 and 1 are singular); English says "0 warnings"."""
    report = _report(errors, warnings, files)
    assert format_summary(report, "fr", check=True).replace("\u00a0", " ") == french
    assert format_summary(report, "en", check=True) == english
