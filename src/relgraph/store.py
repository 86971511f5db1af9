"""The compiled store: a checked dataset in one SQLite file, read by index instead of parsed.

`StoreWriter` takes a dataset as the checker produces it (actors, types and sources, then the
relations one at a time, so a million of them never sit in memory) and writes the tables;
`Store` reads them back: one actor's relations by index, a selection by date and type, the
pairs of adjacent actors for paths. SQLite comes with Python, answers an indexed question in
microseconds and costs 5 ms to import; docs/performance.md says why it was chosen.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from .dates import PartialDate, parse_date
from .errors import StoreDamaged
from .model import Actor, Relation, RelationType, Source
from .selection import Selection

# Bump when the tables change: a store of another format is rebuilt, never misread.
STORE_FORMAT = "4"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE actors (n INTEGER PRIMARY KEY, ord INTEGER, id TEXT, name TEXT, kind TEXT,
                     aliases TEXT, codes TEXT, description TEXT);
CREATE TABLE types (n INTEGER PRIMARY KEY, ord INTEGER, name TEXT, polarity TEXT, weight REAL,
                    description TEXT, cameo TEXT);
CREATE TABLE sources (n INTEGER PRIMARY KEY, ord INTEGER, key TEXT, title TEXT,
                      publisher TEXT, date TEXT, url TEXT);
CREATE TABLE relations (n INTEGER PRIMARY KEY, id TEXT, source INTEGER, target INTEGER,
                        type INTEGER, polarity TEXT, weight REAL, date TEXT, until TEXT,
                        first INTEGER, last INTEGER, mutual INTEGER, summary TEXT, quote TEXT,
                        ref INTEGER);
"""
# Built after the rows are in: one sort per index instead of a b-tree update per row. The
# indexes by actor and by first day hold every column the aggregates read (not the texts), so
# that summing a hub's hundred thousand relations reads a few hundred index pages instead of a
# table page for each relation. By source, they are in order of time within each type (first
# day, last day, row number, named so that it comes before the other columns), so that show's
# latest relations of each type are the first few entries read and an actor's timeline merges
# ranges already in order; by target, in order of source, so that a pair is one seek;
# `relations_recent_by_target` gives the target side the order of time too (SQLite ends every
# index with the row number).
_INDEXES = """
CREATE INDEX relations_by_source ON relations
    (source, mutual, type, first, last, n, target, polarity, weight);
CREATE INDEX relations_by_target ON relations
    (target, source, mutual, type, polarity, weight, first, last);
CREATE INDEX relations_recent_by_target ON relations (target, mutual, type, first, last);
CREATE INDEX relations_by_first ON relations
    (first, last, source, target, mutual, type, polarity, weight);
CREATE INDEX relations_by_id ON relations (id);
CREATE TABLE links (u INTEGER, v INTEGER, PRIMARY KEY (u, v)) WITHOUT ROWID;
INSERT OR IGNORE INTO links SELECT source, target FROM relations;
INSERT OR IGNORE INTO links SELECT target, source FROM relations WHERE mutual;
CREATE INDEX links_by_v ON links (v, u);
CREATE TABLE stances AS """ + "{stances}" + """;
CREATE INDEX stances_by_u ON stances (u, v);
CREATE INDEX stances_by_v ON stances (v, u);
CREATE TABLE actor_totals AS
SELECT a AS n, SUM(stored) AS relations, COUNT(DISTINCT b) AS degree
FROM (SELECT u AS a, v AS b, stored FROM stances UNION ALL SELECT v, u, stored FROM stances)
GROUP BY a;
"""
# The stance of each actor towards each other, for the views: the relations from u to v plus
# the mutual ones between them, summed (net, |weight|, hostile, friendly, the mutual part of
# net, how many are written u -> v, how many in all).
_STANCES = """
SELECT u, v, SUM(w) AS net, SUM(ABS(w)) AS intensity, SUM(p = 'hostile') AS hostile,
       SUM(p = 'friendly') AS friendly, SUM(CASE WHEN m THEN w ELSE 0 END) AS mutual,
       SUM(stored) AS stored, COUNT(*) AS count{more}
FROM (SELECT source AS u, target AS v, weight AS w, polarity AS p, mutual AS m, 1 AS stored{each}
      FROM relations WHERE 1{where}
      UNION ALL
      SELECT target, source, weight, polarity, mutual, 0{each} FROM relations WHERE mutual{where})
GROUP BY u, v
"""
_PAIR_COLUMNS = "u, v, net, intensity, hostile, friendly, mutual, stored, count"
# The stored table adds what who-opposes, who-supports and show read of a whole dataset: the
# hostile and friendly parts of |weight|, and the row number of the latest hostile and the latest
# friendly relation (as `_NEWEST` orders them: the largest of a key that sorts as it does, dated
# after undated, then by first day, last day and row number).
_LATEST_KEY = "(first IS NOT NULL) || printf('%08d%08d%012d', first, last, n)"
_STORED_STANCES = _STANCES.format(where="", each=", n, first, last", more="".join(
    f""",
       SUM(CASE WHEN p = '{polarity}' THEN ABS(w) ELSE 0 END) AS {name},
       CAST(substr(MAX(CASE WHEN p = '{polarity}' THEN {_LATEST_KEY} END), -12) AS INTEGER)
           AS latest_{polarity}""" for polarity, name in (("hostile", "hostility"),
                                                           ("friendly", "warmth"))))
