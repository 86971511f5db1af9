"""The names of the files a data folder is read from, and which of them a folder has.

The one owner of that list: the checker reads the files named here, the cache keys a store on
them, and the importers write them. It imports nothing of relgraph's, so every layer may use it.
"""

from __future__ import annotations

from pathlib import Path

ACTORS_FILE = "actors.yaml"
RELATIONS_FILE = "relations.yaml"
JSONL_FILES = ("relations.jsonl", "relations.jsonl.gz")
CSV_FILES = ("relations.csv", "relations.csv.gz")
STREAM_FILES = JSONL_FILES + CSV_FILES  # in the order they are read


def stream_files(folder: Path) -> list[Path]:
    """The JSON Lines and CSV files of relations in `folder`, in the order they are read.

    Anything by those names counts, a folder too: the checker then says it is not a file,
    rather than the dataset silently losing its relations."""
    return [folder / name for name in STREAM_FILES if (folder / name).exists()]


def data_files(folders: list[Path]) -> list[Path]:
    """Every file the dataset is read from, in load order (what a cached store depends on):
    each folder's actors.yaml and relations.yaml (needed, even when missing), then its
    JSON Lines and CSV files of relations (those that exist)."""
    return [path for folder in folders
            for path in [folder / ACTORS_FILE, folder / RELATIONS_FILE, *stream_files(folder)]]
