"""The Spark engine, timed as ratios to the import floor in one run (docs/performance.md).

    .venv/bin/python benchmarks/bench_spark.py                 # 1,000,000 relations
    .venv/bin/python benchmarks/bench_spark.py --sizes 100000 1000000 10000000

For each size: benchmarks/run.py's synthetic relations (500 actors, 90% dated 1967-2023) as a
year-partitioned Parquet folder (pyarrow, as Spark writes it); its bytes per relation; then,
each in its own process, as a user runs them:
- `relgraph --spark local[2] who-opposes a0`: a local Spark server started, asked, stopped;
- every command --spark answers, warm: against one local[2] server kept running
  (`python -m relgraph.spark.serve`), so each call opens a session only;
- who-opposes with `--since 2020` on the partitioned folder against without it.
The floor is `python -c "import typer, rich.table, networkx, yaml"`. Needs the spark extra.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DATA, FLOOR, TYPES, relations, write_common  # noqa: E402

# As in run.py, neighbours and balance are left out past 100,000 random relations: among 500
# actors joined at random, a neighbourhood is the whole graph (all its relations brought back)
# and balance lists the relations of 60 pairs, a scan each.
COMMANDS = [
    ["who-opposes", "a0"], ["who-supports", "a0"], ["timeline", "a1", "a2"],
    ["relations", "--between", "a1", "a2"], ["show", "a3"], ["relation", "r12345"],
    ["trend", "a1", "a2"], ["matrix"], ["central"], ["central", "--by", "pagerank"],
    ["path", "a1", "a2"], ["validate"],
]


def parquet(count: int) -> Path:
    """The synthetic relations as relations.parquet/year=YYYY/part-0.parquet (made once)."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    folder = DATA / f"parquet-{count}"
    if (folder / ".complete").exists():
        return folder
    write_common(folder)
    rows = {name: [] for name in ("id", "source", "target", "type", "date", "mutual", "year")}
    for rid, s, t, kind, date, mutual in relations(count):
        for name, value in zip(rows, (rid, s, t, kind, date, mutual,
                                      int(date[:4]) if date else None), strict=True):
            rows[name].append(value)
    none = pa.array([None] * count, pa.string())
    table = pa.table({
        "id": rows["id"], "source": rows["source"], "target": rows["target"],
        "type": rows["type"], "date": rows["date"], "until": none,
        "mutual": pa.array(rows["mutual"], pa.bool_()),
        "weight": pa.array([None] * count, pa.float64()), "summary": none, "quote": none,
        "ref": none, "year": pa.array(rows["year"], pa.int32())})
    ds.write_dataset(table, folder / "relations.parquet", format="parquet",
                     partitioning=ds.partitioning(pa.schema([("year", pa.int32())]),
                                                  flavor="hive"),
                     basename_template="part-{i}.parquet", existing_data_behavior="error")
    (folder / ".complete").write_text("")
    return folder


def timed(argv: list[str], repeat: int = 1) -> float:
    """The median wall time of `argv` run `repeat` times (each must succeed)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--url", help="a running local[2] server's URL (else one is started)")
    parser.add_argument("--only", nargs="+", help="only the commands starting with these")
    parser.add_argument("--no-start", action="store_true", help="skip the local[2] start")
    args = parser.parse_args()
    py = sys.executable
    relgraph = [py, "-m", "relgraph"]
    server = None
    url = args.url
    if url is None:
        server = subprocess.Popen([py, "-m", "relgraph.spark.serve", "local[2]", "--port", "0"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        url = server.stdout.readline().strip()
    commands = [c for c in COMMANDS if not args.only or c[0] in args.only]
    rows = []
    try:
        floor = timed([py, "-c", FLOOR], args.repeat)
        rows.append(("import floor", floor))
        for count in args.sizes:
            folder = parquet(count)
            size = sum(f.stat().st_size for f in (folder / "relations.parquet").rglob("*.parquet"))
            print(f"{count:,} relations: {size / count:.1f} bytes a relation in Parquet",
                  flush=True)
            data = ["--data", str(folder)]
            if not args.no_start:
                rows.append((f"{count:,}: --spark local[2] who-opposes a0 (start, ask, stop)",
                             timed([*relgraph, "--spark", "local[2]", *data, "who-opposes",
                                    "a0"])))
            timed([*relgraph, "--spark", url, *data, "who-opposes", "a1"])  # the server warms
            for command in commands:
                label = f"{count:,}: warm --spark {' '.join(command)}"
                rows.append((label, timed([*relgraph, "--spark", url, *data, *command],
                                          args.repeat)))
                print(f"{label}: {rows[-1][1]:.1f} s", flush=True)
            for label, extra in (("who-opposes a0", []),
                                 ("who-opposes a0 --since 2020", ["--since", "2020"])):
                rows.append((f"{count:,}: warm --spark {label}",
                             timed([*relgraph, "--spark", url, *data, "who-opposes", "a0",
                                    *extra], args.repeat)))
    finally:
        if server is not None:
            server.stdin.close()
            server.wait()
    print(f"\n{dt.date.today()}, {platform.machine()}, Python {platform.python_version()}, "
          f"types {sorted(TYPES)}\n")
    print("| call | wall s | against the floor |\n|---|---:|---:|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.2f} | {seconds / floor:.1f}x |")


if __name__ == "__main__":
    main()
