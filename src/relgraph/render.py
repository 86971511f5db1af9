"""All terminal output: query results as Rich tables or as JSON, and messages on stderr.

The only module that imports Rich; it does so inside the functions, so that `--help` and
the library never pay for it.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from .importers.report import ImportReport
    from .model import Relation
    from .query import Profile
    from .results import ActorList, PathList, RelationList, StanceList, TypeList, Validation


_RENDERERS: dict[str, object] = {}


def renders(result_class: str):
    """Register the function that draws results of the class named `result_class`."""

    def register(function):
        _RENDERERS[result_class] = function
        return function

    return register


def emit(result, as_json: bool = False) -> None:
    """Show a command's result: as JSON from its `as_dict()`, or as its renderer draws it."""
    if as_json:
        print_json(result.as_dict())
    else:
        _RENDERERS[type(result).__name__](result)


def print_json(data: object) -> None:
    """Print `data` as JSON on stdout, and nothing else.

    Non-ASCII text is written as itself on a UTF-8 stdout, and as \\u escapes elsewhere, so
    that the JSON stays exact whatever the terminal's encoding.
    """
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    text = json.dumps(data, indent=2, ensure_ascii=encoding not in ("utf8", "utf8sig"))
    sys.stdout.write(text + "\n")


def error(line: str) -> None:
    """One line on stderr, prefixed so it is clear who speaks."""
    sys.stderr.write(f"relgraph: {line}\n")


def note(line: str) -> None:
    """A status line on stderr (what an export wrote), kept off stdout."""
    sys.stderr.write(f"{line}\n")


def _console() -> Console:
    from rich.console import Console

    # Names and summaries come from the data: never read them as markup ([b]) or emoji (:x:).
    console = Console(highlight=False, soft_wrap=False, markup=False, emoji=False)
    console.on_broken_pipe = _reader_gone  # instead of Rich's own exit with status 1
    return console


def _reader_gone() -> None:
    # Hand a closed pipe to the CLI's boundary, which ends every command the same quiet way.
    raise BrokenPipeError


def _table(title: str | None, *columns: str):
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for column in columns:
        justify = "right" if column in {"hostile", "friendly", "net", "weight", "hostility",
                                        "support", "#"} else "left"
        table.add_column(column, justify=justify, overflow="fold")
    return table


def _say(text: str) -> None:
    """A sentence on stdout: what an empty answer prints instead of an empty table."""
    sys.stdout.write(text + "\n")


def number(value: float) -> str:
    """Weights as people write them: -2, +3.5, 0."""
    text = f"{value:+.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("+0", "-0") else text


def span(relation: Relation) -> str:
    return relation.when or "undated"


def arrow(relation: Relation) -> str:
    return "<->" if relation.mutual else "->"


def _names(names: dict[str, str], relation: Relation) -> str:
    return f"{names[relation.source]} {arrow(relation)} {names[relation.target]}"


# -- one function per result -------------------------------------------------------------

@renders("ActorList")
def actors(result: ActorList) -> None:
    if not result.actors:
        _say(result.empty)
        return
    table = _table(None, "id", "name", "kind", "aliases")
    for actor in result.actors:
        table.add_row(actor.id, actor.name, actor.kind, ", ".join(actor.aliases))
    _console().print(table)


@renders("TypeList")
def types(result: TypeList) -> None:
    if not result.types:
        _say("No relation types in this dataset.")
        return
    counts = result.counts
    table = _table(None, "type", "polarity", "weight", "cameo", "#", "description")
    for rtype in result.types:
        table.add_row(rtype.name, rtype.polarity, number(rtype.weight), rtype.cameo or "",
                      str(counts.get(rtype.name, 0)), rtype.description or "")
    _console().print(table)


@renders("RelationList")
def relations(result: RelationList) -> None:
    """A table of relations; the last column is the relation id, or its summary (timelines)."""
    if not result.relations:
        _say(result.empty)
        return
    names = result.names
    table = _table(None, "date", "relation", "type", "weight",
                   "summary" if result.timeline else "id")
    for relation in result.relations:
        table.add_row(span(relation), _names(names, relation), relation.type,
                      number(relation.weight),
                      (relation.summary or "") if result.timeline else relation.id)
    _console().print(table)


def _relation_lines(rows: list[Relation], names: dict[str, str], indent: str,
                    with_type: bool, align: list[Relation]) -> list[str]:
    """One line per relation, `[type]  span  source -> target`, aligned over `align`."""
    type_width = max((len(r.type) for r in align), default=0)
    span_width = max((len(span(r)) for r in align), default=0)
    lines = []
    for relation in rows:
        kind = f"{relation.type:<{type_width}}  " if with_type else ""
        lines.append(f"{indent}{kind}{span(relation):<{span_width}}  {_names(names, relation)}")
    return lines


