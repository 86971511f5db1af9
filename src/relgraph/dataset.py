"""Where a dataset lives, and loading it: read, checked, or refused with every problem.

A dataset is one folder or several read as one (their union). Each folder holds actors.yaml
and relations.yaml, and may hold relations in JSON Lines and CSV files beside them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .errors import DataError, UsageError
from .model import Actor, Dataset, Relation

# The checks (and YAML with them) are imported only to check: a cached store never needs them.
ACTORS_FILE = "actors.yaml"
RELATIONS_FILE = "relations.yaml"
JSONL_FILES = ("relations.jsonl", "relations.jsonl.gz")
CSV_FILES = ("relations.csv", "relations.csv.gz")
PARQUET = "relations.parquet"  # a file, or a folder of them by year (relgraph.parquet)
STREAM_FILES = JSONL_FILES + CSV_FILES + (PARQUET,)  # in the order they are read
SHIPPED = "@shipped"  # names the shipped graph among --data folders and in RELGRAPH_DATA
DATA_ENV = "RELGRAPH_DATA"

__all__ = ["Dataset", "check_dataset", "data_files", "default_data_dir", "load_actors",
           "load_dataset", "resolve_data_dir", "resolve_data_dirs"]


def default_data_dir() -> Path:
    """The shipped dataset: packaged with the wheel, or the checkout's data/ folder."""
    packaged = Path(__file__).parent / "data"
    if (packaged / ACTORS_FILE).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def resolve_data_dirs(paths: str | os.PathLike | list | tuple | None) -> list[Path]:
    """The folders to read, each checked to exist, in order and each once.

    `paths` is a folder or a list of folders; without any, $RELGRAPH_DATA (folders separated
    by os.pathsep), else the shipped data. `@shipped` names the shipped data.
    """
    if paths is None or (isinstance(paths, (list, tuple)) and not paths):
        paths = [p for p in os.environ.get(DATA_ENV, "").split(os.pathsep) if p.strip()]
    elif not isinstance(paths, (list, tuple)):
        paths = [paths]
    folders: list[Path] = []
    seen: set[Path] = set()
    for path in paths or [SHIPPED]:
        folder = resolve_data_dir(path)
        same = folder.resolve()
        if same not in seen:  # a folder named twice (`@shipped` and data/) is read once
            seen.add(same)
            folders.append(folder)
    return folders


def resolve_data_dir(path: str | os.PathLike | None) -> Path:
    """One folder to read: the argument (`@shipped`: the shipped data), else the first of
    $RELGRAPH_DATA, else the shipped data."""
    if path is None:
        return resolve_data_dirs(None)[0]
    if os.fspath(path) == SHIPPED:
        return default_data_dir()
    folder = Path(path)
    if not folder.exists():
        raise UsageError(f"data folder {str(folder)!r} does not exist; "
                         f"pass --data a folder holding {ACTORS_FILE} and {RELATIONS_FILE}")
    if not folder.is_dir():
        raise UsageError(f"--data {str(folder)!r} is a file; pass the folder that holds it")
    return folder


def stream_files(folder: Path) -> list[Path]:
    """The JSON Lines, CSV and Parquet files of relations in `folder`, in the order they are
    read (relations.parquet may be a folder of files: `parquet.parts` lists them).

    Anything by those names counts, a folder too: the checker then says it is not a file,
    rather than the dataset silently losing its relations."""
    return [folder / name for name in STREAM_FILES if (folder / name).exists()]


def data_files(folders: list[Path]) -> list[Path]:
    """Every file the dataset is read from, in load order (what a cached store depends on):
    each folder's actors.yaml and relations.yaml (needed, even when missing), then its
    JSON Lines, CSV and Parquet files of relations (those that exist; each file of a
    relations.parquet folder)."""
    from .parquet import parts

    return [path for folder in folders
            for path in [folder / ACTORS_FILE, folder / RELATIONS_FILE, *stream_files(folder)]
            for path in ([part.path for part in parts(path)] if path.name == PARQUET
                         else [path])]


def check_dataset(folders: list[Path],
                  on_relation: Callable[[Relation], None] | None = None,
                  progress: Callable[[int, int, int], None] | None = None,
                  on_columns: Callable[[dict], None] | None = None) -> Dataset:
    """Check the dataset in `folders` as one; raise DataError with every problem found.

    Every file is checked in full first (up to 1,000 problems). With `on_relation`, each
    checked relation is handed to it in file order and not kept (`Dataset.relations` is
    empty), so memory does not grow with the files; relations handed on before a problem
    is found are not taken back: the DataError comes after. `progress(bytes_done,
    bytes_total, relations_done)` is called every 10,000 relations and at the end.
    `on_columns`, given with `on_relation`, takes relations from Parquet checked a batch at a
    time as columns instead (checks/columns.py); without it they come one by one.
    """
    from .checks.run import check_folders

    kept: list[Relation] = []
    folders = list(folders) or resolve_data_dirs(None)
    dataset, problems = check_folders(folders, on_relation or kept.append, progress,
                                      kept=on_relation is None,
                                      on_columns=on_columns if on_relation else None)
    if problems:
        raise DataError(problems)
    dataset.relations = kept
    return dataset


def load_dataset(path: str | os.PathLike | list | None = None) -> Dataset:
    """Read and check the dataset in `path` (see resolve_data_dirs), relations included;
    raise DataError listing every problem."""
    return check_dataset(resolve_data_dirs(path))


def load_actors(path: str | os.PathLike | None = None) -> list[Actor]:
    """Read and check one actors file (default: the shipped one); DataError lists every problem.

    What an importer matches event actors against."""
    from .checks.run import check_actors_file

    file = Path(path) if path is not None else default_data_dir() / ACTORS_FILE
    if not file.is_file():
        what = "is a folder" if file.is_dir() else "does not exist"
        raise UsageError(f"actors file {str(file)!r} {what}; give the path of an actors.yaml")
    actors, problems = check_actors_file(file)
    if problems:
        raise DataError(problems)
    return actors
