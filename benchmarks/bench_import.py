"""Import rate of `relgraph import gdelt`, `import polecat` and `import acled`, in rows a
second (target: at least 50,000 for GDELT; POLECAT and ACLED at least as fast as GDELT).

    PYTHONPATH=src python benchmarks/bench_import.py [N ...]

For each N (default 150,000, about a day of GDELT) it writes synthetic files of N rows made by
repeating the rows of the test data with fresh ids: a GDELT 2.0 export from the 58 real rows
of tests/data/gdelt/20250807220000.export.excerpt.CSV, zipped as GDELT ships it; a POLECAT
yearly zip of one monthly file from the 14 rows of tests/data/polecat's weekly release; a plain
ACLED CSV export from the 21 rows of tests/data/acled. It times each import in a child process,
with the shipped actors, with --all-actors, and with an actors file that matches no side (the
cost of reading the rows alone, whatever share of them a source's rows write): wall-clock time,
and CPU time, which a machine shared with other work disturbs less. The child's peak memory
(max RSS) shows whether memory stays flat as N grows.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXCERPT = ROOT / "tests" / "data" / "gdelt" / "20250807220000.export.excerpt.CSV"
POLECAT = ROOT / "tests" / "data" / "polecat" / "ngecEvents.20231019131501.Release212.DV.txt"
ACLED = sorted((ROOT / "tests" / "data" / "acled").glob("*.csv"))

CHILD = """
import json, resource, sys, time
from relgraph.importers import import_events
kind, source, out, actors = sys.argv[1:5]
start, cpu = time.perf_counter(), time.process_time()
report = import_events(kind, [source], out, actors=None if actors in ("shipped", "all") else actors,
                       all_actors=actors == "all")
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
print(json.dumps({"rows": report.rows_read, "written": report.written, "seconds": seconds,
                  "cpu": cpu, "peak_mib": peak / 1024}))
"""


def synthetic_export(rows: int, folder: Path) -> Path:
    """A zipped GDELT 2.0 export of `rows` rows cycling through the real excerpt."""
    real = [line.split("\t", 1)[1] for line in EXCERPT.read_text(encoding="utf-8").splitlines()]
    plain = folder / f"synthetic-{rows}.export.CSV"
    with open(plain, "w", encoding="utf-8", newline="\n") as out:
        for n in range(rows):
            out.write(f"{2_000_000_000 + n}\t{real[n % len(real)]}\n")
    packed = folder / f"synthetic-{rows}.export.CSV.zip"
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(plain, plain.name)
    plain.unlink()
    return packed


def synthetic_polecat(rows: int, folder: Path) -> Path:
    """A POLECAT yearly zip of one monthly file of `rows` rows cycling through the weekly file."""
    header, *real = POLECAT.read_text(encoding="utf-8").splitlines()
    real = [line.split("\t", 1)[1] for line in real]
    plain = folder / "ngecEventsDV-2099-Jan.txt"
    with open(plain, "w", encoding="utf-8", newline="\n") as out:
        out.write(header + "\n")
        for n in range(rows):
            out.write(f"pcbench{n:09d}\t{real[n % len(real)]}\n")
    packed = folder / f"ngecEventsDV-{rows}.txt.zip"
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(plain, plain.name)
    plain.unlink()
    return packed


def synthetic_acled(rows: int, folder: Path) -> Path:
    """A plain ACLED CSV export of `rows` rows cycling through the three test files' rows."""
    header, real = None, []
    for path in ACLED:
        table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        header, real = table[0], real + table[1:]
    plain = folder / f"acled-{rows}.csv"
    with open(plain, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for n in range(rows):
            writer.writerow([f"BEN{n}", *real[n % len(real)][1:]])
    return plain


SOURCES = {"gdelt": synthetic_export, "polecat": synthetic_polecat, "acled": synthetic_acled}


def run(kind: str, source: Path, out: Path, actors: str) -> dict:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": ""}
    result = subprocess.run([sys.executable, "-c", CHILD, kind, str(source), str(out), actors],
                            capture_output=True, text=True, env=env, check=True)
    return json.loads(result.stdout)


def main(argv: list[str]) -> None:
    sizes = [int(arg) for arg in argv] or [150_000]
    print("| source | rows | actors | relations written | wall s | rows/s (wall) | CPU s "
          "| rows/s (CPU) | peak memory |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        nobody = folder / "nobody.yaml"  # matches no side: the cost of reading rows alone
        nobody.write_text("actors:\n  - {id: nobody, name: Nobody}\n", encoding="utf-8")
        modes = {"shipped": "shipped", "all": "all (--all-actors)", str(nobody): "none matched"}
        for rows in sizes:
            for kind, synthetic in SOURCES.items():
                start = time.perf_counter()
                source = synthetic(rows, folder)
                made = time.perf_counter() - start
                for actors, label in modes.items():
                    out = folder / f"out-{kind}-{rows}-{len(label)}"
                    result = run(kind, source, out, actors)
                    print(f"| {kind} | {result['rows']:,} | {label} | {result['written']:,} | "
                          f"{result['seconds']:.2f} | "
                          f"{result['rows'] / result['seconds']:,.0f} | {result['cpu']:.2f} | "
                          f"{result['rows'] / result['cpu']:,.0f} | "
                          f"{result['peak_mib']:.0f} MiB |", flush=True)
                print(f"(writing the {rows:,}-row {kind} file took {made:.1f} s)",
                      file=sys.stderr)
                source.unlink()


if __name__ == "__main__":
    main(sys.argv[1:])
