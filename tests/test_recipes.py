"""The starter's publishing recipes parse, pin their versions and call real commands."""

from __future__ import annotations

import shlex
import tomllib
from pathlib import Path

import pytest
import yaml

from assosite import __version__
from assosite.cli import cli

STARTER = Path(__file__).parent.parent / "starter"


def _github() -> dict:
    return yaml.safe_load((STARTER / ".github/workflows/publier.yml").read_text("utf-8"))


def _gitlab() -> dict:
    return yaml.safe_load((STARTER / ".gitlab-ci.yml").read_text("utf-8"))


def _netlify() -> dict:
    return tomllib.loads((STARTER / "netlify.toml").read_text("utf-8"))


def _commands() -> dict[str, list[str]]:
    steps = [s for job in _github()["jobs"].values() for s in job["steps"]]
    return {
        "github": [s["run"] for s in steps if "run" in s],
        "gitlab": list(_gitlab()["pages"]["script"]),
        "netlify": [c.strip() for c in _netlify()["build"]["command"].split("&&")],
    }


@pytest.mark.parametrize("recipe", ["github", "gitlab", "netlify"])
def test_recipe_checks_then_builds_strictly_with_real_options(
    recipe, tmp_path, monkeypatch
) -> None:
    """Each recipe installs the pinned version, runs check, then build --strict."""
    monkeypatch.chdir(tmp_path)
    commands = _commands()[recipe]
    assert commands[0] == "pip install -r requirements.txt"
    ours = [shlex.split(c) for c in commands if c.startswith("assosite ")]
    assert [args[1] for args in ours] == ["check", "build"]
    assert "--strict" in ours[1]
    for args in ours:
        command = cli.get_command(None, args[1])
        assert command is not None, args
        command.make_context(args[1], args[2:])  # raises on an unknown option


def test_versions_are_pinned() -> None:
    """assosite, Python and every GitHub action are pinned."""
    requirements = (STARTER / "requirements.txt").read_text("utf-8")
    assert f"assosite=={__version__}" in requirements
    steps = [s for job in _github()["jobs"].values() for s in job["steps"]]
    for step in steps:
        if "uses" in step:
            assert "@v" in step["uses"], step["uses"]
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.12"
    assert _gitlab()["image"] == "python:3.12-slim"
    assert _netlify()["build"]["environment"]["PYTHON_VERSION"] == "3.12"


def test_recipes_cache_pip_and_assosite_and_rebuild_daily() -> None:
    """Caches cover pip and .cache/assosite; GitHub also builds every night."""
    workflow = _github()
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["schedule"][0]["cron"]
    steps = workflow["jobs"]["construire"]["steps"]
    assert any(s.get("with", {}).get("path") == ".cache/assosite" for s in steps)
    assert {".cache/pip", ".cache/assosite"} <= set(_gitlab()["cache"]["paths"])
    plugins = {p["package"]: p.get("inputs", {}) for p in _netlify().get("plugins", [])}
    assert plugins["netlify-plugin-cache"]["paths"] == [".cache/assosite"]


def test_netlify_sends_strict_security_headers() -> None:
    """CSP without unsafe-inline, HSTS, nosniff, referrer and permissions policies."""
    for path in (STARTER / "netlify.toml", STARTER.parent / "netlify.toml"):
        headers = tomllib.loads(path.read_text("utf-8"))["headers"][0]["values"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert "script-src 'none'" in headers["Content-Security-Policy"]
        for name in (
            "Strict-Transport-Security",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Permissions-Policy",
        ):
            assert headers[name], name


def test_init_copies_the_recipes(tmp_path) -> None:
    """A new site gets the three recipes and the pinned requirements."""
    from assosite.scaffold.site import init_site  # noqa: PLC0415

    site = init_site(tmp_path / "site")
    for name in (
        ".github/workflows/publier.yml",
        ".gitlab-ci.yml",
        "netlify.toml",
        "requirements.txt",
        ".gitignore",
    ):
        assert (site / name).is_file(), name
    ignored = (site / ".gitignore").read_text(encoding="utf-8").split()
    assert {"output/", ".cache/"} <= set(ignored)
