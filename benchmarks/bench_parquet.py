"""The first call on relations in Parquet against the same relations in JSON Lines.

    python benchmarks/bench_parquet.py                   # 1,000,000 relations, 3 runs each
    python benchmarks/bench_parquet.py --sizes 100000 --runs 1
    python benchmarks/bench_parquet.py --steps           # the check alone, then with SQLite
    python benchmarks/bench_parquet.py --profile 100000  # cProfile of one compile of Parquet
    python benchmarks/bench_parquet.py --hubs --ask "who-opposes a0" --ask "show a0"

The relations are bench_load.py's (500 actors, 1,000 sources; an id, a date on 95 %, a
summary and a ref on every one, like an imported GDELT folder), written once as relations.jsonl
and as relations.parquet partitioned by year (relgraph's own writer) under benchmarks/.data/.
Measured side by side, each in its own process: the import floor
(`python -c "import typer, rich.table, networkx, yaml"`), `import pyarrow.parquet`, and the
first call `relgraph who-opposes a0` with an empty cache, then one warm call. For Parquet
the first call answers from Arrow columns and leaves the store to a background build
(cache.py): the benchmark waits for that build (and reports when it was done, from the first
call's start) before the warm call. JSON Lines' first call checks and compiles the store.
Medians of the runs; needs pyarrow (`pip install -e '.[parquet]'`).

`--hubs`: run.py's heavy-tailed relations instead (a0 a side of a tenth of them, a1 to a4 of
5 % to 1 %; the rest uniform), in Parquet only, with each `--ask` (default `who-opposes a0`,
the hub, and `who-opposes a7`, an ordinary actor) as a first call on an empty cache.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_load

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
FLOOR = "import typer, rich.table, networkx, yaml"


def generate(count: int, fmt: str) -> Path:
    """bench_load's folder for `fmt` jsonl; for parquet, the same folder's YAML files and its
    relations written by relgraph's Parquet writer."""
    if fmt == "jsonl":
        return bench_load.generate(count, "jsonl")
    folder = bench_load.DATA / f"load-parquet-{count}"
    if (folder / ".complete").exists():
        return folder
    source = bench_load.generate(count, "jsonl")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in ("actors.yaml", "relations.yaml"):
        shutil.copy(source / name, folder / name)
    sys.path.insert(0, str(SRC))
    from relgraph.parquet.writing import PartitionedWriter

    with PartitionedWriter(folder) as writer:
        for record in bench_load.records(count):
            writer.add(record)
    (folder / ".complete").write_text("")
    return folder


def timed(argv: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one child process (its own, through wait4); its
    CPU seconds (user and system) go to CPU[argv], printed beside: on a shared machine the
    CPU time varies less than the wall time."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {stderr.decode()[:2000]}")
    CPU.setdefault(" ".join(argv), []).append(usage.ru_utime + usage.ru_stime)
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss * 1024


CPU: dict[str, list[float]] = {}
LAST_CPU = [0.0]


STEPS = {  # what a first call does, in parts, each in a child process of its own
    "check only (relations dropped)":
        "from relgraph.dataset import check_dataset\n"
        "check_dataset([FOLDER], on_relation=lambda r: None, on_columns=lambda c: None)",
    "check as Arrow columns (the first call's)":
        "from relgraph.checks.arrow_columns import check_columns\n"
        "assert check_columns([FOLDER]) is not None",
    "check and compile (SQLite in memory)":
        "import sqlite3\nfrom relgraph import cache\n"
        "cache._compile(sqlite3.connect(':memory:'), [FOLDER], '', None)",
}


def step(name: str, folder: Path) -> tuple[float, int]:
    code = f"from pathlib import Path\nFOLDER = Path({str(folder)!r})\n" + STEPS[name]
    return timed([sys.executable, "-c", code], {**os.environ, "PYTHONPATH": str(SRC)})


