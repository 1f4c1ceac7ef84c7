"""How a site installs assosite: ``requirements.txt``, ``constraints.txt`` and ``vendor/``.

A site's publishing recipes run ``pip install -r requirements.txt`` on a fresh machine.
That file must name a source of assosite that exists, and the versions of everything
assosite needs must stay the same from one nightly rebuild to the next, so that the
site changes only when its content (or someone) changes it:

- ``requirements.txt`` names assosite: ``assosite==X.Y.Z`` when the running copy came
  from a package index, or the wheel of the running copy, copied into the site's
  ``vendor/`` folder, when it did not (a checkout, a downloaded wheel): nothing the
  recipe cannot reach;
- ``constraints.txt`` pins every package assosite needs (``name==version``), read from
  the environment that runs this command (:func:`locked_versions`) or, with
  ``assosite lock --upgrade``, resolved by pip to the newest versions allowed.

The wheel is rebuilt from the installed files (their list, ``RECORD``, is the wheel's
own) and packed by the ``wheel`` tool with a fixed date: the same copy of assosite
gives the same bytes. An editable install has no such files: its wheel is built from
its source folder by ``pip wheel``.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from assosite import __version__
from assosite.problems.errors import AssositeError
from assosite.problems.report import BuildReport, make_problem

REQUIREMENTS = "requirements.txt"
CONSTRAINTS = "constraints.txt"
VENDOR = "vendor"

# Files pip writes at install time: not part of the wheel.
_INSTALLER_FILES = frozenset({"INSTALLER", "REQUESTED", "direct_url.json", "RECORD"})

# The checkout this code runs from, when it is one (not installed).
_CHECKOUT = Path(__file__).resolve().parents[2]

# Zip dates of a vendored wheel (1980-01-01, the earliest a zip file can hold).
_WHEEL_EPOCH = "315532800"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the running assosite was installed from.

    Attributes:
        index: from a package index (PyPI or a mirror): ``assosite==version`` resolves.
        editable: an editable install of the folder ``source``.
        source: the checkout or wheel it was installed from (None from an index).
    """

    index: bool
    editable: bool = False
    source: Path | None = None


def origin() -> Origin:
    """Return where the running assosite came from (PEP 610's ``direct_url.json``).

    A checkout run without being installed (``PYTHONPATH``) counts as an editable
    install of its folder.
    """
    try:
        distribution = importlib.metadata.distribution("assosite")
    except importlib.metadata.PackageNotFoundError:
        return Origin(index=False, editable=True, source=_CHECKOUT)
    text = distribution.read_text("direct_url.json")
    if not text:
        return Origin(index=True)
    data = json.loads(text)
    url = urllib.parse.urlparse(data.get("url", ""))
    source = Path(urllib.request.url2pathname(url.path)) if url.scheme == "file" else None
    editable = bool(data.get("dir_info", {}).get("editable"))
    return Origin(index=False, editable=editable, source=source)


def write_install_files(site: Path, vendor: bool | None = None) -> list[str]:
    """Write the site's ``requirements.txt`` and ``constraints.txt`` (and its wheel).

    Args:
        site: the site folder.
        vendor: copy the running assosite's wheel into ``vendor/`` (True), name the
            released version (False), or decide by where it was installed from (None).

    Returns:
        The files written, relative to ``site``.

    Raises:
        AssositeError: the wheel could not be built (AS132).
    """
    written = []
    if vendor is None:
        vendor = not origin().index
    version = __version__
    if vendor:
        wheel = vendor_wheel(site / VENDOR)
        source = f"./{VENDOR}/{wheel.name}"
        written.append(f"{VENDOR}/{wheel.name}")
    else:
        source = f"assosite=={version}"
    (site / REQUIREMENTS).write_text(_requirements_text(source), encoding="utf-8")
    written.append(REQUIREMENTS)
    write_constraints(site, locked_versions())
    written.append(CONSTRAINTS)
    return written


def _requirements_text(source: str) -> str:
    return (
        "# Ce qu'installent les recettes de publication (pip install -r requirements.txt).\n"
        "# La version d'assosite qui construit ce site :\n"
        f"{source}\n"
        "# Les versions exactes de tout ce dont assosite a besoin, pour que le site ne\n"
        "# change pas d'une nuit à l'autre ; « assosite lock » les met à jour.\n"
        f"-c {CONSTRAINTS}\n"
    )


