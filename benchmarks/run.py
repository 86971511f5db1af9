"""relgraph's benchmark: wall time and peak memory of real commands, as ratios to the import floor.

    python benchmarks/run.py                      # 10k, 100k and 1M relations; writes the table
    python benchmarks/run.py --sizes 10000        # a quick run
    python benchmarks/run.py --huge               # also 10,000,000 relations (about 1.4 GB)
    python benchmarks/run.py --sizes "" --hubs 1000000   # only the heavy-tailed million

Everything is measured side by side in one run (the machines are shared and noisy, so only
ratios measured together compare): the floor (`python -c "import typer, rich.table, networkx,
yaml"`), `relgraph --help`, queries on the shipped graph, and on synthetic datasets (500 actors;
YAML up to 100k relations, JSON Lines and CSV at every size) the first call (cold: an empty
cache) and repeated calls (warm). Each command runs in its own process; the median wall time of
the repeats and the largest peak RSS are kept. The table goes to docs/performance.md between
the markers, with the date and the machine.

The heavy-tailed datasets (`--hubs`, 1,000,000 by default; 10,000,000 with --huge) have one
actor, a0, on 10% of the relations and a1 to a4 on 5%, 3%, 2% and 1%, like event data: each
command runs on the hub a0 and on an ordinary actor, a7, and the timeline's first screen is
timed on a pseudo-terminal whose pager (`head -n 24`) quits after one screen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data"  # generated once, reused by later runs (ignored by git)
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- benchmark:begin -->", "<!-- benchmark:end -->"

ACTORS = 500
TYPES = {"condemn": ("hostile", -2.0), "attack": ("hostile", -10.0), "aid": ("friendly", 7.4),
         "talks": ("friendly", 1.0), "observe": ("neutral", 0.0)}
FLOOR = "import typer, rich.table, networkx, yaml"
# The analyst views, each on its whole graph (balance lists only the 20 strongest triangles:
# 500 actors joined at random make millions).
VIEWS = [(" ".join(view), view) for view in (
    ["trend", "a1", "a2"], ["matrix"], ["neighbours", "a0"], ["balance", "--limit", "20"],
    ["central"], ["central", "--by", "pagerank"], ["central", "--by", "betweenness"])]
# Past 100,000 random relations every pair of the 500 actors is joined: a neighbourhood is the
# whole graph, balance has 20 million triangles, betweenness is O(n m). These views answer a
# question whose answer grows with the data; the benchmark times them up to 100,000.
HEAVY_VIEWS = {"neighbours a0", "balance --limit 20", "central --by betweenness"}


# Each timed on the hub a0 and on the ordinary a7 of the heavy-tailed data; stdout is /dev/null.
HUB_COMMANDS = [["who-opposes", "{actor}"], ["who-supports", "{actor}"], ["show", "{actor}"],
                ["timeline", "{actor}"], ["timeline", "{actor}", "--json"]]


# -- synthetic data -------------------------------------------------------------------------------

def relations(count: int, seed: int = 7):
    """(id, source, target, type, date or None, mutual) for `count` random relations."""
    rng = random.Random(seed)
    names = list(TYPES)
    for i in range(count):
        s, t = rng.sample(range(ACTORS), 2)
        date = f"{rng.randint(1967, 2023)}-{rng.randint(1, 12):02d}" if rng.random() < 0.9 \
            else None
        yield f"r{i}", f"a{s}", f"a{t}", rng.choice(names), date, rng.random() < 0.1


# Heavy-tailed data, as event data is: a0 is a side of 10% of the relations, a1 to a4 of 5%, 3%,
# 2% and 1%; the rest are drawn uniformly. Each relation has a summary, like an imported folder.
HUBS = {"a0": 0.10, "a1": 0.05, "a2": 0.03, "a3": 0.02, "a4": 0.01}
VERBS = {"condemn": "condemned", "attack": "attacked", "aid": "aided", "talks": "talked with",
         "observe": "observed"}


def hub_relations(count: int, seed: int = 11):
    """(id, source, target, type, date or None, mutual, summary) with a few hub actors."""
    rng = random.Random(seed)
    names = list(TYPES)
    bounds, total = [], 0.0
    for hub, share in HUBS.items():
        total += share
        bounds.append((total, int(hub[1:])))
    for i in range(count):
        draw = rng.random()
        hub = next((n for bound, n in bounds if draw < bound), None)
        s, t = rng.sample(range(ACTORS), 2)
        if hub is not None and hub not in (s, t):
            if rng.random() < 0.5:
                s = hub
            else:
                t = hub
        kind = rng.choice(names)
        date = f"{rng.randint(1979, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" \
            if rng.random() < 0.95 else None
        summary = f"Actor {s} {VERBS[kind]} Actor {t} ({rng.randint(1, 40)} mentions)"
        yield f"r{i}", f"a{s}", f"a{t}", kind, date, rng.random() < 0.1, summary


def generate_hubs(count: int) -> Path:
    """JSON Lines of `count` heavy-tailed relations (hub_relations), generated once."""
    import json

    folder = DATA / f"hubs-jsonl-{count}"
    if (folder / ".complete").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    write_common(folder)
    with open(folder / "relations.jsonl", "w", encoding="utf-8") as out:
        for rid, s, t, ty, date, mutual, summary in hub_relations(count):
            record = {"id": rid, "source": s, "target": t, "type": ty}
            if date:
                record["date"] = date
            if mutual:
                record["mutual"] = True
            record["summary"] = summary
            out.write(json.dumps(record) + "\n")
    (folder / ".complete").write_text("")
    old = time.time() - 3600
    for file in folder.iterdir():
        os.utime(file, (old, old))
    return folder


def write_common(folder: Path, with_relations: bool = False) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "actors.yaml", "w", encoding="utf-8") as out:
        out.write("actors:\n")
        for i in range(ACTORS):
            out.write(f"  - {{id: a{i}, name: Actor {i}, kind: state, aliases: [A{i}x]}}\n")
    if not with_relations:
        with open(folder / "relations.yaml", "w", encoding="utf-8") as out:
            out.write("types:\n")
            for name, (polarity, weight) in TYPES.items():
                out.write(f"  {name}: {{polarity: {polarity}, weight: {weight}}}\n")
            out.write("relations: []\n")


def generate(count: int, fmt: str) -> Path:
    folder = DATA / f"{fmt}-{count}"
    if (folder / ".complete").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    write_common(folder, with_relations=fmt == "yaml")
    if fmt == "yaml":
        with open(folder / "relations.yaml", "w", encoding="utf-8") as out:
            out.write("types:\n")
            for name, (polarity, weight) in TYPES.items():
                out.write(f"  {name}: {{polarity: {polarity}, weight: {weight}}}\n")
            out.write("relations:\n")
            for rid, s, t, ty, date, mutual in relations(count):
                extra = (f", date: {date}" if date else "") + (", mutual: true" if mutual else "")
                out.write(f"  - {{id: {rid}, source: {s}, target: {t}, type: {ty}{extra}}}\n")
    elif fmt == "jsonl":
        with open(folder / "relations.jsonl", "w", encoding="utf-8") as out:
            for rid, s, t, ty, date, mutual in relations(count):
                extra = (f', "date": "{date}"' if date else "") + \
                    (', "mutual": true' if mutual else "")
                out.write(f'{{"id": "{rid}", "source": "{s}", "target": "{t}", '
                          f'"type": "{ty}"{extra}}}\n')
    elif fmt == "csv":
        with open(folder / "relations.csv", "w", encoding="utf-8") as out:
            out.write("id,source,target,type,date,mutual\n")
            for rid, s, t, ty, date, mutual in relations(count):
                out.write(f"{rid},{s},{t},{ty},{date or ''},{'true' if mutual else 'false'}\n")
    (folder / ".complete").write_text("")
    # Settled files: a store compiled from them may be cached at once (see relgraph.cache).
    old = time.time() - 3600
    for file in folder.iterdir():
        os.utime(file, (old, old))
    return folder


# -- measuring ------------------------------------------------------------------------------------

def run_once(argv: list[str], env: dict[str, str], terminal: bool = False) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one process; its stdout is /dev/null, or with
    `terminal` a pseudo-terminal of 80 x 24 (the pager's input is then what it reads)."""
    start = time.perf_counter()
    if terminal:
        import pty

        master, slave = pty.openpty()
        process = subprocess.Popen(argv, env={**env, "COLUMNS": "80", "LINES": "24"},
                                   stdout=slave, stderr=subprocess.PIPE)
        os.close(slave)
    else:
        process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    if terminal:
        os.close(master)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} exited {code}: {stderr.strip()}")
    return wall, usage.ru_maxrss * 1024