def generate_hubs(count: int) -> Path:
    """run.py's heavy-tailed relations in Parquet, by relgraph's own writer, generated once."""
    import run

    folder = bench_load.DATA / f"hubs-parquet-{count}"
    if (folder / ".complete").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    run.write_common(folder)
    sys.path.insert(0, str(SRC))
    from relgraph.parquet.writing import PartitionedWriter

    with PartitionedWriter(folder) as writer:
        for rid, s, t, kind, date, mutual, summary in run.hub_relations(count):
            record = {"id": rid, "source": s, "target": t, "type": kind, "summary": summary}
            if date:
                record["date"] = date
            if mutual:
                record["mutual"] = True
            writer.add(record)
    (folder / ".complete").write_text("")
    return folder


def relgraph(folder: Path, cache: Path, question: str = "who-opposes a0") -> list[str]:
    return [sys.executable, "-m", "relgraph", "--data", str(folder), *question.split()], \
        {**os.environ, "RELGRAPH_CACHE_DIR": str(cache)}


def built_in_background(cache: Path, first_call: float) -> float | None:
    """When the first call left a build running (cache.py answers a large Parquet dataset
    from Arrow columns and builds its store in the background), wait for the store: seconds
    from the first call's start until it is in the cache; None when there was no build."""
    if not list(cache.glob("*.lock")):
        return None
    start = time.perf_counter() - first_call
    sys.path.insert(0, str(SRC))
    from relgraph.background import holding

    while not list(cache.glob("*.sqlite")):
        time.sleep(0.2)
    for lock in cache.glob("*.lock"):  # the builder lets go once the store is renamed in
        while True:
            with holding(lock) as free:
                if free:
                    break
            time.sleep(0.2)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", action="store_true",
                        help="time the check alone and the check with the compile, not calls")
    parser.add_argument("--profile", type=int, metavar="N",
                        help="profile one compile of N relations in Parquet, top 25 lines")
    parser.add_argument("--hubs", action="store_true",
                        help="heavy-tailed relations in Parquet: first calls of each --ask")
    parser.add_argument("--ask", action="append", metavar="QUESTION",
                        help="with --hubs, a first call to time (repeatable)")
    args = parser.parse_args()
    if args.profile:
        profile(generate(args.profile, "parquet"))
        return
    made = set(bench_load.DATA.glob("*/.complete"))
    for size in (int(s) for s in args.sizes.split(",")):
        for fmt in ["hubs"] if args.hubs else ["jsonl", "parquet"]:
            generate_hubs(size) if fmt == "hubs" else generate(size, fmt)
    if set(bench_load.DATA.glob("*/.complete")) != made:
        # Generating grew this process, and a child's peak memory counts what it was forked
        # from: start again, small, on the files now written.
        os.execv(sys.executable, [sys.executable, *sys.argv])
    if args.hubs:
        hubs(args.sizes, args.runs, args.ask or ["who-opposes a0", "who-opposes a7"])
        return
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, {platform.machine()}, "
          f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.1f}")
    rows = {}
    for size in (int(s) for s in args.sizes.split(",")):
        folders = {fmt: generate(size, fmt) for fmt in ("jsonl", "parquet")}
        for run in range(args.runs):  # interleaved: the formats share the machine's mood
            rows.setdefault("floor", []).append(timed([sys.executable, "-c", FLOOR]))
            rows.setdefault("floor (CPU)", []).append((LAST_CPU[0], rows["floor"][-1][1]))
            if args.steps:
                for fmt, folder in folders.items():
                    for name in STEPS:
                        if fmt != "parquet" and "Arrow" in name:
                            continue  # the Arrow check takes relations in Parquet only
                        wall, peak = step(name, folder)
                        rows.setdefault(f"{size:,} {fmt}: {name}", []).append((wall, peak))
                        rows.setdefault(f"{size:,} {fmt}: {name} (CPU)", []).append(
                            (LAST_CPU[0], peak))
                        print(f"run {run + 1}: {size:,} {fmt} {name} {wall:.2f} s, "
                              f"CPU {LAST_CPU[0]:.2f} s, {peak / 2**20:.0f} MiB", flush=True)
                continue
            rows.setdefault("import pyarrow.parquet", []).append(
                timed([sys.executable, "-c", "import pyarrow.parquet"]))
            for fmt, folder in folders.items():
                with tempfile.TemporaryDirectory() as cache:
                    argv, env = relgraph(folder, Path(cache))
                    for what in ("first call", "warm call"):
                        wall, peak = timed(argv, env)
                        rows.setdefault(f"{size:,} {fmt}: {what}", []).append((wall, peak))
                        rows.setdefault(f"{size:,} {fmt}: {what} (CPU)", []).append(
                            (LAST_CPU[0], peak))
                        print(f"run {run + 1}: {size:,} {fmt} {what} {wall:.2f} s, "
                              f"{peak / 2**20:.0f} MiB; floor {rows['floor'][-1][0]:.3f} s",
                              flush=True)
                        if what == "first call":
                            built = built_in_background(Path(cache), wall)
                            if built is not None:
                                rows.setdefault(f"{size:,} {fmt}: store built in the "
                                                "background, after the first call's start",
                                                []).append((built, 0))
        sizes = {fmt: sum(p.stat().st_size for p in folder.rglob("relations.*")
                          if p.is_file()) + sum(p.stat().st_size for p in
                                                folder.rglob("*.parquet") if p.is_file())
                 for fmt, folder in folders.items()}
        print(f"files: JSON Lines {sizes['jsonl'] / 2**20:.0f} MiB, Parquet "
              f"{sizes['parquet'] / 2**20:.0f} MiB")
    floor = statistics.median(wall for wall, _ in rows["floor"])
    floor_cpu = statistics.median(cpu for cpu, _ in rows["floor (CPU)"])
    print("| what | median | x floor | peak memory |")
    print("|---|---:|---:|---:|")
    for name, results in rows.items():
        value = statistics.median(w for w, _ in results)
        peak = max(p for _, p in results)
        base = floor_cpu if name.endswith("(CPU)") else floor
        print(f"| {name} | {value:.3f} s | {value / base:.2f} | {peak / 2**20:.0f} MiB |")


