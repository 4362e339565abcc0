"""SIGTERM stops a long-running command the way Ctrl-C does.

`serve`, `ui` and `demo` start children (a Prefect server, Datasette, local HTTP
servers) and write temporary files; their clean-up runs in `finally` blocks and
context managers, which Python runs on KeyboardInterrupt but not when SIGTERM's
default action ends the process. A service manager, `kill` or a container stop
sends SIGTERM, so it is turned into the same KeyboardInterrupt.
"""

from __future__ import annotations

import signal


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def sigterm_as_interrupt() -> None:
    """From now on, SIGTERM raises KeyboardInterrupt in the main thread."""
    signal.signal(signal.SIGTERM, _raise_interrupt)
