"""Time the analyst views (trend, matrix, neighbours, balance, central) on synthetic data.

    python benchmarks/bench_views.py [N ...]            # N relations, about sqrt(N) actors
    python benchmarks/bench_views.py --actors 500 N     # N relations among 500 actors

Datasets come from bench_queries.write_dataset. Each view is timed once, after loading, as
the library computes it (no terminal output), so the numbers are the views' own cost.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_queries import write_dataset  # noqa: E402


def measure(relations: int, actors: int | None) -> dict[str, float]:
    import relgraph

    timings = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_dataset(folder, relations, actors=actors)
        start = time.perf_counter()
        graph = relgraph.load(folder)
        timings["load"] = time.perf_counter() - start
        for name, call in (
            ("trend", lambda: graph.trend("a0", "a1")),
            ("trend-month", lambda: graph.trend("a0", "a1", by="month")),
            ("matrix", lambda: graph.matrix()),
            ("neighbours-2", lambda: graph.neighbours("a0", depth=2)),
            ("balance", lambda: graph.balance()),
            ("balance-all", lambda: graph.balance(every=True)),
            ("degree", lambda: graph.central(by="degree")),
            ("betweenness", lambda: graph.central(by="betweenness")),
            ("pagerank", lambda: graph.central(by="pagerank")),
        ):
            start = time.perf_counter()
            call()
            timings[name] = time.perf_counter() - start
    return timings


def main(argv: list[str]) -> None:
    actors = None
    if argv[:1] == ["--actors"]:
        actors, argv = int(argv[1]), argv[2:]
    sizes = [int(a) for a in argv] or [1000, 10000]
    results = {n: measure(n, actors) for n in sizes}
    steps = list(results[sizes[0]])
    print(f"{'relations':>10} " + " ".join(f"{s:>12}" for s in steps))
    for n, timing in results.items():
        print(f"{n:>10} " + " ".join(f"{timing[s]:>11.3f}s" for s in steps))


if __name__ == "__main__":
    main(sys.argv[1:])
