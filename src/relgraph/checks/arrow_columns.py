"""Check a dataset whose relations are all in Parquet, keeping them as Arrow columns.

For the first call on a large Parquet dataset (cache.py): the relations are checked with
Arrow's compute functions only, each distinct name, type, date and ref looked up once, and
kept as one Arrow table of codes (`CheckedColumns`) that `arrow_store.ArrowStore` answers
from, with no Python object per relation. The verdict is all or nothing: this check takes a
dataset only when every row is one that checks/columns.py would take as plainly right, as
it would take it (tests/test_arrow_store.py compares the answers); anything else (a problem,
a row the careful path would change, relations outside Parquet) gives None, and the caller
checks and compiles the dataset the usual way, which says what is wrong.
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass
from pathlib import Path

from ..datafiles import PARQUET
from ..model import Dataset
from .actors import ActorChecker
from .columns import _PADDED, _actor, _date
from .relations import RelationChecker
from .reporter import Problems, TooManyProblems
from .run import check_vocabulary
from .vocabulary import VocabularyChecker

# The columns of CheckedColumns.table: codes are positions in the dataset's lists.
#   id (string), source, target (int32: position in actors), type (int32: in types),
#   weight (float64, the type's where the row has none), date, until (string or null),
#   first, last (int32 day ordinals, null when undated), mutual (bool), summary, quote
#   (string or null), ref (int32: in sources, or null).


@dataclass
class CheckedColumns:
    """A checked dataset: its actors, types and sources, and every relation as a row of
    `table`, in file order (row i is the relation of order i + 1)."""

    dataset: Dataset
    table: object  # pyarrow.Table


def check_columns(folders: list[Path]) -> CheckedColumns | None:
    """The dataset in `folders` checked as Arrow columns, or None when it is not one this
    check takes whole (then check it the usual way, which reports any problem)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from ..parquet import parts, require
    from ..parquet.reading import ParquetRecords

    require(f"reading {PARQUET}")
    problems = Problems()
    actors, vocabulary = ActorChecker(), VocabularyChecker()
    try:
        documents = check_vocabulary(folders, problems, actors, vocabulary)
    except TooManyProblems:
        return None
    if problems.found or not actors.complete:
        return None
    files = []
    for _folder, _report, doc, streams in documents:
        if doc is None or doc.get("relations") or any(p.name != PARQUET for p in streams):
            return None  # relations outside Parquet: the usual path reads them in order
        files.extend(part for path in streams for part in parts(path))
    checker = RelationChecker(actors, vocabulary, lambda relation: None, lambda n: None, 1)
    codes = _Codes(checker, actors.actors)
    reporters = [problems.reporter(str(part.path)) for part in files]

    def check_file(part, report) -> list | None:
        records = ParquetRecords(part, report, _DICTIONARIES)
        checked = [_checked(codes, batch, part) for _first_row, batch in records.batches()]
        return None if None in checked else checked

    # Files two at a time: reading and Arrow's compute functions let go of the GIL.
    from concurrent.futures import ThreadPoolExecutor

    try:
        with _allocator(), ThreadPoolExecutor(THREADS) as pool:
            per_file = list(pool.map(check_file, files, reporters))
    except TooManyProblems:
        return None
    if None in per_file or problems.found:
        return None  # a row not plainly right, an unreadable file or a wrong schema
    batches = [batch for checked in per_file for batch in checked]
    table = pa.Table.from_batches(batches, _schema()) if batches else _schema().empty_table()
    if table.num_rows and pc.count_distinct(table.column("id")).as_py() != table.num_rows:
        return None  # an id given twice: the usual path says where
    dataset = Dataset(actors.actors, vocabulary.types, vocabulary.sources, [], folders[0])
    return CheckedColumns(dataset, table)


THREADS = 2
# Read as Arrow dictionaries: a few thousand distinct values each, looked up once per batch.
_DICTIONARIES = ("source", "target", "type", "date", "until", "ref")


@contextlib.contextmanager
def _allocator():
    """Arrow's jemalloc pool while the check runs, where pyarrow has it (its Linux and macOS
    wheels do): its default, mimalloc, gave memory back and took it again batch after batch,
    0.9 s of system time in a check of a million rows against 0.3 s with jemalloc, and a
    peak 90 MiB higher (docs/performance.md)."""
    import pyarrow as pa

    try:
        pool = pa.jemalloc_memory_pool()
    except (NotImplementedError, AttributeError):
        yield
        return
    before = pa.default_memory_pool()
    pa.set_memory_pool(pool)
    try:
        yield
    finally:
        pa.set_memory_pool(before)


@functools.cache
def _schema():
    import pyarrow as pa

    return pa.schema([
        ("id", pa.string()), ("source", pa.int32()), ("target", pa.int32()),
        ("type", pa.int32()), ("weight", pa.float64()), ("date", pa.string()),
        ("until", pa.string()), ("first", pa.int32()), ("last", pa.int32()),
        ("mutual", pa.bool_()), ("summary", pa.string()), ("quote", pa.string()),
        ("ref", pa.int32())])


class _Codes:
    """The checker's lookups, and each actor, type and source's position in the dataset's
    lists, the codes the table holds."""

    def __init__(self, checker: RelationChecker, actors: list):
        self.checker = checker
        self.actor = {actor.id: n for n, actor in enumerate(actors)}
        self.type = {name: n for n, name in enumerate(checker.types)}
        self.source = {key: n for n, key in enumerate(checker.sources)}
        self.types = list(checker.types.values())


