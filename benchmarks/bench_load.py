"""Time checking relations in JSON Lines and CSV: the loader's own cost, beside bare parsing.

    python benchmarks/bench_load.py                    # 100,000 and 1,000,000 relations
    python benchmarks/bench_load.py --sizes 100000     # one size
    python benchmarks/bench_load.py --profile 100000   # cProfile of one check, top 25 lines

Each step runs in a child process of its own, so its peak memory (ru_maxrss) is its own:
`check_dataset` with a consumer that drops every relation (what the store's compile does,
without SQLite), `load_dataset` keeping them, and the floors: reading the lines, parsing each
with `json` (and `orjson` when the Python running this has it), reading the CSV rows. The data
(500 actors, 1,000 sources; ids, dates, a summary and a ref on every relation, like an imported
GDELT folder) is generated once under benchmarks/.data/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
SRC = HERE.parent / "src"
ACTORS = 500
SOURCES = 1000
TYPES = {"condemn": ("hostile", -2.0), "attack": ("hostile", -10.0), "aid": ("friendly", 7.4),
         "talks": ("friendly", 1.0), "observe": ("neutral", 0.0)}
VERBS = {"condemn": "condemned", "attack": "attacked", "aid": "aided", "talks": "talked with",
         "observe": "observed"}
COLUMNS = ["id", "source", "target", "type", "date", "mutual", "summary", "ref"]


def records(count: int, seed: int = 7):
    rng = random.Random(seed)
    names = list(TYPES)
    for i in range(count):
        s, t = rng.sample(range(ACTORS), 2)
        kind = rng.choice(names)
        record = {"id": f"gdelt-{1_000_000_000 + i}", "source": f"a{s}", "target": f"a{t}",
                  "type": kind}
        if rng.random() < 0.95:
            record["date"] = f"{rng.randint(1979, 2025)}-{rng.randint(1, 12):02d}-" \
                             f"{rng.randint(1, 28):02d}"
        if rng.random() < 0.1:
            record["mutual"] = True
        record["summary"] = f"Actor {s} {VERBS[kind]} Actor {t} ({rng.randint(1, 40)} mentions)"
        record["ref"] = f"src-{rng.randrange(SOURCES)}"
        yield record


def generate(count: int, fmt: str) -> Path:
    folder = DATA / f"load-{fmt}-{count}"
    if (folder / ".complete").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "actors.yaml", "w", encoding="utf-8") as out:
        out.write("actors:\n")
        for i in range(ACTORS):
            out.write(f"  - {{id: a{i}, name: Actor {i}, kind: state, aliases: [A{i}x]}}\n")
    with open(folder / "relations.yaml", "w", encoding="utf-8") as out:
        out.write("types:\n")
        for name, (polarity, weight) in TYPES.items():
            out.write(f"  {name}: {{polarity: {polarity}, weight: {weight}}}\n")
        out.write("sources:\n")
        for i in range(SOURCES):
            out.write(f"  src-{i}: {{url: 'https://news.example/{i}'}}\n")
    if fmt == "jsonl":
        with open(folder / "relations.jsonl", "w", encoding="utf-8") as out:
            for record in records(count):
                out.write(json.dumps(record) + "\n")
    else:
        import csv

        with open(folder / "relations.csv", "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(COLUMNS)
            for record in records(count):
                record["mutual"] = "true" if record.get("mutual") else ""
                writer.writerow([record.get(column, "") for column in COLUMNS])
    (folder / ".complete").write_text("")
    return folder


# -- the steps, each run in a child process --------------------------------------------------

def step(name: str, folder: Path) -> None:
    relations = folder / ("relations.jsonl" if (folder / "relations.jsonl").exists()
                          else "relations.csv")
    if name == "read lines":
        with open(relations, "rb") as stream:
            for _ in stream:
                pass
    elif name == "json.loads each line":
        loads = json.loads
        with open(relations, "rb") as stream:
            for line in stream:
                loads(line)
    elif name == "orjson.loads each line":
        import orjson

        loads = orjson.loads
        with open(relations, "rb") as stream:
            for line in stream:
                loads(line)
    elif name == "csv.reader rows":
        import csv

        with open(relations, encoding="utf-8", newline="") as stream:
            for _ in csv.reader(stream):
                pass
    elif name == "check_dataset (relations dropped)":
        from relgraph.dataset import check_dataset

        check_dataset([folder], on_relation=lambda relation: None)
    elif name == "load_dataset (relations kept)":
        from relgraph.dataset import load_dataset

        load_dataset(folder)
    else:
        raise SystemExit(f"no step {name!r}")


def run_step(name: str, folder: Path) -> dict | None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    code = ("import resource, sys, time; sys.argv[1:] = []; import bench_load; "
            "w, c = time.perf_counter(), time.process_time(); "
            f"bench_load.step({name!r}, bench_load.Path({str(folder)!r})); "
            "print(time.perf_counter() - w, time.process_time() - c, "
            "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=HERE, capture_output=True,
                          text=True)
    if done.returncode != 0:
        if "No module named 'orjson'" in done.stderr:
            return None
        raise SystemExit(f"{name} failed: {done.stderr.strip()}")
    wall, cpu, peak = done.stdout.split()
    return {"wall": float(wall), "cpu": float(cpu), "peak": int(peak) * 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--profile", type=int, metavar="N", help="profile one check of N")
    parser.add_argument("--format", default="jsonl,csv")
    args = parser.parse_args()
    formats = args.format.split(",")
    if args.profile:
        import cProfile
        import pstats

        sys.path.insert(0, str(SRC))
        folder = generate(args.profile, formats[0])
        from relgraph.dataset import check_dataset

        profile = cProfile.Profile()
        profile.runcall(check_dataset, [folder], on_relation=lambda relation: None)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        return
    print(f"{dt_now()}, {os.cpu_count()} cores, {platform.machine()}, Python "
          f"{platform.python_version()}; load average {os.getloadavg()[0]:.1f}")
    print("| relations | format | file | step | wall s | CPU s | peak memory |")
    print("|---:|---|---:|---|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        for fmt in formats:
            folder = generate(size, fmt)
            file = folder / f"relations.{fmt}"
            steps = ["read lines"] + (["json.loads each line", "orjson.loads each line"]
                                      if fmt == "jsonl" else ["csv.reader rows"])
            steps += ["check_dataset (relations dropped)", "load_dataset (relations kept)"]
            for name in steps:
                result = run_step(name, folder)
                if result is None:
                    continue
                print(f"| {size:,} | {fmt} | {file.stat().st_size / 2**20:.0f} MiB | {name} | "
                      f"{result['wall']:.2f} | {result['cpu']:.2f} | "
                      f"{result['peak'] / 2**20:.0f} MiB |", flush=True)


def dt_now() -> str:
    import datetime as dt

    return dt.datetime.now().strftime("%Y-%m-%d %H:%M")


if __name__ == "__main__":
    main()
