"""Shared fixtures: the datasets under tests/data, a CLI runner with a fixed terminal, and the
clean environment every subprocess test starts relgraph with."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from ci_skips import (  # noqa: F401  (hooks: a skipped test fails a CI run)
    pytest_collectreport,
    pytest_runtest_logreport,
    pytest_sessionfinish,
    pytest_terminal_summary,
)
from hypothesis import HealthCheck, settings
from spark_server import spark_url  # noqa: F401  (one local Spark server for the whole run)

HERE = Path(__file__).parent
TRICKY = HERE / "data" / "tricky"
SHIPPED = HERE.parent / "data"
SHARED = HERE.parent.parent / "shared"
# The published GraphML and GEXF schemas, carried by the tests (tests/schemas/README.md).
SCHEMAS = HERE / "schemas"

# One verdict per commit: the property tests draw the same examples on every run
# (`derandomize`), and no example database carries one run's finds into the next. Exploring new
# examples is `python scripts/explore.py` (the `explore` profile: new random examples each run,
# failures kept in .hypothesis/ and replayed first); each failure it finds becomes an @example.
# Neither profile lets the machine's speed decide a verdict: no deadline per example and no
# too-slow health check (a loaded machine made a 200 ms deadline fail an export test).
_NOT_BY_SPEED = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("deterministic", derandomize=True, database=None,
                          print_blob=True, **_NOT_BY_SPEED)
settings.register_profile("explore", derandomize=False, print_blob=True, **_NOT_BY_SPEED)


def pytest_configure(config):
    """The deterministic profile unless `--hypothesis-profile` names another. Loaded here,
    before the test modules are imported, because each test's @settings inherits from the
    profile in force when it is decorated."""
    if not config.getoption("hypothesis_profile", None):
        settings.load_profile("deterministic")


@pytest.fixture(scope="session")
def cache_folder(tmp_path_factory) -> Path:
    """One cache of compiled stores for the whole run, never the user's own."""
    return tmp_path_factory.mktemp("relgraph-cache")


@pytest.fixture(autouse=True)
def _fixed_terminal(monkeypatch, cache_folder):
    """Every test sees the same plain 80-column terminal, no RELGRAPH_* settings of the
    caller's, and a cache folder of the test run's own."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TERM", "dumb")
    for name in ("RELGRAPH_DATA", "RELGRAPH_DEBUG", "RELGRAPH_SPARK", "FORCE_COLOR",
                 "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RELGRAPH_CACHE_DIR", str(cache_folder))
    # No test reaches GDELT: a fetch a test did not point at its own server is refused here.
    monkeypatch.setenv("RELGRAPH_GDELT_URL", "http://127.0.0.1:9/")


def clean_env(**settings: str) -> dict[str, str]:
    """The environment for a subprocess: the caller's, less every PYTHON* and RELGRAPH_* variable.

    A developer's PYTHONUNBUFFERED, PYTHONPATH or RELGRAPH_DATA must not change what a test sees
    (PYTHONUNBUFFERED=1 once hid a broken-pipe bug that every user met). A test that needs one of
    them sets it in `settings`. relgraph itself is found as installed (`pip install -e`), like a
    user's; test_startup.py checks it is this checkout's.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "RELGRAPH_"))}
    env.update(settings)
    return env


@pytest.fixture
def run():
    """Run the CLI in-process: run("who-opposes", "Israel") gives stdout, stderr, exit_code."""
    from typer.testing import CliRunner

    from relgraph.cli import app

    runner = CliRunner()

    def invoke(*args: str, data: Path | None = None):
        argv = (["--data", str(data)] if data is not None else []) + list(args)
        return runner.invoke(app, argv, catch_exceptions=False)

    return invoke


def read_gexf(path):
    """NetworkX's GEXF reader, for any NetworkX the tests may meet.

    NetworkX before 3.5 (the last line for Python 3.10) reads GEXF only up to 1.2draft. The
    elements and attributes relgraph writes are the same in both, so for such a NetworkX the
    1.3 namespace is renamed to 1.2draft's before reading; the reader stays NetworkX's own.
    """
    import io

    import networkx as nx
    from networkx.readwrite.gexf import GEXF

    if "1.3" in GEXF.versions:
        return nx.read_gexf(path)
    text = Path(path).read_text(encoding="utf-8")
    text = text.replace('"http://gexf.net/1.3"', '"http://www.gexf.net/1.2draft"')
    return nx.read_gexf(io.BytesIO(text.encode("utf-8")))


def write_partitioned(folder: Path, relations: list[dict]) -> None:
    """relations.parquet/year=YYYY/part-0.parquet by the year of each relation's date, the
    undated ones under year=__HIVE_DEFAULT_PARTITION__, as pyarrow and Spark write them
    (docs/data-format.md): written here with pyarrow, not by relgraph's own writer."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, pa.string()) for name in
                        ("id", "source", "target", "type", "date", "until")]
                       + [("mutual", pa.bool_()), ("weight", pa.float64())]
                       + [(name, pa.string()) for name in ("summary", "quote", "ref")])
    years: dict[str, list[dict]] = {}
    for relation in relations:
        year = relation["date"][:4] if relation.get("date") else "__HIVE_DEFAULT_PARTITION__"
        years.setdefault(year, []).append(relation)
    for year, rows in years.items():
        part = folder / "relations.parquet" / f"year={year}"
        part.mkdir(parents=True)
        columns = {name: [row.get(name) for row in rows] for name in schema.names}
        pq.write_table(pa.table(columns, schema=schema), part / "part-0.parquet")
