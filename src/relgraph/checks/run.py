"""Check the files of one or more dataset folders, in order, as one dataset."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..datafiles import (
    ACTORS_FILE,
    CSV_FILES,
    JSONL_FILES,
    PARQUET,
    RELATIONS_FILE,
    data_files,
    stream_files,
)
from ..errors import Problem
from ..model import Actor, Dataset, Relation
from ..yamlread import LineDict, YamlProblem, read_yaml
from . import fields
from .actors import ActorChecker
from .fields import kind, shown
from .records import RecordFile
from .relations import RELATION_FIELDS, RelationChecker
from .reporter import MAX_PROBLEMS, Problems, Reporter, TooManyProblems
from .vocabulary import VocabularyChecker

PROGRESS_EVERY = 10_000  # relations between two calls of `progress`

Progress = Callable[[int, int, int], None]


def check_folders(folders: list[Path], on_relation: Callable[[Relation], None],
                  progress: Progress | None = None,
                  kept: bool = False,
                  on_columns: Callable[[dict], None] | None = None,
                  ) -> tuple[Dataset, list[Problem]]:
    """Check every file of `folders` as one dataset: every actor and type first, then the
    relations one at a time, each good one handed to `on_relation` in file order.

    Returns the dataset (without relations) and every problem found, stopping at
    MAX_PROBLEMS with one more problem that says so. `kept`: `on_relation` keeps every
    relation, so each is built as small as it can be rather than as fast. `on_columns` takes
    the relations of Parquet files checked a batch at a time (checks/columns.py); without it
    they go to `on_relation` too.
    """
    if any((folder / PARQUET).exists() for folder in folders):
        from ..parquet import require

        require(f"reading {PARQUET}")  # before anything is read: no report to come back to
    problems = Problems()
    actors = ActorChecker()
    vocabulary = VocabularyChecker()
    meter = _Meter(folders, progress)
    try:
        documents = check_vocabulary(folders, problems, actors, vocabulary, meter.done)
        relations = RelationChecker(actors, vocabulary, on_relation, meter.update,
                                    PROGRESS_EVERY, kept)
        for folder, report, doc, streams in documents:
            if doc is not None:
                relations.check_yaml(report, doc)
            meter.done(folder / RELATIONS_FILE)
            for path, records in _records(streams, problems):
                meter.reading(records)
                if isinstance(records, RecordFile):
                    relations.check_records(records.report, records)
                else:
                    from .columns import check_parquet

                    check_parquet(relations, records.report, records, on_columns)
                meter.done(path)
        meter.finish(relations.handed)
    except TooManyProblems as stop:
        problems.found.append(Problem(stop.file, 0, (
            f"stopped after {MAX_PROBLEMS} problems; is this a relgraph dataset?")))
    return Dataset(actors.actors, vocabulary.types, vocabulary.sources, [], folders[0]), \
        problems.found


def check_vocabulary(folders: list[Path], problems: Problems, actors: ActorChecker,
                     vocabulary: VocabularyChecker,
                     done: Callable[[Path], None] = lambda path: None) -> list[tuple]:
    """Check every folder's actors.yaml into `actors`, then its relations.yaml's types and
    sources into `vocabulary` (its relations are left for `RelationChecker.check_yaml`).
    Returns, per folder, (folder, reporter, relations.yaml's mapping or None, its files of
    relations). TooManyProblems may stop it."""
    for folder in folders:
        report = problems.reporter(str(folder / ACTORS_FILE))
        actors.check_file(report, _read(report, folder / ACTORS_FILE))
        done(folder / ACTORS_FILE)
    documents = []
    for folder in folders:
        report = problems.reporter(str(folder / RELATIONS_FILE))
        doc = _read(report, folder / RELATIONS_FILE)
        streams = _streams(folder, problems)
        if doc is None:
            vocabulary.types_complete = vocabulary.sources_complete = False
        else:
            # With relations in JSON Lines or CSV, relations.yaml needs none of its own.
            fields.top_keys(report, doc, {"types", "relations", "sources"},
                            None if streams else "relations")
            vocabulary.check_file(report, doc)
        documents.append((folder, report, doc, streams))
    return documents


def check_actors_file(path: Path) -> tuple[list[Actor], list[Problem]]:
    """Check one actors file on its own: its actors and every problem found."""
    problems = Problems()
    actors = ActorChecker()
    try:
        report = problems.reporter(str(path))
        actors.check_file(report, _read(report, path))
    except TooManyProblems as stop:
        problems.found.append(Problem(stop.file, 0, (
            f"stopped after {MAX_PROBLEMS} problems; is this a relgraph actors file?")))
    return actors.actors, problems.found


def _read(report: Reporter, path: Path) -> LineDict | None:
    """The top-level mapping of a YAML file; None after reporting why there is none."""
    try:
        document, problems = read_yaml(path, report.file)
    except YamlProblem as exc:
        report.problem(exc.problem.line, exc.problem.message)
        return None
    for problem in problems:
        report.problem(problem.line, problem.message)
    if document is None:
        report.problem(0, f"file is empty; it needs a top-level mapping {_shape(path.name)}")
        return None
    if not isinstance(document, LineDict):
        report.problem(getattr(document, "line", 1), (
            f"the top level is {kind(document)}{shown(document)}, not a mapping; "
            f"start the file with {_shape(path.name)}"))
        return None
    return document


def _shape(name: str) -> str:
    return "'actors:'" if name == ACTORS_FILE else "'types:' and 'relations:'"


def _streams(folder: Path, problems: Problems) -> list[Path]:
    """The stream files to read; a plain file and its gzipped copy are refused together."""
    found = stream_files(folder)
    names = {path.name for path in found}
    for plain in (JSONL_FILES[0], CSV_FILES[0]):
        if plain in names and plain + ".gz" in names:
            problems.reporter(str(folder / (plain + ".gz"))).problem(0, (
                f"{plain} is in the folder too; keep one of the two (relgraph would read "
                "the same relations twice)"))
            found = [path for path in found if path.name != plain + ".gz"]
    return found


def _records(streams: list[Path], problems: Problems):
    """(path, records) for each file of relations, a relations.parquet folder file by file."""
    for path in streams:
        if path.name != PARQUET:
            yield path, RecordFile(path, problems.reporter(str(path)), RELATION_FIELDS)
            continue
        from ..parquet import parts
        from ..parquet.reading import ParquetRecords

        for part in parts(path):
            yield part.path, ParquetRecords(part, problems.reporter(str(part.path)))


class _Meter:
    """Bytes read of all the files, for `progress(bytes_done, bytes_total, relations_done)`."""

    def __init__(self, folders: list[Path], progress: Progress | None):
        self.progress = progress
        self.sizes = {}
        if progress is not None:
            for folder in folders:
                for path in data_files([folder]):
                    self.sizes[path] = _size(path)
        self.total = sum(self.sizes.values())
        self.finished = 0
        self.current = None

    def reading(self, records) -> None:
        self.current = records

    def done(self, path: Path) -> None:
        self.finished += self.sizes.get(path, 0)
        self.current = None

    def update(self, relations: int) -> None:
        if self.progress is not None:
            now = self.current.position() if self.current is not None else 0
            self.progress(min(self.finished + now, self.total), self.total, relations)

    def finish(self, relations: int) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total, relations)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