def locked_versions() -> dict[str, str]:
    """Return ``{name: version}`` of every package the running assosite needs, installed now.

    assosite's requirements are followed through the installed packages, with their
    environment markers (a Windows-only package is left out on Linux) and without
    optional extras.
    """
    found: dict[str, str] = {}
    pending = _own_requirements()
    while pending:
        requirement = pending.pop()
        if not _needed_here(requirement):
            continue
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # not needed on this platform
        found[name] = distribution.version
        pending += [Requirement(r) for r in distribution.requires or []]
    return dict(sorted(found.items()))


def resolved_versions() -> dict[str, str]:
    """Return the newest versions of what assosite needs that pip would install now.

    pip resolves assosite's own requirements (``pip install --dry-run --report``) on
    the package index, for this machine's Python and platform.

    Raises:
        AssositeError: pip could not resolve them (AS133).
    """
    requirements = [
        str(requirement) for requirement in _own_requirements() if _needed_here(requirement)
    ]
    with tempfile.TemporaryDirectory(prefix="assosite-lock-") as scratch:
        listing = Path(scratch) / "requirements.txt"
        listing.write_text("\n".join(requirements) + "\n", encoding="utf-8")
        command = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet"]
        command += ["--ignore-installed", "--report", "-", "-r", str(listing)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines() or [f"pip: exit code {result.returncode}"]
        raise _refuse("AS133", CONSTRAINTS, detail=lines[-1])
    report = json.loads(result.stdout)
    versions = {
        canonicalize_name(entry["metadata"]["name"]): entry["metadata"]["version"]
        for entry in report.get("install", [])
    }
    return dict(sorted(versions.items()))


def _own_requirements() -> list[Requirement]:
    """Return assosite's requirements: its metadata's, or its checkout's pyproject.toml."""
    try:
        texts = importlib.metadata.requires("assosite") or []
    except importlib.metadata.PackageNotFoundError:
        project = tomllib.loads((_CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))
        texts = project["project"]["dependencies"]
    return [Requirement(text) for text in texts]


def _needed_here(requirement: Requirement) -> bool:
    """Return True when ``requirement`` applies on this machine, optional extras left out."""
    return requirement.marker is None or requirement.marker.evaluate({"extra": ""})


def write_constraints(site: Path, versions: dict[str, str]) -> Path:
    """Write ``constraints.txt``: one ``name==version`` line per package."""
    versions = {name: v for name, v in versions.items() if name != "assosite"}
    lines = [
        "# Versions figées des paquets dont assosite a besoin (écrit par assosite init ou",
        "# assosite lock ; assosite lock --upgrade prend les plus récentes).",
        *(f"{name}=={version}" for name, version in versions.items()),
    ]
    path = site / CONSTRAINTS
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def vendor_wheel(folder: Path) -> Path:
    """Write the wheel of the running assosite into ``folder`` and return its path.

    Older wheels of assosite in ``folder`` are removed (the site names one).

    Raises:
        AssositeError: the wheel could not be built (AS132).
    """
    name, data = _running_wheel()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("assosite-*.whl"):
        if old.name != name:
            old.unlink()
    target = folder / name
    target.write_bytes(data)
    return target


@functools.cache
def _running_wheel() -> tuple[str, bytes]:
    """Return the name and bytes of the running assosite's wheel (built once per process)."""
    where = origin()
    with tempfile.TemporaryDirectory(prefix="assosite-wheel-") as scratch:
        built = Path(scratch) / "dist"
        built.mkdir()
        if where.editable and where.source is not None:
            command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet"]
            _run_tool([*command, "--wheel-dir", str(built), str(where.source)])
        else:
            unpacked = _installed_files(Path(scratch) / "unpacked")
            _run_tool([sys.executable, "-m", "wheel", "pack", str(unpacked), "-d", str(built)])
        wheel = next(built.glob("assosite-*.whl"))
        return wheel.name, wheel.read_bytes()


def _installed_files(target: Path) -> Path:
    """Copy the running assosite's installed files (its ``RECORD``) into ``target``."""
    distribution = importlib.metadata.distribution("assosite")
    for file in distribution.files or []:
        parts = file.parts
        if parts[0] == ".." or "__pycache__" in parts or file.suffix == ".pyc":
            continue  # scripts (pip writes them again) and compiled files
        if parts[0].endswith(".dist-info") and parts[-1] in _INSTALLER_FILES:
            continue
        source = Path(str(file.locate()))
        destination = target.joinpath(*parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
    return target


def _run_tool(command: list[str]) -> None:
    """Run a packaging tool; its last line of error becomes AS132."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": _WHEEL_EPOCH}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise _refuse("AS132", VENDOR, detail=lines[-1] if lines else str(result.returncode))


def _refuse(code: str, path: str, **params: str) -> AssositeError:
    return AssositeError(report=BuildReport([make_problem(code, path, 0, **params)]))
