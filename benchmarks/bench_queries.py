"""Time loading and the main queries on synthetic datasets of growing size.

    python benchmarks/bench_queries.py [N ...]        # default: 1000 10000 100000 relations

Prints seconds per step and the ratio to the smallest size, measured side by side in one run,
so that the numbers compare on a shared, noisy machine. The baseline for the coming work on
speed (a cache, a compact store) at a million relations.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

TYPES = {"condemn": ("hostile", -2.0), "attack": ("hostile", -10.0), "aid": ("friendly", 7.4),
         "talks": ("friendly", 1.0), "observe": ("neutral", 0.0)}


def write_dataset(folder: Path, relations: int, seed: int = 7) -> None:
    """Write a random but valid dataset: sqrt-ish many actors, dated and undated relations."""
    rng = random.Random(seed)
    actors = max(10, int(relations ** 0.5))
    with open(folder / "actors.yaml", "w", encoding="utf-8") as out:
        out.write("actors:\n")
        for i in range(actors):
            out.write(f"  - {{id: a{i}, name: Actor {i}, kind: state, aliases: [A{i}x]}}\n")
    with open(folder / "relations.yaml", "w", encoding="utf-8") as out:
        out.write("types:\n")
        for name, (polarity, weight) in TYPES.items():
            out.write(f"  {name}: {{polarity: {polarity}, weight: {weight}}}\n")
        out.write("relations:\n")
        names = list(TYPES)
        for i in range(relations):
            s, t = rng.sample(range(actors), 2)
            date = f", date: {rng.randint(1967, 2023)}-{rng.randint(1, 12):02d}" \
                if rng.random() < 0.9 else ""
            mutual = ", mutual: true" if rng.random() < 0.1 else ""
            out.write(f"  - {{id: r{i}, source: a{s}, target: a{t}, "
                      f"type: {rng.choice(names)}{date}{mutual}}}\n")


def measure(relations: int) -> dict[str, float]:
    import relgraph

    timings = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_dataset(folder, relations)
        start = time.perf_counter()
        graph = relgraph.load(folder)
        timings["load"] = time.perf_counter() - start
        for name, call in (
            ("who-opposes", lambda: graph.who_opposes("a0")),
            ("timeline", lambda: graph.timeline("a0")),
            ("path", lambda: graph.path("a0", "a1")),
            ("networkx", lambda: graph.subgraph(graph.selection())),
        ):
            start = time.perf_counter()
            call()
            timings[name] = time.perf_counter() - start
    return timings


def main(sizes: list[int]) -> None:
    results = {n: measure(n) for n in sizes}
    steps = list(results[sizes[0]])
    print(f"{'relations':>10} " + " ".join(f"{s:>12}" for s in steps))
    for n, timing in results.items():
        print(f"{n:>10} " + " ".join(f"{timing[s]:>11.3f}s" for s in steps))
    base = results[sizes[0]]
    print("ratio to the smallest size:")
    for n, timing in results.items():
        print(f"{n:>10} " + " ".join(f"{timing[s] / max(base[s], 1e-9):>11.1f}x" for s in steps))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 100000])
