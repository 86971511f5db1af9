"""Mermaid flowchart for Markdown pages: `flowchart LR`, labelled links coloured by polarity.

Node ids are made up (n0, n1, ... in actor order), so no actor id can clash with Mermaid's
keywords (`end`, `graph`, `subgraph`...). Every label is a quoted string in which the
characters Mermaid or the browser would read as syntax are entity codes: `#quot;` for ",
`#35;` for #, `#lt;` `#gt;` `#amp;` for < > &, `#96;` for a backtick (which would start a
Markdown string), `#124;` for |; a line break becomes `<br>`.
"""

from __future__ import annotations

from typing import TextIO

from ..model import Relation
from .view import View, colour, layout_weight, one_line_safe

_ENTITIES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;",
             "`": "#96;", "|": "#124;"}


def label(value: str) -> str:
    """`value` as a quoted Mermaid label that shows it as written."""
    value = one_line_safe(value)
    value = "".join(_ENTITIES.get(char, char) for char in value)
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return f'"{value}"'


def link_text(relation: Relation) -> str:
    return f"{relation.type} {relation.when}" if relation.when else relation.type


def write(view: View, out: TextIO) -> None:
    node = {actor.id: f"n{index}" for index, actor in enumerate(view.actors)}
    out.write("flowchart LR\n")
    for actor in view.actors:
        out.write(f"  {node[actor.id]}[{label(actor.name)}]\n")
    for relation in view.relations:
        arrow = "<-->" if relation.mutual else "-->"
        out.write(f"  {node[relation.source]} {arrow}|{label(link_text(relation))}| "
                  f"{node[relation.target]}\n")
    for index, relation in enumerate(view.relations):
        hue = colour(relation)
        width = max(1, round(layout_weight(relation) / 2))  # 1px to 5px
        out.write(f"  linkStyle {index} stroke:{hue},stroke-width:{width}px,color:{hue}\n")
