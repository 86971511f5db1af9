"""Importers of machine-coded event data (GDELT, ICEWS) into relgraph data folders.

`import_events()` is the whole import; the modules under it each do one part: `events` streams
a file's lines, `gdelt` and `icews` read rows into events, `matching` finds actors, `cameo`
holds the CAMEO tables, `writing` writes the YAML files, `report` counts what happened.
"""

from __future__ import annotations

from .pipeline import READERS, StrictImportError, import_events
from .report import ImportReport

__all__ = ["READERS", "ImportReport", "StrictImportError", "import_events"]
