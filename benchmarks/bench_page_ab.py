"""The HTML page of one graph as an earlier commit wrote it against the page of the checkout,
loaded in turns in one headless Chromium, so that both see the same load on a shared machine.

    python benchmarks/bench_page_ab.py REV [LOADS] [ACTORS:RELATIONS]    # default: 5, 500:10000

REV is a git revision; its page assets (page.js, page.css, page.html, and edges.js where it
has one) replace the checkout's, the data and Cytoscape.js stay the same. Prints, for each, the
median and range over LOADS loads of the time to interactive, the main thread's CPU time by
then and its longest task, as benchmarks/bench_page.py measures them.
"""

from __future__ import annotations

import functools
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_page import ARGS, load, write_dataset

ROOT = Path(__file__).parents[1]
ASSETS = "src/relgraph/export/assets"


def assets_at(rev: str, current: dict[str, str]) -> dict[str, str]:
    def show(name: str) -> str:
        done = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{ASSETS}/{name}"],
                              capture_output=True, text=True)
        return done.stdout if done.returncode == 0 else ""

    return dict(current, template=show("page.html"), style=show("page.css"),
                script=show("edges.js") + show("page.js"))


def main(rev: str, loads: int, actors: int, relations: int) -> None:
    from playwright.sync_api import sync_playwright

    import relgraph
    from relgraph.export import export, html

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        data = Path(tmp) / "data"
        data.mkdir()
        write_dataset(data, actors, relations)
        graph = relgraph.load(data)
        checkout = html._assets.__wrapped__
        pages = {rev: Path(tmp) / "then.html", "checkout": Path(tmp) / "now.html"}
        html._assets = functools.cache(lambda: assets_at(rev, checkout()))
        export(graph, path=pages[rev])
        html._assets = functools.cache(checkout)
        export(graph, path=pages["checkout"])
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=ARGS)
        results: dict[str, list] = {name: [] for name in pages}
        for _ in range(loads):
            for name, page_file in pages.items():
                results[name].append(load(browser, page_file))
        browser.close()
    print(f"{actors} actors, {relations} relations, {loads} loads each, in turns "
          "(median [lowest-highest]):")
    for name, rows in results.items():
        cells = []
        for what, column in (("interactive", 0), ("main CPU", 1), ("longest task", 2)):
            values = [row[column] for row in rows]
            cells.append(f"{what} {statistics.median(values):.2f} s "
                         f"[{min(values):.2f}-{max(values):.2f}]")
        print(f"  {name:>10}: " + ", ".join(cells))


if __name__ == "__main__":
    args = sys.argv[1:]
    size = args[2] if len(args) > 2 else "500:10000"
    main(args[0], int(args[1]) if len(args) > 1 else 5, *(int(n) for n in size.split(":")))
