"""Where a dataset lives, and loading it: read, checked, or refused with every problem."""

from __future__ import annotations

import os
from pathlib import Path

from .checker import ACTORS_FILE, MAX_PROBLEMS, RELATIONS_FILE, Checker, TooManyProblems
from .errors import DataError, Problem, UsageError
from .model import Actor, Dataset

__all__ = ["Dataset", "default_data_dir", "load_actors", "load_dataset", "resolve_data_dir"]


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


def load_actors(path: str | os.PathLike | None = None) -> list[Actor]:
    """Read and check one actors file (default: the shipped one); DataError lists every problem."""
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
