"""Build (or check) one federation member in a fresh child process, with a time limit.

Each member gets its own process (Pelican keeps state for the whole process). The
children are forked from a fork server that has already imported assosite's build,
Pelican and the libraries of a build, and read the cards' fonts
(:mod:`assosite.federation.preload`), so each one starts in a few milliseconds instead
of loading them (about 0.7 s a member), yet starts from the same clean state: the
server itself never builds anything. The child calls :func:`~assosite.build.site.build_site`
(or :func:`~assosite.build.site.check_site`) and leaves its report in a JSON file.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from assosite.build.site import BuildOptions, build_site, check_site
from assosite.problems.errors import AssositeError
from assosite.problems.report import BuildReport, problem_data
from assosite.system.processes import die_with_parent

_CONTEXT = multiprocessing.get_context("forkserver")
# What the fork server imports before forking any member's child.
PRELOAD = ("assosite.build.site", "assosite.federation.preload")
_CONTEXT.set_forkserver_preload(list(PRELOAD))

# Exit codes of a member's child, as the ``assosite`` command would give them.
SUCCEEDED, FAILED, CRASHED = 0, 1, 3


@dataclass(frozen=True, slots=True)
class MemberJob:
    """One member's build or check, as its child process runs it.

    Attributes:
        site: the member's folder.
        options: how to build it (federation layers, output, reference time).
        check: check the member instead of building it.
        result: the JSON file where the child leaves its report.
        stderr: the file that receives the child's error output.
    """

    site: Path
    options: BuildOptions
    check: bool
    result: Path
    stderr: Path


def report_data(report: BuildReport) -> dict[str, Any]:
    """Return what the federation needs of a member's report, as plain JSON data."""
    return {
        "problems": [problem_data(p) for p in report.problems],
        "items": report.items,
        "published": report.published,
        "valid_until": report.valid_until or "",
    }


def _child(job: MemberJob, env: dict[str, str]) -> None:
    """In the child: the environment, no terminal, then the build; exit with its code."""
    die_with_parent()  # its parent is the fork server, which ends with the federation's run
    os.environ.clear()
    os.environ.update(env)
    nowhere = os.open(os.devnull, os.O_RDWR)
    os.dup2(nowhere, 0)
    os.dup2(nowhere, 1)
    os.dup2(os.open(job.stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
    report: BuildReport | None = None
    code = CRASHED
    try:
        if job.check:
            report = check_site(job.site, options=job.options)
        else:
            report = build_site(job.site, job.options)
        code = FAILED if report.failed(job.options.strict) else SUCCEEDED
    except AssositeError as exc:
        report, code = exc.report, exc.exit_code
    except BaseException:  # noqa: BLE001 (told to the federation as AS530)
        traceback.print_exc()
    if report is not None:
        job.result.write_text(json.dumps(report_data(report), default=str), encoding="utf-8")
    sys.stderr.flush()
    sys.exit(code)


def run_members(
    jobs: list[MemberJob], env: dict[str, str], timeout: float, workers: int
) -> Iterator[tuple[int, int | None, float]]:
    """Run every job in its own child, at most ``workers`` at once; yield each as it ends.

    Every child is started, waited for and killed from this one thread: Python's fork
    server loses a child's exit code now and then (it reads as 255) when two threads
    start and wait for children at the same time (CPython issue #140867), which showed
    here as a member "crashed" for no reason.

    Args:
        jobs: the members' builds.
        env: the children's environment.
        timeout: seconds before a child is killed.
        workers: how many children run at once.

    Yields:
        ``(index in jobs, exit code, seconds)`` in the order the children end; the exit
        code is 0 built, 1 problems, 3 crashed, None when killed after ``timeout``.
    """
    waiting = list(enumerate(jobs))
    waiting.reverse()
    running: dict[Any, tuple[int, BaseProcess, float]] = {}
    try:
        yield from _schedule(waiting, running, env, timeout, workers)
    finally:  # stopped (Ctrl+C, SIGTERM, an error): no member goes on alone
        for _, process, _ in running.values():
            _end(process, kill=True)


def _schedule(
    waiting: list[tuple[int, MemberJob]],
    running: dict[Any, tuple[int, BaseProcess, float]],
    env: dict[str, str],
    timeout: float,
    workers: int,
) -> Iterator[tuple[int, int | None, float]]:
    while waiting or running:
        while waiting and len(running) < max(1, workers):
            index, job = waiting.pop()
            process = _CONTEXT.Process(target=_child, args=(job, env), daemon=True)
            process.start()
            running[process.sentinel] = (index, process, time.monotonic())
        first_deadline = min(started for _, _, started in running.values()) + timeout
        ready = wait(list(running), max(0.0, first_deadline - time.monotonic()))
        now = time.monotonic()
        for sentinel, (index, process, started) in list(running.items()):
            if sentinel in ready:
                code = _end(process, kill=False)
            elif now - started >= timeout:
                code = _end(process, kill=True)
            else:
                continue
            del running[sentinel]
            yield index, code, now - started


def _end(process: BaseProcess, *, kill: bool) -> int | None:
    """Reap a child (killing it first when asked); return its exit code, None if killed."""
    if kill:
        process.kill()
    process.join()
    code = None if kill else process.exitcode
    process.close()
    return code
