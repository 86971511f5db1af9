"""One Spark Connect session per relgraph call: started, configured, quiet, and stopped.

`--spark sc://host:port` talks to a running Spark Connect server; `--spark local[N]` starts
the server pyspark bundles, in a JVM on this machine with N cores (Java 17 or newer).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from ..errors import MissingComponent, SparkFailed, UsageError

SPARK_ENV = "RELGRAPH_SPARK"  # the --spark URL when the option is not given
INSTALL_EXTRA = "pip install 'relgraph[spark]'"
INSTALL_JAVA = "apt-get install openjdk-17-jre-headless (or any Java 17 or newer)"
_LOCAL = re.compile(r"local\[([1-9][0-9]*|\*)\]")
_HERE = Path(__file__).parent

Status = Callable[[str | None], None]  # shows one line while Spark starts; None clears it


def check_url(url: str) -> str:
    """The URL as given if relgraph can use it; UsageError naming the two forms otherwise."""
    url = url.strip()
    if _LOCAL.fullmatch(url) or url.startswith("sc://"):
        return url
    raise UsageError(f"--spark {url!r} is neither sc://HOST:PORT (a Spark Connect server) "
                     "nor local[N] (start one here with N cores)")


def java_version(java: str | None = None) -> int | None:
    """The major version of the `java` on PATH (or $JAVA_HOME), None when there is none."""
    home = os.environ.get("JAVA_HOME")
    java = java or (str(Path(home) / "bin" / "java") if home else shutil.which("java"))
    if not java or not Path(java).exists():
        return None
    try:
        shown = subprocess.run([java, "-version"], capture_output=True, text=True,
                               timeout=30).stderr
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', shown)
    if not found:
        return None
    major = int(found.group(1))
    return int(found.group(2) or 0) if major == 1 else major  # "1.8.0" is Java 8


def require_pyspark() -> None:
    """MissingComponent (exit 6) unless pyspark with its Connect client imports."""
    try:
        import grpc  # noqa: F401  (the Connect client's transport)
        import pyspark.sql.connect.session  # noqa: F401
    except ImportError:
        raise MissingComponent(f"--spark needs pyspark with its Spark Connect client: "
                               f"{INSTALL_EXTRA}") from None


def require_java() -> None:
    """MissingComponent (exit 6) unless Java 17 or newer is there to run a local server."""
    version = java_version()
    if version is None:
        raise MissingComponent(f"--spark local[N] needs Java 17 or newer, and no java was "
                               f"found: {INSTALL_JAVA}")
    if version < 17:
        raise MissingComponent(f"--spark local[N] needs Java 17 or newer, and java is "
                               f"version {version}: {INSTALL_JAVA}")


def local_options(debug: bool) -> dict[str, str]:
    """Spark settings for a server started here: quiet logs, no UI, loopback only."""
    config = _HERE / ("log4j2-debug.properties" if debug else "log4j2.properties")
    java_options = f"-Dlog4j2.configurationFile={config.as_uri()}"
    return {
        "spark.driver.extraJavaOptions": java_options,
        "spark.executor.extraJavaOptions": java_options,
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
    }


def start(url: str, debug: bool = False, status: Status | None = None):
    """A new Spark Connect session for one call; SparkFailed (exit 7) when none can be had.

    For local[N], a Connect server is started here first, and stopped with the session.
    """
    url = check_url(url)
    require_pyspark()
    local = _LOCAL.fullmatch(url)
    if local:
        require_java()
    from pyspark.sql import SparkSession

    if status is not None:
        status(f"starting Spark ({url}); the first answer takes a few seconds more")
    server = None
    try:
        if local:
            server = LocalServer(url, debug=debug)
            spark = SparkSession.builder.remote(server.url).create()
            _SERVERS[id(spark)] = server
        else:
            reachable(url)
            spark = SparkSession.builder.remote(url).create()
            tune(spark)
    except Exception as exc:  # grpc, py4j and Spark each raise their own
        if server is not None:
            server.stop()
        if isinstance(exc, SparkFailed):
            raise
        raise SparkFailed(f"could not start a Spark session at {shown(url)}: "
                          f"{one_line(exc)}") from None
    finally:
        if status is not None:
            status(None)
    return spark


def shown(url: str) -> str:
    """The URL without its token, fit for a message."""
    return re.sub(r";token=[^;]*", ";token=...", url)


def reachable(url: str, within: float = 10.0) -> None:
    """SparkFailed at once when nothing listens at the URL's host and port: the Connect
    client would otherwise retry for minutes before it gives up."""
    from urllib.parse import urlparse

    where = urlparse("http://" + url.removeprefix("sc://").split("/;")[0].split(";")[0])
    host, port = where.hostname or "localhost", where.port or 15002
    try:
        socket.create_connection((host, port), timeout=within).close()
    except OSError as exc:
        raise SparkFailed(f"cannot reach the Spark Connect server at {host}:{port} "
                          f"({exc.strerror or exc}); is it running?") from None


_SERVERS: dict[int, LocalServer] = {}  # the server started for a session, by id(session)


class LocalServer:
    """pyspark's bundled Spark Connect server, run with spark-submit on this machine: loopback
    only, its own token, relgraph's log configuration, its output in a log file (stderr
    with --debug), stopped with the session (or when relgraph exits)."""

    READY_WITHIN = 300  # seconds; a busy 2-core machine has taken 40 s

    def __init__(self, master: str, port: int = 0, debug: bool = False):
        from pyspark.find_spark_home import _find_spark_home

        self.port = port or _free_port()
        self.token = uuid.uuid4().hex
        self.url = f"sc://localhost:{self.port}/;token={self.token}"
        cores = _LOCAL.fullmatch(master).group(1)
        partitions = str(os.cpu_count() or 2) if cores == "*" else cores
        home = os.environ.get("SPARK_HOME") or _find_spark_home()
        options = {**local_options(debug), "spark.sql.shuffle.partitions": partitions,
                   "spark.connect.grpc.binding.address": "127.0.0.1",
                   "spark.connect.grpc.binding.port": str(self.port)}
        command = [str(Path(home) / "bin" / "spark-submit"), "--master", master,
                   "--name", "relgraph", "--class", _SERVER_CLASS,
                   "--driver-java-options", options.pop("spark.driver.extraJavaOptions")]
        for key, value in options.items():
            command += ["--conf", f"{key}={value}"]
        env = {**os.environ, "SPARK_CONNECT_AUTHENTICATE_TOKEN": self.token,
               "SPARK_LOCAL_IP": os.environ.get("SPARK_LOCAL_IP", "127.0.0.1")}
        for name in ("SPARK_REMOTE", "SPARK_LOCAL_REMOTE", "SPARK_CONNECT_MODE_ENABLED"):
            env.pop(name, None)
        self.log = Path(tempfile.gettempdir()) / f"relgraph-spark-{os.getuid()}-{self.port}.log"
        output = None if debug else open(self.log, "wb")
        try:
            self.process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL,
                                            stdout=output or subprocess.DEVNULL,
                                            stderr=output, start_new_session=True)
        finally:
            if output is not None:
                output.close()
        atexit.register(self.stop)
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + self.READY_WITHIN
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SparkFailed(f"the local Spark server stopped as it started (exit "
                                  f"{self.process.returncode}); its output is in {self.log}")
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
                probe.settimeout(0.5)
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.25)
        self.stop()
        raise SparkFailed(f"the local Spark server did not answer within {self.READY_WITHIN} s; "
                          f"its output is in {self.log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_SERVER_CLASS = "org.apache.spark.sql.connect.service.SparkConnectServer"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tune(spark) -> None:
    """Shuffle partitions from the cluster's parallelism, not Spark's default of 200 (a
    server set up with another number keeps it).

    A range without a partition count is split in the session's default parallelism, so the
    highest partition id of a small range says how many cores there are to work with.
    """
    from pyspark.sql import functions as F

    if spark.conf.get("spark.sql.shuffle.partitions") != "200":
        return
    ids = spark.range(0, 1 << 16).select(F.spark_partition_id().alias("part"))
    cores = ids.agg(F.max("part")).first()[0] + 1
    spark.conf.set("spark.sql.shuffle.partitions", str(max(1, int(cores))))


def stop(spark) -> None:
    """End the session (and the local server, for local[N]); never raises."""
    try:
        spark.stop()
    except Exception:  # the server may already be gone; there is nothing left to free
        pass
    server = _SERVERS.pop(id(spark), None)
    if server is not None:
        server.stop()


def one_line(exc: BaseException) -> str:
    """The first line of an error from Spark, without its JVM stack."""
    text = str(exc).strip() or type(exc).__name__
    first = text.splitlines()[0].strip()
    return first if len(first) <= 300 else first[:297] + "..."
