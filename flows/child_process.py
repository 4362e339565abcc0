"""Child processes that never outlive the fundwatch process that started them.

A process killed with SIGKILL runs no clean-up code, so a server it started
(Prefect's API server, ~200 MB) would run on, orphaned, for ever. Linux can tie
a child's life to its parent instead: prctl(PR_SET_PDEATHSIG) asks the kernel
to signal the child the moment the parent dies, however it dies. Elsewhere
this is a no-op, and the usual clean-up (atexit, signal handlers) is all there is.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent_hook():
    """A `preexec_fn` for subprocess.Popen, or None where the OS cannot do this.

    Call it in the thread that will live as long as the child should: the kernel
    signals the child when the thread that forked it ends. The main thread is right.
    """
    if not sys.platform.startswith("linux"):
        return None
    parent = os.getpid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None

    def hook() -> None:  # runs in the child, between fork and exec
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        # The parent may have died before prctl took effect: then nobody will signal us.
        if os.getppid() != parent:
            os._exit(1)

    return hook
