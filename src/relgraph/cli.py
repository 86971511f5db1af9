"""The `relgraph` command: parses arguments, asks the library, hands results to `render`.

Every command runs inside `_boundary`, the one place where relgraph's errors become
messages on stderr and exit codes (see errors.py and the README).
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
from typing import Annotated

import typer

from . import __version__
from .errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    RelgraphError,
    StoreDamaged,
    UsageError,
)

# Where users report bugs: the README section of that name says what to send.
REPORT_WHERE = "the relgraph issue tracker (README: Reporting a bug)"

app = typer.Typer(
    name="relgraph",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Options:
    """The global options, kept in Typer's context for the commands to read."""

    data: list[str] | None = None  # --data folders; None: $RELGRAPH_DATA, else the shipped
    debug: bool = False
    cache: bool = True
    pager: bool = True  # long listings on a terminal go through $PAGER (render/paging.py)
    spark: str | None = None  # --spark URL: answer through Spark Connect (relgraph.spark)


def _options(context: typer.Context | None) -> Options:
    root = context.find_root() if context is not None else None
    return root.obj if root is not None and isinstance(root.obj, Options) else Options()


# How the CLI spells the library's parameters, for messages that name them.
FLAGS = {"since": "--since", "until": "--until", "k": "-k", "max_hops": "--max-hops",
         "depth": "--depth", "actor": "--actor", "path": "-o", "force": "--force",
         "by": "--by", "limit": "--limit", "fmt": "--format", "jobs": "--jobs",
         "last": "--last"}


# -- options shared by the query commands -------------------------------------------------

def _data_for_completion(ctx: typer.Context):
    # While the shell completes a word, the global callback has not run: read --data as typed.
    root = ctx.find_root()
    return (root.params or {}).get("data") or None


def _complete_actor(ctx: typer.Context, incomplete: str) -> list[str]:
    from .completion import actor_labels

    return actor_labels(_data_for_completion(ctx), incomplete)


def _complete_type(ctx: typer.Context, incomplete: str) -> list[str]:
    from .completion import type_names

    return type_names(_data_for_completion(ctx), incomplete)


def _complete_relation(ctx: typer.Context, incomplete: str) -> list[str]:
    from .completion import relation_ids

    return relation_ids(_data_for_completion(ctx), incomplete)


Json = Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of a table.")]
Since = Annotated[str | None, typer.Option(
    "--since", metavar="DATE", help="Keep relations whose span reaches DATE or later "
    "(YYYY, YYYY-MM or YYYY-MM-DD); leaves out undated ones.")]
Until = Annotated[str | None, typer.Option(
    "--until", metavar="DATE", help="Keep relations whose span starts by the end of DATE; "
    "leaves out undated ones.")]
Types = Annotated[list[str] | None, typer.Option(
    "--type", "-t", metavar="TYPE", help="Keep only relations of this type (repeatable).",
    autocompletion=_complete_type)]
ActorArg = Annotated[str, typer.Argument(
    metavar="ACTOR", help="An id, name or alias: any case, accents optional when unambiguous.",
    autocompletion=_complete_actor)]
Quotes = Annotated[bool, typer.Option(
    "--quotes", help="Print each relation's quote under it, with its source.")]
Full = Annotated[bool, typer.Option(
    "--full", help="Print each relation's whole summary (by default cut to fit two lines).")]
Limit = Annotated[int | None, typer.Option(
    "--limit", metavar="N", help="List only the first N, and say how many more there are.")]


