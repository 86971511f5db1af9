"""An import from start to end: event files in, a relgraph data folder out, and the report.

Rows stream through one at a time and relations go straight to relations.jsonl (or, with
`fmt="parquet"`, to relations.parquet a row group at a time), so memory holds only what must be
unique across what is written: relation ids, sources, types, actors.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..atomic import check_folder_target, folder_atomic
from ..dataset import ACTORS_FILE, RELATIONS_FILE
from ..errors import EXIT_DATA, RelgraphError, UsageError
from ..parquet import RELATIONS_PARQUET
from .cameo import event_codes
from .events import EventFile
from .gdelt import GdeltReader
from .icews import IcewsReader
from .matching import ActorMatcher
from .reading import Reader
from .report import ImportReport
from .writing import write_actors, write_relations_yaml

RELATIONS_JSONL = "relations.jsonl"
FORMATS = ("jsonl", "parquet")
READERS: dict[str, type[Reader]] = {"gdelt": GdeltReader, "icews": IcewsReader}

# progress(bytes done, bytes in all, relations written): bytes of the files on disk, compressed
# or not; the same call as a load's progress, so one bar draws both.
Progress = Callable[[int, int, int], None]
_PROGRESS_EVERY = 4096  # rows between two progress calls


class StrictImportError(RelgraphError):
    """`strict` is on and rows were skipped: nothing is written."""

    exit_code = EXIT_DATA

    def __init__(self, report: ImportReport):
        self.report = report
        count = report.bad_count
        super().__init__(f"{count} bad row{'s' if count != 1 else ''} skipped and strict is "
                         "on; nothing was written")

    def lines(self) -> list[str]:
        listed = [str(row) for row in self.report.bad_rows]
        return listed + [str(self)]


def import_events(source: str, files: Sequence[str | os.PathLike], output: str | os.PathLike, *,
                  actors: str | os.PathLike | None = None, all_actors: bool = False,
                  strict: bool = False, force: bool = False,
                  progress: Progress | None = None, fmt: str = "jsonl") -> ImportReport:
    """Import GDELT or ICEWS event files (`source` 'gdelt' or 'icews') into the folder `output`.

    `actors` is the actors file to match against (default: the shipped one); `all_actors` makes
    an actor for each side that matches none; `strict` refuses the import when any row is bad;
    `force` replaces an `output` folder that holds files; `fmt` writes the relations as
    relations.jsonl ("jsonl") or relations.parquet ("parquet", needs pyarrow). Raises
    InputFileError for a file that is not event data, StrictImportError, UsageError for a
    refused output folder, MissingExtra for parquet without pyarrow.
    """
    from ..dataset import load_actors

    reader = READERS[source]()
    inputs = [EventFile(path) for path in files]
    check_folder_target(output, replace=force)  # refuse before reading anything
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}",
                         params=("fmt",))
    if fmt == "parquet":
        from ..parquet import require

        require("import --format parquet")
    known = load_actors(actors)
    matcher = ActorMatcher(known, make=all_actors)
    report = ImportReport(reader.name, [f.name for f in inputs], str(output))
    state = _State()
    with folder_atomic(output, replace=force) as folder:
        with _relations_out(folder, fmt) as out:
            total = sum(f.size for f in inputs)
            done = 0
            for file in inputs:
                with file:
                    _import_file(reader, file, matcher, report, state, out, progress,
                                 lambda f=file, d=done: (d + f.consumed(), total, report.written))
                done += file.size
                if progress is not None:
                    progress(done, total, report.written)
        if strict and report.bad_count:
            raise StrictImportError(report)
        made = [actor for actor in matcher.made if actor.id in state.used]
        write_actors(folder / ACTORS_FILE, known + made, report)
        write_relations_yaml(folder / RELATIONS_FILE, state.sources, state.types, report,
                             RELATIONS_PARQUET if fmt == "parquet" else RELATIONS_JSONL)
        report.actors, report.actors_made = len(known) + len(made), len(made)
        report.types, report.sources = len(state.types), len(state.sources)
    report.completed = True
    return report


class _State:
    """What must stay unique across every file of one import."""

    def __init__(self):
        self.written: set[str] = set()  # ids of the relations written
        self.used: set[str] = set()  # ids of the actors the written relations name
        self.types: dict[str, object] = {}  # CAMEO code -> EventCode
        self.sources: dict[str, dict] = {}


def _import_file(reader: Reader, file: EventFile, matcher: ActorMatcher, report: ImportReport,
                 state: _State, out, progress: Progress | None, where) -> None:
    codes = event_codes()
    match = reader.match
    written, used = state.written, state.used
    count = 0
    for event in reader.events(file, report):
        count += 1
        if progress is not None and count % _PROGRESS_EVERY == 0:
            progress(*where())
        if event.empty_side:
            report.drop("a side is empty")
            continue
        code = codes.get(event.code)
        if code is None:
            report.drop("event code not in the CAMEO table")
            continue
        source = match(matcher, event.side1)
        target = match(matcher, event.side2)
        if source is None or target is None:
            report.drop("a side matches no actor")
            continue
        if source.id == target.id:
            report.drop("both sides are the same actor")
            continue
        if event.id in written:
            report.drop("event id already imported")
            continue
        written.add(event.id)
        relation = {"id": event.id, "source": source.id, "target": target.id,
                    "type": code.type_name, "date": event.day,
                    "summary": reader.summary(event, code)}
        ref = reader.source(event)
        if ref is not None:
            key, fields = ref
            state.sources.setdefault(key, fields)
            relation["ref"] = key
        state.types.setdefault(code.code, code)
        used.add(source.id)
        used.add(target.id)
        out(relation)
        report.written += 1


@contextmanager
def _relations_out(folder: Path, fmt: str) -> Iterator[Callable[[dict], None]]:
    """A function writing one relation to the folder's relations file, in `fmt`."""
    if fmt == "parquet":
        from ..parquet.writing import PartitionedWriter

        with PartitionedWriter(folder) as writer:
            yield writer.add
        return
    with open(folder / RELATIONS_JSONL, "w", encoding="utf-8", newline="\n") as out:
        yield lambda relation: out.write(json.dumps(relation, ensure_ascii=False) + "\n")


def output_files(folder: str | os.PathLike) -> list[Path]:
    """The files an import writes into its folder."""
    folder = Path(folder)
    return [folder / ACTORS_FILE, folder / RELATIONS_FILE, folder / RELATIONS_JSONL]
