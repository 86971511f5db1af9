"""GraphML: one node per actor, one edge per relation (parallel ones kept), typed keys.

Each key is declared once with one type and an id of its own (`node_label`, `edge_weight`...);
readers go by its `attr.name`. Absent values are left out, never written as "None". The key
names are the ones Gephi's GraphML importer knows: `label` becomes the node or edge label and
`weight` the edge weight.
"""

from __future__ import annotations

from typing import TextIO

from ..model import Relation
from . import xmltext as x
from .view import ACTOR_ATTRIBUTES, RELATION_ATTRIBUTES, View

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"

NODE_KEYS = ACTOR_ATTRIBUTES
EDGE_KEYS = RELATION_ATTRIBUTES


def write(view: View, out: TextIO) -> None:
    out.write(x.DECLARATION)
    out.write(f'<graphml xmlns="{NAMESPACE}">\n')
    for name, kind, _ in NODE_KEYS:
        out.write(f'  <key id="node_{name}" for="node" attr.name="{name}" '
                  f'attr.type="{kind}"/>\n')
    for name, kind, _ in EDGE_KEYS:
        out.write(f'  <key id="edge_{name}" for="edge" attr.name="{name}" '
                  f'attr.type="{kind}"/>\n')
    out.write('  <graph id="relgraph" edgedefault="directed">\n')
    for actor in view.actors:
        out.write(f'    <node id="{x.attribute(actor.id)}">\n')
        _data(out, "node", NODE_KEYS, actor)
        out.write("    </node>\n")
    for relation, edge_id in zip(view.relations, edge_ids(view.relations), strict=True):
        out.write(f'    <edge id="{x.attribute(edge_id)}" source="{x.attribute(relation.source)}"'
                  f' target="{x.attribute(relation.target)}">\n')
        _data(out, "edge", EDGE_KEYS, relation)
        out.write("    </edge>\n")
    out.write("  </graph>\n</graphml>\n")


def edge_ids(relations: list[Relation]) -> list[str]:
    """The relation ids as GraphML edge ids: unchanged when they are NMTOKENs (letters, digits,
    '.', '-', '_', ':'); otherwise with the other characters written as _xHHHH_, and a -2, -3...
    suffix in the unlikely case that this meets an id already taken."""
    taken = {r.id for r in relations if x.is_nmtoken(r.id)}
    ids = []
    for relation in relations:
        if x.is_nmtoken(relation.id):
            ids.append(relation.id)
            continue
        base = x.nmtoken(relation.id)
        candidate, count = base, 1
        while candidate in taken:
            count += 1
            candidate = f"{base}-{count}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


def _data(out: TextIO, domain: str, keys, item) -> None:
    for name, kind, value_of in keys:
        written = x.typed(kind, value_of(item))
        if written is not None:
            out.write(f'      <data key="{domain}_{name}">{x.text(written)}</data>\n')
