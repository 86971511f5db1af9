"""The names of the files a data folder is read from, and which of them a folder has.

The one owner of that list: the checker reads the files named here, the cache keys a store on
them, and the importers write them. It imports only `parquet` (which imports only `errors`), and
that inside a function, so every layer may use it.
"""

from __future__ import annotations

from pathlib import Path

ACTORS_FILE = "actors.yaml"
RELATIONS_FILE = "relations.yaml"
JSONL_FILES = ("relations.jsonl", "relations.jsonl.gz")
CSV_FILES = ("relations.csv", "relations.csv.gz")
PARQUET = "relations.parquet"  # a file, or a folder of them by year (relgraph.parquet)
STREAM_FILES = JSONL_FILES + CSV_FILES + (PARQUET,)  # in the order they are read


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
