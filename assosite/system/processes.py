"""Child processes that die with the build that started them.

A build starts helpers: the image and card pools, the second page writer, a federation's
member builds. None of them may go on writing once the build is gone, even when it was
killed with SIGKILL (which runs no clean-up code): each child calls :func:`die_with_parent`
first thing. On Linux the kernel then sends the child SIGKILL when its parent process
ends (``PR_SET_PDEATHSIG``). A child of :mod:`multiprocessing` also watches the pipe
that links it to the process that asked for it: through a fork server, that process is
not its parent, and the server itself stays up as long as its children do.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from multiprocessing.connection import wait

_PR_SET_PDEATHSIG = 1
ORPHANED = 75  # exit code of a child whose parent was already gone (EX_TEMPFAIL)


def die_with_parent(parent: int | None = None) -> None:
    """In a child process: be killed as soon as its parent process ends.

    Args:
        parent: the parent's pid as the parent saw it (``os.getpid()`` before forking);
            when the child's parent is already another process, it exits at once.
            None for a child of :mod:`multiprocessing` (its parent may be a fork server).
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os._exit(ORPHANED)
    started_by = multiprocessing.parent_process()
    if started_by is not None and started_by.sentinel is not None:
        watch = threading.Thread(target=_exit_with, args=(started_by.sentinel,), daemon=True)
        watch.start()


def _exit_with(sentinel: int) -> None:
    """End this process once ``sentinel`` says the process that started it is gone."""
    wait([sentinel])
    os._exit(ORPHANED)


def pid_alive(pid: int) -> bool:
    """Return True when a process ``pid`` exists (this user's or not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
