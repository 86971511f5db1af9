"""RelGraph: a dataset with the questions relgraph answers, for the CLI and for notebooks.

    >>> import relgraph
    >>> graph = relgraph.load()
    >>> [row.actor.name for row in graph.who_opposes("Israel")]
"""

from __future__ import annotations

from .graph import Graph
from .model import Relation
from .paths import Path, find_paths
from .query import Profile, StanceRow, profile, stance_rows, timeline
from .selection import ALL, Selection
from .views.balance import Balance, balance
from .views.central import Centrality, central
from .views.matrix import Matrix, matrix
from .views.neighbours import Neighbourhood, neighbourhood
from .views.trend import Trend, trend


def load(path=None, cache: bool = True, progress=None, warn=None) -> RelGraph:
    """Load the dataset folder at `path` (default: $RELGRAPH_DATA, else the shipped graph).

    The checked dataset is compiled once into a store in the cache (relgraph.cache) and read
    from there while its files are unchanged; `cache=False` compiles it in memory instead.
    `progress(bytes_done, bytes_total, relations_done)` follows a compile; `warn` receives one
    line if the cache cannot be written.
    """
    from .cache import open_store

    return RelGraph(open_store(path, use_cache=cache, progress=progress, warn=warn))


class RelGraph(Graph):
    """The actors and relations of one dataset, with the questions relgraph answers."""

    def timeline(self, actor: str, other: str | None = None,
                 selection: Selection = ALL) -> list[Relation]:
        """Relations of `actor` (with `other` only, if given), oldest first, undated last."""
        first, second = self.pair(actor, other) if other else (self.actor(actor), None)
        return timeline(self, first, second, selection)

    def who_opposes(self, actor: str, selection: Selection = ALL,
                    net: bool = False) -> list[StanceRow]:
        return stance_rows(self, self.actor(actor), "hostile", selection, net)

    def who_supports(self, actor: str, selection: Selection = ALL,
                     net: bool = False) -> list[StanceRow]:
        return stance_rows(self, self.actor(actor), "friendly", selection, net)

    def show(self, actor: str, selection: Selection = ALL, per_type: int = 10) -> Profile:
        """The actor's relations by type each way (the latest `per_type` of each listed) and
        its stance towards each counterpart."""
        return profile(self, self.actor(actor), selection, per_type)

    def path(self, a: str, b: str, selection: Selection = ALL, directed: bool = False,
             all_shortest: bool = False, k: int | None = None,
             max_hops: int | None = None) -> list[Path]:
        return find_paths(self, self.actor(a), self.actor(b), selection, directed,
                          all_shortest, k, max_hops)

    # -- analyst views (relgraph.views) ------------------------------------------------

    def trend(self, a: str, b: str, selection: Selection = ALL, by: str = "year") -> Trend:
        """The net stance of a towards b and of b towards a, year by year (or month)."""
        first, second = self.pair(a, b)
        return trend(self, first, second, selection, by)

    def matrix(self, actors: list[str] | None = None, selection: Selection = ALL) -> Matrix:
        """The stance grid among `actors`, or among the 10 with the most relations."""
        chosen = [self.actor(a) for a in actors] if actors else None
        return matrix(self, selection, chosen)

    def neighbourhood(self, actor: str, selection: Selection = ALL,
                      depth: int = 1) -> Neighbourhood:
        """The actors within `depth` hops of `actor` and the relations among them (the
        `neighbours` command; `Graph.neighbours` lists the ids of adjacent actors)."""
        return neighbourhood(self, self.actor(actor), selection, depth)

    neighborhood = neighbourhood

    def balance(self, selection: Selection = ALL, actor: str | None = None,
                every: bool = False, limit: int | None = None) -> Balance:
        """Triangles of signed actor pairs: the unbalanced ones (all with `every`; the `limit`
        strongest, if given), the share balanced; only those containing `actor`, if given."""
        return balance(self, selection, self.actor(actor) if actor else None, every, limit)

    def central(self, selection: Selection = ALL, by: str = "degree") -> Centrality:
        """Every actor of the selected relations ranked by degree, betweenness or pagerank."""
        return central(self, selection, by)