@renders("StanceList")
def stance(result: StanceList) -> None:
    rows, polarity = result.rows, result.polarity
    if not rows:
        _say(result.empty)
        return
    latest_header = "latest hostile" if polarity == "hostile" else "latest friendly"
    score = "hostility" if polarity == "hostile" else "support"
    table = _table(None, "#", "actor", score, "hostile", "friendly", "net", latest_header)
    for rank, row in enumerate(rows, start=1):
        latest = row.latest
        table.add_row(str(rank), row.actor.name, number(row.strength).lstrip("+"),
                      str(row.hostile), str(row.friendly), number(row.net),
                      f"{latest.type} ({span(latest)})" if latest else "")
    _console().print(table)


@renders("PathList")
def paths(result: PathList) -> None:
    found, names = result.paths, result.names
    lines = []
    shown = [r for path in found for hop in path.hops for r in hop.relations]
    for rank, path in enumerate(found, start=1):
        hops = len(path.actors) - 1
        prefix = f"{rank}. " if len(found) > 1 else ""
        lines.append(f"{prefix}{' -> '.join(names[a] for a in path.actors)}  "
                     f"({hops} hop{'s' if hops != 1 else ''})")
        for hop in path.hops:
            lines.append(f"  {names[hop.source]} - {names[hop.target]}:")
            lines.extend(_relation_lines(hop.relations, names, "    ", True, shown))
    sys.stdout.write("\n".join(lines) + "\n")


@renders("Profile")
def profile(result: Profile) -> None:
    names = result.names
    console = _console()
    actor = result.actor
    console.print(f"{actor.name} ({actor.id}) - {actor.kind}")
    if actor.aliases:
        console.print(f"aliases: {', '.join(actor.aliases)}")
    if actor.description:
        console.print(actor.description)
    for label, rows in (("outgoing", result.outgoing), ("incoming", result.incoming)):
        console.print()
        if not rows:
            console.print(f"{label}: none")
            continue
        console.print(f"{label} ({len(rows)}):")
        by_type: dict[str, list[Relation]] = defaultdict(list)
        for relation in rows:
            by_type[relation.type].append(relation)
        for type_name in sorted(by_type):
            console.print(f"  {type_name}")
            for line in _relation_lines(by_type[type_name], names, "    ", False,
                                        result.outgoing + result.incoming):
                console.print(line)
    console.print()
    if not result.counterparts:
        console.print("counterparts: none")
        return
    table = _table(f"{actor.name}'s stance towards each counterpart", "counterpart", "hostile",
                   "friendly", "net")
    for row in result.counterparts:
        table.add_row(row.actor.name, str(row.hostile), str(row.friendly), number(row.net))
    console.print(table)


@renders("Validation")
def validation(result: Validation) -> None:
    """validate's report: the problems and their count, or the one line saying all is well.

    On stdout, like --json: the report is what validate was asked for.
    """
    sys.stdout.write("".join(f"{line}\n" for line in result.lines))


# -- imports --------------------------------------------------------------------------------

def import_report(report: ImportReport, written: bool = True) -> None:
    """The closing report of an import, on stderr: stdout stays free for what was asked."""
    from .importers.report import REASONS

    files = len(report.files)
    relations = f"{report.written} relation{'s' if report.written != 1 else ''}"
    outcome = f"{relations} written to {report.output}" if written else \
        f"nothing written ({relations} were ready)"
    lines = [f"{report.source} import: {report.rows_read} rows read from {files} "
             f"file{'s' if files != 1 else ''}; {outcome}"]
    dropped = sum(report.dropped.values())
    if dropped:
        lines.append(f"dropped {dropped} row{'s' if dropped != 1 else ''}:")
        width = len(str(max(report.dropped.values())))
        lines += [f"  {report.dropped[reason]:>{width}}  {reason}" for reason in REASONS
                  if report.dropped[reason]]
    if report.bad_rows:
        shown, count = len(report.bad_rows), report.bad_count
        lines.append(f"bad rows (the first {shown} of {count}):" if shown < count
                     else f"bad rows ({count}):")
        lines += [f"  {row}" for row in report.bad_rows]
    if written:
        lines.append(f"{report.actors} actors ({report.actors_made} made), "
                     f"{report.types} type{'s' if report.types != 1 else ''}, "
                     f"{report.sources} source{'s' if report.sources != 1 else ''}")
    sys.stderr.write("".join(f"{line}\n" for line in lines))


@contextmanager
def import_progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr while an import reads its files, only when stderr is a
    terminal; yields the callback to hand the importer (None when there is no bar)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True, highlight=False, markup=False, emoji=False)
    with Progress("reading", BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("import", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
