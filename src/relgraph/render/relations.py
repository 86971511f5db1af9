"""Relations on screen: listings and timelines, paths, and one relation in full.

A listing shows each relation as a block that fits the terminal's width (a pipe gets Rich's 80
columns, or $COLUMNS): a row (date, actors, type, weight) in aligned columns and, indented
beneath it, the relation's id in brackets and its summary, cut with "…" after two lines unless
the whole summary is asked for. So a relation takes at most three lines, and its id is there to
copy into `relgraph relation ID`. With quotes, the quote and its source follow, whole.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from . import (
    GAP,
    arrow,
    cells,
    columns,
    console,
    fit,
    headed,
    lay_out,
    names_of,
    number,
    renders,
    say,
    span,
)

if TYPE_CHECKING:
    from rich.console import Console

    from ..model import Relation, Source
    from ..results import PathList, RelationCard, RelationList, Shown

INDENT = "    "
SUMMARY_LINES = 2  # under the row: the id and the summary, cut with "…" beyond this


SCREENFUL = 200  # relations laid out together; later ones keep the first screenful's columns


@renders("RelationList")
def relation_list(result: RelationList) -> None:
    """Rows written as they are read from the store, a screenful at a time, so that a
    listing of a hundred thousand relations takes the memory of one screenful. The columns are
    sized on the first screenful (the whole listing, when it is no longer); names and types
    longer than the room left are cut with "…"."""
    import itertools

    relations = iter(result.relations)
    batch = list(itertools.islice(relations, SCREENFUL))
    if not batch:
        say(result.empty)
        return
    out = console()
    width = out.width
    names = result.names

    def row(r: Relation) -> list[str]:
        return [span(r), names_of(names, r), r.type, number(r.weight)]

    rows = [["date", "relation", "type", "weight"], *map(row, batch)]
    widths = fit(rows, width, RELATION_GIVES)
    head, rule, *laid = headed(lay_out(rows, widths, {3}, width, RELATION_GIVES))
    write = sys.stdout.write
    write(f"{head}\n{rule}\n")
    while batch:
        lines = []
        for relation, line in zip(batch, laid, strict=True):
            lines.append(line)
            lines.extend(details(out, relation, result.shown, INDENT, width))
        write("\n".join(lines) + "\n")
        batch = list(itertools.islice(relations, SCREENFUL))
        laid = lay_out([row(r) for r in batch], widths, {3}, width, RELATION_GIVES)
    if result.more:
        write(fitted(f"\u2026 and {result.more:,} more of {result.total:,} (--limit "
                     f"{result.limit}); a larger --limit, or --since, --until and --type, "
                     "show others", width) + "\n")


RELATION_GIVES = {1, 2}  # the actors and the type narrow, cut with "…", when room is short


def fitted(text: str, width: int) -> str:
    """A sentence wrapped at spaces into lines of at most `width` cells."""
    return "\n".join(wrap(console(), text, max(width, 20)))


@renders("PathList")
def path_list(result: PathList) -> None:
    found, names = result.paths, result.names
    out = console()
    limit = result.limit

    def listed(hop) -> list[Relation]:
        return hop.relations if limit is None else hop.relations[:limit]

    shown = [r for path in found for hop in path.hops for r in listed(hop)]
    lines = []
    for rank, path in enumerate(found, start=1):
        hops = len(path.actors) - 1
        prefix = f"{rank}. " if len(found) > 1 else ""
        lines.append(fitted(f"{prefix}{' -> '.join(names[a] for a in path.actors)}  "
                            f"({hops} hop{'s' if hops != 1 else ''})", out.width))
        for hop in path.hops:
            lines.append(_cut_line(f"  {names[hop.source]} - {names[hop.target]}:", out.width))
            # Columns aligned over every relation shown, so that all hops line up.
            rows = [[r.type, span(r), names_of(names, r)] for r in (*listed(hop), *shown)]
            rows = columns(rows, right=set(), width=out.width - len(INDENT), give={0, 2})
            for relation, row in zip(listed(hop), rows[:len(listed(hop))], strict=True):
                lines.append(INDENT + row)
                lines.extend(details(out, relation, result.shown, INDENT + "  "))
            more = len(hop.relations) - len(listed(hop))
            if more:
                lines.append(INDENT + fitted(f"\u2026 and {more:,} more (--limit {limit})",
                                             out.width - len(INDENT)))
    _print(out, lines)


def _cut_line(text: str, width: int) -> str:
    from . import _cut

    return _cut(text, width)


def details(out: Console, relation: Relation, shown: Shown, indent: str,
            width: int | None = None) -> list[str]:
    """The lines under a relation's row: `[id] summary`, then its quote if asked for.

    The id is never cut or broken: one too long to share a line goes on a line of its own
    (past the width only if it is longer than the whole line)."""
    room = max((width or out.width) - cells(indent), 20)
    label = f"[{relation.id}]"
    text = label + (f" {relation.summary}" if relation.summary else "")
    if text.isascii() and len(text) <= room:
        lines = [text]  # the common case, without Rich's wrapping
    elif cells(label) > room:
        lines = [label] + (wrap(out, relation.summary, room) if relation.summary else [])
    else:
        lines = wrap(out, text, room)
        if not lines[0].startswith(label):  # the id would be broken: start it a line
            lines = [label] + wrap(out, relation.summary, room)
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
