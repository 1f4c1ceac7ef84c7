"""Build the same generated content with plain Pelican and with assosite, and compare.

Usage: python bench/bench_build.py [--items 1000] [--runs 3] [--site starter]

Each build runs in its own process (Pelican keeps process-wide state), timed from the
outside, with its peak memory (ru_maxrss) read from the child's own resource usage.
Plain Pelican builds with its default theme and its own Atom feed; assosite with its
theme, feeds, calendars and checks. Prints the best wall time of the runs and ratios.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import write_corpus

PELICAN = """
import contextlib, io, sys
from pelican import Pelican
from pelican.settings import read_settings
settings = read_settings(path=None, override={
    "PATH": sys.argv[1], "OUTPUT_PATH": sys.argv[2], "SITEURL": "https://banc.example",
    "TIMEZONE": "Europe/Paris", "FEED_ALL_ATOM": "feeds/all.atom.xml",
    "DELETE_OUTPUT_DIRECTORY": True, "CACHE_PATH": sys.argv[3],
    "CACHE_CONTENT": sys.argv[4] == "cache", "LOAD_CONTENT_CACHE": sys.argv[4] == "cache",
})
with contextlib.redirect_stdout(io.StringIO()):
    Pelican(settings).run()
"""


def _measure(command: list[str]) -> tuple[float, float]:
    """Run ``command``; return (seconds, peak memory in MiB) of that child alone."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"build failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def _best(runs: int, command: list[str]) -> tuple[float, float]:
    results = [_measure(command) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


SERVE = """
import sys, threading, time
from pathlib import Path
from assosite.serve import serve_site
site, port = Path(sys.argv[1]), int(sys.argv[2])
built, stop = [], threading.Event()
thread = threading.Thread(target=serve_site, args=(site, port), daemon=True, kwargs={
    "on_build": lambda r: built.append(time.perf_counter()), "on_error": print, "stop": stop})
thread.start()
while not built:
    time.sleep(0.01)
time.sleep(1.0)  # let the watcher settle
target = next((site / "content" / "news").glob("*.md"))
target.write_text(target.read_text(encoding="utf-8") + "\\nUne ligne de plus.\\n", "utf-8")
edited = time.perf_counter()
while len(built) < 2:
    time.sleep(0.01)
print(f"{built[1] - edited:.3f}")
stop.set()
"""


def _serve_latency(site: Path) -> float:
    """Seconds from a file edit to the end of the preview's rebuild."""
    out = subprocess.run(
        [sys.executable, "-c", SERVE, str(site), "8731"], check=True, capture_output=True, text=True
    ).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    """Run the comparison and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, help="also time this existing site (the starter)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="assosite-bench-") as scratch:
        root = Path(scratch)
        site, plain = write_corpus(root, args.items)
        pelican = [
            sys.executable,
            "-c",
            PELICAN,
            str(plain),
            str(root / "pelican-out"),
            str(root / "pelican-cache"),
        ]
        assosite = [
            sys.executable,
            "-m",
            "assosite",
            "build",
            str(site),
            "--output",
            str(root / "assosite-out"),
        ]
        rows = [
            ("plain Pelican, cold", *_best(args.runs, [*pelican, "none"])),
            ("plain Pelican, cached rebuild", None, None),
            ("assosite, cold", *_best(args.runs, assosite)),
            ("assosite, no-change rebuild", *_best(args.runs, assosite)),
        ]
        _measure([*pelican, "cache"])  # fills Pelican's cache
        rows[1] = ("plain Pelican, cached rebuild", *_best(args.runs, [*pelican, "cache"]))
        latency = _serve_latency(site)
        if args.site:
            rows.append(
                (
                    "assosite, " + args.site.name,
                    *_best(
                        args.runs,
                        [
                            sys.executable,
                            "-m",
                            "assosite",
                            "build",
                            str(args.site),
                            "--output",
                            str(root / "starter-out"),
                        ],
                    ),
                )
            )
    base_time, base_memory = rows[0][1], rows[0][2]
    print(f"items: {args.items}, best of {args.runs} runs, one process per build")
    print(f"{'build':<32}{'seconds':>9}{'× Pelican':>11}{'peak MiB':>10}{'× Pelican':>11}")
    for name, seconds, memory in rows:
        print(
            f"{name:<32}{seconds:>9.2f}{seconds / base_time:>11.2f}"
            f"{memory:>10.0f}{memory / base_memory:>11.2f}"
        )
    print(f"{'assosite serve, one file edited':<32}{latency:>9.2f}  (edit to rebuilt preview)")


if __name__ == "__main__":
    main()
