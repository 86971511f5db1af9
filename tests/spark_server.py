"""One local Spark Connect server for the whole test run (the `spark_url` fixture), started
with `python -m relgraph.spark.serve`, stopped when the run ends.

Without Java 17+ or the spark extra, the tests that use it are skipped with a message that
says how to run them (in CI, a skip fails the run: .ci/run installs both).
"""

from __future__ import annotations

import selectors
import subprocess
import sys
import time

import pytest

HOW = ("the Spark tests need the spark extra and Java 17 or newer: "
       ".venv/bin/pip install -e '.[test,spark]' and apt-get install openjdk-17-jre-headless "
       "(.ci/run installs both)")
READY_WITHIN = 400  # seconds: the server starts in 15 to 40 s on a busy 2-core machine


def spark_missing() -> str | None:
    """Why the Spark tests cannot run here, or None when they can."""
    from relgraph.errors import MissingComponent
    from relgraph.spark import session

    try:
        session.require_pyspark()
        session.require_java()
    except MissingComponent as exc:
        return f"{exc}; {HOW}"
    return None


@pytest.fixture(scope="session")
def spark_url(tmp_path_factory):
    """The sc:// URL (with its token) of a local[2] Spark Connect server for this run."""
    from conftest import clean_env

    reason = spark_missing()
    if reason:
        pytest.skip(reason)
    log = tmp_path_factory.mktemp("spark") / "serve.log"
    with open(log, "wb") as errors:
        server = subprocess.Popen(
            [sys.executable, "-m", "relgraph.spark.serve", "local[2]", "--port", "0"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, env=clean_env())
    try:
        url = _first_line(server, READY_WITHIN)
        if not url.startswith("sc://"):
            pytest.fail(f"the Spark server did not start: {log.read_text()[-2000:]}")
        yield url
    finally:
        server.stdin.close()  # serve stops its server when its input closes
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stdout.close()


def _first_line(process: subprocess.Popen, within: float) -> str:
    chooser = selectors.DefaultSelector()
    chooser.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if chooser.select(timeout=1.0):
            return process.stdout.readline().decode().strip()
        if process.poll() is not None:
            return ""
    return ""
