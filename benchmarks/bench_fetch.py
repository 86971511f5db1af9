"""`relgraph fetch gdelt` end to end on a simulated week, served from 127.0.0.1.

    PYTHONPATH=src python benchmarks/bench_fetch.py [--rows 1000] [--days 7]

Writes a GDELT-shaped tree of 96 files a day (672 for a week), each a zipped export of `rows`
rows made from the 58 real rows of tests/data/gdelt/20250807220000.export.excerpt.CSV with
fresh GLOBALEVENTIDs (a real 15-minute export holds about 1,000 to 1,500 rows), and its
masterfilelist.txt (with the mentions and GKG lines GDELT writes beside each export). Serves it
with `python -m http.server` in a process of its own, so the server's CPU is not counted, then
runs, each in a child process:

1. the fetch into an empty cache (downloads, checks, import, the store left in the cache);
2. the same fetch again, into another folder, entirely from the cache;
3. a day of the same files imported with `relgraph import gdelt --all-actors`, then its first
   query (`who-opposes Israel`), without leaving the store (`--no-cache import`, as before this
   change) and with it, beside a warm query (best of 3);
4. `relgraph --no-cache import gdelt` of the week's cached files, side by side: the import alone.

Reports files/s and rows/s (wall clock), relgraph's CPU (user + system of the child) as a
share of the wall time and as rows per CPU second, the child's peak memory, and the import
floor (`python -c 'import typer, rich.table, networkx, yaml'`) measured in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXCERPT = ROOT / "tests" / "data" / "gdelt" / "20250807220000.export.excerpt.CSV"
GDELT = "http://data.gdeltproject.org/"
DAY = dt.datetime(2023, 10, 1)


def build_tree(root: Path, days: int, rows: int) -> int:
    """The files and the master list; returns the number of rows written in all."""
    real = [line.split("\t", 1)[1] for line in EXCERPT.read_text(encoding="utf-8").splitlines()]
    folder = root / "gdeltv2"
    folder.mkdir(parents=True)
    listed = []
    event = 2_000_000_000
    for n in range(days * 96):
        stamp = f"{DAY + n * dt.timedelta(minutes=15):%Y%m%d%H%M%S}"
        text = "".join(f"{event + i}\t{real[(event + i) % len(real)]}\n" for i in range(rows))
        event += rows
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{stamp}.export.CSV", text)
        data = buffer.getvalue()
        (folder / f"{stamp}.export.CSV.zip").write_bytes(data)
        listed.append(f"{len(data)} {hashlib.md5(data).hexdigest()} "
                      f"{GDELT}gdeltv2/{stamp}.export.CSV.zip\n"
                      f"1234 {'0' * 32} {GDELT}gdeltv2/{stamp}.mentions.CSV.zip\n"
                      f"5678 {'1' * 32} {GDELT}gdeltv2/{stamp}.gkg.csv.zip\n")
    (folder / "masterfilelist.txt").write_text("".join(listed))
    return days * 96 * rows


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Runs one command and prints its wall time, CPU and peak memory: a wrapper of its own, so that
# RUSAGE_CHILDREN's peak is this command's alone.
WRAP = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_mib": usage.ru_maxrss / 1024, "status": result.returncode,
                  "stderr": result.stderr}))
"""


def timed(command: list[str], env: dict) -> dict:
    """Wall time, CPU (user + system) and peak memory of one child process."""
    result = subprocess.run([sys.executable, "-c", WRAP, *command], env=env,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000, help="rows a file")
    parser.add_argument("--days", type=int, default=7)
    args = parser.parse_args()
    relgraph = [sys.executable, "-m", "relgraph"]
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        rows = build_tree(temp / "tree", args.days, args.rows)
        files = args.days * 96
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                                   "127.0.0.1", "--directory", str(temp / "tree")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(1.0)
            env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT / "src"),
                   "RELGRAPH_CACHE_DIR": str(temp / "cache"),
                   "RELGRAPH_GDELT_URL": f"http://127.0.0.1:{port}/"}
            floor = timed([sys.executable, "-c", "import typer, rich.table, networkx, yaml"], env)
            last = DAY + dt.timedelta(days=args.days - 1)
            period = ["--since", f"{DAY:%Y-%m-%d}", "--until", f"{last:%Y-%m-%d}"]
            first = timed(relgraph + ["fetch", "gdelt", *period, "-o", str(temp / "one")], env)
            second = timed(relgraph + ["fetch", "gdelt", *period, "-o", str(temp / "two")], env)
        finally:
            server.terminate()
            server.wait(10)
        for run in (first, second):
            assert run["status"] == 0, run["stderr"]
        same = (temp / "one" / "relations.jsonl").read_bytes() == \
            (temp / "two" / "relations.jsonl").read_bytes()
        week = sorted((temp / "cache" / "downloads" / "gdelt" / "gdeltv2").glob("*.zip"))
        # The same files through `relgraph import gdelt`, side by side: what fetch adds to it.
        plain = timed(relgraph + ["--no-cache", "import", "gdelt", *map(str, week), "-o",
                                  str(temp / "plain")], env)
        day = sorted((temp / "cache" / "downloads" / "gdelt" / "gdeltv2").glob("*.zip"))[:96]
        query = ["who-opposes", "Israel"]
        cold_import = timed(relgraph + ["--no-cache", "import", "gdelt", *map(str, day),
                                        "--all-actors", "-o", str(temp / "day-before")], env)
        before = timed(relgraph + ["--data", str(temp / "day-before"), *query], env)
        warm_import = timed(relgraph + ["import", "gdelt", *map(str, day), "--all-actors",
                                        "-o", str(temp / "day-after")], env)
        after = timed(relgraph + ["--data", str(temp / "day-after"), *query], env)
        again = min((timed(relgraph + ["--data", str(temp / "day-after"), *query], env)
                     for _ in range(3)), key=lambda run: run["wall"])
    print(json.dumps({"files": files, "rows": rows, "floor_s": round(floor["wall"], 3)}))
    for name, run in (("fetch, empty cache", first), ("fetch, from the cache", second),
                      ("import of the same files (--no-cache)", plain)):
        print(f"{name}: {run['wall']:.2f} s wall, {files / run['wall']:.0f} files/s, "
              f"{rows / run['wall']:,.0f} rows/s; CPU {run['cpu']:.2f} s "
              f"({run['cpu'] / run['wall']:.0%} of wall), {rows / run['cpu']:,.0f} rows/CPU s; "
              f"peak {run['peak_mib']:.0f} MiB")
    print(f"same relations.jsonl from the cache: {same}")
    print(f"a day, --all-actors: import without leaving the store {cold_import['wall']:.2f} s, "
          f"then first query {before['wall']:.2f} s; import leaving it "
          f"{warm_import['wall']:.2f} s, then first query {after['wall']:.2f} s; "
          f"a warm query (best of 3) {again['wall']:.2f} s")


if __name__ == "__main__":
    main()
