"""DOT for Graphviz: actors as boxes, relations as labelled arrows coloured by polarity.

Every id, name and label is a double-quoted DOT string, so no actor name can be read as a
keyword (`graph`, `node`, `edge`...), an option, an entity or markup: quotes and backslashes
are escaped, `&` is written `&amp;` (Graphviz decodes HTML entities such as `&lt;` in its
strings), a line break becomes Graphviz's centred line break and a tab a space. Mutual
relations are drawn with arrowheads at both ends; the pen width grows with |weight|.
"""

from __future__ import annotations

from typing import TextIO

from ..model import Relation
from .view import View, colour, layout_weight, one_line_safe


def quote(value: str) -> str:
    """A DOT double-quoted string that shows `value` as written in a label."""
    value = one_line_safe(value)
    value = value.replace("&", "&amp;")  # Graphviz decodes HTML entities in its strings
    value = value.replace("\\", "\\\\").replace('"', '\\"')
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{value}"'


def edge_label(relation: Relation) -> str:
    return f"{relation.type}\n{relation.when}" if relation.when else relation.type


def write(view: View, out: TextIO) -> None:
    out.write("digraph relgraph {\n")
    out.write('  graph [rankdir=LR, fontname="Helvetica", bgcolor="white", pad=0.3, '
              "nodesep=0.2, ranksep=1.1];\n")
    out.write('  node [shape=box, style="rounded,filled", fillcolor="#f4f4f4", '
              'color="#555555", fontname="Helvetica"];\n')
    out.write('  edge [fontname="Helvetica", fontsize=9, arrowsize=0.7];\n')
    for actor in view.actors:
        tooltip = actor.description or actor.name
        out.write(f"  {quote(actor.id)} [label={quote(actor.name)}, tooltip={quote(tooltip)}];\n")
    for relation in view.relations:
        hue = quote(colour(relation))
        width = 1 + layout_weight(relation) / 4
        attributes = [f"id={quote(relation.id)}", f"label={quote(edge_label(relation))}",
                      f"color={hue}", f"fontcolor={hue}", f"penwidth={width:.2f}",
                      f"tooltip={quote(relation.summary or relation.type)}"]
        if relation.mutual:
            attributes.append("dir=both")
        out.write(f"  {quote(relation.source)} -> {quote(relation.target)} "
                  f"[{', '.join(attributes)}];\n")
    out.write("}\n")
