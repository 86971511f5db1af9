"""Build a dataset's store in a process of its own, after a first call answered without it.

`start(folders, lock)` runs `python -m relgraph.build_store LOCK FOLDER...` detached (a
session of its own, no terminal, no output, not a child of the caller's), so the call that
started it exits at once and a Ctrl-C in the terminal does not reach it. The build is cache.py's: checked, compiled into a
temp file, renamed into the cache only when whole; an interrupted or failed build leaves no
store (at worst a temp file, which `relgraph cache --clear` removes). One build per dataset
at a time: the builder holds an exclusive lock on `lock` (`holding`), which the system
releases when the process ends however it ends, and a call that finds it held starts none.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path


def start(folders: list[Path], lock: Path) -> bool:
    """Start building the store of `folders` in the background, unless a build holding
    `lock` is running; whether one was started."""
    with holding(lock) as free:
        if not free:
            return False
    try:
        launcher = subprocess.run(
            [sys.executable, "-S", "-c", _LAUNCH, sys.executable, "-m", "relgraph.build_store",
             str(lock), *(str(f) for f in folders)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False  # no process to spare: the next call compiles the store itself
    return launcher.returncode == 0


# The launcher forks the builder and exits at once: the builder, orphaned, is no child of the
# caller's (which would have to wait for it, or leave a zombie in a long-lived Python).
_LAUNCH = "import os, sys\nif os.fork() == 0:\n    os.execv(sys.argv[1], sys.argv[1:])\n"


@contextlib.contextmanager
def holding(lock: Path) -> Iterator[bool]:
    """Hold `lock` exclusively for the block: yields True, or False when another process
    holds it (or it cannot be opened). Without fcntl (Windows) every caller holds it."""
    try:
        import fcntl
    except ImportError:
        yield True
        return
    try:
        handle = open(lock, "a+b")
    except OSError:
        yield False
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        yield True  # closing the file releases the lock
