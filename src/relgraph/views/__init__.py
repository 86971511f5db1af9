"""Analyst views: a stance over time (trend), the stance grid (matrix), an actor's
neighbourhood, unbalanced triangles (balance) and who is central (central).

Each module holds its result dataclasses and one pure function over a `Graph` and a
`Selection`. The views that aggregate stances between actor pairs read them from
`pairs.pair_stances`, the one place a store can answer with a query of its own.
"""
