"""Renderers of the analyst views: trend, matrix, neighbours, balance and central."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import console, names_of, number, renders, say, span, table

if TYPE_CHECKING:
    from rich.text import Text

    from ..model import Relation
    from ..views.balance import Balance
    from ..views.central import Centrality
    from ..views.matrix import Matrix
    from ..views.neighbours import Neighbourhood
    from ..views.trend import Period, Trend

STYLE = {"hostile": "red", "friendly": "green", "neutral": "bright_black"}
BAR = 10  # characters on each side of a trend bar's axis


def _signed_style(value: float) -> str:
    return "green" if value > 0 else "red" if value < 0 else ""


def _relation_rows(relations: list[Relation], names: dict[str, str], indent: str,
                   align: list[Relation]) -> list[Text]:
    """One line per relation, `weight  type  span  source -> target`, coloured by polarity and
    aligned over `align`."""
    from rich.text import Text

    widths = [max((len(cell) for cell in column), default=0) for column in zip(
        *[(number(r.weight), r.type, span(r)) for r in align], strict=True)] or [0, 0, 0]
    lines = []
    for relation in relations:
        weight, kind, when = number(relation.weight), relation.type, span(relation)
        lines.append(Text(f"{indent}{weight:>{widths[0]}}  {kind:<{widths[1]}}  "
                          f"{when:<{widths[2]}}  {names_of(names, relation)}",
                          style=STYLE[relation.polarity]))
    return lines


# -- trend --------------------------------------------------------------------------------

@renders("Trend")
def trend(result: Trend) -> None:
    """A signed bar per direction and period; periods in a row with the same relations share
    one line (`1968..1990`); each relation is listed under the period it enters."""
    from rich.text import Text

    names, a, b = result.names, result.a.name, result.b.name
    if not result.periods and not result.undated:
        say(f"No relations between {a} and {b} match.")
        return
    out = console()
    runs = _runs(result.periods)
    values = [v for p in result.periods for v in (p.a_to_b, p.b_to_a) if v is not None]
    scale = max((abs(v) for v in values), default=0) or 1
    label_width = max((len(label) for label, _ in runs), default=0)
    value_width = max((len(number(v)) for v in values), default=1)
    shown = [r for p in result.periods for r in p.relations] + result.undated
    if runs:
        out.print(f"Bars: per {result.by}, the sum of the weights of the relations each way "
                  f"(· none).\nEach relation is listed under the first {result.by} it overlaps.")
        column = value_width + 1 + 2 * BAR + 1
        head = Text(" " * label_width)
        for who in (f"{a} -> {b}", f"{b} -> {a}"):
            head.append("   " + who[:column].center(column))
        head.rstrip()
        out.print(head)
    entered: set[str] = set()
    for label, period in runs:
        line = Text(f"{label:<{label_width}}")
        for value in (period.a_to_b, period.b_to_a):
            line.append("   ")
            line.append_text(_bar(value, scale, value_width))
        line.rstrip()
        out.print(line)
        new = [r for r in period.relations if r.id not in entered]
        entered.update(r.id for r in new)
        for row in _relation_rows(new, names, "  ", shown):
            out.print(row)
    if result.undated:
        out.print(f"undated, not charted ({len(result.undated)}):")
        for row in _relation_rows(result.undated, names, "  ", shown):
            out.print(row)


def _runs(periods: list[Period]) -> list[tuple[str, Period]]:
    """Consecutive periods with the same relations (so the same values), as one labelled row."""
    runs: list[tuple[str, Period]] = []
    start = 0
    for i, period in enumerate(periods):
        last = i + 1 == len(periods)
        if last or [r.id for r in periods[i + 1].relations] != [r.id for r in period.relations]:
            first = periods[start].period
            runs.append((first if start == i else f"{first}..{period.period}", periods[start]))
            start = i + 1
    return runs


def _bar(value: float | None, scale: float, width: int) -> Text:
    """`-5 █████|` or `+3   |███`: the value and a bar left (hostile) or right (friendly)."""
    from rich.text import Text

    if value is None:
        return Text(f"{'·':>{width}} {' ' * BAR}│{' ' * BAR}")
    length = max(1, round(abs(value) / scale * BAR)) if value else 0
    style = _signed_style(value)
    bar = Text(f"{number(value):>{width}} ", style=style)
    bar.append(" " * (BAR - length) if value < 0 else " " * BAR)
    if value < 0:
        bar.append("█" * length, style=style)
    bar.append("│")
    if value > 0:
        bar.append("█" * length, style=style)
    bar.append(" " * (BAR - length) if value > 0 else " " * BAR)
    return bar


# -- matrix -------------------------------------------------------------------------------

NAME_WIDTH = 24  # the longest row label before it is cut short with "…"


@renders("Matrix")
def matrix(result: Matrix) -> None:
    from rich.text import Text

    if not result.actors:
        say("No relations match.")
        return
    out = console()
    actors = result.actors
    labels = [_cut(f"{i}. {a.name}", NAME_WIDTH) for i, a in enumerate(actors, start=1)]
    label_width = max(len(label) for label in labels)
    texts = {(c.source, c.target): number(c.net) if c.count else "·" for c in result.cells}
    width = max([len(t) for t in texts.values()] + [len(str(len(actors)))]) + 1
    out.print("Each row's stance towards each column: the sum of the weights of its relations\n"
              "to the column, mutual ones included (red hostile, green friendly, · none).")
    head = Text(" " * label_width)
    for i in range(1, len(actors) + 1):
        head.append(f"{i:>{width}}")
    out.print(head)
    for label, row in zip(labels, actors, strict=True):
        line = Text(f"{label:<{label_width}}")
        for column in actors:
            if column.id == row.id:
                line.append(f"{'-':>{width}}", style="bright_black")
                continue
            cell = result.cell(row.id, column.id)
            line.append(f"{texts[(row.id, column.id)]:>{width}}", style=_signed_style(cell.net))
        out.print(line)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


# -- neighbours ---------------------------------------------------------------------------

@renders("Neighbourhood")
def neighbours(result: Neighbourhood) -> None:
    """A tree: each actor under the one a hop nearer, labelled with the relations joining
    them, coloured by polarity."""
    from rich.text import Text
    from rich.tree import Tree

    if len(result.actors) == 1 and result.depth > 0:
        say(f"No relations of {result.actor.name} match.")
        return
    root = Tree(Text(f"{result.actor.name} ({result.actor.id})"), guide_style="bright_black")
    branches = {result.actor.id: root}
    on_tree = 0
    for neighbour in result.actors[1:]:
        here, there = neighbour.actor.id, neighbour.via
        joining = sorted((r for r in result.relations if {r.source, r.target} == {here, there}),
                         key=lambda r: r.chronological_key())
        on_tree += len(joining)
        label = Text(f"{neighbour.actor.name}")
        for i, relation in enumerate(joining):
            label.append("  " if i == 0 else ", ")
            label.append(f"{relation.type} {span(relation)}", style=STYLE[relation.polarity])
        branches[here] = branches[there].add(label)
    out = console()
    out.print(root)
    hops = "hop" if result.depth == 1 else "hops"
    out.print(f"{len(result.actors) - 1} actors within {result.depth} {hops}; "
              f"{len(result.relations)} relations among them, of which the tree shows {on_tree}.")


# -- balance ------------------------------------------------------------------------------

@renders("Balance")
def balance(result: Balance) -> None:
    names = result.names
    scope = f" containing {result.actor.name}" if result.actor else ""
    if not result.total:
        say(f"No triangles{scope}: no three actors whose three pairs all have a non-zero sum.")
        return
    out = console()
    triangles = "triangle" if result.total == 1 else "triangles"
    summary = (f"{result.balanced} of {result.total} {triangles}{scope} "
               f"{'is' if result.balanced == 1 else 'are'} balanced ({result.share:.0%}).")
    if not result.triangles:
        out.print(summary + " None is unbalanced.")
        return
    shown = [r for t in result.triangles for p in t.pairs for r in p.relations]
    pair_width = max(len(f"{names[p.a]} - {names[p.b]}") for t in result.triangles
                     for p in t.pairs)
    listed: set[tuple[str, str]] = set()
    for rank, triangle in enumerate(result.triangles, start=1):
        state = ("balanced" if triangle.balanced else "unbalanced") + ", " if result.every else ""
        out.print(f"{rank}. {', '.join(names[i] for i in triangle.actors)}  "
                  f"({state}strain {number(triangle.strain).lstrip('+')})")
        for pair in triangle.pairs:
            who = f"{names[pair.a]} - {names[pair.b]}"
            again = (pair.a, pair.b) in listed
            count = len(pair.relations)
            more = f"  ({count} relation{'s' if count != 1 else ''} above)" if again else ""
            out.print(f"  {who:<{pair_width}}  {number(pair.sum)}{more}",
                      style=_signed_style(pair.sum))
            if not again:
                listed.add((pair.a, pair.b))
                for row in _relation_rows(pair.relations, names, "    ", shown):
                    out.print(row)
    qualified = result.total if result.every else result.total - result.balanced
    if len(result.triangles) < qualified:
        kind = "triangles" if result.every else "unbalanced triangles"
        summary += f"\nListed: the {len(result.triangles)} strongest of {qualified} {kind}."
    out.print(summary)


# -- central ------------------------------------------------------------------------------

@renders("Centrality")
def central(result: Centrality) -> None:
    if not result.scores:
        say("No relations match.")
        return
    out = console()
    import textwrap

    # Wrapped here, so that no line ends in a space where the terminal would have cut it.
    out.print(textwrap.fill(f"{result.by}: {result.meaning}.", width=out.width))
    grid = table(None, "#", "actor", result.by)
    grid.columns[2].justify = "right"
    for rank, score in enumerate(result.scores, start=1):
        value = str(score.score) if result.by == "degree" else f"{score.score:.4f}"
        grid.add_row(str(rank), score.actor.name, value)
    out.print(grid)
