"""Shared fixtures: throwaway sites on tmp_path and real builds of them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from assosite.build.site import BuildOptions, build_site, check_site
from assosite.problems.report import BuildReport

DATA = Path(__file__).parent / "data"
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)

BASE_CONFIG = """\
[site]
name = "Les Amis du Test"
url = "https://test.example"
description = "Une association pour tester assosite."
"""

# The smallest valid JPEG (1×1 px): images are checked for existence, not decoded.
TINY_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c"
    "140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27"
    "393d38323c2e333432ffc0000b080001000101011100ffc4001f000001050101010101010000000000"
    "0000000102030405060708090a0bffc400b5100002010303020403050504040000017d0102030004"
    "1105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25"
    "262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778"
    "797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6"
    "c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f"
    "00fbfcffd9"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--update-golden`` (rewrites golden files in tests/data/golden)."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files instead of comparing with them",
    )


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """Return a function that writes a throwaway site and returns its folder.

    ``files`` maps paths relative to the site (``content/news/x.md``) to text or bytes.
    """

    def make(
        files: dict[str, str | bytes] | None = None, config: str = BASE_CONFIG, name: str = "site"
    ) -> Path:
        root = tmp_path / name
        for folder in ("news", "events", "testimonies", "pages", "images"):
            (root / "content" / folder).mkdir(parents=True, exist_ok=True)
        (root / "content" / "images" / "photo.jpg").write_bytes(TINY_JPEG)
        (root / "assosite.toml").write_text(config, encoding="utf-8")
        for relative, data in (files or {}).items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        return root

    return make


@pytest.fixture
def build() -> Callable[..., tuple[BuildReport, Path]]:
    """Return a function that builds a site for real and returns (report, output)."""

    def run(site: Path, **options: object) -> tuple[BuildReport, Path]:
        options.setdefault("now", NOW)
        report = build_site(site, BuildOptions(**options))
        return report, Path(options.get("output") or site / "output")

    return run


@pytest.fixture
def check() -> Callable[[Path], BuildReport]:
    """Return a function that checks a site exactly as a build reads it."""

    def run(site: Path) -> BuildReport:
        return check_site(site, now=NOW)

    return run


def file_hashes(folder: Path) -> dict[str, str]:
    """Return the sha256 of every file under ``folder``, by path relative to it."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def fixture_text(name: str) -> bytes:
    """Return the bytes of ``tests/data/content/<name>``."""
    return (DATA / "content" / name).read_bytes()
