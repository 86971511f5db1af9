"""`relgraph view`: the HTML page written to a temporary file and opened in the default browser.

The browser is Python's `webbrowser` choice, so the BROWSER environment variable picks another
one. The file stays after relgraph exits (the browser reads it later); it lives in the system's
temporary folder, which the system empties.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import Written, export

if TYPE_CHECKING:
    from ..graph import Graph as RelGraph
    from ..selection import Selection


@dataclass(frozen=True)
class Viewed:
    """The page written, and whether a browser was asked to open it."""

    written: Written
    path: str
    opened: bool

    def summary(self) -> str:
        if self.opened:
            return f"{self.written.summary()}; opened it in the browser"
        return f"{self.written.summary()}; open that file in a browser"


def view(graph: RelGraph, selection: Selection | None = None, actor: str | None = None,
         depth: int | None = None, open_browser: bool = True) -> Viewed:
    """Write the page of `graph` (filtered as `export` filters) to a new temporary file and,
    with `open_browser`, open it. `opened` is False when no browser could be started."""
    fd, name = tempfile.mkstemp(prefix="relgraph-", suffix=".html")
    os.close(fd)
    try:
        written = export(graph, "html", name, selection=selection, actor=actor, depth=depth)
    except BaseException:
        os.unlink(name)
        raise
    opened = open_browser and _open(Path(name).resolve().as_uri())
    return Viewed(written, name, opened)


def _open(uri: str) -> bool:
    import webbrowser

    try:
        return bool(webbrowser.open(uri))
    except webbrowser.Error:
        return False
