"""themes/ and starter/ are found from a wheel, an editable install and a checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from helpers import constraint_pins

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build assosite's wheel once for this module."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(dist.glob("assosite-*.whl"))


@pytest.mark.slow
def test_wheel_ships_themes_and_starter(wheel) -> None:
    """The wheel carries the default theme and the starter site."""
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "assosite/_data/themes/default/templates/base.html" in names
    assert "assosite/_data/starter/assosite.toml" in names
    assert "assosite/_data/starter/.github/workflows/publier.yml" in names
    assert "assosite/_data/starter/.gitlab-ci.yml" in names
    assert "assosite/_data/federation-starter/federation.toml" in names
    assert "assosite/_data/federation-starter/membres/lyon/assosite.toml" in names
    assert "assosite/_data/themes/default/translations/en/LC_MESSAGES/messages.po" in names
    assert "assosite/locale/en/LC_MESSAGES/assosite.mo" in names
    assert "assosite/locale/fr/LC_MESSAGES/click.mo" in names
    assert any(n.startswith("assosite/_data/starter/content/news/") for n in names)
    for font in (
        "NotoSans-Regular",
        "NotoSans-Bold",
        "NotoEmoji-Regular",
        "NotoSansSymbols2-Regular",
    ):
        assert f"assosite/fonts/{font}.ttf" in names
    assert "assosite/fonts/OFL.txt" in names
    assert "pelican/plugins/assosite/__init__.py" in names  # Pelican's namespace plugins
    assert not {"pelican/__init__.py", "pelican/plugins/__init__.py"} & names


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_inits_and_builds_the_starter(wheel, tmp_path) -> None:
    """pip install of the wheel into a new venv, then init + build: zero problems."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    found = subprocess.run(
        [
            str(python),
            "-c",
            "from pelican.plugins._utils import get_namespace_plugins as f; print(*f())",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "pelican.plugins.assosite" in found.stdout.split()
    site = tmp_path / "mon-site"
    run = {
        "cwd": tmp_path,
        "capture_output": True,
        "text": True,
        "env": {**os.environ, "LANG": "C.UTF-8", "ASSOSITE_LANG": "fr"},
    }
    subprocess.run([str(env_dir / "bin" / "assosite"), "init", str(site)], check=True, **run)
    result = subprocess.run(
        [str(env_dir / "bin" / "assosite"), "build", str(site), "--strict"], check=False, **run
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Aucun problème" in result.stdout
    assert (site / "output" / "index.html").is_file()
    federation = tmp_path / "ma-federation"
    command = [str(env_dir / "bin" / "assosite"), "federation", "init", str(federation)]
    subprocess.run(command, check=True, **run)
    assert (federation / "federation.toml").is_file()
    assert (federation / "membres" / "annecy" / "assosite.toml").is_file()


def test_source_checkout_finds_its_folders(tmp_path) -> None:
    """From a checkout on PYTHONPATH (no install), init finds starter/ at the top level."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "assosite", "init", str(site)],
        check=True,
        cwd=tmp_path,
        env=env,
        capture_output=True,
    )
    assert (site / "assosite.toml").is_file()
    code = (
        "from assosite.config.resources import theme_path, starter_path;"
        "print(theme_path('default')); print(starter_path());"
        "from assosite.config.resources import federation_starter_path;"
        "print(federation_starter_path())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert out == [
        str(ROOT / "themes" / "default"),
        str(ROOT / "starter"),
        str(ROOT / "federation-starter"),
    ]


_WHERE = (
    "import assosite, importlib.metadata as m; print(assosite.__file__);"
    "print(m.version('pelican'), m.version('pillow'))"
)


@pytest.mark.slow
def test_a_new_site_installs_in_a_venv_that_cannot_see_the_checkout(wheel, tmp_path) -> None:
    """assosite init from an installed wheel vendors that wheel (same bytes each time);
    `pip install -r requirements.txt` in another fresh venv, from the site folder only,
    installs it with the pinned versions, and that assosite builds the site."""
    author = tmp_path / "author"
    venv.create(author, with_pip=True)
    pip = [str(author / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, str(wheel)], check=True, capture_output=True)
    run = {
        "cwd": tmp_path,
        "capture_output": True,
        "text": True,
        "env": {**os.environ, "LANG": "C.UTF-8", "ASSOSITE_LANG": "fr"},
    }
    site, twin = tmp_path / "mon-site", tmp_path / "jumeau"
    for folder in (site, twin):
        subprocess.run([str(author / "bin" / "assosite"), "init", str(folder)], check=True, **run)
    vendored = sorted((site / "vendor").glob("assosite-*.whl"))
    assert [p.name for p in vendored] == [wheel.name]
    assert vendored[0].read_bytes() == (twin / "vendor" / wheel.name).read_bytes()
    volunteer = tmp_path / "volunteer"
    venv.create(volunteer, with_pip=True)
    python = volunteer / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    install = [str(python), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"]
    result = subprocess.run(install, cwd=site, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    where = subprocess.run(
        [
            str(python),
            "-c",
            _WHERE,
        ],
        cwd=site,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.split("\n")
    assert where[0].startswith(str(volunteer)), where  # not the checkout
    pins = constraint_pins(site)
    assert where[1] == f"{pins['pelican']} {pins['pillow']}"
    build = subprocess.run(
        [str(volunteer / "bin" / "assosite"), "build", "--strict"],
        cwd=site,
        capture_output=True,
        text=True,
        env={**env, "LANG": "C.UTF-8"},
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    assert (site / "output" / "index.html").is_file()
