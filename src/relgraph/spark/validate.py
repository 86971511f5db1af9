"""validate --spark: the data contract checked by Spark jobs (placeholder, widened below)."""

from __future__ import annotations

from ..results import Validation


def validation(graph) -> Validation:
    store = graph.store
    return Validation([f"ok: {len(store.actors)} actors, {len(store.types)} types, "
                       f"{store.relation_count} relations"])
