"""Write relations as relations.parquet, a folder partitioned by year (docs/data-format.md).

Relations arrive one at a time as dicts in the JSON contract (extra keys such as `polarity`
are left out) and are buffered per year; each year's partition is one file written a row group
at a time, so memory holds at most a row group per year, whatever the count.
"""

from __future__ import annotations

from pathlib import Path

from . import COLUMNS, RELATIONS_PARQUET, REQUIRED, partition_name, require

ROW_GROUP = 131_072  # rows: large enough for Spark's and pyarrow's scans, small enough to buffer
COMPRESSION = "zstd"


def arrow_schema():
    """The columns relgraph writes, with their explicit types (strings, bool, double)."""
    import pyarrow as pa

    types = {"mutual": pa.bool_(), "weight": pa.float64()}
    return pa.schema([pa.field(name, types.get(name, pa.string()), nullable=name not in REQUIRED)
                      for name in COLUMNS])


class PartitionedWriter:
    """`add(relation)` for each relation, then `close()`: writes `folder`/relations.parquet/
    year=YYYY/part-0.parquet (undated relations in the undated partition). `count` is how
    many relations were written."""

    def __init__(self, folder: Path, what: str = "writing Parquet"):
        self.pq = require(what)
        self.root = Path(folder) / RELATIONS_PARQUET
        self.schema = arrow_schema()
        self._buffers: dict[int | None, list[dict]] = {}
        self._writers: dict = {}
        self.count = 0

    def add(self, relation: dict) -> None:
        date = relation.get("date")
        year = int(str(date)[:4]) if date is not None else None
        buffer = self._buffers.setdefault(year, [])
        buffer.append(relation)
        self.count += 1
        if len(buffer) >= ROW_GROUP:
            self._flush(year)

    def close(self) -> None:
        """Write what is buffered and close every file; a writer with no relations writes
        nothing (not even the folder)."""
        for year in list(self._buffers):
            self._flush(year)
        for writer in self._writers.values():
            writer.close()
        self._writers = {}

    def __enter__(self) -> PartitionedWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _flush(self, year: int | None) -> None:
        import pyarrow as pa

        rows = self._buffers.pop(year, [])
        if not rows:
            return
        writer = self._writers.get(year)
        if writer is None:
            folder = self.root / partition_name(year)
            folder.mkdir(parents=True, exist_ok=True)
            writer = self._writers[year] = self.pq.ParquetWriter(
                folder / "part-0.parquet", self.schema, compression=COMPRESSION)
        columns = {name: [row.get(name) for row in rows] for name in COLUMNS}
        writer.write_table(pa.table(columns, schema=self.schema), row_group_size=ROW_GROUP)
