"""Write a file all at once or not at all: a temporary file beside it, then a rename.

A reader never sees half a file, and a failure (a full disk, no permission, an exception
raised by whoever writes the content) leaves whatever stood at the path untouched and no
temporary file behind. Generic on purpose: exports use it, and so can a cache. A whole folder
(what an import writes) goes the same way: a temporary folder beside it, then renames.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import OutputError, UsageError

Writer = Callable[[IO[Any]], object]


def write_atomic(path: str | os.PathLike, write: Writer, *, binary: bool = False,
                 encoding: str = "utf-8") -> Path:
    """Call `write(file)` on a temporary file beside `path`, then rename it onto `path`.

    Text files are opened with `encoding` and no newline translation (`newline=""`), so the
    writer decides the line endings. Returns the path written.

    Raises UsageError when the folder does not exist or the path is a folder (exit 2),
    OutputError when the system refuses the write: permission, a full disk... (exit 4).
    Anything `write` raises is passed on unchanged, after the temporary file is removed.
    """
    return write_all_atomic([(path, write)], binary=binary, encoding=encoding)[0]


def write_all_atomic(files: list[tuple[str | os.PathLike, Writer]], *, binary: bool = False,
                     encoding: str = "utf-8") -> list[Path]:
    """Write several files that belong together (a CSV edge table and its node table).

    Every file is written in full to its temporary file before any is renamed into place, so
    a failure while writing any of them leaves all the old files as they were.
    """
    targets = [_checked_target(Path(path)) for path, _ in files]
    if any(_is_special(target) for target in targets):
        # A FIFO or a device (-o /dev/stdout) cannot be replaced by a rename: write it as is.
        for target, (_, write) in zip(targets, files, strict=True):
            _write_directly(target, write, binary, encoding)
        return targets
    temps: list[Path] = []
    target = targets[0]
    try:
        for target, (_, write) in zip(targets, files, strict=True):
            temp = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
            # 0o666 minus the umask: the mode a plain open() would give a new file.
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            temps.append(temp)
            with (os.fdopen(fd, "wb") if binary
                  else os.fdopen(fd, "w", encoding=encoding, newline="")) as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            _keep_mode(target, temp)
        for target, temp in zip(targets, temps, strict=True):
            os.replace(temp, target)
    except BaseException as exc:
        for temp in temps:
            _remove(temp)
        if isinstance(exc, OSError):
            raise _output_error(target, exc) from None
        raise
    for folder in {t.parent for t in targets}:
        _sync_folder(folder)
    return targets


def _checked_target(target: Path) -> Path:
    """The path to write: a symlink is followed, so the rename replaces what it points to."""
    target = Path(os.path.realpath(target))
    folder = target.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise UsageError(f"folder {str(folder)!r} {what}; create it or give path a file elsewhere",
                         params=("path",))
    if target.is_dir():
        raise UsageError(f"{str(target)!r} is a folder; give path a file name", params=("path",))
    return target


def _is_special(target: Path) -> bool:
    """Whether the path exists and is not a regular file (a FIFO, a character device...)."""
    try:
        return not stat.S_ISREG(target.stat().st_mode)
    except FileNotFoundError:
        return False


def _write_directly(target: Path, write: Writer, binary: bool, encoding: str) -> None:
    try:
        with (open(target, "wb") if binary
              else open(target, "w", encoding=encoding, newline="")) as handle:
            write(handle)
    except OSError as exc:
        raise _output_error(target, exc) from None


def _output_error(target: Path, exc: OSError) -> OutputError:
    if isinstance(exc, PermissionError):
        reason = "permission denied"
    elif exc.errno == errno.ENOSPC:
        reason = "no space left on the device"
    elif exc.errno == errno.EROFS:
        reason = "the file system is read-only"
    else:
        reason = exc.strerror or str(exc)
    return OutputError(f"cannot write {str(target)!r}: {reason}; nothing was written")


def _keep_mode(target: Path, temp: Path) -> None:
    """An existing file keeps its permissions when it is replaced."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return
    os.chmod(temp, mode)


def _remove(temp: Path) -> None:
    try:
        temp.unlink()
    except FileNotFoundError:
        pass
    except OSError:  # pragma: no cover - nothing more can be done; the real error matters
        pass


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (not on Windows)."""
    _sync(folder)


def _sync(path: Path) -> None:
    """fsync a file or a folder, where the system allows it; nothing to do otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def check_folder_target(path: str | os.PathLike, *, replace: bool = False) -> Path:
    """The folder a whole dataset will be written to, refused before any work is done when it
    cannot be: its parent is missing, it is a file, or it holds files and `replace` is off."""
    target = Path(os.path.abspath(path))
    if not target.parent.is_dir():
        raise UsageError(f"folder {str(target.parent)!r} does not exist; create it or choose "
                         "another output folder")
    if target.exists() and not target.is_dir():
        raise UsageError(f"{str(path)!r} is a file; give the output a folder name")
    if not replace and _holds_files(target):
        raise UsageError(f"output folder {str(path)!r} exists and is not empty; choose another "
                         "folder, or set force to replace it", params=("force",))
    return target


@contextmanager
def folder_atomic(path: str | os.PathLike, *, replace: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside `path`; when the block ends without error it becomes
    `path`, else it is removed. Whatever stood at `path` stays whole until the last moment, and
    an interruption leaves the old folder, or none, never half of one."""
    target = check_folder_target(path, replace=replace)
    temp = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        os.mkdir(temp)
    except OSError as exc:
        raise _output_error(temp, exc) from None
    try:
        yield temp
        _swap_folder(temp, target, replace)
    except BaseException as exc:
        shutil.rmtree(temp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _output_error(target, exc) from None
        raise
    _sync_folder(target.parent)


def _holds_files(folder: Path) -> bool:
    try:
        return folder.is_dir() and any(folder.iterdir())
    except OSError:
        return True


def _swap_folder(temp: Path, target: Path, replace: bool) -> None:
    for name in os.listdir(temp):
        _sync(temp / name)
    _sync_folder(temp)
    if not target.exists():
        os.rename(temp, target)
        return
    if not _holds_files(target):
        os.rmdir(target)  # Windows cannot rename onto an empty folder; POSIX could
        os.rename(temp, target)
        return
    if not replace:
        raise UsageError(f"output folder {str(target)!r} was filled while writing; nothing "
                         "was replaced")
    old = target.parent / f".{target.name}.{secrets.token_hex(4)}.old"
    os.rename(target, old)
    os.rename(temp, target)
    shutil.rmtree(old, ignore_errors=True)

