"""Shared fixtures: throwaway sites on tmp_path and real builds of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import BASE_CONFIG, NOW, TINY_JPEG

from assosite.build.site import BuildOptions, build_site, check_site
from assosite.problems.report import BuildReport


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
