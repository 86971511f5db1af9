"""Renderers of the query commands' tables: actors, types, stances, profiles, validation.

Relations (listings, timelines, paths, one relation in full) are drawn by relations.py.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from typing import TYPE_CHECKING

from . import columns, console, headed, names_of, number, renders, say, span, table

if TYPE_CHECKING:
    from ..model import Relation
    from ..query import Profile
    from ..results import ActorList, StanceList, TypeList, Validation


@renders("ActorList")
def actors(result: ActorList) -> None:
    if not result.actors:
        say(result.empty)
        return
    grid = table(None, "id", "name", "kind", "aliases")
    for actor in result.actors:
        grid.add_row(actor.id, actor.name, actor.kind, ", ".join(actor.aliases))
    console().print(grid)


@renders("TypeList")
def types(result: TypeList) -> None:
    if not result.types:
        say("No relation types in this dataset.")
        return
    counts = result.counts
    grid = table(None, "type", "polarity", "weight", "cameo", "#", "description")
    for rtype in result.types:
        grid.add_row(rtype.name, rtype.polarity, number(rtype.weight), rtype.cameo or "",
                      str(counts.get(rtype.name, 0)), rtype.description or "")
    console().print(grid)


def _relation_lines(rows: list[Relation], names: dict[str, str], indent: str,
                    with_type: bool, align: list[Relation]) -> list[str]:
    """One line per relation, `[type]  span  source -> target`, aligned over `align`."""
    type_width = max((len(r.type) for r in align), default=0)
    span_width = max((len(span(r)) for r in align), default=0)
    lines = []
    for relation in rows:
        kind = f"{relation.type:<{type_width}}  " if with_type else ""
        lines.append(f"{indent}{kind}{span(relation):<{span_width}}  {names_of(names, relation)}")
    return lines


@renders("StanceList")
def stance(result: StanceList) -> None:
    rows, polarity = result.rows, result.polarity
    if not rows:
        say(result.empty)
        return
    latest_header = "latest hostile" if polarity == "hostile" else "latest friendly"
    score = "hostility" if polarity == "hostile" else "support"
    lines = [["#", "actor", score, "hostile", "friendly", "net", latest_header]]
    for rank, row in enumerate(rows, start=1):
        latest = row.latest
        # The latest relation by when it began: its type and first date, so a row fits a line.
        began = (latest.date.text if latest.date else "undated") if latest else ""
        lines.append([str(rank), row.actor.name, number(row.strength).lstrip("+"),
                      str(row.hostile), str(row.friendly), number(row.net),
                      f"{latest.type} {began}" if latest else ""])
    out = console()
    for line in headed(columns(lines, right={0, 2, 3, 4, 5}, width=out.width, give={1, 6})):
        out.print(line, overflow="ignore", crop=False, no_wrap=True)
    if result.more:
        out.print(f"\u2026 and {result.more:,} more (--limit {len(rows)})", overflow="fold")


@renders("Profile")
def profile(result: Profile) -> None:
    names = result.names
    out = console()
    actor = result.actor
    out.print(f"{actor.name} ({actor.id}) - {actor.kind}")
    if actor.aliases:
        out.print(f"aliases: {', '.join(actor.aliases)}")
    if actor.description:
        out.print(actor.description)
    shown = result.latest["outgoing"] + result.latest["incoming"]
    for label in ("outgoing", "incoming"):
        counts = result.counts[label]
        out.print()
        if not counts:
            out.print(f"{label}: none")
            continue
        out.print(f"{label} ({sum(counts.values())}):")
        by_type: dict[str, list[Relation]] = defaultdict(list)
        for relation in result.latest[label]:
            by_type[relation.type].append(relation)
        for type_name in sorted(counts):
            out.print(f"  {type_name}")
            listed = by_type[type_name]
            for line in _relation_lines(listed, names, "    ", False, shown):
                out.print(line)
            more = counts[type_name] - len(listed)
            if more:  # the latest per_type are listed; the timeline has them all
                out.print(f"    \u2026 and {more:,} earlier: relgraph timeline {actor.id} "
                          f"--type {type_name}")
    out.print()
    if not result.counterparts:
        out.print("counterparts: none")
        return
    # Plain columns, as the stance tables: a hub has hundreds of counterparts, and a Rich
    # table of them takes longer than everything else the command does.
    out.print(f"{actor.name}'s stance towards each counterpart:")
    rows = [["counterpart", "hostile", "friendly", "net"]] + [
        [row.actor.name, str(row.hostile), str(row.friendly), number(row.net)]
        for row in result.counterparts]
    sys.stdout.write("".join(f"{line}\n" for line in headed(
        columns(rows, right={1, 2, 3}, width=out.width, give={0}))))


@renders("Validation")
def validation(result: Validation) -> None:
    """validate's report: the problems and their count, or the one line saying all is well.

    On stdout, like --json: the report is what validate was asked for.
    """
    sys.stdout.write("".join(f"{line}\n" for line in result.lines))


@renders("CacheReport")
def cache_report(result) -> None:
    size = f"{result.size / 1e6:.1f} MB" if result.size >= 100_000 else f"{result.size:,} bytes"
    stores = f"{result.stores} compiled dataset{'s' if result.stores != 1 else ''}"
    if result.cleared:
        sys.stdout.write(f"cleared {result.folder}: removed {stores} ({size})\n")
    else:
        sys.stdout.write(f"cache: {result.folder}: {stores}, {size}\n")
