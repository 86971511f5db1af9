"""Where the HTML page's start-up time goes: a Chrome DevTools performance trace of one load.

    python scripts/page_profile.py [ACTORS:RELATIONS] [--trace FILE]    # default: 500:10000

Exports the synthetic graph of benchmarks/bench_page.py, loads it once in headless Chromium
with tracing on (the DevTools timeline and V8's sampling profiler) and prints the page's marks
(`relgraph:*`), the main thread's tasks of 50 ms or more, and for each task of 200 ms or more
the functions with the most time in it (inclusive, from the profiler's samples; Cytoscape's
are minified, so the names are its own or one letter). `--trace FILE` keeps the trace, which
the Performance panel of Chrome DevTools opens. Needs what the benchmark needs.
"""

from __future__ import annotations

import collections
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_page import ARGS, export_page, write_dataset  # noqa: E402

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel",
              "v8.execute", "disabled-by-default-v8.cpu_profiler", "blink", "loading"]
TASK = "ThreadControllerImpl::RunTask"


def trace(page_file: Path, trace_file: Path) -> list:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        browser.start_tracing(page=page, path=str(trace_file), categories=CATEGORIES)
        page.goto(page_file.as_uri())
        page.wait_for_selector("body[data-ready]", timeout=120_000)
        marks = page.evaluate("performance.getEntriesByType('mark')"
                              ".map(m => [m.name, m.startTime])")
        marks.append(["ready (relgraphPage.readyAt)", page.evaluate("relgraphPage.readyAt")])
        browser.stop_tracing()
        browser.close()
    return marks


def report(trace_file: Path, page_file: Path, marks: list) -> None:
    events = json.loads(trace_file.read_text(encoding="utf-8"))
    events = events["traceEvents"] if isinstance(events, dict) else events
    # The renderer of our page is the one whose profile samples name the page's file.
    pid = next(e["pid"] for e in events if e.get("name") == "ProfileChunk"
               and page_file.name in json.dumps(e["args"]))
    main = next(e["tid"] for e in events if e.get("name") == "thread_name"
                and e["pid"] == pid and e["args"]["name"] == "CrRendererMain")
    tasks = sorted((e for e in events if e.get("pid") == pid and e.get("tid") == main
                    and e.get("name") == TASK and e.get("dur", 0) >= 50_000),
                   key=lambda e: e["ts"])
    print("marks (ms from navigation):")
    for name, at in marks:
        print(f"  {at:8.0f}  {name}")
    start = min(e["ts"] for e in events if e.get("pid") == pid and e.get("tid") == main
                and e.get("ph") == "X")
    print("main-thread tasks of 50 ms or more (ms from the renderer's first event):")
    for task in tasks:
        print(f"  at {(task['ts'] - start) / 1000:7.0f}  {task['dur'] / 1000:7.0f} ms")
    samples = _samples(events, pid)
    for task in tasks:
        if task["dur"] < 200_000:
            continue
        print(f"task of {task['dur'] / 1000:.0f} ms, functions by time inside (ms):")
        inside = collections.Counter()
        for at, stack, dt in samples:
            if task["ts"] <= at <= task["ts"] + task["dur"]:
                for name in set(stack):
                    inside[name] += dt
        for name, us in inside.most_common(16):
            print(f"  {us / 1000:7.0f}  {name}")


def _samples(events: list, pid: int) -> list[tuple[float, list[str], float]]:
    """(time, names on the stack, microseconds) for each sample of V8's profiler."""
    nodes: dict[int, dict] = {}
    raw = []
    at = next(e for e in events if e.get("name") == "Profile"
              and e["pid"] == pid)["args"]["data"]["startTime"]
    for event in events:
        if event.get("name") != "ProfileChunk" or event["pid"] != pid:
            continue
        data = event["args"]["data"]
        for node in data.get("cpuProfile", {}).get("nodes", []):
            nodes[node["id"]] = node
        # A chunk's samples and the times between them come in step, one for one.
        for sample, dt in zip(data.get("cpuProfile", {}).get("samples", []),
                              data.get("timeDeltas", []), strict=True):
            at += dt
            raw.append((at, sample, dt))
    out = []
    for at, sample, dt in raw:
        stack, node = [], nodes.get(sample)
        while node is not None:
            frame = node["callFrame"]
            if frame.get("functionName") not in ("(root)", ""):
                stack.append(f"{frame.get('functionName') or '(anonymous)'}"
                             f"@{frame.get('lineNumber')}:{frame.get('columnNumber')}")
            node = nodes.get(node.get("parent"))
        out.append((at, stack, dt))
    return out


def main(args: list[str]) -> None:
    keep = None
    if "--trace" in args:
        keep = Path(args[args.index("--trace") + 1])
        args = args[:args.index("--trace")] + args[args.index("--trace") + 2:]
    actors, relations = (int(n) for n in (args[0] if args else "500:10000").split(":"))
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        write_dataset(data, actors, relations)
        page_file = Path(tmp) / "graph.html"
        export_page(data, page_file)
        trace_file = keep or Path(tmp) / "trace.json"
        marks = trace(page_file, trace_file)
        report(trace_file, page_file, marks)


if __name__ == "__main__":
    main(sys.argv[1:])
