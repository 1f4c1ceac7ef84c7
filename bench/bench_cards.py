"""Measure social cards: CPU per card, cards per second cold (empty cache) and warm.

Usage: python bench/bench_cards.py [--items 1000] [--site starter]

The site is built for real twice: first with an empty card cache (every card drawn,
shared with worker processes when there are many and CPUs are idle), then again with
nothing changed (no card drawn). The time inside the card cache's ``update`` is read
around the real call; CPU time adds the worker processes' (RUSAGE_CHILDREN). Finally
every card's spec is drawn once more in this process alone, for the CPU time of one card.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import write_corpus

from assosite.build.site import BuildOptions, build_site
from assosite.outputs.cards import cache as cardcache
from assosite.scaffold.site import init_site

_original = cardcache.CardCache.update
_seen: list[dict] = []


def _timed_update(self, specs):
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu, wall = time.process_time(), time.perf_counter()
    run = _original(self, specs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    child_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    _seen.append(
        {
            "specs": specs,
            "rendered": run.rendered,
            "wall": time.perf_counter() - wall,
            "cpu": time.process_time() - cpu + child_cpu,
        }
    )
    return run


cardcache.CardCache.update = _timed_update


def _build(site: Path) -> dict:
    build_site(site, BuildOptions(reuse=False))  # a real build each time, card cache kept
    return _seen[-1]


def _bench(label: str, site: Path) -> None:
    shutil.rmtree(site / ".cache", ignore_errors=True)
    cold = _build(site)
    warm = _build(site)
    specs = list(cold["specs"].values())
    cpu = time.process_time()
    for spec in specs:
        cardcache.draw(spec)
    alone = (time.process_time() - cpu) / len(specs)
    count = len(specs)
    print(
        f"{label}: {count} cards; cold {cold['rendered']} drawn in {cold['wall']:.2f} s "
        f"({count / cold['wall']:.0f} cards/s, {cold['cpu'] / count * 1000:.1f} ms CPU/card "
        f"workers included); warm {warm['rendered']} drawn in {warm['wall'] * 1000:.0f} ms "
        f"({count / warm['wall']:.0f} cards/s); one process: {alone * 1000:.1f} ms CPU/card"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--site", choices=["starter", "corpus", "both"], default="both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="assosite-bench-cards-") as scratch:
        root = Path(scratch)
        if args.site in ("starter", "both"):
            _bench("starter", init_site(root / "starter"))
        if args.site in ("corpus", "both"):
            site, _ = write_corpus(root / "corpus", args.items)
            _bench(f"corpus of {args.items} items", site)


if __name__ == "__main__":
    main()