def hubs(sizes: str, runs: int, questions: list[str]) -> None:
    """Each question's first call on heavy-tailed Parquet, between two floors: its ratio is
    its wall time over the mean of the floors just before and after it."""
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, {platform.machine()}, "
          f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.1f}")
    print("| what | median wall | median x floor (range) | peak memory |")
    print("|---|---:|---:|---:|")
    for size in (int(s) for s in sizes.split(",")):
        folder = generate_hubs(size)
        for question in questions:
            walls, ratios, peaks = [], [], []
            for _ in range(runs):
                before, _ = timed([sys.executable, "-c", FLOOR])
                with tempfile.TemporaryDirectory() as cache:
                    argv, env = relgraph(folder, Path(cache), question)
                    wall, peak = timed(argv, env)
                    after, _ = timed([sys.executable, "-c", FLOOR])
                    built_in_background(Path(cache), wall)  # never two builds at once
                walls.append(wall)
                ratios.append(wall / ((before + after) / 2))
                peaks.append(peak)
            print(f"| {size:,} hubs parquet: {question} (first call) | "
                  f"{statistics.median(walls):.2f} s | {statistics.median(ratios):.1f} "
                  f"({min(ratios):.1f} to {max(ratios):.1f}) | {max(peaks) / 2**20:.0f} MiB |",
                  flush=True)


def profile(folder: Path) -> None:
    import cProfile
    import pstats
    import sqlite3

    sys.path.insert(0, str(SRC))
    from relgraph import cache

    profiler = cProfile.Profile()
    profiler.runcall(cache._compile, sqlite3.connect(":memory:"), [folder], "", None)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
