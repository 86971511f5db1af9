"""JSON in NetworkX's node-link form, for D3, Cytoscape.js and notebooks.

`{"directed": true, "multigraph": true, "graph": {...}, "nodes": [...], "edges": [...]}`:
nodes are actors in relgraph's JSON contract; edges are relations in the contract (with
`source` and `target` actor ids) plus `key`, the relation id, which keeps parallel relations
apart. `networkx.node_link_graph(data, edges="edges")` reads it back as a MultiDiGraph.
"""

from __future__ import annotations

import json
from typing import TextIO

from .. import __version__
from .view import View


def document(view: View) -> dict:
    return {
        "directed": True,
        "multigraph": True,
        "graph": {
            "name": "relgraph",
            "generator": f"relgraph {__version__}",
            "filters": view.filters,
            "types": [t.as_dict() for t in view.types.values()],
        },
        "nodes": [actor.as_dict() for actor in view.actors],
        "edges": [{**relation.as_dict(), "key": relation.id} for relation in view.relations],
    }


def write(view: View, out: TextIO) -> None:
    json.dump(document(view), out, indent=2, ensure_ascii=False)
    out.write("\n")
