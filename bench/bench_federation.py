"""Benchmark a federation: N generated members of M items each, cold and no-change builds.

Usage: python bench/bench_federation.py --members 50 --items 40 [--jobs 2] [--shards 4]

Each build runs ``assosite federation build`` in its own process, as CI would; the
numbers printed are wall-clock seconds (targets on 2 cores: cold ≤ 30 s, no change ≤ 3 s).
With ``--shards n``, a fresh copy of the same federation is then built as n CI runners
would (``--shard i/n`` each, then ``--portal-only``), one after the other on this
machine: the wall time of n runners side by side is the slowest shard plus the portal.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import write_corpus

HEADER = """[federation]
name = "Réseau du banc d'essai"
url = "https://reseau.example"
description = "Une fédération générée pour mesurer assosite."

[defaults.hosting]
name = "Hébergeur commun"
"""


def write_federation(root: Path, members: int, items: int) -> None:
    """Write ``members`` member sites of ``items`` items each and their federation.toml."""
    blocks = [HEADER]
    for index in range(members):
        name = f"membre-{index:03d}"
        with tempfile.TemporaryDirectory() as scratch:
            site, _ = write_corpus(Path(scratch), items, seed=index, photos=0)
            shutil.copytree(site, root / "membres" / name)
        blocks.append(
            f'[[members]]\nid = "{name}"\npath = "membres/{name}"\ncity = "Ville {index}"\n'
        )
    (root / "federation.toml").write_text("\n".join(blocks), encoding="utf-8")


def timed(root: Path, jobs: int | None, *extra: str) -> tuple[float, int]:
    """Run one federation build in its own process; return (seconds, exit code)."""
    command = [sys.executable, "-m", "assosite", "federation", "build", str(root), *extra]
    if jobs:
        command += ["--jobs", str(jobs)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        print(done.stdout[-2000:], done.stderr[-2000:])
    return seconds, done.returncode


def main() -> None:
    """Generate the federation, then time a cold build and a no-change build."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--items", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--shards", type=int, default=0, help="also time n shards (CI runners)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="assosite-bench-federation-"))
    sharded = folder.parent / f"{folder.name}-shards"
    try:
        write_federation(folder, args.members, args.items)
        if args.shards:
            shutil.copytree(folder, sharded)  # before any build: nothing cached
        load = os.getloadavg()[0]
        cold, code = timed(folder, args.jobs)
        again, code_again = timed(folder, args.jobs)
        pages = sum(1 for _ in (folder / "output").rglob("*.html"))
        print(f"{args.members} members × {args.items} items, {os.cpu_count()} CPUs, {pages} pages")
        print(f"load average before   {load:6.1f}  (other work on the machine slows both)")
        print(f"cold build            {cold:6.1f} s  (target ≤ 30 s, exit {code})")
        print(f"no change             {again:6.1f} s  (target ≤ 3 s, exit {code_again})")
        if args.shards:
            shards = [
                timed(sharded, args.jobs, "--shard", f"{index}/{args.shards}")
                for index in range(1, args.shards + 1)
            ]
            portal, code_portal = timed(sharded, args.jobs, "--portal-only")
            times = ", ".join(f"{seconds:.1f}" for seconds, _ in shards)
            codes = sorted({code for _, code in shards})
            slowest = max(seconds for seconds, _ in shards)
            print(f"{args.shards} shards, cold      {times} s  (exit {codes})")
            print(f"portal only           {portal:6.1f} s  (exit {code_portal})")
            side_by_side = slowest + portal
            print(f"{args.shards} runners side by side {side_by_side:6.1f} s  (slowest + portal)")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(sharded, ignore_errors=True)


if __name__ == "__main__":
    main()
