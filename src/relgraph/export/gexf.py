"""GEXF 1.3 for Gephi's timeline: dynamic edges dated by their relation, coloured by polarity.

- `mode="dynamic"`, `timeformat="date"`: a dated relation's edge has `start`/`end`, the first
  and last day of its span; an undated one has neither and is present throughout.
- A node's span runs from the first day of its earliest relation to the last day of its
  latest; a node with an undated relation, or with none, is present throughout.
- The edge `kind` is the relation type: Gephi keeps parallel edges apart when their kinds
  differ, and merges those of one kind between one pair unless told not to.
- Colours: `<color>` in the GEXF namespace, the element the published GEXF 1.3 XML schema
  (gexf.net/1.3/gexf.xsd) accepts on nodes and edges. Gephi reads it whatever the namespace.
"""

from __future__ import annotations

from typing import TextIO

from .. import __version__
from . import xmltext as x
from .view import (
    ACTOR_ATTRIBUTES,
    RELATION_ATTRIBUTES,
    View,
    colour,
    end,
    layout_weight,
    number,
    rgb,
    start,
)

NAMESPACE = "http://gexf.net/1.3"

_ON_THE_ELEMENT = {"label", "weight", "start", "end"}
NODE_ATTRIBUTES = [a for a in ACTOR_ATTRIBUTES if a[0] not in _ON_THE_ELEMENT]
EDGE_ATTRIBUTES = [a for a in RELATION_ATTRIBUTES if a[0] not in _ON_THE_ELEMENT]


def write(view: View, out: TextIO) -> None:
    spans = node_spans(view)
    out.write(x.DECLARATION)
    out.write(f'<gexf xmlns="{NAMESPACE}" version="1.3">\n')
    out.write(f"  <meta>\n    <creator>relgraph {x.text(__version__)}</creator>\n"
              "    <description>Relations between political actors; edge weight = |weight| "
              "(intensity), score = signed weight</description>\n  </meta>\n")
    out.write('  <graph mode="dynamic" timeformat="date" defaultedgetype="directed">\n')
    _declare(out, "node", NODE_ATTRIBUTES)
    _declare(out, "edge", EDGE_ATTRIBUTES)

    out.write(f'    <nodes count="{len(view.actors)}">\n')
    for actor in view.actors:
        span = spans.get(actor.id)
        when = f' start="{span[0]}" end="{span[1]}"' if span else ""
        out.write(f'      <node id="{x.attribute(actor.id)}" '
                  f'label="{x.attribute(actor.name)}"{when}>\n')
        _attvalues(out, NODE_ATTRIBUTES, actor)
        out.write("      </node>\n")
    out.write("    </nodes>\n")

    out.write(f'    <edges count="{len(view.relations)}">\n')
    for relation in view.relations:
        first, last = start(relation), end(relation)
        when = f' start="{first}" end="{last}"' if first and last else ""
        red, green, blue = rgb(colour(relation))
        out.write(f'      <edge id="{x.attribute(relation.id)}" '
                  f'source="{x.attribute(relation.source)}" '
                  f'target="{x.attribute(relation.target)}" '
                  f'label="{x.attribute(relation.type)}" kind="{x.attribute(relation.type)}" '
                  f'weight="{number(layout_weight(relation))}"{when}>\n')
        _attvalues(out, EDGE_ATTRIBUTES, relation)
        out.write(f'        <color r="{red}" g="{green}" b="{blue}"/>\n')
        out.write("      </edge>\n")
    out.write("    </edges>\n  </graph>\n</gexf>\n")


def node_spans(view: View) -> dict[str, tuple[str, str]]:
    """Actor id -> (first day, last day) covering its relations in the view. Actors with an
    undated relation or with no relation at all have no span: they are there throughout."""
    first: dict[str, str] = {}
    last: dict[str, str] = {}
    always: set[str] = set()
    for relation in view.relations:
        a, b = start(relation), end(relation)
        for actor_id in (relation.source, relation.target):
            if a is None or b is None:
                always.add(actor_id)
                continue
            first[actor_id] = min(first.get(actor_id, a), a)
            last[actor_id] = max(last.get(actor_id, b), b)
    return {actor_id: (first[actor_id], last[actor_id])
            for actor_id in first if actor_id not in always}


def _declare(out: TextIO, domain: str, attributes) -> None:
    out.write(f'    <attributes class="{domain}">\n')
    for name, kind, _ in attributes:
        out.write(f'      <attribute id="{name}" title="{name}" type="{kind}"/>\n')
    out.write("    </attributes>\n")


def _attvalues(out: TextIO, attributes, item) -> None:
    rows = []
    for name, kind, value_of in attributes:
        written = x.typed(kind, value_of(item))
        if written is not None:
            rows.append(f'          <attvalue for="{name}" value="{x.attribute(written)}"/>\n')
    if rows:
        out.write("        <attvalues>\n" + "".join(rows) + "        </attvalues>\n")
