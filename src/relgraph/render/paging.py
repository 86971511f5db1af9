"""Long listings on a terminal go through a pager, as git's do.

`paged()` wraps a command's output: when stdout is a terminal (and neither `--no-pager` nor an
empty pager setting says otherwise), it starts the pager (`$RELGRAPH_PAGER`, else `$PAGER`,
else `less`, run by the shell, with `LESS=FRX` unless `$LESS` is set: quit at once if the output
fits one screen, keep colours, leave the text on the screen) and makes stdout the pager's input,
so that rows reach the screen as they are read. A pipe or a file gets the output as before.
"""

from __future__ import annotations

import contextlib
import os
import sys

# The terminal's width while stdout is the pager's pipe (None: Rich measures stdout itself).
WIDTH: int | None = None


def pager_command() -> str | None:
    """The pager to run, or None for none ("" or "cat" turn paging off)."""
    command = os.environ.get("RELGRAPH_PAGER")
    if command is None:
        command = os.environ.get("PAGER")
    if command is None:
        import shutil

        command = "less" if shutil.which("less") else ""
    command = command.strip()
    return None if command in ("", "cat") else command


@contextlib.contextmanager
def paged(enabled: bool = True):
    """Send stdout through the pager while the block runs, if stdout is a terminal."""
    global WIDTH
    command = pager_command() if enabled else None
    try:
        terminal = sys.stdout.isatty()
    except (AttributeError, ValueError):
        terminal = False
    if command is None or not terminal:
        yield
        return
    import shutil
    import subprocess

    width = shutil.get_terminal_size().columns
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    sys.stdout.flush()
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        yield  # no shell to run it: print as if there were no pager
        return
    original = sys.stdout
    sys.stdout = _pipe(pager.stdin, original)
    WIDTH = width
    try:
        yield
    finally:
        WIDTH = None
        piped, sys.stdout = sys.stdout, original
        try:
            piped.close()  # flushes: a pager that has quit is a reader gone (BrokenPipeError)
        except (BrokenPipeError, OSError):
            pass
        _wait(pager)


def _pipe(stream, like):
    import io

    return io.TextIOWrapper(stream, encoding=getattr(like, "encoding", None) or "utf-8",
                            errors="replace", write_through=False)


def _wait(pager) -> None:
    """Wait for the reader to quit the pager; Ctrl-C meanwhile is the pager's to handle."""
    while True:
        try:
            pager.wait()
            return
        except KeyboardInterrupt:
            continue
