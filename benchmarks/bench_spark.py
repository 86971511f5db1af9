"""The Spark engine, timed as ratios to the import floor in one run (docs/performance.md).

    .venv/bin/python benchmarks/bench_spark.py                 # 1,000,000 relations
    .venv/bin/python benchmarks/bench_spark.py --sizes 100000 1000000 10000000

For each size: benchmarks/run.py's synthetic relations (500 actors, 90% dated 1967-2023) as a
year-partitioned Parquet folder (pyarrow, as Spark writes it); its bytes per relation; then,
each in its own process, as a user runs them:
- `relgraph --spark local[2] who-opposes a0`: a local Spark server started, asked, stopped;
- every command --spark answers, warm: against one local[2] server kept running
  (`python -m relgraph.spark.serve`), so each call opens a session only;
- who-opposes with `--since 2020` on the partitioned folder against without it;
- who-opposes on the same relations naming their sources by name ("Actor 7") instead of id,
  at the first size: the cost of resolving names (src/relgraph/spark/names.py).
The floor is `python -c "import typer, rich.table, networkx, yaml"`, timed before and after
every call: a call's ratio is its time over the mean of the two floors around it (as
bench_floors.py does), which holds while a shared machine's load moves within the run; the
median of the repeats is shown. Needs the spark extra.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DATA, FLOOR, relations, write_common  # noqa: E402

# As in run.py, neighbours and balance are left out past 100,000 random relations: among 500
# actors joined at random, a neighbourhood is the whole graph (all its relations brought back)
# and balance lists the relations of 60 pairs, a scan each.
COMMANDS = [
    ["who-opposes", "a0"], ["who-supports", "a0"], ["timeline", "a1", "a2"],
    ["relations", "--between", "a1", "a2"], ["show", "a3"], ["relation", "r12345"],
    ["trend", "a1", "a2"], ["matrix"], ["central"], ["central", "--by", "pagerank"],
    ["path", "a1", "a2"], ["validate"],
]


CHUNK = 1_000_000  # relations written at a time, so that 10,000,000 fit in memory


def parquet(count: int, named: bool = False) -> Path:
    """The synthetic relations as relations.parquet/year=YYYY/part-C-N.parquet (made once);
    `named`: each source written as the actor's name ("Actor 7"), not its id ("a7")."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    folder = DATA / f"parquet-{count}{'-named' if named else ''}"
    if (folder / ".complete").exists():
        return folder
    write_common(folder)
    generated = relations(count)
    for chunk in range(0, count, CHUNK):
        size = min(CHUNK, count - chunk)
        rows = {name: [] for name in ("id", "source", "target", "type", "date", "mutual")}
        for rid, s, t, kind, date, mutual in itertools.islice(generated, size):
            for name, value in zip(rows, (rid, f"Actor {s[1:]}" if named else s, t, kind,
                                          date, mutual), strict=True):
                rows[name].append(value)
        none = pa.array([None] * size, pa.string())
        table = pa.table({
            "id": rows["id"], "source": rows["source"], "target": rows["target"],
            "type": rows["type"], "date": rows["date"], "until": none,
            "mutual": pa.array(rows["mutual"], pa.bool_()),
            "weight": pa.array([None] * size, pa.float64()), "summary": none, "quote": none,
            "ref": none,
            "year": pa.array([int(d[:4]) if d else None for d in rows["date"]], pa.int32())})
        ds.write_dataset(table, folder / "relations.parquet", format="parquet",
                         partitioning=ds.partitioning(pa.schema([("year", pa.int32())]),
                                                      flavor="hive"),
                         basename_template=f"part-{chunk // CHUNK:03d}-{{i}}.parquet",
                         existing_data_behavior="overwrite_or_ignore")
    (folder / ".complete").write_text("")
    return folder


def once(argv: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr}")
    return seconds


def timed(argv: list[str], repeat: int = 1) -> tuple[float, float]:
    """The median wall time of `argv` run `repeat` times (each must succeed), and the median
    of its ratios to the mean of the floors timed just before and just after each call."""
    floor = [sys.executable, "-c", FLOOR]
    times, ratios = [], []
    before = once(floor)
    for _ in range(repeat):
        times.append(once(argv))
        after = once(floor)
        ratios.append(times[-1] / ((before + after) / 2))
        before = after
    return statistics.median(times), statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--url", help="a running local[2] server's URL (else one is started)")
    parser.add_argument("--only", nargs="+", help="only the commands starting with these")
    parser.add_argument("--no-start", action="store_true", help="skip the local[2] start")
    parser.add_argument("--no-named", action="store_true",
                        help="skip the folder that names actors by name")
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
    load = os.getloadavg()
    try:
        floor = statistics.median(once([py, "-c", FLOOR]) for _ in range(args.repeat))
        rows.append(("import floor", (floor, 1.0)))
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
                print(f"{label}: {rows[-1][1][0]:.1f} s", flush=True)
            for label, extra in (("who-opposes a0", []),
                                 ("who-opposes a0 --since 2020", ["--since", "2020"])):
                rows.append((f"{count:,}: warm --spark {label}",
                             timed([*relgraph, "--spark", url, *data, "who-opposes", "a0",
                                    *extra], args.repeat)))
                print(f"{rows[-1][0]}: {rows[-1][1][0]:.1f} s", flush=True)
            if count == args.sizes[0] and not args.no_named:
                named = ["--data", str(parquet(count, named=True))]
                rows.append((f"{count:,}: warm --spark who-opposes a0, sources named by name",
                             timed([*relgraph, "--spark", url, *named, "who-opposes", "a0"],
                                   args.repeat)))
                print(f"{rows[-1][0]}: {rows[-1][1][0]:.1f} s", flush=True)
    finally:
        if server is not None:
            server.stdin.close()
            server.wait()
    print(f"\n{dt.date.today()}, {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, load average {load[0]:.1f} at the start and "
          f"{os.getloadavg()[0]:.1f} at the end, floor {floor:.2f} s\n")
    print("| call | wall s | x the floors around it |\n|---|---:|---:|")
    for label, (seconds, ratio) in rows:
        print(f"| {label} | {seconds:.2f} | {ratio:.1f}x |")


if __name__ == "__main__":
    main()