_COLUMNS = ("n, id, source, target, type, polarity, weight, date, until, mutual, summary, "
            "quote, ref")
# What a listing is put in order by, all in the indexes; then the relation's columns, read from
# the table (`r`) in that order.
_KEYS = "n, first, last"
_JOINED = ", ".join(f"r.{c}" for c in _COLUMNS.split(", "))
_BATCH = 20_000
# Latest first, as StanceRow.latest chooses: dated ones by first day, last day and file order,
# then undated ones by file order.
_NEWEST = "first IS NULL, first DESC, last DESC, n DESC"


class StoreWriter:
    """Writes a checked dataset into an empty SQLite database, relations as they come."""

    def __init__(self, connection: sqlite3.Connection):
        self.db = connection
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                              "PRAGMA cache_size=-65536; PRAGMA locking_mode=EXCLUSIVE;" + _SCHEMA)
        self._actor_n: dict[str, int] = {}
        self._type_n: dict[str, int] = {}
        self._source_n: dict[str, int] = {}
        self._batch: list[tuple] = []
        self.relations = 0

    def add(self, relation: Relation) -> None:
        """Take one checked relation (in file order). Called a million times: kept lean."""
        self.relations += 1
        actor_n = self._actor_n
        source = actor_n.get(relation.source) or _number(actor_n, relation.source)
        target = actor_n.get(relation.target) or _number(actor_n, relation.target)
        type_n = self._type_n.get(relation.type) or _number(self._type_n, relation.type)
        ref = relation.ref
        if ref is not None:
            ref = self._source_n.get(ref) or _number(self._source_n, ref)
        date, until = relation.date, relation.until
        if date is None:
            date_text = until_text = first = last = None
        else:
            date_text, first = date.text, date.first.toordinal()
            if until is None:
                until_text, last = None, date.last.toordinal()
            else:
                until_text, last = until.text, until.last.toordinal()
        self._batch.append((
            self.relations, relation.id, source, target, type_n, relation.polarity,
            relation.weight, date_text, until_text, first, last, 1 if relation.mutual else 0,
            relation.summary, relation.quote, ref))
        if len(self._batch) >= _BATCH:
            self._flush()

    def add_columns(self, columns: dict[str, list]) -> None:
        """Take checked relations as columns (checks/columns.py: a Parquet batch), in file
        order: the same rows `add` writes, without a Relation object for each."""
        actor_n, type_n, source_n = self._actor_n, self._type_n, self._source_n
        count = len(columns["id"])
        first = self.relations + 1
        self.relations += count
        self._flush()
        self.db.executemany(
            "INSERT INTO relations (n, id, source, target, type, polarity, weight, date, "
            "until, first, last, mutual, summary, quote, ref) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", zip(
                range(first, first + count), columns["id"],
                [actor_n.get(a) or _number(actor_n, a) for a in columns["source"]],
                [actor_n.get(a) or _number(actor_n, a) for a in columns["target"]],
                [type_n.get(t) or _number(type_n, t) for t in columns["type"]],
                columns["polarity"], columns["weight"],
                [d.text if d is not None else None for d in columns["date"]],
                [d.text if d is not None else None for d in columns["until"]],
                columns["first"], columns["last"], [1 if m else 0 for m in columns["mutual"]],
                columns["summary"], columns["quote"],
                [None if r is None else source_n.get(r) or _number(source_n, r)
                 for r in columns["ref"]], strict=True))

    def finish(self, actors: list[Actor], types: dict[str, RelationType],
               sources: dict[str, Source], meta: dict[str, str]) -> None:
        """Write the small tables and the indexes, and commit."""
        self._flush()
        self.db.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
            (_number(self._actor_n, a.id), ord_, a.id, a.name, a.kind, json.dumps(a.aliases),
             json.dumps(a.codes), a.description) for ord_, a in enumerate(actors)])
        self.db.executemany("INSERT INTO types VALUES (?, ?, ?, ?, ?, ?, ?)", [
            (_number(self._type_n, t.name), ord_, t.name, t.polarity, t.weight, t.description,
             t.cameo) for ord_, t in enumerate(types.values())])
        self.db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)", [
            (_number(self._source_n, s.key), ord_, s.key, s.title, s.publisher, s.date, s.url)
            for ord_, s in enumerate(sources.values())])
        self.db.executescript(_INDEXES.format(stances=_STORED_STANCES))
        self.db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        self.db.commit()

    def _flush(self) -> None:
        if self._batch:
            self.db.executemany(
                "INSERT INTO relations (n, id, source, target, type, polarity, weight, date, "
                "until, first, last, mutual, summary, quote, ref) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self._batch)
            self._batch = []


def _newest_first(key: tuple) -> tuple:
    """Sorts (first, last, n) as `_NEWEST` does: dated ones latest first, then undated ones."""
    first, last, n = key
    return (1, 0, 0, -n) if first is None else (0, -first, -last, -n)


def _number(numbers: dict[str, int], key: str) -> int:
    """The row number of `key`, given on first sight (relations arrive before their actors)."""
    found = numbers.get(key)
    if found is None:
        found = numbers[key] = len(numbers) + 1
    return found


@lru_cache(maxsize=65536)
def cached_date(text: str | None) -> PartialDate | None:
    """A date text as its PartialDate (None for None), remembered: the relations read back
    from a store, checked Arrow columns or Spark carry the same few thousand dates."""
    return parse_date(text) if text is not None else None


def _guarded(method):
    """A damaged store file (found only when a query reaches the bad page) is removed and
    reported as StoreDamaged, never as SQLite's own error."""

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise self.damaged(exc) from None

    return run


class Store:
    """Read side of a compiled store: small tables in memory, relations on demand.

    `path` is the store's file in the cache (None for a store in memory or not kept).
    """

    def __init__(self, connection: sqlite3.Connection, path: Path | None = None):
        self.db = connection
        self.path = path
        self.meta = dict(self.db.execute("SELECT key, value FROM meta"))
        rows = self.db.execute("SELECT n, id, name, kind, aliases, codes, description "
                               "FROM actors ORDER BY ord").fetchall()
        self.actors = [Actor(i, name, kind, tuple(json.loads(aliases)), description,
                             tuple(json.loads(codes)))
                       for _, i, name, kind, aliases, codes, description in rows]
        self._actor_id = {n: actor.id for (n, *_), actor in zip(rows, self.actors, strict=True)}
        self._actor_n = {actor_id: n for n, actor_id in self._actor_id.items()}
        self.types: dict[str, RelationType] = {}
        self._type_name: dict[int, str] = {}
        for n, name, polarity, weight, description, cameo in self.db.execute(
                "SELECT n, name, polarity, weight, description, cameo FROM types ORDER BY ord"):
            self.types[name] = RelationType(name, polarity, weight, description, cameo)
            self._type_name[n] = name
        self.sources: dict[str, Source] = {}
        self._source_key: dict[int, str] = {}
        for n, key, title, publisher, date, url in self.db.execute(
                "SELECT n, key, title, publisher, date, url FROM sources ORDER BY ord"):
            self.sources[key] = Source(key, title, publisher, date, url)
            self._source_key[n] = key

    def close(self) -> None:
        self.db.close()

    @property
    def relation_count(self) -> int:
        return int(self.meta.get("relations", "0"))

    # -- relations -------------------------------------------------------------------------

    @_guarded
    def touching(self, actor_id: str, selection: Selection) -> list[Relation]:
        """The selected relations with `actor_id` at either end, in file order."""
        n = self._actor_n.get(actor_id)
        if n is None:
            return []
        where, params = self._where(selection)
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM relations WHERE source = ?{where} UNION ALL "
            f"SELECT {_COLUMNS} FROM relations WHERE target = ? AND source <> ?{where} "
            "ORDER BY n", [n, *params, n, n, *params])
        return self._relations(rows)

    @_guarded
    def towards(self, actor_id: str, selection: Selection, incoming: bool) -> list[Relation]:
        """Relations that run towards `actor_id` (incoming) or from it, mutual ones included."""
        n = self._actor_n.get(actor_id)
        if n is None:
            return []
        near, far = ("target", "source") if incoming else ("source", "target")
        where, params = self._where(selection)
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM relations WHERE {near} = ?{where} UNION ALL "
            f"SELECT {_COLUMNS} FROM relations WHERE {far} = ? AND mutual AND {near} <> ?"
            f"{where} ORDER BY n", [n, *params, n, n, *params])
        return self._relations(rows)

    @_guarded
    def between(self, a: str, b: str, selection: Selection) -> list[Relation]:
        """The selected relations joining actors a and b, either way, in file order."""
        na, nb = self._actor_n.get(a), self._actor_n.get(b)
        if na is None or nb is None:
            return []
        where, params = self._where(selection)
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM relations WHERE source = ? AND target = ?{where} UNION ALL "
            f"SELECT {_COLUMNS} FROM relations WHERE source = ? AND target = ?{where} "
            "ORDER BY n", [na, nb, *params, nb, na, *params])
        return self._relations(rows)

    def select(self, selection: Selection) -> Iterator[Relation]:
        """Every selected relation, in file order, read in batches."""
        where, params = self._where(selection)
        try:
            cursor = self.db.execute(
                f"SELECT {_COLUMNS} FROM relations WHERE 1{where} ORDER BY n", params)
            while True:
                rows = cursor.fetchmany(10_000)
                if not rows:
                    return
                yield from self._relations(rows)
        except sqlite3.DatabaseError as exc:
            raise self.damaged(exc) from None

    def damaged(self, exc: Exception) -> StoreDamaged:
        """Remove a store that failed a query, so that the next call builds it anew."""
        if self.path is not None:
            try:
                self.path.unlink(missing_ok=True)
            except OSError:
                pass
        return StoreDamaged(f"the compiled store {str(self.path or 'in memory')!r} is "
                            f"damaged ({exc}); it was removed: run the command again")

    @_guarded
    def relation(self, relation_id: str) -> Relation | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM relations WHERE id = ?",
                              [relation_id]).fetchone()
        return self._relations([row])[0] if row else None

    @_guarded
    def relation_ids(self, prefix: str = "", limit: int = 1000) -> list[str]:
        """Relation ids starting with `prefix` (for suggestions and completion)."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return [i for (i,) in self.db.execute(
            "SELECT id FROM relations WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",
            [escaped + "%", limit])]

    @_guarded
    def neighbours(self, actor_id: str, selection: Selection, forward: bool = True,
                   backward: bool = True) -> list[str]:
        """Ids of the actors a selected relation joins to `actor_id`, sorted by id.

        forward: relations from the actor (and mutual ones to it); backward: relations to it
        (and mutual ones from it).
        """
        n = self._actor_n.get(actor_id)
        if n is None:
            return []
        found: set[int] = set()
        if selection.is_all:
            if forward:
                found.update(v for (v,) in self.db.execute("SELECT v FROM links WHERE u = ?",
                                                           [n]))
            if backward:
                found.update(u for (u,) in self.db.execute("SELECT u FROM links WHERE v = ?",
                                                           [n]))
        else:
            where, params = self._where(selection)
            if forward:
                found.update(t for (t,) in self.db.execute(
                    f"SELECT target FROM relations WHERE source = ?{where}", [n, *params]))
                found.update(s for (s,) in self.db.execute(
                    f"SELECT source FROM relations WHERE target = ? AND mutual{where}",
                    [n, *params]))
            if backward:
                found.update(s for (s,) in self.db.execute(
                    f"SELECT source FROM relations WHERE target = ?{where}", [n, *params]))
                found.update(t for (t,) in self.db.execute(
                    f"SELECT target FROM relations WHERE source = ? AND mutual{where}",
                    [n, *params]))
        found.discard(n)
        return sorted(self._actor_id[m] for m in found)

    @_guarded
    def links(self, selection: Selection) -> Iterable[tuple[str, str]]:
        """Each ordered pair (u, v) that a selected relation runs along (mutual: both ways)."""
        ids = self._actor_id
        if selection.is_all:
            rows = self.db.execute("SELECT u, v FROM links")
        else:
            where, params = self._where(selection)
            rows = self.db.execute(
                f"SELECT source, target FROM relations WHERE 1{where} UNION "
                f"SELECT target, source FROM relations WHERE mutual{where}", params + params)
        return [(ids[u], ids[v]) for u, v in rows]

    @_guarded
    def pair_stances(self, selection: Selection, among: list[str] | None = None) -> list[tuple]:
        """(u, v, net, intensity, hostile, friendly, mutual part, stored, count) for each ordered
        pair of actors joined by a selected relation: the stance of u towards v. `among`: only
        the pairs of those actors."""
        ids = self._actor_id
        where, params = self._where(selection)
        if among is not None:
            ns = sorted(self._actor_n[i] for i in set(among) if i in self._actor_n)
            marks = ", ".join("?" * len(ns)) or "NULL"
            inside = f" AND source IN ({marks}) AND target IN ({marks})"
            where, params = where + inside, params + ns + ns
        if selection.is_all and among is None:
            rows = self.db.execute(f"SELECT {_PAIR_COLUMNS} FROM stances")
        else:
            rows = self.db.execute(_STANCES.format(where=where, each="", more=""),
                                   params + params)
        return [(ids[u], ids[v], *rest) for u, v, *rest in rows]

    # -- listings, streamed ----------------------------------------------------------------

    def stream(self, selection: Selection, actor: str | None = None,
               pair: tuple[str, str] | None = None, chronological: bool = False,
               limit: int | None = None, newest: bool = False) -> Iterator[Relation]:
        """The selected relations (touching `actor`, joining `pair`, or both) in file order or
        chronological, read in batches: a hub's hundred thousand never sit in memory at once.
        `limit` keeps the first `limit`, or with `newest` the last `limit` (still in order)."""
        try:
            keys = self._keys(selection, actor, pair, chronological, limit, newest)
            while True:
                batch = list(itertools.islice(keys, 2_000))
                if not batch:
                    return
                rows = {row[0]: row for row in self.db.execute(
                    f"SELECT {_COLUMNS} FROM relations WHERE n IN "
                    f"({', '.join('?' * len(batch))})", batch)}
                yield from self._relations([rows[n] for n in batch])
        except sqlite3.DatabaseError as exc:
            raise self.damaged(exc) from None

    def _keys(self, selection: Selection, actor: str | None, pair: tuple[str, str] | None,
              chronological: bool, limit: int | None, newest: bool) -> Iterator[int]:
        """The row numbers `stream` reads, in its order."""
        if actor is not None and pair is None and chronological and not (
                limit is not None and newest):
            keys = self._chronological_keys(selection, actor)
            return keys if limit is None else itertools.islice(keys, limit)
        query, params = self._listing(selection, actor, pair, columns=_KEYS)
        if query is None:
            return iter(())
        # The relations are put in order by the index's columns alone, then read whole one
        # by one in that order: the first rows come before the last is read.
        order = "first IS NULL, first, last, n" if chronological else "n"
        if limit is not None and newest:
            backwards = ("first IS NULL DESC, first DESC, last DESC, n DESC"
                         if chronological else "n DESC")
            query = (f"SELECT n FROM (SELECT * FROM ({query}) ORDER BY {backwards} "
                     f"LIMIT {int(limit)}) ORDER BY {order}")
        else:
            query = f"SELECT n FROM ({query}) ORDER BY {order}"
            if limit is not None:
                query += f" LIMIT {int(limit)}"
        return (n for (n,) in self.db.execute(query, params))

    def _chronological_keys(self, selection: Selection, actor: str) -> Iterator[int]:
        """The row numbers of the selected relations touching `actor`, chronological (dated
        ones by first day, last day, row number, then undated ones by row number), merged from
        the index ranges that already hold them in that order (by side, mutual and type): the
        first comes at once, where sorting a hub's million keys would take a second."""
        n = self._actor_n.get(actor)
        if n is None:
            return
        where, params = self._where(selection)
        kinds = [k for k, name in self._type_name.items()
                 if selection.types is None or name in selection.types]
        parts = [("first IS NOT NULL", "first, last, n")]
        if selection.window.is_open:
            parts.append(("first IS NULL", "last, n"))
        for condition, order in parts:
            ranges = [self.db.execute(
                f"SELECT first, last, n FROM relations WHERE {column} = ? AND mutual = ? AND "
                f"type = ? AND {condition}{where} ORDER BY {order}", [n, mutual, kind, *params])
                for column in ("source", "target") for mutual in (0, 1) for kind in kinds]
            for _, _, number in heapq.merge(*ranges):
                yield number

    @_guarded
    def count(self, selection: Selection, actor: str | None = None,
              pair: tuple[str, str] | None = None) -> int:
        """How many relations `stream` yields for the same arguments, without a limit."""
        query, params = self._listing(selection, actor, pair, columns="n")
        if query is None:
            return 0
        return self.db.execute(f"SELECT COUNT(*) FROM ({query})", params).fetchone()[0]

    def _listing(self, selection: Selection, actor: str | None, pair: tuple[str, str] | None,
                 columns: str) -> tuple[str | None, list]:
        """The SELECT (without ORDER BY) of a listing and its parameters; None: no such actor."""
        where, params = self._where(selection)
        if pair is not None:
            na, nb = self._actor_n.get(pair[0]), self._actor_n.get(pair[1])
            if na is None or nb is None or (actor is not None and actor not in pair):
                return None, []
            return (f"SELECT {columns} FROM relations WHERE source = ? AND target = ?{where} "
                    f"UNION ALL SELECT {columns} FROM relations WHERE source = ? AND target = ?"
                    f"{where}", [na, nb, *params, nb, na, *params])
        if actor is not None:
            n = self._actor_n.get(actor)
            if n is None:
                return None, []
            return (f"SELECT {columns} FROM relations WHERE source = ?{where} UNION ALL "
                    f"SELECT {columns} FROM relations WHERE target = ? AND source <> ?{where}",
                    [n, *params, n, n, *params])
        return f"SELECT {columns} FROM relations WHERE 1{where}", params

    # -- aggregates, summed where the data is ------------------------------------------------

    def _stance_union(self, actor_id: str, selection: Selection, incoming: bool,
                      columns: str) -> tuple[str | None, list]:
        """The relations that make stances with `actor_id` (as `towards` reads them), each
        with `other`, the actor at the far end, and `columns`."""
        n = self._actor_n.get(actor_id)
        if n is None:
            return None, []
        near, far = ("target", "source") if incoming else ("source", "target")
        where, params = self._where(selection)
        return (f"SELECT {far} AS other, {columns} FROM relations WHERE {near} = ?{where} "
                f"UNION ALL SELECT {near} AS other, {columns} FROM relations "
                f"WHERE {far} = ? AND mutual AND {near} <> ?{where}",
                [n, *params, n, n, *params])

    @_guarded
    def stance_sums(self, actor_id: str, selection: Selection, incoming: bool) -> list[tuple]:
        """(other, hostile, friendly, net, hostility, warmth) for each actor with relations
        towards `actor_id` (incoming) or from it, mutual ones both ways."""
        ids = self._actor_id
        if selection.is_all:  # summed when the store was built
            near, far = ("v", "u") if incoming else ("u", "v")
            rows = self.db.execute(
                f"SELECT {far}, hostile, friendly, net, hostility, warmth FROM stances "
                f"WHERE {near} = ?", [self._actor_n.get(actor_id)])
            return [(ids[other], *rest) for other, *rest in rows]
        union, params = self._stance_union(actor_id, selection, incoming, "polarity, weight")
        if union is None:
            return []
        rows = self.db.execute(
            "SELECT other, SUM(polarity = 'hostile'), SUM(polarity = 'friendly'), SUM(weight), "
            "SUM(CASE WHEN polarity = 'hostile' THEN ABS(weight) ELSE 0 END), "
            "SUM(CASE WHEN polarity = 'friendly' THEN ABS(weight) ELSE 0 END) "
            f"FROM ({union}) GROUP BY other", params)
        return [(ids[other], *rest) for other, *rest in rows]

    @_guarded
    def latest(self, actor_id: str, selection: Selection, incoming: bool,
               polarity: str) -> dict[str, Relation]:
        """For each other actor, the latest of its `polarity` relations that `stance_sums`
        counts: the latest dated one (by first day, last day, file order), else the last
        undated one."""
        if selection.is_all and polarity in ("hostile", "friendly"):  # found at build time
            near, far = ("v", "u") if incoming else ("u", "v")
            rows = self.db.execute(
                f"SELECT s.{far}, {_JOINED} FROM stances AS s CROSS JOIN relations AS r "
                f"ON r.n = s.latest_{polarity} WHERE s.{near} = ?",
                [self._actor_n.get(actor_id)]).fetchall()
        else:
            union, params = self._stance_union(actor_id, selection, incoming,
                                               "n, polarity, first, last")
            if union is None:
                return {}
            rows = self.db.execute(
                f"SELECT k.other, {_JOINED} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY "
                f"other ORDER BY {_NEWEST}) AS place FROM ({union}) WHERE polarity = ?) AS k "
                "CROSS JOIN relations AS r ON r.n = k.n WHERE k.place = 1",
                [*params, polarity]).fetchall()
        relations = self._relations([row[1:] for row in rows])
        return {self._actor_id[row[0]]: relation
                for row, relation in zip(rows, relations, strict=True)}

    def _sides(self, actor_id: str, outgoing: bool) -> list[tuple[str, int, int]]:
        """The index ranges that hold the relations out of the actor (or into it), mutual ones
        in both: (column, actor number, mutual), each read in recency order within a type."""
        n = self._actor_n.get(actor_id)
        if n is None:
            return []
        near, far = ("source", "target") if outgoing else ("target", "source")
        return [(near, n, 0), (near, n, 1), (far, n, 1)]

    @_guarded
    def type_counts(self, actor_id: str, selection: Selection) -> dict[str, dict[str, int]]:
        """{"outgoing": {type: n}, "incoming": {type: n}}: the actor's relations by type, a
        mutual one in both."""
        found: dict[str, dict[str, int]] = {"outgoing": {}, "incoming": {}}
        where, params = self._where(selection)
        for way in found:
            counts = found[way]
            for column, n, mutual in self._sides(actor_id, way == "outgoing"):
                for kind, count in self.db.execute(
                        f"SELECT type, COUNT(*) FROM relations WHERE {column} = ? AND "
                        f"mutual = ?{where} GROUP BY type", [n, mutual, *params]):
                    name = self._type_name[kind]
                    counts[name] = counts.get(name, 0) + count
        return found

    @_guarded
    def newest_by_type(self, actor_id: str, selection: Selection, outgoing: bool,
                       per_type: int) -> list[Relation]:
        """The `per_type` latest relations of each type out of the actor (or into it), mutual
        ones in both, latest as `latest` means it; returned chronologically."""
        where, params = self._where(selection)
        kinds = [n for n, name in self._type_name.items()
                 if selection.types is None or name in selection.types]
        # Each index range is in recency order within a type: its first `per_type` entries,
        # dated ones then undated ones, are the only candidates.
        candidates: dict[int, list[tuple]] = {}
        for column, n, mutual in self._sides(actor_id, outgoing):
            for kind in kinds:
                keys = [n, mutual, kind, *params]
                found = self.db.execute(
                    f"SELECT first, last, n FROM relations WHERE {column} = ? AND mutual = ? "
                    f"AND type = ? AND first IS NOT NULL{where} "
                    f"ORDER BY first DESC, last DESC, n DESC LIMIT {int(per_type)}",
                    keys).fetchall()
                if len(found) < per_type and selection.window.is_open:
                    found += self.db.execute(
                        f"SELECT first, last, n FROM relations WHERE {column} = ? AND "
                        f"mutual = ? AND type = ? AND first IS NULL{where} "
                        f"ORDER BY last DESC, n DESC LIMIT {int(per_type - len(found))}",
                        keys).fetchall()
                candidates.setdefault(kind, []).extend(found)
        chosen = [n for found in candidates.values()
                  for _, _, n in sorted(found, key=_newest_first)[:per_type]]
        if not chosen:
            return []
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM relations WHERE n IN "
                               f"({', '.join('?' * len(chosen))})", chosen)
        return sorted(self._relations(rows), key=Relation.chronological_key)

    @_guarded
    def actor_counts(self, selection: Selection) -> dict[str, int]:
        """How many selected relations each actor has at either end."""
        ids = self._actor_id
        if selection.is_all:
            rows = self.db.execute("SELECT n, relations FROM actor_totals WHERE relations")
        else:
            where, params = self._where(selection)
            rows = self.db.execute(
                f"SELECT a, COUNT(*) FROM (SELECT source AS a FROM relations WHERE 1{where} "
                f"UNION ALL SELECT target FROM relations WHERE 1{where}) GROUP BY a",
                params + params)
        return {ids[n]: count for n, count in rows}

    @_guarded
    def degrees(self, selection: Selection) -> dict[str, int]:
        """How many distinct actors a selected relation joins to each actor."""
        ids = self._actor_id
        if selection.is_all:
            rows = self.db.execute("SELECT n, degree FROM actor_totals")
        else:
            where, params = self._where(selection)
            rows = self.db.execute(
                f"SELECT a, COUNT(DISTINCT b) FROM (SELECT source AS a, target AS b FROM "
                f"relations WHERE 1{where} UNION ALL SELECT target, source FROM relations "
                f"WHERE 1{where}) GROUP BY a", params + params)
        return {ids[n]: count for n, count in rows}

    def _where(self, selection: Selection) -> tuple[str, list]:
        """SQL conditions (each starting with AND) and their parameters for a selection."""
        clauses: list[str] = []
        params: list = []
        window = selection.window
        if not window.is_open:
            clauses.append("first IS NOT NULL")
            if window.since is not None:
                clauses.append("last >= ?")
                params.append(window.since.first.toordinal())
            if window.until is not None:
                clauses.append("first <= ?")
                params.append(window.until.last.toordinal())
        if selection.types is not None:
            wanted = {n for n, name in self._type_name.items() if name in selection.types}
            clauses.append(f"type IN ({', '.join('?' * len(wanted))})" if wanted else "0")
            params.extend(sorted(wanted))
        return "".join(f" AND {c}" for c in clauses), params

    def _relations(self, rows) -> list[Relation]:
        actor, rtype, source = self._actor_id, self._type_name, self._source_key
        return [Relation(i, actor[s], actor[t], rtype[ty], polarity, weight, cached_date(date),
                         cached_date(until), bool(mutual), summary, quote,
                         source[ref] if ref is not None else None, n)
                for (n, i, s, t, ty, polarity, weight, date, until, mutual, summary, quote,
                     ref, *_) in rows]
