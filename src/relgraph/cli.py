"""The `relgraph` command: parses arguments, asks the library, hands results to `render`.

Every command runs inside `_boundary`, the one place where relgraph's errors become
messages on stderr and exit codes (see errors.py and the README).
"""

from __future__ import annotations

import functools
import os
import sys
from typing import Annotated

import typer

from . import __version__
from .errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, DataError, RelgraphError

# Where users report bugs: the README section of that name says what to send.
REPORT_WHERE = "the relgraph issue tracker (README: Reporting a bug)"

app = typer.Typer(
    name="relgraph",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _Options:
    """The global options, read once by the callback."""

    data: str | None = None
    debug: bool = False


OPTIONS = _Options()

# -- options shared by the query commands -------------------------------------------------

Json = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")]
Since = Annotated[str | None, typer.Option(
    "--since", metavar="DATE", help="Keep relations whose span reaches DATE or later "
    "(YYYY, YYYY-MM or YYYY-MM-DD); leaves out undated ones.")]
Until = Annotated[str | None, typer.Option(
    "--until", metavar="DATE", help="Keep relations whose span starts by the end of DATE; "
    "leaves out undated ones.")]
Types = Annotated[list[str] | None, typer.Option(
    "--type", "-t", metavar="TYPE", help="Keep only relations of this type (repeatable).")]
ActorArg = Annotated[str, typer.Argument(metavar="ACTOR", help="An id, name or alias, any case.")]


def _version(value: bool) -> None:
    if value:
        try:
            sys.stdout.write(f"relgraph {__version__}\n")
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
        raise typer.Exit()


@app.callback()
def _global_options(
    data: Annotated[str | None, typer.Option(
        "--data", metavar="DIR", envvar="RELGRAPH_DATA",
        help="Dataset folder holding actors.yaml and relations.yaml "
        "(default: the graph relgraph ships).")] = None,
    debug: Annotated[bool, typer.Option(
        "--debug", help="Show the Python traceback of an internal error.")] = False,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Explore a knowledge graph of relations between political actors.

    Exit codes: 0 success, 1 no path found, 2 usage error, 3 invalid data,
    4 cannot write output, 130 interrupted, 70 internal error.
    """
    OPTIONS.data = data or None  # an empty RELGRAPH_DATA means the shipped graph
    OPTIONS.debug = debug or os.environ.get("RELGRAPH_DEBUG", "") not in ("", "0")


def _boundary(function):
    """Run a command, turning every error into one line per problem and an exit code."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        from . import render

        try:
            function(*args, **kwargs)
            sys.stdout.flush()
        except typer.Exit:
            raise
        except RelgraphError as exc:
            for line in exc.lines():
                render.error(line)
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(EXIT_OK) from None
        except KeyboardInterrupt:
            render.error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:
            if OPTIONS.debug:
                raise
            what = " ".join(str(exc).split())  # one line, whatever the exception says
            render.error(f"internal error: {type(exc).__name__}: {what} (a bug in relgraph; "
                         f"please report it to {REPORT_WHERE} with the traceback that --debug "
                         "shows)")
            raise typer.Exit(EXIT_INTERNAL) from None

    return run


def command(name: str | None = None):
    """Register a command and put it inside the error boundary."""

    def register(function):
        return app.command(name)(_boundary(function))

    return register


def _silence_stdout() -> None:
    # The reader went away (`relgraph ... | head`): drop whatever is still buffered.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _graph():
    from .graph import load

    return load(OPTIONS.data)


def _names(graph) -> dict[str, str]:
    return {actor.id: actor.name for actor in graph.actors}


# -- commands ------------------------------------------------------------------------------

@command()
def actors(as_json: Json = False, since: Since = None, until: Until = None,
           type_: Types = None) -> None:
    """List the actors: id, name, kind and aliases (with filters: those with such relations)."""
    from . import render
    from .graph import ALL

    graph = _graph()
    selection = graph.selection(since, until, type_)
    rows = graph.actors
    if selection != ALL:
        active = {end for r in graph.select(selection) for end in (r.source, r.target)}
        rows = [actor for actor in rows if actor.id in active]
    if as_json:
        render.print_json([a.as_dict() for a in rows])
    else:
        render.actors(rows, "No actors match." if selection != ALL
                      else "No actors in this dataset.")


@command()
def types(as_json: Json = False, since: Since = None, until: Until = None,
          type_: Types = None) -> None:
    """List the relation types: polarity, weight, CAMEO code, how many relations use each."""
    from . import render

    graph = _graph()
    selection = graph.selection(since, until, type_)
    rows = [t for t in graph.types.values()
            if selection.types is None or t.name in selection.types]
    if as_json:
        render.print_json([t.as_dict() for t in rows])
    else:
        counts: dict[str, int] = {}
        for relation in graph.select(selection):
            counts[relation.type] = counts.get(relation.type, 0) + 1
        render.types(rows, counts)


@command()
def show(actor: ActorArg, as_json: Json = False, since: Since = None, until: Until = None,
         type_: Types = None) -> None:
    """Profile an actor: aliases, relations out and in by type, net stance to each counterpart."""
    from . import render

    graph = _graph()
    result = graph.show(actor, graph.selection(since, until, type_))
    if as_json:
        render.print_json(result.as_dict())
    else:
        render.profile(result, _names(graph))


@command()
def relations(
    actor: Annotated[str | None, typer.Option(
        "--actor", "-a", metavar="ACTOR", help="Only relations with this actor at either end.")
    ] = None,
    between: Annotated[tuple[str, str] | None, typer.Option(
        "--between", metavar="A B", help="Only relations joining A and B, either way.")] = None,
    as_json: Json = False, since: Since = None, until: Until = None, type_: Types = None,
) -> None:
    """List relations in file order, with filters."""
    from . import render

    graph = _graph()
    rows = graph.select(graph.selection(since, until, type_), actor=actor, between=between)
    if as_json:
        render.print_json([r.as_dict() for r in rows])
    else:
        render.relations(rows, _names(graph), "No relations match.")


@command()
def timeline(
    actor: ActorArg,
    other: Annotated[str | None, typer.Argument(
        metavar="[OTHER]", help="Only relations between ACTOR and OTHER.")] = None,
    as_json: Json = False, since: Since = None, until: Until = None, type_: Types = None,
) -> None:
    """Relations of an actor (or between two) in date order, undated last."""
    from . import render

    graph = _graph()
    rows = graph.timeline(actor, other, graph.selection(since, until, type_))
    if as_json:
        render.print_json([r.as_dict() for r in rows])
        return
    who = graph.actor(actor).name
    if other:
        who = f"{who} and {graph.actor(other).name}"
    render.relations(rows, _names(graph), f"No relations of {who} match.", last="summary")


def _stance(polarity: str, actor: str, net: bool, as_json: bool, since, until, type_) -> None:
    from . import render

    graph = _graph()
    selection = graph.selection(since, until, type_)
    target = graph.actor(actor)
    if polarity == "hostile":
        rows = graph.who_opposes(target, selection, net)
        empty = f"No actor opposes {target.name}" + (" on balance." if net else ".")
    else:
        rows = graph.who_supports(target, selection, net)
        empty = f"No actor supports {target.name}" + (" on balance." if net else ".")
    if as_json:
        render.print_json([row.as_dict() for row in rows])
    else:
        render.stance(rows, target, polarity, empty)


Net = Annotated[bool, typer.Option("--net", help="Keep only actors whose net score leans "
                                   "the same way (below zero to oppose, above to support).")]


@command("who-opposes")
def who_opposes(actor: ActorArg, net: Net = False, as_json: Json = False, since: Since = None,
                until: Until = None, type_: Types = None) -> None:
    """Actors with hostile relations towards ACTOR, most hostile first."""
    _stance("hostile", actor, net, as_json, since, until, type_)


@command("who-supports")
def who_supports(actor: ActorArg, net: Net = False, as_json: Json = False, since: Since = None,
                 until: Until = None, type_: Types = None) -> None:
    """Actors with friendly relations towards ACTOR, most supportive first."""
    _stance("friendly", actor, net, as_json, since, until, type_)


@command()
def path(
    a: Annotated[str, typer.Argument(metavar="A", help="Where the path starts.")],
    b: Annotated[str, typer.Argument(metavar="B", help="Where the path ends.")],
    directed: Annotated[bool, typer.Option(
        "--directed", help="Follow relations from source to target only (mutual both ways).")
    ] = False,
    all_: Annotated[bool, typer.Option("--all", help="Every shortest path.")] = False,
    k: Annotated[int | None, typer.Option(
        "-k", metavar="N", help="Up to N shortest simple paths, shortest first.")] = None,
    max_hops: Annotated[int | None, typer.Option(
        "--max-hops", metavar="N", help="Only paths of at most N hops.")] = None,
    as_json: Json = False, since: Since = None, until: Until = None, type_: Types = None,
) -> None:
    """How A is connected to B: a shortest chain of relations, hop by hop."""
    from . import render
    from .errors import UsageError

    if all_ and k is not None:
        raise UsageError("choose --all or -k, not both")
    from .errors import NoPath

    graph = _graph()
    try:
        found = graph.path(a, b, graph.selection(since, until, type_), directed=directed,
                           all_shortest=all_, k=k, max_hops=max_hops)
    except NoPath:
        if as_json:
            render.print_json([])  # still exit 1, with the reason on stderr
        raise
    if as_json:
        render.print_json([p.as_dict() for p in found])
    else:
        render.paths(found, _names(graph))


@command()
def validate(as_json: Json = False) -> None:
    """Check the dataset and list every problem with its file and line (exit 3 if any)."""
    from . import render
    from .dataset import load_dataset

    try:
        dataset = load_dataset(OPTIONS.data)
    except DataError as exc:
        if as_json:
            render.print_json([p.as_dict() for p in exc.problems])
        else:
            render.validation(exc.lines())
        raise typer.Exit(exc.exit_code) from None
    if as_json:
        render.print_json([])
    else:
        where = OPTIONS.data or "the data shipped with relgraph"
        render.validation([f"ok: {len(dataset.actors)} actors, {len(dataset.types)} types, "
                           f"{len(dataset.relations)} relations in {where}"])


@command("export")
def export_graph(
    format_: Annotated[str | None, typer.Option(
        "--format", "-f", metavar="FORMAT", help="graphml, gexf, json, csv, dot or mermaid "
        "(default: from the -o extension, else graphml).")] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write FILE (replaced all at once) instead of "
        "stdout (-); with .csv also FILE-nodes.csv.")] = None,
    actor: Annotated[str | None, typer.Option(
        "--actor", "-a", metavar="ACTOR", help="Only ACTOR's neighbourhood.")] = None,
    depth: Annotated[int | None, typer.Option(
        "--depth", metavar="N", help="With --actor: the actors within N hops (default 1) "
        "and the relations among them.")] = None,
    since: Since = None, until: Until = None, type_: Types = None,
) -> None:
    """Write the graph for Gephi, Graphviz or D3: GraphML, GEXF, JSON, CSV, DOT or Mermaid."""
    from . import render
    from .export import choose_format, export

    if output == "-":
        output = None  # -o - is stdout, as usual
    choose_format(format_, output)  # a bad format or extension fails before the data is read
    graph = _graph()
    written = export(graph, format_, output, None if output else sys.stdout,
                     graph.selection(since, until, type_), actor, depth)
    render.note(written.summary())


def main() -> None:
    """Console-script entry point."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a name (an ASCII or cp1252 console) gets '?', not a crash.
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    # Errors inside a command are handled by _boundary; Typer handles the rest (a Ctrl-C while
    # parsing the arguments, a usage error).
    stdout = sys.stdout
    try:
        app(prog_name="relgraph")
        status = EXIT_OK
    except SystemExit as exc:
        status = exc.code
    sys.exit(_flush_stdout(stdout, status))


def _flush_stdout(stdout, status):
    """Flush stdout now; a reader that has gone ends relgraph quietly with status 0.

    Without this, output still in the buffer (stdout to a pipe is block-buffered unless
    PYTHONUNBUFFERED is set) is flushed at interpreter exit, where a closed pipe prints
    "Exception ignored ... BrokenPipeError" and turns the status into 120.
    """
    try:
        stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except (OSError, ValueError):
        return status
    if sys.stdout is not stdout:
        # Click swaps stdout for a quiet wrapper when a write of its own (--help) hit a closed
        # pipe, and exits 1; for relgraph a reader that has gone is not an error.
        return EXIT_OK
    return status
