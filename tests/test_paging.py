"""Listings on a terminal go through the pager, as git's do; pipes and files never do.

relgraph runs in a subprocess whose stdout is a pseudo-terminal, with a pager that writes
what it reads to a file (`cat > FILE`) or reads one line and quits (`head -n 1`). The pager is
run by the shell, as git runs $PAGER.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading

import pytest
from conftest import SHIPPED, clean_env

RELGRAPH = [sys.executable, "-m", "relgraph", "--data", str(SHIPPED)]


def on_terminal(args: list[str], cache: str, **settings: str) -> tuple[int, str, str]:
    """Run relgraph with stdout on a pseudo-terminal: (status, what the terminal got, stderr)."""
    master, slave = pty.openpty()
    env = clean_env(COLUMNS="80", LINES="24", RELGRAPH_CACHE_DIR=cache, TERM="dumb",
                    NO_COLOR="1", **settings)
    process = subprocess.Popen([*RELGRAPH, *args], stdout=slave, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    seen = bytearray()

    def drain():  # read the terminal as it is written, so that relgraph never blocks on it
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every writer has closed the terminal
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        _, err = process.communicate(timeout=120)
    finally:
        reader.join(timeout=10)
        os.close(master)
    return process.returncode, seen.decode("utf-8", "replace"), err.decode("utf-8", "replace")


@pytest.fixture
def cache(cache_folder) -> str:
    return str(cache_folder)


def piped(args: list[str], cache: str) -> str:
    return subprocess.run([*RELGRAPH, *args], capture_output=True, text=True, check=True,
                          env=clean_env(COLUMNS="80", RELGRAPH_CACHE_DIR=cache)).stdout


@pytest.mark.parametrize("args", [["timeline", "Russia"], ["relations"],
                                  ["who-opposes", "Israel"], ["show", "Israel"],
                                  ["path", "Russia", "Hamas"]])
def test_a_listing_on_a_terminal_goes_through_the_pager(tmp_path, cache, args):
    paged = tmp_path / "paged.txt"
    status, terminal, err = on_terminal(args, cache, PAGER=f"cat > {paged}")
    assert (status, err) == (0, "")
    assert terminal == ""  # all of it went to the pager ...
    assert paged.read_text(encoding="utf-8") == piped(args, cache)  # ... as a pipe gets it


def test_relgraph_pager_comes_before_pager_and_no_pager_prints_straight(tmp_path, cache):
    mine, theirs = tmp_path / "relgraph.txt", tmp_path / "pager.txt"
    status, terminal, _ = on_terminal(["timeline", "Russia", "Israel"], cache,
                                      RELGRAPH_PAGER=f"cat > {mine}", PAGER=f"cat > {theirs}")
    assert status == 0 and terminal == "" and mine.exists() and not theirs.exists()
    status, terminal, _ = on_terminal(["--no-pager", "timeline", "Russia", "Israel"], cache,
                                      PAGER=f"cat > {theirs}")
    assert status == 0 and not theirs.exists()
    # The terminal turns each \n into \r\n; the text is the piped listing's.
    assert terminal.replace("\r\n", "\n") == piped(["timeline", "Russia", "Israel"], cache)


@pytest.mark.parametrize("setting", ["", "cat"])
def test_an_empty_pager_or_cat_means_none(tmp_path, cache, setting):
    status, terminal, _ = on_terminal(["timeline", "Russia", "Israel"], cache, PAGER=setting)
    assert status == 0
    assert terminal.replace("\r\n", "\n") == piped(["timeline", "Russia", "Israel"], cache)


@pytest.mark.parametrize("attempt", range(3))
def test_a_pager_quit_early_ends_relgraph_quietly_with_status_0(tmp_path, cache, attempt):
    # head reads one line and quits while relgraph still writes: a reader gone, not an error.
    first = tmp_path / "first.txt"
    status, terminal, err = on_terminal(["relations", "--full", "--quotes"], cache,
                                        PAGER=f"head -n 1 > {first}")
    assert (status, err, terminal) == (0, "", "")
    assert first.read_text(encoding="utf-8") == piped(["relations"], cache).splitlines()[0] + "\n"


def test_json_on_a_terminal_is_paged_too_and_stays_valid(tmp_path, cache):
    import json

    paged = tmp_path / "paged.json"
    status, terminal, _ = on_terminal(["timeline", "Russia", "--json"], cache,
                                      PAGER=f"cat > {paged}")
    assert status == 0 and terminal == ""
    listed = json.loads(paged.read_text(encoding="utf-8"))
    assert listed == json.loads(piped(["timeline", "Russia", "--json"], cache))


def test_a_streamed_json_listing_is_the_text_of_the_whole_list(run):
    # Written an item at a time, the array reads exactly as json.dumps(list, indent=2) writes
    # it (the format of every other --json), for the 77 shipped relations and for none.
    import json

    for args in (["relations", "--json"], ["timeline", "Russia", "--json", "--since", "2100"]):
        text = run(*args).stdout
        listed = json.loads(text)
        assert text in (json.dumps(listed, indent=2, ensure_ascii=False) + "\n",
                        json.dumps(listed, indent=2) + "\n")
    assert len(json.loads(run("relations", "--json").stdout)) == 77
    assert run("timeline", "Russia", "--json", "--since", "2100").stdout == "[]\n"
