"""The Spark engine: `relgraph --spark URL` answers through Apache Spark via Spark Connect.

`session.py` starts and stops the one session of a call, `source.py` says where the relations
are and reads them with explicit schemas, `yamlpart.py` checks the YAML files, `store.py`
(`SparkStore`) answers the Store's read methods with Spark jobs, and `validate.py` checks the
data contract in Spark. docs/spark.md says how to use it.
"""

from __future__ import annotations

from ..errors import DataError
from .session import SPARK_ENV, Status, check_url

__all__ = ["SPARK_ENV", "SPARK_COMMANDS", "check_url", "open_graph"]

# The commands --spark answers; the rest (export, view, actors, ...) read with the local engine.
SPARK_COMMANDS = frozenset({
    "who-opposes", "who-supports", "timeline", "relations", "show", "relation", "trend",
    "matrix", "neighbours", "balance", "central", "path", "validate"})


def open_graph(url: str, data=None, debug: bool = False, status: Status | None = None):
    """A RelGraph whose store is a SparkStore on the dataset at `data` (the --data locations).

    The caller closes it (`graph.store.close()`), which ends the Spark session.
    """
    from ..api import RelGraph
    from . import madeup, session
    from .source import PART_YAML, locations, read_yaml_part, relation_files, relations_frame
    from .store import SparkStore

    where = locations(data)  # a folder that is not there is a usage error before Spark starts
    spark = session.start(url, debug, status)
    try:
        part = read_yaml_part(spark, where)
        if part.problems:
            raise DataError(part.problems)
        files = relation_files(spark, where)
        headers = [problem for file in files for problem in file.problems]
        if headers:  # a CSV header's problem: its records cannot be read
            raise DataError(headers)
        undecided = madeup.undecided(part, files)
        frame = relations_frame(spark, files, part.relations, part.types, undecided)
        store = SparkStore(spark, frame, part.actors, part.types, part.sources,
                           partitioned=any(f.partitioned for f in files))
        store.ahead = {(at, PART_YAML): ids for at, ids in part.ahead.items()}
        # What validate checks beyond the YAML files (spark/validate.py).
        store.locations = where
        store.where = [location.where for location in where]
        store.files = files
        store.yaml_relations = part.relations
        store.yaml_part = part
        store.undecided = undecided
        return RelGraph(store)
    except BaseException:
        session.stop(spark)
        raise
