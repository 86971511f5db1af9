"""Run the whole test suite many times in a row, to make flaky tests visible.

    .venv/bin/python scripts/repeat_tests.py 20            # 20 runs of `python -m pytest -q`
    .venv/bin/python scripts/repeat_tests.py 5 -- -x tests/test_output_safety.py

Each run is a fresh `python -m pytest -q` (the README's test command) in a process of its own,
with the caller's environment less every PYTHON* variable; every other run sets
PYTHONUNBUFFERED=1, so the suite is tried both with stdout block-buffered (a user's default)
and unbuffered. The output of each run is kept in build/repeat/run-NN.txt. It prints one line
a run and a summary, and exits 1 if any run failed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOGS = ROOT / "build" / "repeat"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=int, nargs="?", default=20)
    parser.add_argument("pytest_args", nargs="*", help="after --: passed on to pytest")
    args = parser.parse_args()
    LOGS.mkdir(parents=True, exist_ok=True)
    base = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    failed = []
    for n in range(1, args.runs + 1):
        env = dict(base)
        buffering = "unbuffered" if n % 2 == 0 else "buffered"
        if buffering == "unbuffered":
            env["PYTHONUNBUFFERED"] = "1"
        start = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", *args.pytest_args],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.monotonic() - start
        log = LOGS / f"run-{n:02d}.txt"
        log.write_text(done.stdout + done.stderr, encoding="utf-8")
        lines = done.stdout.strip().splitlines()
        summary = lines[-1] if lines else "(no output)"
        problems = [line for line in lines if re.match(r"(FAILED|ERROR) ", line)]
        print(f"run {n:2d} ({buffering:10s}) exit {done.returncode}  {seconds:6.1f} s  "
              f"{summary.strip('= ')}", flush=True)
        for line in problems:
            print(f"    {line}", flush=True)
        if done.returncode != 0:
            failed.append(n)
    print(f"{args.runs - len(failed)} of {args.runs} runs passed"
          + (f"; failed: {', '.join(map(str, failed))} (logs in {LOGS})" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
