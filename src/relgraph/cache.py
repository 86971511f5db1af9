"""The cache of compiled stores: each dataset is checked and compiled once, then read by index.

A store is keyed on every data file's path, size, mtime_ns, ctime_ns and inode, relgraph's
version, the store's format and relgraph's own modules (their sizes and times), so an edited
file, a new relgraph or a changed check means a new store. A store is written to a temp file
and renamed into place, so readers never see half of one and two processes building the same
store both succeed. Anything unreadable in the cache
(corrupt, truncated, foreign, another format) is ignored and rebuilt. Invalid data is never
cached: its errors are raised on every call.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .store import STORE_FORMAT, Store, StoreWriter

if TYPE_CHECKING:
    from .arrow_store import ArrowStore

Progress = Callable[[int, int, int], None]
Warn = Callable[[str], None]

SUFFIX = ".sqlite"
LOCK_SUFFIX = ".lock"
# Below this much Parquet (about 90,000 relations), compiling the store costs no more than a
# few import floors: the first call compiles it as for any other format.
FIRST_ANSWER_BYTES = 2 * 2**20
YOUNG = "young"  # meta key: the files' digests, for a store built while they were young

# A file changed less than this long before a store is finished may change again within the
# same tick of the file system's clock (1 s on some, 2 s on FAT), keeping its size and times:
# such a store answers this call but is not kept, so an edit is never missed.
SETTLED_AFTER_NS = 2_000_000_000


@dataclass
class CacheReport:
    """Where the cache is, how many stores it holds (or held, once cleared) and their size;
    the same for the downloaded event files (`relgraph fetch`), kept and cleared apart."""

    folder: Path
    stores: int
    size: int
    cleared: bool = False
    downloads: int = 0
    downloads_size: int = 0
    downloads_cleared: bool = False

    def as_dict(self) -> dict:
        return {"folder": str(self.folder), "stores": self.stores, "bytes": self.size,
                "cleared": self.cleared,
                "downloads": {"folder": str(downloads_dir()), "files": self.downloads,
                              "bytes": self.downloads_size, "cleared": self.downloads_cleared}}


def cache_dir() -> Path:
    """$RELGRAPH_CACHE_DIR, else $XDG_CACHE_HOME/relgraph, else ~/.cache/relgraph."""
    explicit = os.environ.get("RELGRAPH_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "relgraph"


def open_store(path=None, use_cache: bool = True, progress: Progress | None = None,
               warn: Warn | None = None, young: bool = False,
               first_answer: bool = True) -> Store | ArrowStore:
    """The compiled store of the dataset at `path` (see dataset.resolve_data_dirs).

    From the cache when a store of the same files is there; else checked, compiled and (when
    `use_cache` and the cache folder is writable) kept for next time. DataError if invalid.
    `warn` receives one line when the cache cannot be used. `young` keeps the store even when
    files changed within the last tick, with their content digests (see `warm`).
    `first_answer`: a large dataset all in Parquet, not yet in the cache, is answered from its
    checked columns (arrow_store.ArrowStore, the same answers) while its store is built in
    the background (background.py), rather than after compiling it.
    """
    from .dataset import data_files, resolve_data_dirs

    folders = resolve_data_dirs(path)
    files = data_files(folders)
    signature = _signature(files)
    if not use_cache:
        return (first_answer and _answer_first(files, folders, None)) or \
            _build_in_memory(folders, signature, progress)
    folder = cache_dir()
    target = folder / _name(folders, signature)
    store = _open_cached(target, signature, files)
    if store is not None:
        return store
    first = first_answer and not young and _answer_first(
        files, folders, _after_build(folders, _lock(target), progress, warn))
    if first:
        from . import background

        try:
            folder.mkdir(parents=True, exist_ok=True)
            background.start(folders, _lock(target))
        except OSError as exc:
            _cannot_write(warn, folder, exc)
        return first
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=target.name + ".", suffix=".tmp")
        os.close(handle)
    except OSError as exc:
        _cannot_write(warn, folder, exc)
        return _build_in_memory(folders, signature, progress)
    return _build_cached(folders, files, signature, Path(temp), target, progress, warn, young)


def warm(folder, warn: Warn | None = None) -> None:
    """Compile a folder that was just written (by an import) into the cache, so that its first
    query is warm.

    Its files changed within the last tick, so their size and times cannot be trusted to show
    a later change: the store keeps each file's SHA-256 as well, and is used only while the
    files hold those bytes. The first open after they have settled checks the digests once and
    from then on trusts the size and times, as for any other store.
    """
    open_store([folder], warn=warn, young=True).close()


def downloads_dir() -> Path:
    """Where `relgraph fetch` keeps downloaded files, one folder per source (downloads/gdelt)."""
    return cache_dir() / "downloads"


def downloads_usage() -> tuple[int, int]:
    """How many downloaded files (lists and partial files included) and their bytes."""
    files = _downloaded()
    return len(files), sum(_size(p) for p in files)


def clear_downloads() -> tuple[int, int]:
    """Delete every downloaded file; (files, bytes) removed. The stores stay."""
    import shutil

    count, size = downloads_usage()
    shutil.rmtree(downloads_dir(), ignore_errors=True)
    return count, size


def _downloaded() -> list[Path]:
    try:
        return [p for p in downloads_dir().rglob("*") if p.is_file()]
    except OSError:
        return []


def clear() -> tuple[int, int]:
    """Delete every store (and leftover temp file) in the cache; (files, bytes) removed."""
    count = size = 0
    for path in _cache_files():
        try:
            bytes_ = path.stat().st_size
            path.unlink()
        except OSError:
            continue
        if path.suffix != LOCK_SUFFIX:  # an empty lock file (background.py) is no store
            count, size = count + 1, size + bytes_
    return count, size


def usage() -> tuple[Path, int, int]:
    """The cache folder, how many stores it holds and their total size in bytes."""
    files = [p for p in _cache_files() if p.suffix == SUFFIX]
    return cache_dir(), len(files), sum(_size(p) for p in files)


# -- building -------------------------------------------------------------------------------

def _build_cached(folders, files, signature, temp: Path, target: Path,
                  progress: Progress | None, warn: Warn | None = None,
                  young: bool = False) -> Store:
    digests = _digests(files) if young and not _settled(files) else ""
    try:
        connection = sqlite3.connect(temp)
        try:
            _compile(connection, folders, signature, progress)
            if digests:
                with connection:
                    connection.execute("INSERT INTO meta VALUES (?, ?)", (YOUNG, digests))
        finally:
            connection.close()
    except BaseException:
        temp.unlink(missing_ok=True)  # invalid data, an interruption: nothing is cached
        raise
    if _signature(files) != signature or (digests and _digests(files) != digests) or \
            (not digests and not _settled(files)):
        # A data file changed while it was read, or too recently to tell the next change
        # from this state (and its bytes were not kept to tell it by): answer from what was
        # read, cache nothing.
        return _uncached(temp)
    # Opened before the rename: the connection holds the file even if another process
    # (`cache --clear`, a rival build) removes it the moment it is in place (POSIX).
    connection = _connect_read_only(temp)
    try:
        os.replace(temp, target)
    except OSError as exc:
        # The folder took the temp file but not the rename (a folder in the way, a full disk).
        connection.close()
        _cannot_write(warn, target.parent, exc)
        return _uncached(temp)
    _remove_older(target)
    return Store(connection, target)


def _cannot_write(warn: Warn | None, folder: Path, exc: OSError) -> None:
    if warn is not None:
        warn(f"cannot write the cache in {str(folder)!r} ({exc.strerror or exc}); "
             "working without it (set RELGRAPH_CACHE_DIR to a writable folder)")


def _uncached(temp: Path) -> Store:
    """The store compiled in `temp`, answering this call only: the file goes at once."""
    store = Store(sqlite3.connect(temp))
    temp.unlink(missing_ok=True)  # the open connection keeps reading it
    return store


def _answer_first(files: list[Path], folders, whole) -> ArrowStore | None:
    """An ArrowStore of the dataset when it is all in Parquet, at least FIRST_ANSWER_BYTES of
    it, and every relation plainly right (checks/arrow_columns.py); else None. `whole`
    gives the store of everything when a question needs it (None: compiled in memory)."""
    from .datafiles import ACTORS_FILE, PARQUET, RELATIONS_FILE

    relations = [f for f in files if f.name not in (ACTORS_FILE, RELATIONS_FILE)]
    if not relations or any(PARQUET not in f.parts for f in relations) or \
            sum(_size(f) for f in relations) < FIRST_ANSWER_BYTES:
        return None
    from .arrow_store import ArrowStore
    from .checks.arrow_columns import check_columns

    checked = check_columns(folders)
    return ArrowStore(checked, whole) if checked is not None else None


def _after_build(folders, lock: Path, progress: Progress | None, warn: Warn | None):
    """The store of everything for a first call that needs it (matrix, central...): the one
    the background build is writing, once it is in the cache, rather than a second compile
    racing it on the same cores; compiled here if that build failed or was not kept."""
    def whole() -> Store:
        from . import background

        background.wait(lock)
        return open_store(folders, progress=progress, warn=warn, first_answer=False)
    return whole


def _lock(target: Path) -> Path:
    """The file a background build of the folders of `target` holds locked."""
    return target.with_name(target.name.split("-")[0] + LOCK_SUFFIX)


def _build_in_memory(folders, signature, progress: Progress | None) -> Store:
    connection = sqlite3.connect(":memory:")
    _compile(connection, folders, signature, progress)
    return Store(connection)


def _compile(connection: sqlite3.Connection, folders, signature: str,
             progress: Progress | None) -> None:
    from .dataset import check_dataset

    writer = StoreWriter(connection)
    dataset = check_dataset(folders, on_relation=writer.add, progress=progress,
                            on_columns=writer.add_columns)
    writer.finish(dataset.actors, dataset.types, dataset.sources, {
        "format": STORE_FORMAT, "version": __version__, "signature": signature,
        "relations": str(writer.relations), "folders": json.dumps([str(f) for f in folders])})


# -- reading --------------------------------------------------------------------------------

def _open_cached(target: Path, signature: str, files: list[Path]) -> Store | None:
    """The store at `target` if it is whole and of these files; None for anything else."""
    try:
        size = target.stat().st_size
    except OSError:
        return None
    connection = None
    try:
        connection = _connect_read_only(target)
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        if size != page_size * pages:
            raise sqlite3.DatabaseError("truncated")
        meta = dict(connection.execute(
            "SELECT key, value FROM meta WHERE key IN ('format', 'version', 'signature')"))
        if meta != {"format": STORE_FORMAT, "version": __version__, "signature": signature}:
            raise sqlite3.DatabaseError("another format, version or dataset")
        young = connection.execute("SELECT value FROM meta WHERE key = ?", (YOUNG,)).fetchone()
        if young and young[0] and not _still_young(target, young[0], files):
            raise sqlite3.DatabaseError("the files are not the bytes it was built from")
        return Store(connection, target)
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        if connection is not None:
            connection.close()
        return None  # rebuilt by the caller, and the rename replaces the bad file


def _connect_read_only(path: Path) -> sqlite3.Connection:
    from urllib.parse import quote

    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)


# -- keys -----------------------------------------------------------------------------------

def _signature(files: list[Path]) -> str:
    """What a store depends on: each data file's identity and state, relgraph's version, and
    relgraph's own code (a changed check must see data it would now refuse)."""
    states = [_code()]
    for file in files:
        try:
            st = file.stat()
            states.append([str(file.resolve()), st.st_size, st.st_mtime_ns, st.st_ctime_ns,
                           st.st_ino])
        except OSError:
            states.append([str(file.resolve()), None])
    return json.dumps([__version__, STORE_FORMAT, states])


