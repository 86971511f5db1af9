"""central: every actor of the selected relations ranked by degree, betweenness or PageRank."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..model import Actor
from .pairs import Pairs, pair_stances

if TYPE_CHECKING:
    from ..graph import Graph
    from ..selection import Selection

# What each measure means, in the words the command prints above its ranking.
MEASURES = {
    "degree": "the number of distinct actors joined to it by a relation, either way",
    "betweenness": "the share of the shortest paths between two other actors that pass through "
                   "it (NetworkX's normalised betweenness centrality of the undirected graph of "
                   "actor pairs)",
    "pagerank": "the share of its time a random walk spends at it, following relations from "
                "source to target in proportion to |weight| and jumping to any actor 15% of the "
                "time (NetworkX's PageRank, alpha 0.85)",
}


@dataclass
class Score:
    actor: Actor
    score: float

    def as_dict(self) -> dict:
        return {"actor": self.actor.id, "name": self.actor.name, "score": self.score}


@dataclass
class Centrality:
    by: str
    scores: list[Score]  # highest first, ties by name

    @property
    def meaning(self) -> str:
        return MEASURES[self.by]

    def as_dict(self) -> list:
        return [s.as_dict() for s in self.scores]


def central(graph: Graph, selection: Selection, by: str = "degree") -> Centrality:
    """Every actor at either end of a selected relation, ranked on the actor graph."""
    if by not in MEASURES:
        raise UsageError(f"by must be degree, betweenness or pagerank, not {by!r}",
                         params=("by",))
    if by == "degree":  # counted by the store: no pair becomes a Python object
        values = graph.degrees(selection)
    else:
        measure = {"betweenness": _betweenness, "pagerank": _pagerank}[by]
        values = measure(pair_stances(graph, selection))
    scores = [Score(graph.actor_by_id(i), value) for i, value in values.items()]
    scores.sort(key=lambda s: (-s.score, s.actor.name.casefold(), s.actor.id))
    return Centrality(by, scores)


def degree(pairs: Pairs) -> dict[str, int]:
    """Degree from the pairs, relation by relation (what the store's `degrees` counts)."""
    joined: dict[str, set[str]] = {}
    for a, b in pairs:
        joined.setdefault(a, set()).add(b)
        joined.setdefault(b, set()).add(a)
    return {actor: len(others) for actor, others in joined.items()}


def _betweenness(pairs: Pairs) -> dict[str, float]:
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted({end for pair in pairs for end in pair}))
    simple.add_edges_from(sorted(pairs))
    return {k: round(v, 9) for k, v in nx.betweenness_centrality(simple).items()}


def _pagerank(pairs: Pairs) -> dict[str, float]:
    """PageRank (alpha 0.85) of the directed graph whose edge A -> B weighs the sum of |weight|
    of the relations from A to B (mutual ones both ways), by NetworkX's power iteration."""
    import networkx as nx

    directed = nx.DiGraph()
    directed.add_nodes_from(sorted({end for pair in pairs for end in pair}))
    # An edge of weight 0 (neutral relations only) carries no rank: leaving it out is the same.
    directed.add_weighted_edges_from(sorted((a, b, s.intensity) for (a, b), s in pairs.items()
                                            if s.intensity > 0))
    return {k: round(v, 6) for k, v in _networkx_pagerank()(directed, alpha=0.85).items()}


def _networkx_pagerank():
    """NetworkX's pure-Python PageRank: `nx.pagerank` itself needs NumPy and SciPy, which
    relgraph does not install. The same function (private, but present from NetworkX 3.0 to
    3.6 with the same signature) is the one NetworkX tests its SciPy version against; should a
    later NetworkX drop it, `nx.pagerank` is used."""
    try:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
    except ImportError:  # pragma: no cover - a NetworkX without it
        import networkx as nx

        return nx.pagerank
    return _pagerank_python