def _emit_paged(ctx: typer.Context, result, as_json: bool) -> None:
    """A listing: on a terminal, through the pager (--no-pager: straight)."""
    from . import render
    from .render.paging import paged

    with paged(_options(ctx).pager):
        render.emit(result, as_json)


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
    context: typer.Context,
    data: Annotated[list[str] | None, typer.Option(
        "--data", metavar="DIR", help="Dataset folder holding actors.yaml and relations.yaml; "
        "repeat it to read several folders as one (@shipped names the graph relgraph ships). "
        f"Default: the folders in RELGRAPH_DATA (separated by {os.pathsep}), else the shipped "
        "graph.")] = None,
    debug: Annotated[bool, typer.Option(
        "--debug", help="Show the Python traceback of an internal error.")] = False,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Check and compile the data afresh, without reading or writing "
        "the cache.")] = False,
    spark: Annotated[str | None, typer.Option(
        "--spark", metavar="URL", envvar="RELGRAPH_SPARK", show_envvar=False,
        help="Answer through Apache Spark: sc://HOST:PORT (a Spark Connect server) or local[N] "
        "(start one here). Needs relgraph[spark]; docs/spark.md. Default: RELGRAPH_SPARK.")
    ] = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
    no_pager: Annotated[bool, typer.Option(
        "--no-pager", help="Print listings straight to the terminal, not through $PAGER "
        "(default: less -FRX; RELGRAPH_PAGER or PAGER choose another, empty for none).")
    ] = False,
) -> None:
    """Explore a knowledge graph of relations between political actors.

    Exit codes: 0 success, 1 no path found, 2 usage error, 3 invalid data,
    4 cannot write output, 5 incomplete fetch, 6 optional component missing, 7 Spark failed,
    130 interrupted, 70 internal error.

    \b
    Example:
      relgraph who-opposes Israel
    """
    context.obj = Options(
        data=data or None,  # the library reads RELGRAPH_DATA (several folders) itself
        debug=debug or os.environ.get("RELGRAPH_DEBUG", "") not in ("", "0"),
        cache=not no_cache, pager=not no_pager, spark=spark or None)


