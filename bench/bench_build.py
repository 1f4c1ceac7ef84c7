"""Build the same generated content with plain Pelican and with assosite, and compare.

Usage: python bench/bench_build.py [--items 1000] [--runs 3] [--memory-items 5000]
                                   [--site starter]

Each build runs in its own process (Pelican keeps process-wide state), timed from the
outside, with its peak memory (ru_maxrss) read from the child's own resource usage.
Plain Pelican builds with its default theme and its own Atom feed; assosite with its
theme, feeds, calendars, cards, images and checks. The rows:

- cold, nothing cached: no output, no cache (a first build, a CI run without cache);
- cold, cards and images cached: no output, every other cache emptied;
- cold, all caches kept: no output, ``.cache/assosite`` kept (a CI run restoring it);
- no change: the same build again;
- one file changed: one news item edited before each build;
- ``assosite serve``: from a file edit to the rebuilt preview (one process, warm);
- peak memory of a cold build at ``--memory-items`` items, both tools.

Prints the best wall time of the runs and the ratios to plain Pelican's cold build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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

SERVE = """
import sys, threading, time
from pathlib import Path
from assosite.build.serve import serve_site
site, port = Path(sys.argv[1]), int(sys.argv[2])
built, stop = [], threading.Event()
thread = threading.Thread(target=serve_site, args=(site, port), daemon=True, kwargs={
    "on_build": lambda r: built.append(time.perf_counter()), "on_error": print, "stop": stop})
thread.start()
while not built:
    time.sleep(0.01)
target = sorted((site / "content" / "news").glob("*.md"))[5]
latencies = []
for run in range(int(sys.argv[3])):
    time.sleep(1.0)  # let the watcher settle
    count = len(built)
    text = target.read_text(encoding="utf-8") + f"\\nUne ligne de plus {run}.\\n"
    target.write_text(text, "utf-8")
    edited = time.perf_counter()
    while len(built) == count:
        time.sleep(0.005)
    latencies.append(built[-1] - edited)
print(f"{min(latencies):.3f}")
stop.set()
"""

# Caches that are not the cards' or the images' (see the "cards and images cached" row).
_TEXT_CACHES = ("texts.sqlite", "builds", "jinja", "editorial.json", "calendars")


def _measure(command: list[str]) -> tuple[float, float]:
    """Run ``command``; return (seconds, peak memory in MiB) of that child alone."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"build failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def _best(runs: int, command: list[str], before: Callable[[], None]) -> tuple[float, float]:
    """Return the best time and the highest peak memory of ``runs`` runs."""
    results = []
    for _ in range(runs):
        before()
        results.append(_measure(command))
    return min(r[0] for r in results), max(r[1] for r in results)


def _remove(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


class Bench:
    """The commands and the preparations of each row, for one generated corpus."""

    def __init__(self, root: Path, items: int) -> None:
        self.root = root
        self.site, self.plain = write_corpus(root / f"corpus-{items}", items)
        self.output = root / f"assosite-out-{items}"
        self.cache = self.site / ".cache" / "assosite"
        self.pelican = [sys.executable, "-c", PELICAN, str(self.plain), str(root / "pel-out")]
        self.assosite = [
            sys.executable, "-m", "assosite", "build", str(self.site), "--output", str(self.output)
        ]  # fmt: skip

    def pelican_cold(self) -> list[str]:
        return [*self.pelican, str(self.root / "pel-cache"), "none"]

    def pelican_cached(self) -> list[str]:
        return [*self.pelican, str(self.root / "pel-cache"), "cache"]

    def nothing_cached(self) -> None:
        _remove(self.output, self.cache)

    def media_cached(self) -> None:
        _remove(self.output, *(self.cache / name for name in _TEXT_CACHES))

    def caches_kept(self) -> None:
        _remove(self.output)

    def edit_one_file(self) -> None:
        target = sorted((self.site / "content" / "news").glob("*.md"))[3]
        target.write_text(target.read_text(encoding="utf-8") + "\nUn mot de plus.\n", "utf-8")

    def serve_latency(self, runs: int) -> float:
        """Seconds from a file edit to the end of the preview's rebuild (best of runs)."""
        command = [sys.executable, "-c", SERVE, str(self.site), "8731", str(runs)]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        return float(out.strip().splitlines()[-1])


def _rows(bench: Bench, runs: int) -> list[tuple[str, float, float]]:
    nothing = lambda: None  # noqa: E731
    rows = [("plain Pelican, cold", *_best(runs, bench.pelican_cold(), nothing))]
    _measure(bench.pelican_cached())  # fills Pelican's cache
    rows.append(("plain Pelican, cached rebuild", *_best(runs, bench.pelican_cached(), nothing)))
    cold = [
        ("assosite, cold, nothing cached", bench.nothing_cached),
        ("assosite, cold, cards+images cached", bench.media_cached),
        ("assosite, cold, all caches kept", bench.caches_kept),
        ("assosite, no change", nothing),
        ("assosite, one file changed", bench.edit_one_file),
    ]
    for name, before in cold:
        rows.append((name, *_best(runs, bench.assosite, before)))
    return rows


def _memory(root: Path, items: int) -> tuple[float, float]:
    """Return the peak memory (MiB) of a cold build of ``items`` items: Pelican, assosite."""
    bench = Bench(root, items)
    pelican = _measure(bench.pelican_cold())[1]
    bench.nothing_cached()
    return pelican, _measure(bench.assosite)[1]


def main() -> None:
    """Run the comparison and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-items", type=int, default=5000, help="0 to skip")
    parser.add_argument("--site", type=Path, help="also time this existing site (the starter)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="assosite-bench-") as scratch:
        root = Path(scratch)
        bench = Bench(root, args.items)
        rows = _rows(bench, args.runs)
        latency = bench.serve_latency(args.runs)
        if args.site:
            starter = [
                sys.executable, "-m", "assosite", "build", str(args.site),
                "--output", str(root / "starter-out"), "--ignore-cache",
            ]  # fmt: skip
            rows.append(("assosite, " + args.site.name, *_best(args.runs, starter, lambda: None)))
        memory = _memory(root, args.memory_items) if args.memory_items else None
    base_time, base_memory = rows[0][1], rows[0][2]
    print(f"items: {args.items}, best of {args.runs} runs, one process per build")
    print(f"{'build':<38}{'seconds':>9}{'× Pelican':>11}{'peak MiB':>10}{'× Pelican':>11}")
    for name, seconds, peak in rows:
        print(
            f"{name:<38}{seconds:>9.2f}{seconds / base_time:>11.2f}"
            f"{peak:>10.0f}{peak / base_memory:>11.2f}"
        )
    print(f"{'assosite serve, one file edited':<38}{latency:>9.2f}{latency / base_time:>11.2f}")
    if memory is not None:
        print(
            f"peak memory, cold build of {args.memory_items} items: Pelican {memory[0]:.0f} MiB, "
            f"assosite {memory[1]:.0f} MiB ({memory[1] / memory[0]:.2f} ×)"
        )


if __name__ == "__main__":
    main()
