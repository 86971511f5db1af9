"""Time the HTML page in headless Chromium: the shipped graph and synthetic graphs.

    python benchmarks/bench_page.py [ACTORS:RELATIONS ...]    # default: 500:10000

For each graph: the size of the page, the time `export --format html` takes, the time to
interactive in Chromium (from the start of navigation to the end of the first drawing after
the layout, as the page records it in `relgraphPage.readyAt`), the CPU time the page's
main thread spent until then (Chromium's TaskDuration counted in thread time, which other work
on a shared machine disturbs much less than the wall clock), and the longest task of the main
thread by then (the browser's Long Tasks API: while a task runs, the page answers no click);
medians of three loads in a fresh page each. Needs Chromium at /usr/bin/chromium (or
$CHROMIUM) and Playwright's Python package (`pip install -e '.[test]'`).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

TYPES = {"condemn": ("hostile", -2.0), "attack": ("hostile", -10.0), "aid": ("friendly", 7.4),
         "talks": ("friendly", 1.0), "observe": ("neutral", 0.0)}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
LOADS = 3
# Records the main thread's long tasks (50 ms or more) from the start of the page.
LONG_TASKS = ("window.relgraphLongTasks = [];"
              "new PerformanceObserver((list) => { for (const task of list.getEntries()) "
              "relgraphLongTasks.push(task.duration); })"
              ".observe({type: 'longtask', buffered: true});")


def write_dataset(folder: Path, actors: int, relations: int, seed: int = 7) -> None:
    """A random but valid dataset, each relation with a summary and a quote of article size."""
    rng = random.Random(seed)
    kinds = ["state", "armed-group", "organization", "person", "group"]
    with open(folder / "actors.yaml", "w", encoding="utf-8") as out:
        out.write("actors:\n")
        for i in range(actors):
            out.write(f"  - {{id: a{i}, name: Actor {i}, kind: {rng.choice(kinds)}, "
                      f"aliases: [A{i}x]}}\n")
    with open(folder / "relations.yaml", "w", encoding="utf-8") as out:
        out.write("sources:\n  s: {title: A source, publisher: A publisher, date: 2023-11}\n")
        out.write("types:\n")
        for name, (polarity, weight) in TYPES.items():
            out.write(f"  {name}: {{polarity: {polarity}, weight: {weight}}}\n")
        out.write("relations:\n")
        names = list(TYPES)
        for i in range(relations):
            s, t = rng.sample(range(actors), 2)
            date = f", date: {rng.randint(1967, 2023)}-{rng.randint(1, 12):02d}" \
                if rng.random() < 0.9 else ""
            mutual = ", mutual: true" if rng.random() < 0.1 else ""
            out.write(f"  - {{id: r{i}, source: a{s}, target: a{t}, type: {rng.choice(names)}"
                      f"{date}{mutual}, ref: s, summary: 'Actor {s} did something to Actor {t}, "
                      f"as the article tells it in a sentence or two of plain words.', "
                      f"quote: 'A verbatim sentence of the article about Actor {s} and Actor "
                      f"{t}, quoted as it stands.'}}\n")


def export_page(data: Path | None, target: Path) -> float:
    import relgraph
    from relgraph.export import export

    start = time.perf_counter()
    export(relgraph.load(data), path=target)
    return time.perf_counter() - start


def load(browser, page_file: Path) -> tuple[float, float, float]:
    """One load: seconds from navigation start to the first drawing after the layout, seconds
    of main-thread CPU time by then, and the longest task by then."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.add_init_script(LONG_TASKS)
    devtools = page.context.new_cdp_session(page)
    devtools.send("Performance.enable", {"timeDomain": "threadTicks"})
    page.goto(page_file.as_uri())
    page.wait_for_selector("body[data-ready]", timeout=120_000)
    metrics = devtools.send("Performance.getMetrics")["metrics"]
    cpu = next(m["value"] for m in metrics if m["name"] == "TaskDuration")
    result = (page.evaluate("relgraphPage.readyAt") / 1000, cpu,
              page.evaluate("Math.max(0, ...relgraphLongTasks)") / 1000)
    page.close()
    return result


def time_to_interactive(browser, page_file: Path) -> tuple[float, float, float]:
    """Medians of LOADS loads of what `load` measures."""
    times, cpu, longest = zip(*(load(browser, page_file) for _ in range(LOADS)), strict=True)
    return statistics.median(times), statistics.median(cpu), statistics.median(longest)


def main(sizes: list[tuple[int, int]]) -> None:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        print(f"Chromium {browser.version}")
        print(f"{'graph':>22} {'page':>9} {'export':>8} {'interactive':>12} {'main CPU':>9} "
              f"{'longest task':>13}")
        cases = [("shipped", None)] + [(f"{a}:{r}", (a, r)) for a, r in sizes]
        for label, size in cases:
            data = None
            if size is not None:
                data = Path(tmp) / label.replace(":", "-")
                data.mkdir()
                write_dataset(data, *size)
            target = Path(tmp) / f"{label.replace(':', '-')}.html"
            seconds = export_page(data, target)
            wall, cpu, longest = time_to_interactive(browser, target)
            mb = target.stat().st_size / 1e6
            print(f"{label:>22} {mb:>7.2f}MB {seconds:>7.2f}s {wall:>11.2f}s {cpu:>8.2f}s "
                  f"{longest:>12.2f}s")
        browser.close()


if __name__ == "__main__":
    pairs = [tuple(int(n) for n in arg.split(":")) for arg in sys.argv[1:]]
    main(pairs or [(500, 10000)])
