"""The small part of a dataset, checked here as the local engine checks it: actors.yaml and
relations.yaml (types, sources and any relations written in YAML) of each location.

Their text comes from the disk, or through Spark when the location is not local; it is
checked from a temporary copy, every problem naming the file as the user gave it.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import fields
from ..checks.actors import ActorChecker
from ..checks.made_up_ids import ids_ahead
from ..checks.relations import RelationChecker
from ..checks.reporter import MAX_PROBLEMS, Problems, TooManyProblems
from ..checks.run import _read
from ..checks.vocabulary import VocabularyChecker
from ..datafiles import ACTORS_FILE, RELATIONS_FILE
from ..errors import Problem
from ..model import Actor, Relation, RelationType, Source


@dataclass
class YamlPart:
    """What the YAML files of every location hold, checked, and the problems found."""

    actors: list[Actor]
    types: dict[str, RelationType]
    sources: dict[str, Source]
    relations: list[tuple[int, Relation]]  # (location's rank, relation), in file order
    problems: list[Problem] = field(default_factory=list)
    checker: RelationChecker | None = None  # remembers the ids taken, for the Spark check
    # Each relation's line, and whether its id was made up here (among the YAML files'
    # relations only: madeup.py decides it again when relations Spark reads come before it).
    lines: list[int] = field(default_factory=list)
    made_up: list[bool] = field(default_factory=list)
    ahead: dict[int, set[str]] = field(default_factory=dict)  # rank -> the file's own ids


def check_yaml_part(texts: list[tuple[str, bytes | None, bytes | None]]) -> YamlPart:
    """Check each location's (where, actors.yaml bytes, relations.yaml bytes) as one dataset.

    None for a file that is not there: it is reported as the local engine reports it.
    """
    problems = Problems()
    actors = ActorChecker()
    vocabulary = VocabularyChecker()
    kept: list[tuple[int, Relation]] = []
    rank = [0]
    relations = None
    with tempfile.TemporaryDirectory(prefix="relgraph-spark-") as scratch:
        try:
            documents = []
            for n, (where, actors_text, relations_text) in enumerate(texts):
                folder = Path(scratch) / str(n)
                folder.mkdir()
                report = problems.reporter(f"{where}/{ACTORS_FILE}")
                actors.check_file(report, _doc(report, folder / ACTORS_FILE, actors_text))
                documents.append((folder, where, relations_text))
            parsed = []
            for folder, where, relations_text in documents:
                report = problems.reporter(f"{where}/{RELATIONS_FILE}")
                doc = _doc(report, folder / RELATIONS_FILE, relations_text)
                if doc is None:
                    vocabulary.types_complete = vocabulary.sources_complete = False
                else:
                    # The relations may all be in JSON Lines or Parquet beside it.
                    fields.top_keys(report, doc, {"types", "relations", "sources"}, None)
                    vocabulary.check_file(report, doc)
                parsed.append((report, doc))
            relations = RelationChecker(actors, vocabulary,
                                        lambda r: kept.append((rank[0], r)), lambda _: None,
                                        1 << 30)
            for n, (report, doc) in enumerate(parsed):
                rank[0] = n
                if doc is not None and "relations" in doc:
                    relations.check_yaml(report, doc)
        except TooManyProblems as stop:
            problems.found.append(Problem(stop.file, 0, (
                f"stopped after {MAX_PROBLEMS} problems; is this a relgraph dataset?")))
    part = YamlPart(actors.actors, vocabulary.types, vocabulary.sources, kept, problems.found,
                    relations)
    if relations is not None and not part.problems:
        taken = relations.ids.where  # id -> line << 21 | file << 1 | made up
        part.lines = [taken[r.id] >> 21 for _, r in kept]
        part.made_up = [bool(taken[r.id] & 1) for _, r in kept]
        for rank, (_, doc) in enumerate(parsed):
            entries = doc.get("relations") if doc is not None else None
            part.ahead[rank] = ids_ahead(entries) if isinstance(entries, list) else set()
    return part


def _doc(report, path: Path, text: bytes | None):
    if text is not None:
        path.write_bytes(text)
    return _read(report, path)  # a file not written is reported missing, by the file's name