def _boundary(function):
    """Run a command, turning every error into one line per problem and an exit code."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        from . import render

        try:
            try:
                function(*args, **kwargs)
            except StoreDamaged:
                function(*args, **kwargs)  # the damaged store is gone: this run rebuilds it
            sys.stdout.flush()
        except typer.Exit:
            raise
        except RelgraphError as exc:
            lines = [exc.spoken_as(FLAGS)] if isinstance(exc, UsageError) else exc.lines()
            for line in lines:
                render.error(line)
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(EXIT_OK) from None
        except KeyboardInterrupt:
            render.error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:
            if _options(kwargs.get("ctx")).debug:
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


def _graph(ctx: typer.Context):
    from . import render
    from .api import load

    options = _options(ctx)
    if options.spark:
        return _spark_graph(ctx, options)
    with render.LoadProgress() as progress:
        return load(options.data, cache=options.cache, progress=progress, warn=render.error)


def _spark_graph(ctx: typer.Context, options: Options):
    """The graph in Spark (--spark), for the commands Spark answers; its session ends with
    the command."""
    from .render.status import StatusLine
    from .spark import SPARK_COMMANDS, check_url, open_graph

    name = ctx.info_name
    if name not in SPARK_COMMANDS:
        raise UsageError(f"{name} is not answered through Spark; run it without --spark "
                         f"(--spark answers {', '.join(sorted(SPARK_COMMANDS))})")
    graph = open_graph(check_url(options.spark), options.data, options.debug, StatusLine())
    ctx.find_root().call_on_close(graph.store.close)
    return graph


# -- commands ------------------------------------------------------------------------------

@command()
def actors(ctx: typer.Context, as_json: Json = False, since: Since = None, until: Until = None,
           type_: Types = None) -> None:
    """List the actors: id, name, kind and aliases (with filters: those with such relations).

    Prints a table of the actors in file order; with --since, --until or --type, only the
    actors at either end of a relation kept by them. --json prints each actor in full.

    \b
    Example:
      relgraph actors --type veto
    """
    from . import answers, render

    graph = _graph(ctx)
    render.emit(answers.actors(graph, graph.selection(since, until, type_)), as_json)


@command()
def types(ctx: typer.Context, as_json: Json = False, since: Since = None, until: Until = None,
          type_: Types = None) -> None:
    """List the relation types: polarity, weight, CAMEO code, how many relations use each.

    Prints a table of the types with their descriptions; the count is of the relations the
    filters keep, and --type keeps only the types named.

    \b
    Example:
      relgraph types --since 2022
    """
    from . import answers, render

    graph = _graph(ctx)
    render.emit(answers.types(graph, graph.selection(since, until, type_)), as_json)


@command()
def show(ctx: typer.Context, actor: ActorArg, as_json: Json = False, since: Since = None,
         until: Until = None, type_: Types = None,
         limit: Annotated[int, typer.Option(
             "--limit", metavar="N", help="List the latest N relations of each type each way "
             "(default 10), and say how many more.")] = 10) -> None:
    """Profile an actor: aliases, relations out and in by type, net stance to each counterpart.

    Prints the actor's kind, aliases and description, its relations grouped by type (a mutual
    one under both; the latest 10 of each type, and how many more), then a table of its stance
    towards each actor it has relations with.

    \b
    Example:
      relgraph show Iran
    """
    graph = _graph(ctx)
    _emit_paged(ctx, graph.show(actor, graph.selection(since, until, type_), limit), as_json)


@command()
def relations(
    ctx: typer.Context,
    actor: Annotated[str | None, typer.Option(
        "--actor", "-a", metavar="ACTOR", help="Only relations with this actor at either end.",
        autocompletion=_complete_actor)] = None,
    between: Annotated[tuple[str, str] | None, typer.Option(
        "--between", metavar="A B", help="Only relations joining A and B, either way.")] = None,
    quotes: Quotes = False, full: Full = False, limit: Limit = None,
    as_json: Json = False, since: Since = None, until: Until = None, type_: Types = None,
) -> None:
    """List relations in file order, with filters.

    Prints each relation as a row (date, actors, type, weight) with its id in brackets and its
    summary beneath, cut to fit two lines: at most three lines a relation. Give the id to
    `relgraph relation` to see it in full.

    \b
    Example:
      relgraph relations --between Russia Hamas --quotes
    """
    from . import answers

    graph = _graph(ctx)
    selection = graph.selection(since, until, type_)
    shown = answers.shown(graph, full, quotes)
    _emit_paged(ctx, answers.relations(graph, selection, actor, between, shown, limit), as_json)


@command()
def timeline(
    ctx: typer.Context,
    actor: ActorArg,
    other: Annotated[str | None, typer.Argument(
        metavar="[OTHER]", help="Only relations between ACTOR and OTHER.",
        autocompletion=_complete_actor)] = None,
    quotes: Quotes = False, full: Full = False, limit: Limit = None,
    as_json: Json = False, since: Since = None, until: Until = None, type_: Types = None,
) -> None:
    """Relations of an actor (or between two) in date order, undated last.

    Prints each relation as a row (date, actors, type, weight) with its id in brackets and its
    summary beneath, cut to fit two lines: at most three lines a relation.

    \b
    Example:
      relgraph timeline Russia Israel --since 2022
    """
    from . import answers

    graph = _graph(ctx)
    selection = graph.selection(since, until, type_)
    shown = answers.shown(graph, full, quotes)
    _emit_paged(ctx, answers.timeline(graph, actor, other, selection, shown, limit), as_json)


Net = Annotated[bool, typer.Option("--net", help="Keep only actors whose net score leans "
                                   "the same way (below zero to oppose, above to support).")]


@command("who-opposes")
def who_opposes(ctx: typer.Context, actor: ActorArg, net: Net = False, as_json: Json = False,
                since: Since = None, until: Until = None, type_: Types = None,
                limit: Limit = None) -> None:
    """Actors with hostile relations towards ACTOR, most hostile first.

    Prints a row per actor: its hostility (the sum of |weight| of its hostile relations towards
    ACTOR, mutual ones included), how many hostile and friendly relations it has towards ACTOR,
    the net score (the sum of their weights) and the hostile relation that began last.

    \b
    Example:
      relgraph who-opposes Israel --since 2022
    """
    from . import answers

    graph = _graph(ctx)
    selection = graph.selection(since, until, type_)
    _emit_paged(ctx, answers.stance(graph, actor, "hostile", selection, net, limit), as_json)


@command("who-supports")
def who_supports(ctx: typer.Context, actor: ActorArg, net: Net = False, as_json: Json = False,
                 since: Since = None, until: Until = None, type_: Types = None,
                 limit: Limit = None) -> None:
    """Actors with friendly relations towards ACTOR, most supportive first.

    Prints a row per actor: its support (the sum of the weights of its friendly relations
    towards ACTOR, mutual ones included), how many hostile and friendly relations it has towards
    ACTOR, the net score (the sum of their weights) and the friendly relation that began last.

    \b
    Example:
      relgraph who-supports Russia
    """
    from . import answers

    graph = _graph(ctx)
    selection = graph.selection(since, until, type_)
    _emit_paged(ctx, answers.stance(graph, actor, "friendly", selection, net, limit),
                as_json)


@command()
def path(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(metavar="A", help="Where the path starts.",
                                     autocompletion=_complete_actor)],
    b: Annotated[str, typer.Argument(metavar="B", help="Where the path ends.",
                                     autocompletion=_complete_actor)],
    directed: Annotated[bool, typer.Option(
        "--directed", help="Follow relations from source to target only (mutual both ways).")
    ] = False,
    all_: Annotated[bool, typer.Option("--all", help="Every shortest path.")] = False,
    k: Annotated[int | None, typer.Option(
        "-k", metavar="N", help="Up to N shortest simple paths, shortest first.")] = None,
    max_hops: Annotated[int | None, typer.Option(
        "--max-hops", metavar="N", help="Only paths of at most N hops.")] = None,
    quotes: Quotes = False, full: Full = False,
    limit: Annotated[int | None, typer.Option(
        "--limit", metavar="N", help="List only the first N relations of each hop, and say "
        "how many more.")] = None,
    as_json: Json = False, since: Since = None, until: Until = None, type_: Types = None,
) -> None:
    """How A is connected to B: a shortest chain of relations, hop by hop.

    Prints the path's actors and, for each hop, every relation joining the two, each with its id
    and summary beneath. Exits 1 when there is no path.

    \b
    Example:
      relgraph path Russia Hamas --quotes
    """
    from . import answers, render
    from .errors import NoPath

    if all_ and k is not None:
        raise UsageError("choose --all or -k, not both")
    graph = _graph(ctx)
    try:
        found = answers.paths(graph, a, b, graph.selection(since, until, type_),
                              answers.shown(graph, full, quotes), directed=directed,
                              all_shortest=all_, k=k, max_hops=max_hops, limit=limit)
    except NoPath:
        if as_json:
            render.print_json([])  # still exit 1, with the reason on stderr
        raise
    _emit_paged(ctx, found, as_json)


# -- analyst views (relgraph.views) --------------------------------------------------------

@command()
def trend(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(metavar="A", help="An id, name or alias, any case.",
                                     autocompletion=_complete_actor)],
    b: Annotated[str, typer.Argument(metavar="B", help="Another actor.",
                                     autocompletion=_complete_actor)],
    by: Annotated[str, typer.Option(
        "--by", metavar="year|month|week|day", help="One bar per year (default), month, ISO "
        "week (labelled by its Monday) or day.")
    ] = "year",
    as_json: Json = False, since: Since = None, until: Until = None, type_: Types = None,
) -> None:
    """The net stance of A towards B and of B towards A, period by period, as signed bars.

    Prints one bar per year (or month, week, day) each way, friendly to the right and hostile
    to the left, with the relations behind each period under it; undated relations are listed
    apart.

    \b
    Example:
      relgraph trend Russia Israel
    """
    from . import render

    graph = _graph(ctx)
    render.emit(graph.trend(a, b, graph.selection(since, until, type_), by), as_json)


@command()
def matrix(
    ctx: typer.Context,
    actors: Annotated[list[str] | None, typer.Argument(
        metavar="[ACTOR]...", help="The actors, in the order to show them (default: the 10 "
        "with the most relations, ties by name).", autocompletion=_complete_actor)] = None,
    as_json: Json = False, since: Since = None, until: Until = None, type_: Types = None,
) -> None:
    """The net stance of every actor (rows) towards every other (columns), as a grid.

    Prints a numbered grid of net stances coloured by sign, and a legend of the numbers.

    \b
    Example:
      relgraph matrix Russia Israel Iran Hamas
    """
    from . import render

    graph = _graph(ctx)
    render.emit(graph.matrix(actors, graph.selection(since, until, type_)), as_json)


Depth = Annotated[int, typer.Option("--depth", metavar="N", help="How many hops out (default 1).")]


@command()
def neighbours(ctx: typer.Context, actor: ActorArg, depth: Depth = 1, as_json: Json = False,
               since: Since = None, until: Until = None, type_: Types = None) -> None:
    """The actors within N hops of ACTOR (relations either way), as a tree (also: neighbors).

    Prints a tree from ACTOR outwards, each branch labelled with the types and dates of the
    relations that join it.

    \b
    Example:
      relgraph neighbours Hamas --depth 2
    """
    from . import render

    graph = _graph(ctx)
    render.emit(graph.neighbourhood(actor, graph.selection(since, until, type_), depth),
                as_json)


# The American spelling, as a second name of the same command.
app.command("neighbors", help="The same as neighbours. Prints the actors within N hops of "
            "ACTOR as a tree.\n\n\b\nExample:\n  relgraph neighbors Hamas")(neighbours)


@command()
def balance(
    ctx: typer.Context,
    actor: Annotated[str | None, typer.Option(
        "--actor", "-a", metavar="ACTOR", help="Only the triangles containing ACTOR.",
        autocompletion=_complete_actor)] = None,
    all_: Annotated[bool, typer.Option(
        "--all", help="List every triangle, balanced ones too.")] = False,
    limit: Annotated[int | None, typer.Option(
        "--limit", metavar="N", help="List only the N strongest (the counts cover all).")
    ] = None,
    as_json: Json = False, since: Since = None, until: Until = None, type_: Types = None,
) -> None:
    """Triangles that "the enemy of my enemy" says cannot last, strongest strain first.

    A triangle of three actors is balanced when the product of the signs of its three pairs
    (each pair: the sign of the sum of the weights of its relations) is positive. Prints the
    unbalanced triangles, each pair with its relations, and the share of balanced ones.

    \b
    Example:
      relgraph balance --actor Russia
    """
    from . import render

    graph = _graph(ctx)
    render.emit(graph.balance(graph.selection(since, until, type_), actor, all_, limit),
                as_json)


@command()
def central(
    ctx: typer.Context,
    by: Annotated[str, typer.Option(
        "--by", metavar="degree|betweenness|pagerank", help="The measure (default degree).")
    ] = "degree",
    as_json: Json = False, since: Since = None, until: Until = None, type_: Types = None,
) -> None:
    """Every actor ranked by how central it is in the selected relations, highest first.

    Prints the ranking with the score, and a line saying what the measure means.

    \b
    Example:
      relgraph central --by pagerank
    """
    from . import render

    graph = _graph(ctx)
    render.emit(graph.central(graph.selection(since, until, type_), by), as_json)


@command()
def relation(
    ctx: typer.Context,
    relation_id: Annotated[str, typer.Argument(
        metavar="ID", help="A relation id, as listings show it in brackets.",
        autocompletion=_complete_relation)],
    as_json: Json = False,
) -> None:
    """One relation in full: its actors, type, weight, dates, summary, quote and source.

    Prints one field a line: the actors and direction, the type, polarity and weight, the
    dates, the summary, the quote in quotation marks and the source's title, publisher, date
    and address. The listings show each relation's id in brackets.

    \b
    Example:
      relgraph relation russia-israel-veto-2023
    """
    from . import answers, render

    render.emit(answers.relation(_graph(ctx), relation_id), as_json)


@command()
def validate(ctx: typer.Context, as_json: Json = False) -> None:
    """Check the dataset and list every problem with its file and line (exit 3 if any).

    Prints each problem on a line of its own, then their count; or, for a valid dataset, one
    line saying how many actors, types and relations it holds.

    \b
    Example:
      relgraph validate
    """
    from . import answers, render
    from .errors import EXIT_DATA

    options = _options(ctx)
    if options.spark:
        from .errors import DataError
        from .results import Validation
        from .spark.validate import validation

        try:
            report = validation(_spark_graph(ctx, options))
        except DataError as exc:  # actors.yaml or relations.yaml: checked before Spark reads
            report = Validation(exc.lines(), exc.problems)
    else:
        with render.LoadProgress() as progress:
            report = answers.validation(options.data, options.cache, progress, render.error)
    render.emit(report, as_json)
    if report.problems:
        raise typer.Exit(EXIT_DATA)


@command("export")
def export_graph(
    ctx: typer.Context,
    format_: Annotated[str | None, typer.Option(
        "--format", "-f", metavar="FORMAT", help="graphml, gexf, json, csv, dot, mermaid, "
        "html or parquet (default: from the -o extension, else graphml).")] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write FILE (replaced all at once) instead of "
        "stdout (-); with .csv also FILE-nodes.csv; with parquet a new data folder.")] = None,
    actor: Annotated[str | None, typer.Option(
        "--actor", "-a", metavar="ACTOR", help="Only ACTOR's neighbourhood.",
        autocompletion=_complete_actor)] = None,
    depth: Annotated[int | None, typer.Option(
        "--depth", metavar="N", help="With --actor: the actors within N hops (default 1) "
        "and the relations among them.")] = None,
    since: Since = None, until: Until = None, type_: Types = None,
) -> None:
    """Write the graph for Gephi, Graphviz or D3: GraphML, GEXF, JSON, CSV, DOT, Mermaid or an
    interactive HTML page.

    Writes FILE, or stdout, and one line on stderr saying what was written.

    \b
    Example:
      relgraph export -o graph.gexf
    """
    from . import render
    from .export import choose_format, export

    if output == "-":
        output = None  # -o - is stdout, as usual
    choose_format(format_, output)  # a bad format or extension fails before the data is read
    graph = _graph(ctx)
    written = export(graph, format_, output, None if output else sys.stdout,
                     graph.selection(since, until, type_), actor, depth)
    render.note(written.summary())


@command("view")
def view_page(
    ctx: typer.Context,
    actor: Annotated[str | None, typer.Option(
        "--actor", "-a", metavar="ACTOR", help="Only ACTOR's neighbourhood.",
        autocompletion=_complete_actor)] = None,
    depth: Annotated[int | None, typer.Option(
        "--depth", metavar="N", help="With --actor: the actors within N hops (default 1) "
        "and the relations among them.")] = None,
    no_open: Annotated[bool, typer.Option(
        "--no-open", help="Write the page and say where; do not start a browser.")] = False,
    since: Since = None, until: Until = None, type_: Types = None,
) -> None:
    """Open the graph as an interactive page in the browser (a temporary HTML file).

    Writes the page to a new file in the temporary folder, opens it in the default browser
    ($BROWSER chooses another), prints the file's path, and says on stderr what was written.

    \b
    Example:
      relgraph view --actor Hamas --no-open
    """
    from . import render
    from .export.browse import view

    graph = _graph(ctx)
    render.emit(view(graph, graph.selection(since, until, type_), actor, depth,
                     open_browser=not no_open))


@command()
def cache(
    ctx: typer.Context,
    clear: Annotated[bool, typer.Option("--clear", help="Delete every compiled store.")] = False,
    clear_downloads: Annotated[bool, typer.Option(
        "--clear-downloads", help="Delete every file `relgraph fetch` downloaded.")] = False,
    as_json: Json = False,
) -> None:
    """Say where the cache is and how large; --clear empties its stores, --clear-downloads its
    downloads.

    Prints the cache folder, how many compiled datasets it holds and their size, then the
    event files `relgraph fetch` downloaded into it. relgraph checks a dataset once and keeps
    it compiled in this folder ($RELGRAPH_CACHE_DIR, else $XDG_CACHE_HOME/relgraph, else
    ~/.cache/relgraph); an edited data file is seen by the next call.

    \b
    Example:
      relgraph cache
    """
    from . import cache as store_cache
    from . import render

    folder, stores, size = store_cache.usage()
    if clear:
        stores, size = store_cache.clear()
    downloads, downloads_size = (store_cache.clear_downloads() if clear_downloads
                                 else store_cache.downloads_usage())
    render.emit(store_cache.CacheReport(folder, stores, size, clear, downloads, downloads_size,
                                        clear_downloads), as_json)


# -- import ---------------------------------------------------------------------------------

import_app = typer.Typer(
    name="import", no_args_is_help=True, rich_markup_mode=None,
    help="Import event data (GDELT, ICEWS, POLECAT, ACLED) into a relgraph data folder.")
app.add_typer(import_app, name="import")

EventFiles = Annotated[list[str], typer.Argument(
    metavar="FILE", help="Event files: plain, .zip or .gz.", show_default=False)]
Output = Annotated[str, typer.Option(
    "--output", "-o", metavar="DIR", help="The data folder to write (written all at once; "
    "an existing folder that holds files needs --force).")]
ActorsFile = Annotated[str | None, typer.Option(
    "--actors", metavar="FILE", help="Match event actors against this actors.yaml "
    "(default: the actors relgraph ships).")]
AllActors = Annotated[bool, typer.Option(
    "--all-actors", help="Make an actor for each side that matches none, instead of leaving "
    "the event out.")]
Strict = Annotated[bool, typer.Option(
    "--strict", help="Exit 3 and write nothing if any row is bad.")]
Force = Annotated[bool, typer.Option(
    "--force", help="Replace an output folder that already holds files.")]
ImportFormat = Annotated[str, typer.Option(
    "--format", "-f", metavar="FORMAT", help="The relations as jsonl (relations.jsonl) or "
    "parquet (relations.parquet by year; needs relgraph[parquet]).")]


def _import(ctx: typer.Context, source: str, files: list[str], output: str, actors: str | None,
            all_actors: bool, strict: bool, force: bool, fmt: str = "jsonl") -> None:
    from . import render
    from .importers import StrictImportError, import_events

    try:
        with render.LoadProgress("importing") as progress:
            report = import_events(source, files, output, actors=actors, all_actors=all_actors,
                                   strict=strict, force=force, progress=progress, fmt=fmt)
    except StrictImportError as exc:
        render.emit(exc.report)
        count = exc.report.bad_count
        render.error(f"{count} bad row{'s' if count != 1 else ''} and --strict: "
                     "nothing was written")
        raise typer.Exit(exc.exit_code) from None
    _warm(ctx, output)
    render.emit(report)


# Each source's command: Typer reads a command's options from its function's signature, so the
# four share one function made four times, each with its own help.
_IMPORTS = {
    "gdelt": ("Import GDELT event exports (2.0: 61 columns; 1.0: 57 or 58) into a data folder.",
              "report: rows read, relations written, rows dropped and why.",
              "relgraph import gdelt 20250807220000.export.CSV.zip -o gdelt-data"),
    "icews": ("Import ICEWS coded event files (tab-separated, with a header row) into a data "
              "folder.", "report: rows read, relations written, rows dropped and why.",
              "relgraph import icews events.2018.sample.tab -o icews-data"),
    "polecat": ("Import POLECAT event files (PLOVER-coded, tab-separated, .txt, .txt.gz or a "
                "yearly .zip).", "report: rows read, relations written, rows dropped and why, "
                "and any file read as ISO-8859-1.",
                "relgraph import polecat ngecEventsDV-2023.txt.zip -o polecat-2023"),
    "acled": ("Import ACLED CSV exports (plain or gzipped) into a data folder.",
              "report with ACLED's attribution: rows read, relations written, rows dropped "
              "and why.",
              "relgraph import acled acled-israel-palestine-2023.csv -o acled-2023"),
}


def _import_command(source: str, summary: str, report: str, example: str):
    def command(ctx: typer.Context, files: EventFiles, output: Output,
                actors: ActorsFile = None, all_actors: AllActors = False,
                strict: Strict = False, force: Force = False,
                format_: ImportFormat = "jsonl") -> None:
        _import(ctx, source, files, output, actors, all_actors, strict, force, format_)

    command.__name__ = f"import_{source}"
    command.__doc__ = (  # Click wraps the paragraphs to the terminal; \b keeps the example
        f"{summary}\n\nWrites the folder's actors.yaml, relations.yaml (types and sources) and "
        "relations.jsonl (the relations; relations.parquet with --format parquet), and prints "
        f"on stderr a {report}\n\n\b\nExample:\n  {example}")
    return command


for _source, _texts in _IMPORTS.items():
    import_app.command(_source)(_boundary(_import_command(_source, *_texts)))


# -- fetch ----------------------------------------------------------------------------------

fetch_app = typer.Typer(
    name="fetch", no_args_is_help=True, rich_markup_mode=None,
    help="Download event data for a period (verified, cached, resumable) and import it.")
app.add_typer(fetch_app, name="fetch")


@fetch_app.command("gdelt")
@_boundary
def fetch_gdelt(
    ctx: typer.Context,
    output: Output,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="WHEN", help="First slot: YYYY-MM-DD or YYYY-MM-DDTHH:MM, UTC.")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", metavar="WHEN", help="Last slot, included: a day means through its last "
        "15 minutes (default: the day of --since).")] = None,
    last: Annotated[bool, typer.Option(
        "--last", help="Fetch only GDELT's newest slot (lastupdate.txt).")] = False,
    translation: Annotated[bool, typer.Option(
        "--translation", help="Fetch GDELT's translated stream as well as the English one.")
    ] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="N",
                                      help="Downloads at a time.")] = 4,
    refresh: Annotated[bool, typer.Option(
        "--refresh", help="Download GDELT's file lists again even if the cached ones cover "
        "the period.")] = False,
    actors: ActorsFile = None, all_actors: AllActors = False, strict: Annotated[bool, typer.Option(
        "--strict", help="Write nothing if a file could not be had (exit 5) or a row is bad "
        "(exit 3).")] = False,
    force: Force = False, as_json: Json = False,
) -> None:
    """Download GDELT 2.0 event exports for a period, verified, and import them into a folder.

    Files come from GDELT's master file list (GDELT 1.0's files before 2015-02-18 23:00 UTC),
    are checked by size and MD5 and kept in the cache, so a second run reads only the cache.
    Prints on stderr what was fetched, what failed and which slots GDELT does not have, then
    the import's report. Exit 5 when some files could
    not be had (the folder holds the rest). RELGRAPH_GDELT_URL names a mirror.

    \b
    Example:
      relgraph fetch gdelt --since 2023-10-07 -o gaza-war-first-day
    """
    from . import render
    from .errors import EXIT_INCOMPLETE
    from .fetch import IncompleteFetch, Request
    from .fetch import fetch_gdelt as fetch
    from .fetch.download import Policy
    from .fetch.slots import chosen_period
    from .importers import StrictImportError
    from .render.fetching import FetchProgress

    request = Request(chosen_period(since, until, last), translation=translation, jobs=jobs,
                      refresh=refresh, policy=Policy.from_env())
    try:
        with FetchProgress() as bar, render.LoadProgress("importing") as importing:
            report = fetch(request, output, actors=actors, all_actors=all_actors,
                           strict=strict, force=force, progress=bar, import_progress=importing)
    except IncompleteFetch as exc:
        render.emit(exc.report, as_json)
        render.error(str(exc))
        raise typer.Exit(exc.exit_code) from None
    except StrictImportError as exc:
        render.emit(exc.report, as_json)
        render.error(f"{exc.report.bad_count} bad rows and --strict: nothing was written")
        raise typer.Exit(exc.exit_code) from None
    _warm(ctx, output)
    render.emit(report, as_json)
    if not report.complete:
        count = len(report.failed)
        render.error(f"incomplete fetch: {count} file{'s' if count != 1 else ''} could not be "
                     f"had; {output} holds the rest (exit {EXIT_INCOMPLETE})")
        raise typer.Exit(EXIT_INCOMPLETE)


def _warm(ctx: typer.Context, folder: str) -> None:
    """Leave the new folder's compiled store in the cache, so its first query is warm."""
    from . import cache, render

    if _options(ctx).cache:
        cache.warm(folder, warn=render.error)


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
