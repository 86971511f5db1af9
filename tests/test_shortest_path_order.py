"""The store-backed shortest path finds the very path NetworkX's shortest_path finds.

docs/performance.md and paths.py promise it: the search visits each actor's neighbours in the
order NetworkX does on a graph whose nodes and edges were added in sorted order. Checked on
random graphs, directed and undirected, against NetworkX itself.
"""

from __future__ import annotations

import networkx as nx
from hypothesis import example, given, settings
from hypothesis import strategies as st

from relgraph.paths import shortest_path
from relgraph.selection import ALL

NODES = [f"n{i}" for i in range(9)]


class PairsOnly:
    """Just what shortest_path asks of a graph: each actor's neighbours, sorted by id."""

    def __init__(self, links: set[tuple[str, str]]):
        self.links = links

    def neighbours(self, actor, selection, forward=True, backward=True):
        found = set()
        if forward:
            found |= {v for u, v in self.links if u == actor}
        if backward:
            found |= {u for u, v in self.links if v == actor}
        found.discard(actor)
        return sorted(found)


@settings(max_examples=300, deadline=None)
# Two shortest paths from n5 to n0: n5-n1-n4-n0 and n5-n2-n3-n0. NetworkX grows the forward side
# on a tie: n5 reaches n1 and n2; the reverse side (now smaller) n0 reaches n3 and n4; on the
# next tie the forward side again, and n1's first neighbour n4 meets it: n5-n1-n4-n0. Growing
# the reverse side on a tie would give n5-n2-n3-n0.
@example(links={("n1", "n5"), ("n2", "n5"), ("n0", "n3"), ("n1", "n4"), ("n0", "n4"),
                ("n2", "n3")}, ends=["n5", "n0"], directed=False)
@given(links=st.sets(st.tuples(st.sampled_from(NODES), st.sampled_from(NODES)), max_size=25),
       ends=st.lists(st.sampled_from(NODES), min_size=2, max_size=2, unique=True),
       directed=st.booleans())
def test_the_path_found_is_the_one_networkx_finds(links, ends, directed):
    links = {(u, v) for u, v in links if u != v}
    a, b = ends
    reference = nx.DiGraph() if directed else nx.Graph()
    reference.add_nodes_from(sorted(NODES))
    pairs = set(links) if directed else links | {(v, u) for u, v in links}
    reference.add_edges_from(sorted(pairs))
    try:
        expected = nx.shortest_path(reference, a, b)
    except nx.NetworkXNoPath:
        expected = None
    assert shortest_path(PairsOnly(links), a, b, ALL, directed) == expected
