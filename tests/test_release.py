"""The project's release recipes: a tag builds, checks and publishes the right version."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from assosite import __version__

ROOT = Path(__file__).parent.parent


def _check_tag(tag: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "check_tag.py"), tag],
        capture_output=True,
        text=True,
        check=False,
    )


def test_only_the_package_version_tag_is_released() -> None:
    """v<version> passes; another tag, or no tag, stops the release."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert declared == __version__
    assert _check_tag(f"v{__version__}").returncode == 0
    for wrong in ("v9.9.9", __version__, ""):
        result = _check_tag(wrong)
        assert result.returncode == 1, wrong
        assert __version__ in result.stderr


def test_github_release_builds_checks_then_publishes_with_trusted_publishing() -> None:
    """Tag push only; build and twine check in one job; upload with an OIDC token only."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text("utf-8"))
    triggers = workflow.get("on", workflow.get(True))
    assert list(triggers) == ["push"] and triggers["push"]["tags"] == ["v*"]
    assert workflow["permissions"] == {"contents": "read"}
    build = [s.get("run", "") for s in workflow["jobs"]["build"]["steps"]]
    assert build.index('python .ci/check_tag.py "$GITHUB_REF_NAME"') < build.index(
        "python -m build"
    )
    assert "python -m twine check --strict dist/*" in build
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    assert publish["steps"][-1]["uses"] == "pypa/gh-action-pypi-publish@release/v1"


def test_gitlab_release_mints_a_pypi_token_from_its_id_token() -> None:
    """On a v* tag: the ID token for PyPI, the tag check, build, check, upload."""
    pipeline = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text("utf-8"))
    job = pipeline["pypi"]
    assert job["id_tokens"] == {"PYPI_ID_TOKEN": {"aud": "pypi"}}
    assert job["rules"] == [{"if": "$CI_COMMIT_TAG =~ /^v[0-9]/"}]
    script = job["script"]
    assert script[0] == 'python .ci/check_tag.py "$CI_COMMIT_TAG"'
    assert "python -m twine check --strict dist/*" in script
    assert "mint_pypi_token.py" in script[-1] and "twine upload" in script[-1]
    assert pipeline["tests"]["script"] == ["bash .ci/run"]


@pytest.mark.slow
def test_sdist_and_wheel_pass_twine_check(tmp_path) -> None:
    """What the release uploads: an sdist and a wheel that PyPI accepts."""
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == [f"assosite-{__version__}-py3-none-any.whl", f"assosite-{__version__}.tar.gz"]
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, tmp_path.iterdir())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
