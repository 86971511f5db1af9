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
    from ..graph import RelGraph, Selection
    from .view import View

FORMATS = ("graphml", "gexf", "json", "csv", "dot", "mermaid", "html")
EXTENSIONS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".csv": "csv",
              ".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".html": "html", ".htm": "html"}
_ALIASES = {"gv": "dot", "graphviz": "dot", "mmd": "mermaid"}
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
        name = fmt.strip().lower()
        name = _ALIASES.get(name, name)
        if name not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        return name
    if path is None:
        return DEFAULT
    if Path(path).is_dir():
        raise UsageError(f"{str(path)!r} is a folder; give -o a file name")
    suffix = Path(path).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    known = " ".join(EXTENSIONS)
    raise UsageError(f"cannot tell the format from {str(path)!r}: use an extension "
                     f"({known}) or --format ({', '.join(FORMATS)})")


def nodes_path(path: str | os.PathLike) -> Path:
    """Where the CSV node table goes beside the edge table: graph.csv -> graph-nodes.csv."""
    edges = Path(path)
    return edges.with_name(f"{edges.stem}-nodes{edges.suffix}")


def export(graph: RelGraph, fmt: str | None = None, path: str | os.PathLike | None = None,
           stream: TextIO | None = None, selection: Selection | None = None,
           actor: str | None = None, depth: int | None = None) -> Written:
    """Export `graph` (the selected relations; with `actor`, its neighbourhood) to `path`,
    written atomically, or else to `stream`. Returns what was written."""
    from .view import pick

    name = choose_format(fmt, path)
    view = pick(graph, selection, actor, depth)
    if path is not None:
        paths = write_file(view, name, path)
    elif stream is not None:
        write_stream(view, name, stream)
        paths = ()
    else:
        raise UsageError("export needs a path or a stream to write to")
    return Written(name, len(view.actors), len(view.relations), paths)


def write_file(view: View, fmt: str, path: str | os.PathLike) -> tuple[str, ...]:
    """Write `view` to `path` atomically (CSV: the node table too, beside it)."""
    from ..atomic import write_all_atomic, write_atomic

    if fmt == "csv":
        from . import csvtable

        nodes = nodes_path(path)
        # Both tables are complete on disk before either replaces its old file.
        write_all_atomic([(path, lambda h: csvtable.write(view, h)),
                          (nodes, lambda h: csvtable.write_nodes(view, h))])
        return (str(path), str(nodes))
    write_atomic(path, lambda handle: writer(fmt)(view, handle))
    return (str(path),)


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


def writer(fmt: str):
    """The `write(view, stream)` function of a format."""
    from . import csvtable, dot, gexf, graphml, html, jsonlink, mermaid

    return {"graphml": graphml.write, "gexf": gexf.write, "json": jsonlink.write,
            "csv": csvtable.write, "dot": dot.write, "mermaid": mermaid.write,
            "html": html.write}[fmt]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"
