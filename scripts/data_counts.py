"""Keep the "Counts" section of docs/data-sources.md true to the shipped data.

    python scripts/data_counts.py          # rewrite the section from data/
    python scripts/data_counts.py --check  # exit 1 if it differs (a test does this)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "data-sources.md"
START, END = "## Counts\n", "## Checking the data\n"


def counts_section() -> str:
    import relgraph

    graph = relgraph.load(ROOT / "data")
    relations = graph.relations
    polarity = Counter(r.polarity for r in relations)
    by_type = Counter(r.type for r in relations)
    expected = by_type.get("expected-action", 0)
    lines = [
        START,
        f"{len(relations)} relations among {len(graph.actors)} actors, of {len(graph.types)} "
        f"types: {polarity['friendly']} friendly, {polarity['neutral']} neutral ({expected} of "
        f"them `expected-action`), {polarity['hostile']} hostile; "
        f"{sum(r.mutual for r in relations)} mutual; "
        f"{sum(r.until is not None for r in relations)} with a span. Counted by "
        "`scripts/data_counts.py`, which a test runs.\n",
        "### By type\n",
        "| type | polarity | weight | CAMEO | relations |\n|---|---|---:|---|---:|",
    ]
    for rtype in graph.types.values():
        weight = f"{rtype.weight:+.1f}" if rtype.weight else "0"
        lines.append(f"| {rtype.name} | {rtype.polarity} | {weight} | {rtype.cameo or '—'} | "
                     f"{by_type.get(rtype.name, 0)} |")
    lines.append(f"| **total** | | | | **{len(relations)}** |\n")
    lines += [
        "### By decade\n",
        "\"Starting\" counts each relation once, in the decade of its `date`; \"in force\" counts "
        "a relation\nin every decade its span touches (so that column adds up to more than "
        f"{len(relations)}).\n",
        "| decade | starting | in force |\n|---|---:|---:|",
    ]
    dated = [r for r in relations if r.date is not None]
    starting = Counter(r.first_day.year // 10 * 10 for r in dated)
    in_force = Counter(decade for r in dated
                       for decade in range(r.first_day.year // 10 * 10,
                                           r.last_day.year // 10 * 10 + 1, 10))
    for decade in range(min(starting), max(in_force) + 1, 10):
        lines.append(f"| {decade}s | {starting.get(decade, 0)} | {in_force.get(decade, 0)} |")
    undated = len(relations) - len(dated)
    lines.append(f"| undated | {undated} | {undated} |")
    lines.append(f"| **total** | **{len(relations)}** | |\n")
    return "\n".join(lines) + "\n"


def rewritten(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return head + counts_section() + END + tail


def main(argv: list[str]) -> int:
    text = DOC.read_text(encoding="utf-8")
    new = rewritten(text)
    if "--check" in argv:
        if new != text:
            print("docs/data-sources.md: the Counts section is out of date; "
                  "run python scripts/data_counts.py")
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
