"""Build the same generated content with plain Pelican, Hugo and assosite, and compare.

Usage: python bench/bench_build.py [--items 100,1000,5000] [--runs 3] [--memory-items 5000]
                                   [--site starter]

Each build runs in its own process (Pelican keeps process-wide state), timed from the
outside, with its peak memory (ru_maxrss) read from the child's own resource usage.
Plain Pelican builds with its default theme and its own Atom feed; Hugo (when the
``hugo`` command is installed) with the minimal templates of ``bench/hugo`` and its
own RSS feeds and tag pages; assosite with its theme, feeds, calendars, cards,
images and checks. The rows, for each number of items:

- cold, nothing cached: no output, no cache (a first build, a CI run without cache);
- cold, cards and images cached: no output, every other cache emptied;
- cold, all caches kept: no output, ``.cache/assosite`` kept (a CI run restoring it);
- no change: the same build again;
- one file changed: one news item edited before each build;
- ``assosite serve``: from a file edit to the rebuilt preview (one process, warm);
- peak memory of a cold build at ``--memory-items`` items, both tools.

Prints one table: for each number of items, the median wall time of the runs and
its ratios to plain Pelican's cold build and to Hugo's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import write_corpus, write_hugo

PELICAN = """
import contextlib, io, sys
from pelican import Pelican
from pelican.settings import read_settings
settings = read_settings(path=None, override={
    "PATH": sys.argv[1], "OUTPUT_PATH": sys.argv[2], "SITEURL": "https://banc.example",
    "TIMEZONE": "Europe/Paris", "FEED_ALL_ATOM": "feeds/all.atom.xml",
    "DELETE_OUTPUT_DIRECTORY": True, "CACHE_PATH": sys.argv[3],
    "CACHE_CONTENT": sys.argv[4] == "cache", "LOAD_CONTENT_CACHE": sys.argv[4] == "cache",
    # No plugin: Pelican would otherwise load every namespace plugin installed, assosite's too.
    "PLUGINS": [],
})
with contextlib.redirect_stdout(io.StringIO()):
    Pelican(settings).run()
"""

SERVE = """
import statistics, sys, threading, time
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
print(f"{statistics.median(latencies):.3f}")
stop.set()
"""

# Caches that are not the cards' or the images' (see the "cards and images cached" row).
_TEXT_CACHES = ("texts.sqlite", "builds", "jinja", "editorial.json", "calendars")


def _measure(command: list[str], accepted: tuple[int, ...] = (0, 1)) -> tuple[float, float]:
    """Run ``command``; return (seconds, peak memory in MiB) of that child alone.

    ``accepted``: the exit codes of a finished build (assosite's 1 is "built, with
    warnings"; plain Pelican must exit 0, or it did not build the site).
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in accepted:
        raise SystemExit(f"build failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def _best(
    runs: int, command: list[str], before: Callable[[], None], accepted: tuple[int, ...] = (0, 1)
) -> tuple[float, float]:
    """Return the median time and the highest peak memory of ``runs`` runs."""
    results = []
    for _ in range(runs):
        before()
        results.append(_measure(command, accepted))
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


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
        self.hugo_site = write_hugo(self.plain, root / f"corpus-{items}" / "hugo-site")
        self.hugo_output = root / f"hugo-out-{items}"
        self.hugo = [
            "hugo", "--quiet", "--source", str(self.hugo_site),
            "--destination", str(self.hugo_output),
        ]  # fmt: skip
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

    def hugo_cold(self) -> None:
        _remove(self.hugo_output, self.hugo_site / "resources")

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
        """Seconds from a file edit to the end of the preview's rebuild (median of runs)."""
        command = [sys.executable, "-c", SERVE, str(self.site), "8731", str(runs)]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        return float(out.strip().splitlines()[-1])


def _rows(bench: Bench, runs: int) -> list[tuple[str, float, float]]:
    nothing = lambda: None  # noqa: E731
    rows = [("plain Pelican, cold", *_best(runs, bench.pelican_cold(), nothing, (0,)))]
    _measure(bench.pelican_cached(), (0,))  # fills Pelican's cache
    cached = _best(runs, bench.pelican_cached(), nothing, (0,))
    rows.append(("plain Pelican, cached rebuild", *cached))
    if shutil.which("hugo"):
        rows.append(("Hugo, cold", *_best(runs, bench.hugo, bench.hugo_cold)))
        rows.append(("Hugo, again (no change)", *_best(runs, bench.hugo, nothing)))
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
    pelican = _measure(bench.pelican_cold(), (0,))[1]
    bench.nothing_cached()
    return pelican, _measure(bench.assosite)[1]


def _table(results: dict[int, list[tuple[str, float, float]]]) -> list[str]:
    """Return the lines of the table: one row per build, one group of columns per size."""
    sizes = list(results)
    lines = [
        f"{'build':<40}" + "".join(f"{f'{n} items':>30}" for n in sizes),
        f"{'':<40}" + f"{'s':>8}{'× Pelican':>11}{'× Hugo':>11}" * len(sizes),
    ]
    names = [name for name, *_ in results[sizes[0]]]
    for name in names:
        line = f"{name:<40}"
        for size in sizes:
            rows = {row[0]: row for row in results[size]}
            pelican, hugo = rows["plain Pelican, cold"][1], rows.get("Hugo, cold", (0, 0))[1]
            seconds = rows[name][1]
            ratio = f"{seconds / hugo:.2f}" if hugo else "-"
            line += f"{seconds:>8.2f}{seconds / pelican:>11.2f}{ratio:>11}"
        lines.append(line)
    return lines


def main() -> None:
    """Run the comparison and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", default="100,1000,5000", help="sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-items", type=int, default=5000, help="0 to skip")
    parser.add_argument("--site", type=Path, help="also time this existing site (the starter)")
    parser.add_argument("--no-serve", action="store_true", help="skip the preview's latency")
    args = parser.parse_args()
    sizes = [int(size) for size in args.items.split(",")]
    results: dict[int, list[tuple[str, float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="assosite-bench-") as scratch:
        root = Path(scratch)
        for size in sizes:
            bench = Bench(root, size)
            results[size] = _rows(bench, args.runs)
            if not args.no_serve:
                latency = bench.serve_latency(args.runs)
                results[size].append(("assosite serve, one file edited", latency, 0.0))
        if args.site:
            starter = [
                sys.executable, "-m", "assosite", "build", str(args.site),
                "--output", str(root / "starter-out"), "--ignore-cache",
            ]  # fmt: skip
            seconds, peak = _best(args.runs, starter, lambda: None)
            print(f"assosite, {args.site.name}: {seconds:.2f} s, peak {peak:.0f} MiB")
        memory = _memory(root, args.memory_items) if args.memory_items else None
    hugo = shutil.which("hugo")
    print(f"median of {args.runs} runs, one process per build; Hugo: {hugo or 'not installed'}")
    print("\n".join(_table(results)))
    if memory is not None:
        print(
            f"peak memory, cold build of {args.memory_items} items: Pelican {memory[0]:.0f} MiB, "
            f"assosite {memory[1]:.0f} MiB ({memory[1] / memory[0]:.2f} ×)"
        )


if __name__ == "__main__":
    main()
