"""`path --max-hops N` stops its breadth-first search after N levels: the store is asked no
more (with --spark each level is a Spark job), and the answer is the one a full search gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from relgraph.api import RelGraph
from relgraph.cache import open_store
from relgraph.errors import NoPath


def write_chain(folder: Path, length: int) -> None:
    """Actors c0 .. c<length>, each joined to the next by one relation: a chain of `length`
    hops, so the only path from c0 to c<length> has `length` hops."""
    names = [f"c{n}" for n in range(length + 1)]
    (folder / "actors.yaml").write_text(
        "actors:\n" + "".join(f"  - {{id: {n}, name: Chain {n.upper()}}}\n" for n in names))
    (folder / "relations.yaml").write_text(
        "types:\n  aid: {polarity: friendly, weight: 2}\nrelations:\n"
        + "".join(f"  - {{id: r{n}, source: {a}, target: {b}, type: aid}}\n"
                  for n, (a, b) in enumerate(zip(names, names[1:], strict=False))))


@pytest.fixture
def chain(tmp_path) -> RelGraph:
    write_chain(tmp_path, 9)
    graph = RelGraph(open_store([tmp_path], use_cache=False))
    asked: list[str] = []
    neighbours = graph.neighbours

    def counted(actor, *args, **kwargs):
        asked.append(actor)
        return neighbours(actor, *args, **kwargs)

    graph.neighbours = counted
    graph.asked = asked
    return graph


def test_a_chain_longer_than_max_hops_stops_after_that_many_levels(chain):
    # Both frontiers hold one actor at each level, and the forward side goes first on a tie,
    # so the three levels allowed are c0's, c1's and c2's neighbours; then the search stops.
    with pytest.raises(NoPath, match="^no path of at most 3 hops from Chain C0 to Chain C9$"):
        chain.path("c0", "c9", max_hops=3)
    assert chain.asked == ["c0", "c1", "c2"]


def test_max_hops_long_enough_finds_the_path_a_full_search_finds(chain):
    # 9 hops: the forward side walks c0 .. c8 (9 levels, one actor each) and meets c9.
    (found,) = chain.path("c0", "c9", max_hops=9)
    assert found.actors == [f"c{n}" for n in range(10)]
    assert chain.asked == [f"c{n}" for n in range(9)]
    with pytest.raises(NoPath, match="at most 8 hops"):
        chain.path("c0", "c9", max_hops=8)
