"""relgraph: a knowledge graph of relations between political actors.

    >>> import relgraph
    >>> graph = relgraph.load()            # the shipped graph, or load("path/to/folder")
    >>> [row.actor.name for row in graph.who_opposes("Israel")]
    >>> graph.nx                           # the NetworkX MultiDiGraph
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["load", "__version__"]


def load(path=None):
    """Load a dataset folder (default: $RELGRAPH_DATA, else the shipped graph) as a RelGraph."""
    from .api import load as _load

    return _load(path)
