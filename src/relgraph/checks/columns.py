"""Check relations from Parquet a record batch at a time, column by column.

The lean path of relations.py takes one relation at a time; here a whole batch of rows is
checked with Arrow's compute functions, each distinct name and date looked up once, and the
relations handed on as columns (`on_columns`, the store writer's bulk insert) rather than as
objects. A batch with anything that is not plainly right (a null id, an unknown actor, a
weight against its polarity, spaces around a value, a row in the wrong partition...) goes row
by row through the usual paths instead, which say what is wrong with the row's number: this
path only ever takes what the lean path would take, as it would take it (tests/
test_parquet_paths.py compares them).
"""

from __future__ import annotations

import operator
from collections.abc import Callable

from ..errors import UsageError
from .relations import _CACHE_LIMIT, RelationChecker
from .reporter import Reporter

# What str.strip() strips (every character whose isspace() is true; tests/test_parquet_paths.py
# checks the list): a value starting or ending with one of these is not plain.
SPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
         "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_CLASS = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in SPACE) + "]"
_PADDED = f"^{_CLASS}|{_CLASS}$"  # RE2's syntax, as Arrow's regex functions take it

Columns = dict[str, list]  # id, source, target, type, polarity, weight, date, until, first,
#                            last, mutual, summary, quote, ref, order: one list each


def check_parquet(checker: RelationChecker, report: Reporter, records,
                  on_columns: Callable[[Columns], None] | None) -> None:
    """Check one Parquet file (`records`: a ParquetRecords) batch by batch."""
    file = checker.ids.file_number(report.file)
    for first_row, batch in records.batches():
        taken = checker.lean and _plain(checker, batch, records.part, file, first_row)
        if taken:
            _hand_on(checker, taken, on_columns)
        else:
            checker.check_records(report, records.rows(batch, first_row), file=file,
                                  first=first_row)


def _hand_on(checker: RelationChecker, columns: Columns,
             on_columns: Callable[[Columns], None] | None) -> None:
    count = len(columns["id"])
    if on_columns is not None:
        on_columns(columns)
    else:
        make, on_relation = checker._make, checker.on_relation
        names = ("id", "source", "target", "type", "polarity", "weight", "date", "until",
                 "mutual", "summary", "quote", "ref", "order")
        for values in zip(*(columns[name] for name in names), strict=True):
            on_relation(make(*values))
    before = checker.handed
    checker.handed += count
    if before // checker.every != checker.handed // checker.every:
        checker.tick(checker.handed)


