"""CSV tables with the column names Gephi's spreadsheet importer recognises.

The edge table: Source, Target, Type (always Directed), Id, Label (the relation type),
Weight (|weight|), Kind (the relation type, so that Gephi keeps relations of different
types apart), then Polarity, Score (the signed weight), Date, Until, Mutual, Summary,
Quote, Ref. The node table: Id, Label (the name), Kind, Aliases (joined with "; "),
Description. Absent values are empty cells.
"""

from __future__ import annotations

import csv
from typing import TextIO

from .view import View, aliases, codes, layout_weight, number

EDGE_COLUMNS = ["Source", "Target", "Type", "Id", "Label", "Weight", "Kind", "Polarity",
                "Score", "Date", "Until", "Mutual", "Summary", "Quote", "Ref"]
NODE_COLUMNS = ["Id", "Label", "Kind", "Aliases", "Codes", "Description"]


def write(view: View, out: TextIO) -> None:
    """The edge table, one row per relation."""
    table = csv.writer(out, lineterminator="\n")
    table.writerow(EDGE_COLUMNS)
    for r in view.relations:
        table.writerow([
            r.source, r.target, "Directed", r.id, r.type, number(layout_weight(r)), r.type,
            r.polarity, number(r.weight), r.date.text if r.date else "",
            r.until.text if r.until else "", "true" if r.mutual else "false",
            r.summary or "", r.quote or "", r.ref or "",
        ])


def write_nodes(view: View, out: TextIO) -> None:
    """The node table, one row per actor."""
    table = csv.writer(out, lineterminator="\n")
    table.writerow(NODE_COLUMNS)
    for a in view.actors:
        table.writerow([a.id, a.name, a.kind, aliases(a) or "", codes(a) or "",
                        a.description or ""])
