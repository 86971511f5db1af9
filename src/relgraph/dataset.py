"""Where a dataset lives, and loading it: read, checked, or refused with every problem."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DataError, Problem, UsageError
from .model import Actor, Dataset

# The checker (and YAML with it) is imported only to check: a cached store never needs it.
ACTORS_FILE = "actors.yaml"
RELATIONS_FILE = "relations.yaml"

__all__ = ["Dataset", "check_dataset", "data_files", "default_data_dir", "load_actors",
           "load_dataset", "resolve_data_dir", "resolve_data_dirs"]


def default_data_dir() -> Path:
    """The shipped dataset: packaged with the wheel, or the checkout's data/ folder."""
    packaged = Path(__file__).parent / "data"
    if (packaged / ACTORS_FILE).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def resolve_data_dir(path: str | os.PathLike | None) -> Path:
    """The folder to read: the argument, else $RELGRAPH_DATA, else the shipped data."""
    if path is None:
        path = os.environ.get("RELGRAPH_DATA") or None
    folder = Path(path) if path is not None else default_data_dir()
    if not folder.exists():
        raise UsageError(f"data folder {str(folder)!r} does not exist; "
                         f"pass --data a folder holding {ACTORS_FILE} and {RELATIONS_FILE}")
    if not folder.is_dir():
        raise UsageError(f"--data {str(folder)!r} is a file; pass the folder that holds it")
    return folder


def load_dataset(path: str | os.PathLike | None = None) -> Dataset:
    """Read and check the dataset in `path`; raise DataError listing every problem."""
    from .checker import MAX_PROBLEMS, Checker, TooManyProblems

    folder = resolve_data_dir(path)
    checker = Checker(folder)
    try:
        dataset = checker.run()
    except TooManyProblems:
        raise DataError(checker.problems + [Problem(checker.file, 0, (
            f"stopped after {MAX_PROBLEMS} problems; is this a relgraph dataset?"))]) from None
    if checker.problems:
        raise DataError(checker.problems)
    return dataset


def resolve_data_dirs(path) -> list[Path]:
    """The folders to read (one, for now): see resolve_data_dir."""
    if isinstance(path, (list, tuple)):
        return [resolve_data_dir(p) for p in path] or [resolve_data_dir(None)]
    return [resolve_data_dir(path)]


def data_files(folders: list[Path]) -> list[Path]:
    """Every file a dataset is read from, in load order (what a cached store depends on)."""
    return [folder / name for folder in folders for name in (ACTORS_FILE, RELATIONS_FILE)]


def check_dataset(folders: list[Path], on_relation=None, progress=None) -> Dataset:
    """Check the dataset in `folders`; DataError with every problem. With `on_relation`, each
    checked relation is handed to it in file order and not kept in the Dataset."""
    dataset = load_dataset(folders[0])
    if on_relation is not None:
        for relation in dataset.relations:
            on_relation(relation)
        dataset.relations = []
    return dataset


def load_actors(path: str | os.PathLike | None = None) -> list[Actor]:
    """Read and check one actors file (default: the shipped one); DataError lists every problem.

    What an importer matches event actors against."""
    from .checker import MAX_PROBLEMS, Checker, TooManyProblems

    file = Path(path) if path is not None else default_data_dir() / ACTORS_FILE
    if not file.is_file():
        what = "is a folder" if file.is_dir() else "does not exist"
        raise UsageError(f"actors file {str(file)!r} {what}; give the path of an actors.yaml")
    checker = Checker(file.parent)
    try:
        actors = checker.read_actors(file.name)
    except TooManyProblems:
        raise DataError(checker.problems + [Problem(checker.file, 0, (
            f"stopped after {MAX_PROBLEMS} problems; is this a relgraph actors file?"))]) from None
    if checker.problems:
        raise DataError(checker.problems)
    return actors