def _plain(checker: RelationChecker, batch, part, file: int, first_row: int) -> Columns | None:
    """The batch's relations as columns when every row is plainly right; else None, having
    changed nothing (the rows then go the careful way)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = batch.num_rows
    if not checker.actors_ok or n == 0:
        return None
    names = batch.schema.names

    def column(name: str):
        return batch.column(names.index(name)) if name in names else pa.nulls(n, pa.string())

    def text(array):
        array = array.dictionary_decode() if pa.types.is_dictionary(array.type) else array
        return array.cast(pa.string()) if not pa.types.is_null(array.type) else \
            pa.nulls(n, pa.string())

    ids, sources, targets, kinds = (text(column(k)) for k in ("id", "source", "target", "type"))
    dates, untils, summaries, quotes, refs = (
        text(column(k)) for k in ("date", "until", "summary", "quote", "ref"))
    if ids.null_count or sources.null_count or targets.null_count or kinds.null_count:
        return None  # a made-up id, or a missing value: the row by row paths know them
    for array in (ids, summaries, quotes):
        if pc.any(pc.match_substring_regex(array, _PADDED)).as_py():
            return None  # stripped by the careful read
    if pc.any(pc.equal(pc.utf8_length(ids), 0)).as_py():
        return None
    # Each distinct name and date once.
    source_ids = _mapped(sources, lambda raw: _actor(checker, raw))
    target_ids = _mapped(targets, lambda raw: _actor(checker, raw))
    type_of = checker._plain_types
    rtypes = _mapped(kinds, type_of.get)
    date_of = _mapped(dates, lambda raw: _date(checker, raw), nulls=True)
    until_of = _mapped(untils, lambda raw: _date(checker, raw), nulls=True)
    ref_ok = _mapped(refs, lambda raw: raw if raw in checker._plain_sources else None,
                     nulls=True)
    if None in (source_ids, target_ids, rtypes, date_of, until_of, ref_ok):
        return None
    source_list, target_list = source_ids.values(), target_ids.values()
    if any(map(operator.eq, source_list, target_list)):
        return None
    type_list, date_list, until_list = rtypes.values(), date_of.values(), until_of.values()
    # The days each row spans, as ordinals: from its date's first day to its until's last
    # day, else its date's last day (the store's first and last).
    first = date_of.take([d.first.toordinal() for d in date_of.found], pa.int32())
    end = pc.coalesce(until_of.take([d.last.toordinal() for d in until_of.found], pa.int32()),
                      date_of.take([d.last.toordinal() for d in date_of.found], pa.int32()))
    if pc.any(pc.and_(pc.is_valid(untils), pc.is_null(dates))).as_py() or \
            pc.any(pc.less(end, first)).as_py():
        return None  # until without date, or before it
    if part.partitioned:  # each row in the partition of its date's year
        if part.year is None:
            if dates.null_count != n:
                return None
        elif dates.null_count or pc.any(pc.not_equal(
                date_of.take([d.first.year for d in date_of.found], pa.int32()),
                part.year)).as_py():
            return None
    first, last = first.to_pylist(), end.to_pylist()
    weights = _weights(column("weight"), type_list)
    if weights is None:
        return None
    mutual = column("mutual")
    mutual_list = [False] * n if pa.types.is_null(mutual.type) or mutual.null_count == n else \
        pc.fill_null(mutual, False).to_pylist()
    id_list = ids.to_pylist()
    taken = checker.ids.where
    if len(set(id_list)) != n or not taken.keys().isdisjoint(id_list):
        return None
    # Plainly right: the ids are taken (where: row << 21 | file << 1, as RelationIds packs
    # it), the relations counted in file order.
    where = (first_row << 21) | (file << 1)
    taken.update(zip(id_list, range(where, where + (n << 21), 1 << 21), strict=True))
    start = checker.count + 1
    checker.count += n
    return {
        "id": id_list, "source": source_list, "target": target_list,
        "type": [t.name for t in type_list], "polarity": [t.polarity for t in type_list],
        "weight": weights, "date": date_list, "until": until_list, "first": first,
        "last": last, "mutual": mutual_list, "summary": summaries.to_pylist(),
        "quote": quotes.to_pylist(), "ref": ref_ok.values(), "order": list(range(start, start + n)),
    }


class _Mapped:
    """A column's distinct values each looked up once (`found`, in the order of Arrow's
    dictionary), and per row: `values()` as a list, `take(per_value)` as an Arrow array."""

    def __init__(self, encoded, found: list):
        self.found = found
        self.indices = encoded.indices if encoded is not None else None
        self.length = len(encoded) if encoded is not None else 0

    def values(self) -> list:
        if not self.found:
            return [None] * self.length
        import pyarrow.compute as pc

        indices = pc.fill_null(self.indices, len(self.found)).to_pylist()
        return list(operator.itemgetter(*indices)(self.found + [None])) if len(indices) > 1 \
            else [(self.found + [None])[indices[0]]]

    def take(self, per_value: list, arrow_type):
        import pyarrow as pa

        if not self.found:
            return pa.nulls(self.length, arrow_type)
        return pa.array(per_value, arrow_type).take(self.indices)


def _mapped(array, lookup, nulls: bool = False) -> _Mapped | None:
    """`array`'s distinct values looked up by `lookup`; None when a lookup gives None (or a
    row is null, unless `nulls`)."""
    import pyarrow.compute as pc

    if array.null_count and not nulls:
        return None
    if array.null_count == len(array):
        mapped = _Mapped(None, [])
        mapped.length = len(array)
        return mapped
    encoded = pc.dictionary_encode(array)
    found = [lookup(value) for value in encoded.dictionary.to_pylist()]
    if None in found:
        return None
    return _Mapped(encoded, found)


def _actor(checker: RelationChecker, raw: str) -> str | None:
    ends = checker._ends
    found = ends.get(raw)
    if found is None:
        try:
            found = checker.index.resolve(raw).id
        except UsageError:
            return None
        if len(ends) < _CACHE_LIMIT:
            ends[raw] = found
    return found


def _date(checker: RelationChecker, raw: str):
    from ..dates import parse_date

    found = checker._dates.get(raw)
    if found is None:
        try:
            found = parse_date(raw)
        except ValueError:
            return None
        if found.text != raw:
            return None  # spaces around it: the careful read strips them
        if len(checker._dates) < _CACHE_LIMIT:
            checker._dates[raw] = found
    return found


def _weights(array, types: list) -> list | None:
    """Each row's weight: its own when in [-10, 10] and of its type's sign, else None for the
    batch; the type's weight where the row has none."""
    import pyarrow as pa

    if pa.types.is_null(array.type) or array.null_count == len(array):
        return [t.weight for t in types]
    values = array.cast(pa.float64()).to_pylist() if pa.types.is_floating(array.type) else \
        array.to_pylist()
    weights = []
    for value, rtype in zip(values, types, strict=True):
        if value is None:
            weights.append(rtype.weight)
            continue
        if not -10 <= value <= 10:  # NaN fails this too
            return None
        polarity = rtype.polarity
        if (polarity == "hostile" and not value < 0) or (polarity == "friendly" and
                                                        not value > 0) or \
                (polarity == "neutral" and value != 0):
            return None
        weights.append(float(value))
    return weights
