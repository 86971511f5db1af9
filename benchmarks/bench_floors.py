"""Each command between two import floors: the ratio that holds on a loaded machine.

    python benchmarks/bench_floors.py --data DIR --rounds 5 "who-opposes a0" "show a0"
    python benchmarks/bench_floors.py --data DIR --rounds 5 --file "timeline a0"

run.py times the floor a few times in a run and each command after it; when the machine's load
moves within the run (it does, on a shared machine), a command timed late is compared with a
floor timed early. Here each call of a command is timed between two calls of the floor, and its
ratio is its wall time over the mean of those two floors; the median of the rounds is printed,
with the range and the largest peak memory. The store must be warm (run the command once first;
the first round's ratios are printed like the others, so a cold one shows).

`--file`: the command's stdout goes to a temporary file instead of /dev/null (as `> file`).
`--terminal`: to a pseudo-terminal of 80 x 24 whose pager (`head -n 24`) quits after one screen,
as run.py times the first screen of a listing.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = "import typer, rich.table, networkx, yaml"


def timed(argv: list[str], stdout, terminal: bool = False) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one process."""
    start = time.perf_counter()
    env = None
    if terminal:
        import pty

        master, stdout = pty.openpty()
        env = {**os.environ, "COLUMNS": "80", "LINES": "24", "PAGER": "head -n 24 > /dev/null"}
    process = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE, env=env)
    if terminal:
        os.close(stdout)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if terminal:
        os.close(master)
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{shlex.join(argv)} failed: {stderr.strip()}")
    return wall, usage.ru_maxrss * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commands", nargs="+", help="relgraph arguments, quoted one per command")
    parser.add_argument("--data", action="append", default=[], help="passed to relgraph")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--file", action="store_true", help="stdout to a file, not /dev/null")
    parser.add_argument("--terminal", action="store_true", help="stdout to a pseudo-terminal")
    args = parser.parse_args()
    python = sys.executable
    relgraph = str(Path(python).parent / "relgraph")
    data = [arg for folder in args.data for arg in ("--data", folder)]
    floor_argv = [python, "-c", FLOOR]
    print(f"load average {os.getloadavg()[0]:.2f}, {args.rounds} rounds", flush=True)
    for command in args.commands:
        argv = [relgraph, *data, *shlex.split(command)]
        ratios, walls, peaks = [], [], []
        for _ in range(args.rounds):
            before, _ = timed(floor_argv, subprocess.DEVNULL)
            with tempfile.TemporaryFile() if args.file else open(os.devnull, "wb") as out:
                wall, peak = timed(argv, out, args.terminal)
            after, _ = timed(floor_argv, subprocess.DEVNULL)
            ratios.append(wall / ((before + after) / 2))
            walls.append(wall)
            peaks.append(peak)
        print(f"{command:<40} {statistics.median(walls):7.3f} s  x floor "
              f"{statistics.median(ratios):5.2f} ({min(ratios):.2f} to {max(ratios):.2f})  "
              f"{max(peaks) / 2**20:6.1f} MiB", flush=True)


if __name__ == "__main__":
    main()
