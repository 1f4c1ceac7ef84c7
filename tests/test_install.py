"""A site names a source of assosite that exists, and pins what assosite needs."""

from __future__ import annotations

import importlib.metadata
import tomllib
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import constraint_pins
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from assosite import __version__
from assosite.cli import cli
from assosite.scaffold.install import locked_versions, write_install_files

ROOT = Path(__file__).parent.parent


def _runtime_requirements() -> dict[str, Requirement]:
    """Return pyproject's dependencies for this platform, by canonical name."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    found = {}
    for text in project["dependencies"]:
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate():
            found[canonicalize_name(requirement.name)] = requirement
    return found


def test_released_version_is_named_and_every_dependency_pinned(tmp_path) -> None:
    """--no-vendor: assosite==X and -c constraints.txt; the pins are the installed versions."""
    written = write_install_files(tmp_path, vendor=False)
    assert written == ["requirements.txt", "constraints.txt"]
    lines = (tmp_path / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == [
        f"assosite=={__version__}",
        "-c constraints.txt",
    ]
    pins = constraint_pins(tmp_path)
    for name in _runtime_requirements():
        assert pins[name] == importlib.metadata.version(name), name
    assert "assosite" not in pins
    assert not {"pytest", "ruff", "playwright"} & set(pins)  # test tools are not the site's
    assert pins == locked_versions()


def test_vendored_wheel_is_the_running_assosite(tmp_path) -> None:
    """--vendor: the wheel in vendor/ holds the code, the theme, the starter and the plugin."""
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "site"), "--vendor"])
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    wheel = site / "vendor" / f"assosite-{__version__}-py3-none-any.whl"
    assert f"vendor/{wheel.name}" in result.output
    requirements = (site / "requirements.txt").read_text(encoding="utf-8")
    assert f"./vendor/{wheel.name}\n" in requirements
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "assosite/__init__.py",
        "assosite/_data/themes/default/templates/base.html",
        "assosite/_data/starter/netlify/functions/chaque-nuit.mjs",
        "pelican/plugins/assosite/__init__.py",
        f"assosite-{__version__}.dist-info/METADATA",
        f"assosite-{__version__}.dist-info/RECORD",
    ):
        assert name in names, name
    assert not any(n.endswith((".pyc", "direct_url.json", "INSTALLER")) for n in names)
    again = CliRunner().invoke(cli, ["init", str(site), "--force", "--vendor"])
    assert again.exit_code == 0
    assert sorted(p.name for p in (site / "vendor").iterdir()) == [wheel.name]


def test_lock_pins_the_installed_versions(tmp_path) -> None:
    """assosite lock rewrites constraints.txt from the environment that runs it."""
    (tmp_path / "constraints.txt").write_text("pelican==4.0.0\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lock", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert constraint_pins(tmp_path)["pelican"] == importlib.metadata.version("pelican")
    assert f"{len(locked_versions())} versions figées dans constraints.txt" in result.output


@pytest.mark.slow
def test_lock_upgrade_takes_what_pip_resolves_on_the_index(tmp_path) -> None:
    """assosite lock --upgrade: pip's resolution of assosite's requirements (PyPI)."""
    result = CliRunner().invoke(cli, ["lock", str(tmp_path), "--upgrade"])
    assert result.exit_code == 0, result.output
    pins = constraint_pins(tmp_path)
    for name, requirement in _runtime_requirements().items():
        assert requirement.specifier.contains(pins[name]), (name, pins[name])
    assert "assosite" not in pins
