"""Build a dataset's store in a process of its own, after a first call answered without it.

`start(folders, lock)` runs `python -m relgraph.build_store --fd=N FOLDER...` detached (a
session of its own, no terminal, no output, not a child of the caller's), so the call that
started it exits at once and a Ctrl-C in the terminal does not reach it. The build is
cache.py's: checked, compiled into a temp file, renamed into the cache only when whole; an
interrupted or failed build leaves no store (at worst a temp file, which `relgraph cache
--clear` removes). One build per dataset
at a time: the builder holds an exclusive lock on `lock` (taken by `start`, handed over as
the open file N), which the system releases when the process ends however it ends; a call
that finds it held starts none, and one that needs the store waits for it (`wait`).
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def start(folders: list[Path], lock: Path) -> bool:
    """Start building the store of `folders` in the background, unless a build holding
    `lock` is running; whether one was started.

    The lock is taken here, before the builder starts, and handed to it as an open file
    (flock's lock belongs to the open file, shared by every process that has it): no moment
    when a second call could find it free and start a second build, or compile the store
    itself while the first is on its way (`wait`)."""
    with holding(lock) as handle:
        if handle is None or handle is True:
            return False  # held by a build, or no lock to hold (Windows): none started
        fd = handle.fileno()
        try:
            launcher = subprocess.run(
                [sys.executable, "-S", "-c", _LAUNCH, sys.executable, "-m",
                 "relgraph.build_store", f"--fd={fd}", *(str(f) for f in folders)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True, pass_fds=(fd,), timeout=30)
        except (OSError, subprocess.SubprocessError):
            return False  # no process to spare: the next call compiles the store itself
        return launcher.returncode == 0  # closing `handle` leaves the lock to the builder


# The launcher forks the builder and exits at once: the builder, orphaned, is no child of the
# caller's (which would have to wait for it, or leave a zombie in a long-lived Python).
_LAUNCH = "import os, sys\nif os.fork() == 0:\n    os.execv(sys.argv[1], sys.argv[1:])\n"


def wait(lock: Path) -> None:
    """Return once no process holds `lock`: the build it guards, if any, is over."""
    try:
        import fcntl
    except ImportError:
        return
    try:
        with open(lock, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # blocks while the builder holds it
    except OSError:
        pass


@contextlib.contextmanager
def holding(lock: Path) -> Iterator[BinaryIO | bool | None]:
    """Hold `lock` exclusively for the block: yields its open file, or None when another
    process holds it (or it cannot be opened). Without fcntl (Windows) there is no lock to
    hold, and every caller may go on: True."""
    try:
        import fcntl
    except ImportError:
        yield True
        return
    try:
        handle = open(lock, "a+b")
    except OSError:
        yield None
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield None
            return
        yield handle  # closing the file releases the lock
