"""The renderer of `relgraph view`: the page's path on stdout, what was written on stderr."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from . import note, renders

if TYPE_CHECKING:
    from ..export.browse import Viewed


@renders("Viewed")
def viewed(result: Viewed) -> None:
    """The path alone on stdout, so that a script can open it: `xdg-open "$(relgraph view
    --no-open)"`; the summary, and whether a browser was started, on stderr."""
    sys.stdout.write(f"{result.path}\n")
    note(result.summary())
