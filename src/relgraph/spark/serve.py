"""Keep a local Spark Connect server running, so that each `relgraph --spark` call only
opens a session on it (a second or two) instead of starting Spark (15 s or more):

    python -m relgraph.spark.serve local[2] --port 15002

prints the URL to give --spark (with the server's token) on its first line, and runs until
its standard input closes or it is interrupted. The tests start one for the whole run.
"""

from __future__ import annotations

import argparse
import signal
import sys

from . import session


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m relgraph.spark.serve",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("master", nargs="?", default="local[2]", help="local[N] (default 2)")
    parser.add_argument("--port", type=int, default=15002, help="0: any free port")
    parser.add_argument("--debug", action="store_true", help="Spark's warnings on stderr")
    args = parser.parse_args(argv)
    try:
        session.check_url(args.master)
        session.require_pyspark()
        session.require_java()
    except Exception as exc:
        print(f"relgraph.spark.serve: {exc}", file=sys.stderr)
        return 6
    try:
        server = session.LocalServer(args.master, args.port, args.debug)
    except Exception as exc:
        print(f"relgraph.spark.serve: {exc}", file=sys.stderr)
        return 7
    print(server.url, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        sys.stdin.read()  # until the caller closes it (or Ctrl-D)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
