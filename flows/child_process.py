"""Child processes that never outlive the fundwatch process that started them.

A process killed with SIGKILL runs no clean-up code, so a server it started
(Prefect's API server, ~200 MB) would run on, orphaned, for ever. Linux can tie
a child's life to its parent instead: prctl(PR_SET_PDEATHSIG) asks the kernel
to signal the child the moment its parent dies, however it dies, and the
setting survives exec. Elsewhere the command runs as given, and the usual
clean-up (atexit, signal handlers) is all there is.

The prctl call runs in a tiny Python launcher that then execs the real command,
not in a `preexec_fn`: code between fork and exec is unsafe once threads run
(a lock held by another thread at fork time stays held for ever in the child).
"""

from __future__ import annotations

import os
import sys

_LAUNCHER = (
    "import ctypes, os, signal, sys\n"
    "ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG\n"
    "if os.getppid() != int(sys.argv[1]):  # the parent died before prctl took effect\n"
    "    sys.exit(1)\n"
    "os.execv(sys.argv[2], sys.argv[2:])\n"
)


def dies_with_parent(command: list[str]) -> list[str]:
    """`command` (argv, first item an executable path) wrapped so it ends when this process ends.

    Start it from the thread that lives as long as the child should (the main
    thread): the kernel signals the child when the thread that forked it ends.
    """
    if not sys.platform.startswith("linux"):
        return list(command)
    return [sys.executable, "-c", _LAUNCHER, str(os.getpid()), *command]
