"""The docs stay honest: commands, problem codes, content keys and field docstrings."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from assosite.cli import cli
from assosite.problems import messages
from assosite.reading.items import COMMON_KEYS, LOCATION_KEYS, OWN_KEYS

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    """The README gives the install-and-preview command and the test command first."""
    head = README.split("## Les commandes")[0]
    assert "<!-- start-command -->" in head and "<!-- test-command -->" in head
    assert re.search(r"pip install \. && assosite init \S+ && assosite serve", head)
    assert "python -m pytest" in head


def test_every_cli_command_is_in_the_readme() -> None:
    """Each command appears in the README's command table."""
    for name in cli.commands:
        assert f"`assosite {name}" in README, name


def test_every_problem_code_is_documented() -> None:
    """docs/problemes.md explains every code of the catalogue."""
    text = (ROOT / "docs" / "problemes.md").read_text(encoding="utf-8")
    for code in messages.CATALOGUE:
        assert f"## {code} " in text, code


def test_every_content_key_is_documented() -> None:
    """docs/contenu.md describes every front matter key volunteers may type."""
    text = (ROOT / "docs" / "contenu.md").read_text(encoding="utf-8")
    keys = set(COMMON_KEYS) | set(LOCATION_KEYS)
    for own in OWN_KEYS.values():
        keys |= set(own)
    for key in keys:
        assert f"| `{key}` |" in text, key


def test_every_schema_field_has_a_docstring() -> None:
    """Each field of the content model carries an attribute docstring."""
    tree = ast.parse((ROOT / "assosite" / "model" / "items.py").read_text(encoding="utf-8"))
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for i, node in enumerate(cls.body):
            if isinstance(node, ast.AnnAssign):
                following = cls.body[i + 1] if i + 1 < len(cls.body) else None
                assert isinstance(following, ast.Expr), f"{cls.name}.{node.target.id}"
                assert isinstance(following.value, ast.Constant)


def test_every_module_has_a_docstring() -> None:
    """Each module says its responsibility in its first line."""
    for path in (ROOT / "assosite").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), path.name


def test_editorial_guide_explains_every_rule() -> None:
    """docs/guide-editorial.md has a section for every editorial code (AS3xx)."""
    text = (ROOT / "docs" / "guide-editorial.md").read_text(encoding="utf-8")
    for code in (c for c in messages.CATALOGUE if c.startswith("AS3")):
        assert f"## {code} — " in text, code


def test_json_format_documents_every_field() -> None:
    """docs/format-json.md names every field that check --format json writes."""
    from assosite.problems.report import BuildReport, Problem, Severity  # noqa: PLC0415

    text = (ROOT / "docs" / "format-json.md").read_text(encoding="utf-8")
    report = BuildReport([Problem("AS203", Severity.ERROR, "a.md", 1, {})])
    data = report.to_dict()
    for field in [*data, *(f"problems[].{k}" for k in data["problems"][0])]:
        assert f"`{field}`" in text or f"`{field.split('.')[-1]}`" in text, field


def test_every_image_of_the_docs_exists_and_stays_small() -> None:
    """Each image a page of docs/ shows is in the repository, under 100 KB (screenshots)."""
    shown = 0
    for page in (ROOT / "docs").rglob("*.md"):
        for target in re.findall(r"!\[[^\]]+\]\(([^)]+\.png)\)", page.read_text(encoding="utf-8")):
            image = page.parent / target
            assert image.is_file(), (page.name, target)
            assert image.stat().st_size <= 100_000, target
            shown += 1
    assert shown >= 8  # the theme's screenshots at 375 and 1280 px
