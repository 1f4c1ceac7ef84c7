"""Build the example federation again and again in one process; count the runs that fail.

Usage: python bench/stress_federation.py [--runs 50] [--jobs 2]

A healthy member reported crashed once in a while is the kind of defect a single run
hides: this builds ``assosite federation init``'s three members ``--runs`` times from a
fresh copy, with ``--jobs`` members at once, and prints every failed run with its
members' statuses and problems. The suite runs it a few times (tests/test_interrupt.py);
run it at 50 or more after touching how members are started.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from assosite.federation.runner import FederationOptions, run_federation
from assosite.scaffold.federation import init_federation


def stress(runs: int, jobs: int) -> list[str]:
    """Build the example federation ``runs`` times; return one line per failed run."""
    failures = []
    with tempfile.TemporaryDirectory(prefix="assosite-stress-") as scratch:
        for run in range(runs):
            root = init_federation(Path(scratch) / f"run-{run}")
            report = run_federation(root, FederationOptions(jobs=jobs))
            if report.failed():
                members = [
                    (r.id, str(r.status), [p.params for p in r.problems]) for r in report.results
                ]
                failures.append(f"run {run}: {members}")
    return failures


def main() -> None:
    """Print each failed run, then the count."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    started = time.perf_counter()
    failures = stress(args.runs, args.jobs)
    for line in failures:
        print(line)
    seconds = time.perf_counter() - started
    print(f"{len(failures)} failed runs of {args.runs} ({args.jobs} jobs, {seconds:.1f} s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
