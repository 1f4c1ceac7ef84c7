"""Build (or check) one federation member in a fresh child process, with a time limit.

Each member gets its own process (Pelican keeps state for the whole process). The
children are forked from a fork server that has already imported assosite's build, so
each one starts in a few milliseconds instead of re-importing Pelican, Babel and the
rest (about half a second a member), yet starts from the same clean state: the server
itself never builds anything. The child calls :func:`~assosite.build.site.build_site`
(or :func:`~assosite.build.site.check_site`) and leaves its report in a JSON file.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assosite.build.site import BuildOptions, build_site, check_site
from assosite.problems.errors import AssositeError
from assosite.problems.report import BuildReport, problem_data

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["assosite.build.site"])

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


def run_member(job: MemberJob, env: dict[str, str], timeout: float) -> int | None:
    """Run one member's build in a child process and return its exit code.

    Args:
        job: the member's build.
        env: the child's environment.
        timeout: seconds before the child is killed.

    Returns:
        The exit code (0 built, 1 problems, 3 crashed), or None when the child was
        killed after ``timeout``.
    """
    process = _CONTEXT.Process(target=_child, args=(job, env), daemon=True)
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.kill()
        process.join()
        process.close()
        return None
    code = process.exitcode
    process.close()
    return code
