"""Import rate of `relgraph import gdelt`, in rows a second (target: at least 50,000).

    PYTHONPATH=src python benchmarks/bench_import.py [N ...]

For each N (default 150,000, about a day of GDELT) it writes a synthetic GDELT 2.0 export of N
rows, made by repeating the 58 real rows of tests/data/gdelt/20250807220000.export.excerpt.CSV
with fresh GLOBALEVENTIDs, zips it as GDELT ships it, and times the import in a child process,
with the shipped actors and with --all-actors: wall-clock time, and CPU time, which a machine
shared with other work disturbs less. The child's peak memory (max RSS) shows whether memory
stays flat as N grows.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXCERPT = ROOT / "tests" / "data" / "gdelt" / "20250807220000.export.excerpt.CSV"

CHILD = """
import json, resource, sys, time
from relgraph.importers import import_events
source, out, all_actors = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
start, cpu = time.perf_counter(), time.process_time()
report = import_events("gdelt", [source], out, all_actors=all_actors)
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


def run(source: Path, out: Path, all_actors: bool) -> dict:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": ""}
    result = subprocess.run([sys.executable, "-c", CHILD, str(source), str(out),
                             "1" if all_actors else "0"],
                            capture_output=True, text=True, env=env, check=True)
    return json.loads(result.stdout)


def main(argv: list[str]) -> None:
    sizes = [int(arg) for arg in argv] or [150_000]
    print("| rows | actors | relations written | wall s | rows/s (wall) | CPU s | rows/s (CPU) "
          "| peak memory |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for rows in sizes:
            start = time.perf_counter()
            source = synthetic_export(rows, folder)
            made = time.perf_counter() - start
            for all_actors in (False, True):
                out = folder / f"out-{rows}-{int(all_actors)}"
                result = run(source, out, all_actors)
                label = "all (--all-actors)" if all_actors else "shipped"
                print(f"| {result['rows']:,} | {label} | {result['written']:,} | "
                      f"{result['seconds']:.2f} | {result['rows'] / result['seconds']:,.0f} | "
                      f"{result['cpu']:.2f} | {result['rows'] / result['cpu']:,.0f} | "
                      f"{result['peak_mib']:.0f} MiB |")
            print(f"(writing and zipping the {rows:,}-row file took {made:.1f} s)",
                  file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
