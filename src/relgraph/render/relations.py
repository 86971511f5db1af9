"""Relations on screen: listings and timelines, paths, and one relation in full.

A listing shows each relation as a block that fits the terminal's width (a pipe gets Rich's 80
columns, or $COLUMNS): a row (date, actors, type, weight) in aligned columns and, indented
beneath it, the relation's id in brackets and its summary, cut with "…" after two lines unless
the whole summary is asked for. So a relation takes at most three lines, and its id is there to
copy into `relgraph relation ID`. With quotes, the quote and its source follow, whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import GAP, arrow, cells, columns, console, headed, names_of, number, renders, say, span

if TYPE_CHECKING:
    from rich.console import Console

    from ..model import Relation, Source
    from ..results import PathList, RelationCard, RelationList, Shown

INDENT = "    "
SUMMARY_LINES = 2  # under the row: the id and the summary, cut with "…" beyond this


@renders("RelationList")
def relation_list(result: RelationList) -> None:
    if not result.relations:
        say(result.empty)
        return
    out = console()
    names = result.names
    header = ["date", "relation", "type", "weight"]
    rows = [[span(r), names_of(names, r), r.type, number(r.weight)] for r in result.relations]
    head, rule, *rows = headed(columns([header, *rows], right={3}, width=out.width))
    lines = [head, rule]
    for relation, row in zip(result.relations, rows, strict=True):
        lines.append(row)
        lines.extend(details(out, relation, result.shown, INDENT))
    _print(out, lines)


@renders("PathList")
def path_list(result: PathList) -> None:
    found, names = result.paths, result.names
    out = console()
    shown = [r for path in found for hop in path.hops for r in hop.relations]
    lines = []
    for rank, path in enumerate(found, start=1):
        hops = len(path.actors) - 1
        prefix = f"{rank}. " if len(found) > 1 else ""
        lines.append(f"{prefix}{' -> '.join(names[a] for a in path.actors)}  "
                     f"({hops} hop{'s' if hops != 1 else ''})")
        for hop in path.hops:
            lines.append(f"  {names[hop.source]} - {names[hop.target]}:")
            # Columns aligned over every relation shown, so that all hops line up.
            rows = [[r.type, span(r), names_of(names, r)] for r in (*hop.relations, *shown)]
            rows = columns(rows, right=set(), width=out.width - len(INDENT))
            for relation, row in zip(hop.relations, rows[:len(hop.relations)], strict=True):
                lines.append(INDENT + row)
                lines.extend(details(out, relation, result.shown, INDENT + "  "))
    _print(out, lines)


def details(out: Console, relation: Relation, shown: Shown, indent: str) -> list[str]:
    """The lines under a relation's row: `[id] summary`, then its quote if asked for."""
    room = max(out.width - cells(indent), 20)
    text = f"[{relation.id}]" + (f" {relation.summary}" if relation.summary else "")
    lines = wrap(out, text, room)
    if not shown.full:
        lines = cut(lines, SUMMARY_LINES, room)
    if shown.quotes:
        lines += wrap(out, quotation(relation, shown.sources), room)
    return [indent + line for line in lines]


def quotation(relation: Relation, sources: dict[str, Source]) -> str:
    """The quote in quotation marks, and who published it: `“...” (Al Jazeera Net, 2023-11)`."""
    if not relation.quote:
        return "(no quote)"
    source = sources.get(relation.ref) if relation.ref else None
    said = f"\u201c{relation.quote}\u201d"
    by = ", ".join(p for p in (source.publisher or source.title or source.key, source.date)
                   if p) if source else ""
    return f"{said} ({by})" if by else said


def wrap(out: Console, text: str, width: int) -> list[str]:
    """`text` wrapped at spaces into lines of at most `width` cells (longer words are split)."""
    from rich.text import Text

    return [line.plain.rstrip() for line in Text(text).wrap(out, width)]


def cut(lines: list[str], keep: int, width: int) -> list[str]:
    """The first `keep` lines; if there were more, the last one ends in "…" at a word break."""
    if len(lines) <= keep:
        return lines
    last = lines[keep - 1]
    while last and cells(last) + 1 > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return lines[:keep - 1] + [last.rstrip(" ,;:") + "…"]


# -- one relation in full ------------------------------------------------------------------

@renders("RelationCard")
def relation_card(card: RelationCard) -> None:
    relation, reference = card.relation, card.reference
    out = console()
    way = "mutual" if relation.mutual else "one way"
    fields = [
        ("relation", relation.id),
        ("actors", f"{card.source.name} {arrow(relation)} {card.target.name} ({way})"),
        ("type", relation.type + (f": {card.type.description}" if card.type.description else "")),
        ("polarity", relation.polarity),
        ("weight", number(relation.weight)),
        ("date", span(relation)),
        ("summary", relation.summary or "none given"),
        ("quote", f"\u201c{relation.quote}\u201d" if relation.quote else "none given"),
    ]
    if reference is None:
        fields.append(("source", "none given"))
    else:
        fields += [("source", reference.title or reference.key),
                   ("publisher", reference.publisher), ("published", reference.date),
                   ("url", reference.url)]
    fields = [(label, value) for label, value in fields if value is not None]
    label_width = max(len(label) for label, value in fields)
    lines = []
    for label, value in fields:
        hang = " " * (label_width + len(GAP))
        body = wrap(out, value, max(out.width - len(hang), 20))
        lines.append(f"{label:<{label_width}}{GAP}{body[0]}")
        lines.extend(hang + line for line in body[1:])
    _print(out, lines)


def _print(out: Console, lines: list[str]) -> None:
    from rich.text import Text

    for line in lines:
        out.print(Text(line), overflow="ignore", crop=False, no_wrap=True)
