"""Run one ``assosite`` command in a fresh child process, with a time limit.

Each member gets its own process (Pelican keeps state for the whole process). The
children are forked from a fork server that has already imported assosite, so each
one starts in a few milliseconds instead of re-importing Pelican, Babel and the rest
(about half a second a member), yet starts from the same clean state as
``python -m assosite …``: the server itself never builds anything.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["assosite.cli"])


def _child(args: list[str], env: dict[str, str], stderr: str) -> None:
    """In the child: the environment, stdout to nowhere, stderr to a file, then the command."""
    os.environ.clear()
    os.environ.update(env)
    nowhere = os.open(os.devnull, os.O_RDWR)
    os.dup2(nowhere, 0)
    os.dup2(nowhere, 1)
    os.dup2(os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
    from assosite.cli import cli  # noqa: PLC0415 (already imported by the fork server)

    cli.main(args=args, prog_name="assosite")


def run_command(args: list[str], env: dict[str, str], timeout: float, stderr: Path) -> int | None:
    """Run ``assosite <args>`` in a child process and return its exit code.

    Args:
        args: the command line after ``assosite``.
        env: the child's environment.
        timeout: seconds before the child is killed.
        stderr: the file that receives the child's error output.

    Returns:
        The exit code, or None when the child was killed after ``timeout``.
    """
    process = _CONTEXT.Process(target=_child, args=(args, env, str(stderr)), daemon=True)
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
