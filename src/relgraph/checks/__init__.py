"""The checks of relgraph's data contract (docs/data-format.md), one module per seam.

`reporter` collects the problems, each reported through the reporter of its file; `fields`
reads one field of an entry; `records` reads relations from JSON Lines and CSV files one at a
time; `actors`, `vocabulary` (types and sources) and `relations` check their part of a
dataset; `run` runs them over the files of one or more folders (`relgraph.dataset` calls it).
"""