def measure(argv: list[str], env: dict[str, str], repeat: int, before=None,
            terminal: bool = False) -> dict:
    walls, peaks = [], []
    for _ in range(repeat):
        if before is not None:
            before()
        wall, peak = run_once(argv, env, terminal)
        walls.append(wall)
        peaks.append(peak)
    return {"median": statistics.median(walls), "peak": max(peaks)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--huge", action="store_true", help="add 10,000,000 relations")
    parser.add_argument("--hubs", default="1000000",
                        help="sizes of the heavy-tailed datasets (HUBS), comma-separated")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print, don't write the doc")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    hub_sizes = [int(s) for s in args.hubs.split(",") if s]
    if args.huge:
        sizes.append(10_000_000)
        hub_sizes.append(10_000_000)

    python = sys.executable
    relgraph = str(Path(python).parent / "relgraph")
    cache = Path(tempfile.mkdtemp(prefix="relgraph-bench-cache-"))
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/"),
           "RELGRAPH_CACHE_DIR": str(cache), "LANG": "C.UTF-8",
           "PAGER": "head -n 24 > /dev/null"}  # on a terminal: the first screen, then quit
    if os.environ.get("PYTHONPATH"):  # to time a copy of relgraph's code (a before and after)
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]

    def clear_cache():
        shutil.rmtree(cache, ignore_errors=True)

    rows: list[tuple[str, dict]] = []

    def add(label, argv, repeat=args.repeat, before=None, terminal=False):
        result = measure(argv, env, repeat, before, terminal)
        rows.append((label, result))
        print(f"{label:<58} {result['median']:8.3f} s  {result['peak'] / 2**20:7.1f} MiB",
              flush=True)
        return result

    floor = add("import floor (typer, rich.table, networkx, yaml)", [python, "-c", FLOOR])
    add("python -c 'import typer'", [python, "-c", "import typer"])
    add("relgraph --help", [relgraph, "--help"])
    add("shipped: who-opposes Israel (warm)", [relgraph, "who-opposes", "Israel"])
    add("shipped: path Russia Hamas (warm)", [relgraph, "path", "Russia", "Hamas"])
    for size in hub_sizes:
        folder = generate_hubs(size)
        data = ["--data", str(folder)]
        label = f"{size:,} hubs"
        add(f"{label}: who-opposes a7 (cold)", [relgraph, *data, "who-opposes", "a7"],
            repeat=1, before=clear_cache)
        add("import floor (typer, rich.table, networkx, yaml)", [python, "-c", FLOOR])
        for hub, ordinary in (("a0", "a7"),):
            for actor in (hub, ordinary):
                for command in HUB_COMMANDS:
                    argv = [a.format(actor=actor) for a in command]
                    add(f"{label}: {' '.join(argv)} (warm)", [relgraph, *data, *argv],
                        repeat=min(3, args.repeat))
                # The first screen on a terminal: the pager reads 24 lines and quits.
                add(f"{label}: timeline {actor}, first screen on a terminal (warm)",
                    [relgraph, *data, "timeline", actor], repeat=min(3, args.repeat),
                    terminal=True)
        for view in (["trend", "a0", "a7"], ["trend", "a7", "a8"], ["matrix"], ["central"]):
            add(f"{label}: {' '.join(view)} (warm)", [relgraph, *data, *view],
                repeat=min(3, args.repeat))
        add("import floor (typer, rich.table, networkx, yaml)", [python, "-c", FLOOR])
    for size in sizes:
        formats = (["yaml"] if size <= 100_000 else []) + ["jsonl", "csv"]
        for fmt in formats:
            folder = generate(size, fmt)
            data = ["--data", str(folder)]
            cold_repeat = 3 if size >= 1_000_000 else args.repeat
            if size >= 10_000_000:
                cold_repeat = 1
            label = f"{size:,} {fmt}"
            if fmt == "yaml":
                add(f"{label}: PyYAML C loader parse",
                    [python, "-c", "import sys, yaml; yaml.load(open(sys.argv[1], "
                     "encoding='utf-8'), Loader=yaml.CSafeLoader)",
                     str(folder / "relations.yaml")], repeat=cold_repeat)
            add(f"{label}: who-opposes a0 (cold)", [relgraph, *data, "who-opposes", "a0"],
                repeat=cold_repeat, before=clear_cache)
            add(f"{label}: who-opposes a0 (warm)", [relgraph, *data, "who-opposes", "a0"])
            add(f"{label}: path a1 a2 (warm)", [relgraph, *data, "path", "a1", "a2"])
            if fmt == formats[0]:  # the analyst views read the same store whatever the format
                for name, view in VIEWS:
                    if size > 100_000 and name in HEAVY_VIEWS:
                        continue
                    add(f"{label}: {name} (warm)", [relgraph, *data, *view],
                        repeat=min(3, args.repeat))
    clear_cache()
    table = render(rows, floor["median"])
    print(table)
    if not args.no_write:
        write_doc(table)


def render(rows, floor: float) -> str:
    when = dt.date.today().isoformat()
    machine = (f"{os.cpu_count()} cores, {platform.machine()}, Python "
               f"{platform.python_version()}, {platform.system()} {platform.release()}")
    lines = [f"Measured {when} on {machine}, by `python benchmarks/run.py`.", "",
             "| what | median wall | x floor | peak memory |", "|---|---:|---:|---:|"]
    for label, result in rows:
        lines.append(f"| {label} | {result['median']:.3f} s | {result['median'] / floor:.2f} | "
                     f"{result['peak'] / 2**20:.0f} MiB |")
    return "\n".join(lines)


def write_doc(table: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else f"{BEGIN}\n{END}\n"
    if BEGIN not in text:
        text += f"\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{BEGIN}\n{table}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