def _checked(codes: _Codes, batch, part):
    """The batch as a record batch of _schema() when every row is plainly right, else None.
    The rules are checks/columns.py's `_plain`, one Arrow expression each."""
    import pyarrow as pa
    import pyarrow.compute as pc

    checker = codes.checker
    n = batch.num_rows
    names = batch.schema.names

    def column(name: str):
        return batch.column(names.index(name)) if name in names else pa.nulls(n, pa.string())

    def text(array, decoded: bool = True):
        if pa.types.is_dictionary(array.type):
            return array.dictionary_decode() if decoded else array
        return array.cast(pa.string()) if not pa.types.is_null(array.type) else \
            pa.nulls(n, pa.string())

    ids, summaries, quotes, dates, untils = (
        text(column(k)) for k in ("id", "summary", "quote", "date", "until"))
    sources, targets, kinds, refs, date_codes, until_codes = (
        text(column(k), decoded=False)
        for k in ("source", "target", "type", "ref", "date", "until"))
    if ids.null_count or sources.null_count or targets.null_count or kinds.null_count:
        return None
    for array in (ids, summaries, quotes):
        if pc.any(pc.match_substring_regex(array, _PADDED)).as_py():
            return None
    if pc.any(pc.equal(pc.utf8_length(ids), 0)).as_py():
        return None
    source = _coded(sources, lambda raw: codes.actor.get(_actor(checker, raw)))
    target = _coded(targets, lambda raw: codes.actor.get(_actor(checker, raw)))
    plain_types = checker._plain_types
    kind = _coded(kinds, lambda raw: codes.type[raw] if raw in plain_types else None)
    date_of = _looked_up(date_codes, lambda raw: _date(checker, raw))
    until_of = _looked_up(until_codes, lambda raw: _date(checker, raw))
    plain_sources = checker._plain_sources
    ref = _coded(refs, lambda raw: codes.source[raw] if raw in plain_sources else None,
                 nulls=True)
    if None in (source, target, kind, date_of, until_of, ref):
        return None
    if pc.any(pc.equal(source, target)).as_py():
        return None
    first = _per_row(date_of, lambda d: d.first.toordinal())
    end = pc.coalesce(_per_row(until_of, lambda d: d.last.toordinal()),
                      _per_row(date_of, lambda d: d.last.toordinal()))
    if pc.any(pc.and_(pc.is_valid(untils), pc.is_null(dates))).as_py() or \
            pc.any(pc.less(end, first)).as_py():
        return None
    if part.partitioned:
        if part.year is None:
            if dates.null_count != n:
                return None
        elif dates.null_count or pc.any(pc.not_equal(
                _per_row(date_of, lambda d: d.first.year), part.year)).as_py():
            return None
    weight = _weights(column("weight"), kind, codes.types)
    if weight is None:
        return None
    mutual = column("mutual")
    mutual = pa.array([False] * n, pa.bool_()) if pa.types.is_null(mutual.type) else \
        pc.fill_null(mutual, False)
    return pa.record_batch([ids, source, target, kind, weight, dates, untils, first, end,
                            mutual, summaries, quotes, ref], schema=_schema())


def _looked_up(array, lookup):
    """(dictionary indices, each distinct value looked up) of a column that may hold nulls;
    None when a lookup gives None."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if array.null_count == len(array):
        return (array, [])
    encoded = array if pa.types.is_dictionary(array.type) else pc.dictionary_encode(array)
    found = [lookup(value) for value in encoded.dictionary.to_pylist()]
    if None in found:
        return None
    return (encoded.indices, found)


def _coded(array, code, nulls: bool = False):
    """The int32 code of each row's value (`code` called once per distinct value); None when
    a code is None, or (unless `nulls`) a row is null."""
    import pyarrow as pa

    if array.null_count and not nulls:
        return None
    looked = _looked_up(array, code)
    if looked is None:
        return None
    return _per_row(looked, lambda value: value, pa.int32())


def _per_row(looked, value, arrow_type=None):
    """`value(found)` of each row's looked-up value, as an Arrow array (null where the row
    is null)."""
    import pyarrow as pa

    indices, found = looked
    arrow_type = arrow_type or pa.int32()
    if not found:
        return pa.nulls(len(indices), arrow_type)
    return pa.array([value(f) for f in found], arrow_type).take(indices)


def _weights(array, kind, types: list):
    """Each row's weight as float64: its own when in [-10, 10] and of its type's sign (else
    None for the batch), the type's weight where the row has none."""
    import pyarrow as pa
    import pyarrow.compute as pc

    default = pa.array([t.weight for t in types], pa.float64()).take(kind)
    if pa.types.is_null(array.type) or array.null_count == len(array):
        return default
    own = array.cast(pa.float64(), safe=False)  # a huge integer is out of range anyway
    polarity = pa.array([t.polarity for t in types], pa.string()).take(kind)
    in_range = pc.and_(pc.greater_equal(own, -10.0), pc.less_equal(own, 10.0))  # NaN: false
    signed = pc.or_(pc.or_(
        pc.and_(pc.equal(polarity, "hostile"), pc.less(own, 0.0)),
        pc.and_(pc.equal(polarity, "friendly"), pc.greater(own, 0.0))),
        pc.and_(pc.equal(polarity, "neutral"), pc.equal(own, 0.0)))
    if not pc.all(pc.and_(in_range, signed)).as_py():  # nulls are skipped by `all`
        return None
    return pc.coalesce(own, default)
