"""The package layers hold: the import-linter contract in pyproject.toml passes."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import assosite.plugin
from assosite.config.site import load_config
from assosite.plugin.settings import pelican_overrides

ROOT = Path(__file__).resolve().parents[1]


def test_import_contract_is_kept():
    """Each stage imports only the ones before it, only the plugin imports Pelican, no loop."""
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command, "import-linter is part of the test extras"
    result = subprocess.run(
        [command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def _pelican_uses() -> tuple[set[str], set[str], set[str]]:
    """Return what assosite uses of Pelican: names imported, signals, settings."""
    names: set[str] = set()
    used_signals: set[str] = set()
    for path in (ROOT / "assosite" / "plugin").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pelican"):
                names |= {f"{node.module}.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.Import):
                names |= {a.name for a in node.names if a.name.split(".")[0] == "pelican"}
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "signals"
            ):
                used_signals.add(node.attr)
    read = set()
    for path in (ROOT / "assosite").rglob("*.py"):
        read |= set(SETTING_READ.findall(path.read_text(encoding="utf-8")))
    config, _ = load_config(ROOT / "starter")
    written = set(pelican_overrides(config, ROOT / "output"))
    settings = {s for s in read | written if not s.startswith("ASSOSITE_")}
    return names, used_signals, settings


SETTING_READ = re.compile(r"""(?:settings|DEFAULT_CONFIG)(?:\[|\.get\()"([A-Z][A-Z0-9_]+)\"""")


def test_every_use_of_pelican_is_listed_in_the_plugin_docstring():
    """The Pelican API list of assosite.plugin names every import, signal and setting used."""
    doc = assosite.plugin.__doc__ or ""
    settings_part = doc.split("\nSettings", 1)[1].split("\nObjects Pelican hands over", 1)[0]
    listed = (
        set(re.findall(r"``(pelican(?:\.\w+)+)``", doc)),
        set(re.findall(r"``signals\.(\w+)``", doc)),
        set(re.findall(r"``([A-Z][A-Z0-9_]+)``", settings_part)),
    )
    kinds = ("imports", "signals", "settings")
    for kind, used, named in zip(kinds, _pelican_uses(), listed, strict=True):
        assert used - named == set(), f"{kind} used but not listed"
        assert named - used == set(), f"{kind} listed but not used"
