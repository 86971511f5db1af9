"""Export a graph as GraphML, GEXF, JSON, CSV, DOT, Mermaid or an HTML page, to a file or a
stream.

    >>> from relgraph import load
    >>> from relgraph.export import export
    >>> export(load(), path="graph.graphml")          # the format from the extension
    Written(format='graphml', actors=..., relations=..., paths=('graph.graphml',))

Files are written atomically (see relgraph.atomic). One module per format; each has
`write(view, text_stream)`.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..errors import UsageError

if TYPE_CHECKING:
    from ..graph import Graph as RelGraph
    from ..selection import Selection
    from .view import View

@dataclass(frozen=True)
class Format:
    """One export format: its name, the extensions that name it, and the module that writes it.

    `module` (in relgraph.export) has `write(view, stream)`; each companion is a file written
    beside the main one, as (suffix added to the file's stem, the module's function writing it).
    """

    name: str
    extensions: tuple[str, ...]
    module: str
    aliases: tuple[str, ...] = ()
    companions: tuple[tuple[str, str], ...] = ()


TABLE = (
    Format("graphml", (".graphml",), "graphml"),
    Format("gexf", (".gexf",), "gexf"),
    Format("json", (".json",), "jsonlink"),
    Format("csv", (".csv",), "csvtable", companions=(("-nodes", "write_nodes"),)),
    Format("dot", (".dot", ".gv"), "dot", aliases=("gv", "graphviz")),
    Format("mermaid", (".mmd",), "mermaid", aliases=("mmd",)),
    Format("html", (".html", ".htm"), "html"),
    Format("parquet", (), "datafolder"),  # a whole data folder: -o DIR (datafolder.py)
)
FOLDER_FORMATS = ("parquet",)
BY_NAME = {f.name: f for f in TABLE} | {alias: f for f in TABLE for alias in f.aliases}
FORMATS = tuple(f.name for f in TABLE)
EXTENSIONS = {ext: f.name for f in TABLE for ext in f.extensions}
DEFAULT = "graphml"


@dataclass(frozen=True)
class Written:
    """What an export wrote: the format, how many actors and relations, and where."""

    format: str
    actors: int
    relations: int
    paths: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line for the user: 'wrote graphml: 8 actors, 73 relations to graph.graphml'."""
        where = " and ".join(self.paths) if self.paths else "stdout"
        return (f"wrote {self.format}: {_count(self.actors, 'actor')}, "
                f"{_count(self.relations, 'relation')} to {where}")


def choose_format(fmt: str | None = None, path: str | os.PathLike | None = None) -> str:
    """The format named by `fmt`, else the one `path`'s extension names, else GraphML."""
    if fmt is not None:
        found = BY_NAME.get(fmt.strip().lower())
        if found is None:
            raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        return found.name
    if path is None:
        return DEFAULT
    if Path(path).is_dir():
        raise UsageError(f"{str(path)!r} is a folder; give path a file name", params=("path",))
    suffix = Path(path).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    known = " ".join(EXTENSIONS)
    raise UsageError(f"cannot tell the format from {str(path)!r}: use an extension "
                     f"({known}) or --format ({', '.join(FORMATS)})")


def companion_path(path: str | os.PathLike, suffix: str) -> Path:
    """Where a companion file goes: graph.csv with suffix "-nodes" -> graph-nodes.csv."""
    main = Path(path)
    return main.with_name(f"{main.stem}{suffix}{main.suffix}")


def export(graph: RelGraph, fmt: str | None = None, path: str | os.PathLike | None = None,
           stream: TextIO | None = None, selection: Selection | None = None,
           actor: str | None = None, depth: int | None = None) -> Written:
    """Export `graph` (the selected relations; with `actor`, its neighbourhood) to `path`,
    written atomically, or else to `stream`. Returns what was written."""
    from .view import pick

    name = choose_format(fmt, path)
    if name in FOLDER_FORMATS:
        return _export_folder(graph, name, path, selection, actor, depth)
    view = pick(graph, selection, actor, depth)
    if path is not None:
        paths = write_file(view, name, path)
    elif stream is not None:
        write_stream(view, name, stream)
        paths = ()
    else:
        raise UsageError("export needs a path or a stream to write to")
    return Written(name, len(view.actors), len(view.relations), paths)


def _export_folder(graph: RelGraph, name: str, path: str | os.PathLike | None,
                   selection: Selection | None, actor: str | None,
                   depth: int | None) -> Written:
    """A whole data folder at `path` (export/datafolder.py), refused before anything is read
    when `path` is missing or holds files."""
    from ..atomic import check_folder_target
    from .datafolder import write_folder
    from .view import pick

    if path is None:
        raise UsageError(f"{name} export writes a data folder; give path a folder name",
                         params=("path",))
    try:
        check_folder_target(path)
    except UsageError as exc:
        if "force" not in exc.params:
            raise
        raise UsageError(f"output folder {str(path)!r} exists and is not empty; give path a "
                         "new folder (an export never replaces one)", params=("path",)) from None
    view = pick(graph, selection, actor, depth)
    write_folder(view, graph.sources, path)
    return Written(name, len(view.actors), len(view.relations), (str(path),))


def write_file(view: View, fmt: str, path: str | os.PathLike) -> tuple[str, ...]:
    """Write `view` to `path` atomically, with its companion files (CSV: the node table)."""
    from ..atomic import write_all_atomic

    found = BY_NAME[fmt]
    files = [(path, writer(fmt))]
    files += [(companion_path(path, suffix), writer(fmt, function))
              for suffix, function in found.companions]
    # Every file is complete on disk before any replaces its old one.
    write_all_atomic([(target, lambda h, w=write: w(view, h)) for target, write in files])
    return tuple(str(target) for target, _ in files)


def write_stream(view: View, fmt: str, stream: TextIO) -> None:
    """Write `view` to a text stream; to its UTF-8 byte buffer when it has one (stdout), so
    that what is written matches the XML declaration whatever the terminal's encoding."""
    write = writer(fmt)
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        write(view, stream)
        return
    stream.flush()
    out = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        write(view, out)
        out.flush()
    finally:
        try:
            out.detach()
        except (OSError, ValueError):
            pass


def writer(fmt: str, function: str = "write"):
    """A format's `write(view, stream)` function (or the named companion writer)."""
    import importlib

    module = importlib.import_module(f"{__name__}.{BY_NAME[fmt].module}")
    return getattr(module, function)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"
