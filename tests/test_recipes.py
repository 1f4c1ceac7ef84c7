"""The starter's publishing recipes parse, pin their versions and call real commands."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

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
    """Each recipe installs the pinned versions, runs check, build --strict, then schedule."""
    monkeypatch.chdir(tmp_path)
    commands = _commands()[recipe]
    assert commands[0] == "pip install -r requirements.txt"
    ours = [shlex.split(c) for c in commands if c.startswith("assosite ")]
    assert [args[1] for args in ours] == ["check", "build", "schedule"]
    assert "--strict" in ours[1]
    for args in ours:
        command = cli.get_command(None, args[1])
        assert command is not None, args
        command.make_context(args[1], args[2:])  # raises on an unknown option


# The first major version of each action that runs on Node 24 (Node 20 is removed from
# GitHub's runners in September 2026).
NODE_24 = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/cache": 5,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
    "actions/upload-artifact": 6,
    "actions/download-artifact": 7,
}


def _actions(text: str) -> list[tuple[str, int]]:
    """Return each ``uses: owner/name@vN`` of a workflow's text as (name, N)."""
    found = re.findall(r"uses:\s*([\w./-]+)@v(\d+)", text)
    return [(name, int(major)) for name, major in found]


def test_versions_are_pinned_and_actions_run_on_node_24() -> None:
    """Python and every GitHub action are pinned; each action is a Node 24 version."""
    steps = [s for job in _github()["jobs"].values() for s in job["steps"]]
    for step in steps:
        if "uses" in step:
            assert "@v" in step["uses"], step["uses"]
    texts = [
        (STARTER / ".github/workflows/publier.yml").read_text("utf-8"),
        (STARTER.parent / "docs" / "federation.md").read_text("utf-8"),
        *(p.read_text("utf-8") for p in (STARTER.parent / ".github" / "workflows").glob("*.yml")),
    ]
    used = [action for text in texts for action in _actions(text)]
    assert {name for name, _ in used} <= set(NODE_24), used
    for name, major in used:
        assert major >= NODE_24[name], (name, major)
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.12"
    assert _gitlab()["image"] == "python:3.12-slim"
    assert _netlify()["build"]["environment"]["PYTHON_VERSION"] == "3.12"


def test_recipes_cache_pip_and_assosite_and_rebuild_daily() -> None:
    """Caches cover pip and .cache/assosite; each host has its nightly rebuild."""
    workflow = _github()
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["schedule"][0]["cron"]
    assert workflow["permissions"]["actions"] == "write"  # assosite schedule keeps it alive
    keep = next(
        s for s in workflow["jobs"]["construire"]["steps"] if s.get("run") == "assosite schedule"
    )
    assert keep["env"]["GH_TOKEN"] == "${{ github.token }}"
    function = (STARTER / "netlify" / "functions" / "chaque-nuit.mjs").read_text("utf-8")
    assert 'Netlify.env.get("ASSOSITE_BUILD_HOOK")' in function
    assert re.search(r'schedule: "17 3 \* \* \*"', function)
    assert _netlify()["functions"]["directory"] == "netlify/functions"
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
    """A new site gets the three recipes, the Netlify function and its install files."""
    site = tmp_path / "site"
    assert CliRunner().invoke(cli, ["init", str(site), "--no-vendor"]).exit_code == 0
    for name in (
        ".github/workflows/publier.yml",
        ".gitlab-ci.yml",
        "netlify.toml",
        "netlify/functions/chaque-nuit.mjs",
        "requirements.txt",
        "constraints.txt",
        ".gitignore",
    ):
        assert (site / name).is_file(), name
    ignored = (site / ".gitignore").read_text(encoding="utf-8").split()
    assert {"output/", ".cache/"} <= set(ignored)
