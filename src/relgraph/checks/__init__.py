"""The checks of relgraph's data contract (docs/data-format.md), one module per seam.

`reporter` collects the problems, each reported through the reporter of its file; `fields`
reads one field of an entry; `actors`, `vocabulary` (types and sources) and `relations`
check their part of a dataset. `relgraph.dataset` runs them over the files of a folder.
"""
