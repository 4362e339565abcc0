"""flows.process_memory on glibc: freed heap goes back to the system after a cycle, and the
arena limit applies unless MALLOC_ARENA_MAX says otherwise. Each check runs in a fresh
interpreter: the limit is once per process and RSS is the process's own."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc only")

FREED_HEAP = """
import ctypes, json
from flows import process_memory
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
def rss():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) // 1024 for l in f if l.startswith("VmRSS"))
blocks = [libc.malloc(4000) for _ in range(40_000)]   # ~160 MB in pieces below the mmap threshold
for b in blocks:
    ctypes.memset(b, 1, 4000)
keep = libc.malloc(4000)                              # the top of the heap stays in use
for b in blocks:
    libc.free(b)
freed = rss()
process_memory.release_free_memory()
print(json.dumps({"freed": freed, "released": rss()}))
"""


def _python(code: str, **env) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, **env})
    return out.stdout.strip()


def test_free_heap_goes_back_to_the_system():
    import json

    figures = json.loads(_python(FREED_HEAP))
    assert figures["freed"] - figures["released"] > 100, figures


def test_the_arena_limit_applies_once_and_yields_to_the_environment():
    code = "from flows import process_memory as m; print(m.limit_malloc_arenas(), m.limit_malloc_arenas())"
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.split() == ["True", "True"]
    assert _python(code, MALLOC_ARENA_MAX="4").split() == ["False", "False"]
