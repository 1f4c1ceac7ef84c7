"""Count how many files copied by hand from Hugo and Jekyll sites a new site publishes.

Usage: python bench/bench_imported.py [--fixtures tests/fixtures/imported]

Makes a site with ``assosite init``, removes the starter's texts (its images stay),
copies the fixtures over it, builds it with real Pelican, and prints the files
published out of all Markdown files, and out of those meant to be published (the
fixtures' README lists the deliberate exceptions), with the count of problems by code.
"""

from __future__ import annotations

import argparse
import collections
import shutil
import sys
import tempfile
from pathlib import Path

from assosite.build.site import BuildOptions, build_site
from assosite.scaffold.site import init_site

ROOT = Path(__file__).resolve().parent.parent
# A draft, a ``status: skip``, an empty file, an English translation, a section file.
NOT_MEANT = 5


def imported_site(fixtures: Path, folder: Path) -> Path:
    """Return a new site in ``folder`` holding the fixtures instead of the starter's texts."""
    site = init_site(folder / "site")
    for text in (site / "content").rglob("*.md"):
        if text.parent.name != "images":
            text.unlink()
    shutil.copytree(fixtures, site, dirs_exist_ok=True)
    return site


def main() -> int:
    """Build the imported site and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=ROOT / "tests/fixtures/imported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        site = imported_site(args.fixtures, Path(scratch))
        total = sum(1 for text in (site / "content").rglob("*.md") if text.parent.name != "images")
        report = build_site(site, BuildOptions())
    codes = collections.Counter(f"{p.code} {p.severity}" for p in report.problems)
    meant = total - NOT_MEANT
    print(f"published: {report.items} of {total} files ({report.items / total:.0%})")
    print(f"published: {report.items} of {meant} meant to be ({report.items / meant:.0%})")
    for code, count in sorted(codes.items()):
        print(f"  {code}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
