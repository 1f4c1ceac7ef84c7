"""Build the same generated content with plain Pelican and with assosite, and compare.

Usage: python bench/bench_build.py [--items 1000] [--runs 3]

Prints wall-clock seconds (best of the runs) for a cold build of each, and the ratio.
Plain Pelican builds with its default theme and its own feeds; assosite with its theme.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

sys.path.insert(0, str(Path(__file__).parent))

from corpus import write_corpus

from assosite.build import BuildOptions, build_site


def _pelican_build(content: Path, output: Path) -> None:
    settings = read_settings(
        path=None,
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "SITEURL": "https://banc.example",
            "TIMEZONE": "Europe/Paris",
            "FEED_ALL_ATOM": "feeds/all.atom.xml",
            "CACHE_CONTENT": False,
            "DELETE_OUTPUT_DIRECTORY": True,
        },
    )
    with contextlib.redirect_stdout(io.StringIO()):
        Pelican(settings).run()


def _best(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    """Run the comparison and print a small table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, help="also time this existing site (the starter)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="assosite-bench-") as scratch:
        root = Path(scratch)
        site, plain = write_corpus(root, args.items)
        pelican_out = root / "pelican-output"
        pelican = _best(args.runs, lambda: _pelican_build(plain, pelican_out))

        def assosite_build() -> None:
            shutil.rmtree(site / "output", ignore_errors=True)
            report = build_site(site, BuildOptions())
            assert not report.failed(), report.problems[:3]

        ours = _best(args.runs, assosite_build)
        print(f"items: {args.items}, best of {args.runs} runs")
        print(f"{'build':<28}{'seconds':>10}{'ratio':>10}")
        print(f"{'plain Pelican, cold':<28}{pelican:>10.2f}{1:>10.2f}")
        print(f"{'assosite, cold':<28}{ours:>10.2f}{ours / pelican:>10.2f}")
        if args.site:
            starter = args.site.resolve()
            seconds = _best(args.runs, lambda: build_site(starter, BuildOptions()))
            print(f"{'assosite, ' + starter.name:<28}{seconds:>10.2f}")


if __name__ == "__main__":
    main()