def _code() -> list:
    """Name, size and mtime of each of relgraph's modules: about 60 stats, well under 1 ms."""
    package = Path(__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        try:
            st = path.stat()
        except OSError:
            continue
        found.append([str(path.relative_to(package)), st.st_size, st.st_mtime_ns])
    return found


def _digests(files: list[Path]) -> str:
    """Each file's SHA-256, for a store of files too young to be known by their stat."""
    found = []
    for file in files:
        digest = hashlib.sha256()
        try:
            with open(file, "rb") as handle:
                while block := handle.read(1 << 20):
                    digest.update(block)
        except OSError:
            found.append(None)
            continue
        found.append(digest.hexdigest())
    return json.dumps(found)


def _still_young(target: Path, digests: str, files: list[Path]) -> bool:
    """Whether the files still hold the bytes a young store was built from. Once they have
    settled as well, the digests are dropped: from then on a change shows in size and times."""
    if _digests(files) != digests:
        return False
    if _settled(files):
        try:
            with sqlite3.connect(target) as writable:
                writable.execute("UPDATE meta SET value = '' WHERE key = ?", (YOUNG,))
            writable.close()
        except sqlite3.Error:
            pass  # checked again next time
    return True


def _settled(files: list[Path]) -> bool:
    """Whether every data file last changed long enough ago for a later change to show."""
    import time

    now = time.time_ns()
    for file in files:
        try:
            st = file.stat()
        except OSError:
            continue
        if now - max(st.st_mtime_ns, st.st_ctime_ns) < SETTLED_AFTER_NS:
            return False
    return True


def _name(folders, signature: str) -> str:
    # One prefix per set of folders, so a rebuilt store can remove the one it replaces.
    where = _digest(json.dumps([str(Path(f).resolve()) for f in folders]))
    return f"{where}-{_digest(signature)}{SUFFIX}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _remove_older(target: Path) -> None:
    prefix = target.name.split("-")[0] + "-"
    for path in target.parent.glob(prefix + "*" + SUFFIX):
        if path != target:
            path.unlink(missing_ok=True)


def _cache_files() -> list[Path]:
    folder = cache_dir()
    try:
        return [p for p in folder.iterdir()
                if p.is_file() and (p.suffix == SUFFIX or p.name.endswith(SUFFIX + ".tmp")
                                    or p.suffix in (".tmp", LOCK_SUFFIX))]
    except OSError:
        return []


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
