"""Output that never dies ugly: a closed pipe, Ctrl-C and relgraph's own bugs each end in one
quiet line (or none) and the documented exit code, with a traceback only when asked for."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import clean_env

ROOT = Path(__file__).parents[1]
TRICKY = ROOT / "tests" / "data" / "tricky"
REPORT = ("(a bug in relgraph; please report it to the relgraph issue tracker (README: Reporting "
          "a bug) with the traceback that --debug shows)")


def big_dataset(folder: Path, relations: int = 4000) -> Path:
    """A dataset whose answers are far larger than a pipe holds (64 KiB on Linux)."""
    folder.mkdir()
    actors = "".join(f"  - {{id: a{i}, name: Actor {i}}}\n" for i in range(40))
    (folder / "actors.yaml").write_text("actors:\n" + actors, encoding="utf-8")
    rows = "".join(f"  - {{source: a{i % 40}, target: a{(i + 1) % 40}, type: talks, "
                   f"date: {1900 + i % 120}, summary: {'words ' * 12}}}\n"
                   for i in range(relations))
    (folder / "relations.yaml").write_text(
        "types:\n  talks: {polarity: friendly}\nrelations:\n" + rows, encoding="utf-8")
    return folder


def piped_into_head(data: Path, *args: str, tmp_path: Path, **env: str):
    """Run `relgraph --data DATA ARGS | head -1` in a shell; return (status, first line, stderr)."""
    errors = tmp_path / "stderr.txt"
    command = (f"{shlex.quote(sys.executable)} -m relgraph --data {shlex.quote(str(data))} "
               f"{' '.join(args)} 2>{shlex.quote(str(errors))} | head -1; "
               "exit ${PIPESTATUS[0]}")
    process = subprocess.run(["bash", "-c", command], env=clean_env(**env), capture_output=True,
                             text=True, timeout=120)
    return process.returncode, process.stdout, errors.read_text(encoding="utf-8")


# Each case runs with stdout block-buffered (a user's default) and unbuffered.
BUFFERING = pytest.mark.parametrize("env", [{}, {"PYTHONUNBUFFERED": "1"}],
                                    ids=["buffered", "unbuffered"])


# -- a reader that goes away -------------------------------------------------------------------

@pytest.mark.slow
@BUFFERING
@pytest.mark.parametrize("args", [["relations"], ["relations", "--json"]], ids=["table", "json"])
def test_output_piped_into_head_ends_quietly(tmp_path, args, env):
    # About 1 MB of answer: head exits after its first line while relgraph still writes, so the
    # later writes fail with EPIPE (in the middle of the output, not at its first write).
    data = big_dataset(tmp_path / "big")
    status, stdout, stderr = piped_into_head(data, *args, tmp_path=tmp_path, **env)
    assert (status, stderr) == (0, "")
    assert len(stdout.splitlines()) == 1


BAD = Path(__file__).parent / "bad_data" / "several-problems"
T = ["--data", str(TRICKY)]


@pytest.mark.slow
@BUFFERING
@pytest.mark.parametrize("args", [
    [*T, "relations"],                                          # a Rich table
    [*T, "relations", "--json"],                                # JSON
    [*T, "actors"],
    [*T, "types"],
    [*T, "show", "Northland"],
    [*T, "timeline", "Northland"],
    [*T, "who-opposes", "Southland"],
    [*T, "who-supports", "Southland"],
    [*T, "path", "Northland", "Eastria"],
    [*T, "path", "Northland", "hermit", "--json"],              # `[]` on stdout, then exit 1
    [*T, "export", "-f", "json"],
    [*T, "export", "-f", "dot"],
    [*T, "validate"],
    ["--data", str(BAD), "validate"],                           # the report of problems, exit 3
    ["--version"],
    ["--help"],
    ["who-opposes", "--help"],
], ids=lambda args: "-".join(a for a in args if a not in T).replace(str(BAD), "bad-data"))
def test_output_to_a_reader_already_gone_ends_quietly(args, env):
    # `relgraph ... | head -1` where head has already exited: every write fails with EPIPE.
    # Quiet, with status 0, whatever wrote the output (Rich tables, JSON, plain lines, Click's
    # help) and whether stdout is flushed by relgraph or only at exit (block-buffered).
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        process = subprocess.run([sys.executable, "-m", "relgraph", *args], stdout=write_end,
                                 stderr=subprocess.PIPE, text=True, env=clean_env(**env),
                                 timeout=60)
    finally:
        os.close(write_end)
    # With no path, the reason goes to stderr as ever when the `[]` waits in the buffer; when
    # the `[]` is written at once, the closed pipe ends relgraph before it finds there is none.
    assert process.stderr in ("", *(["relgraph: no path from Northland to Hermit Kingdom\n"]
                                     if "hermit" in args else []))
    assert process.returncode == 0


# -- Ctrl-C --------------------------------------------------------------------------------------

def test_ctrl_c_exits_130_with_one_line(run, monkeypatch):
    import relgraph.api

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(relgraph.api, "load", interrupted)
    result = run("who-opposes", "Northland", data=TRICKY)
    assert result.exit_code == 130
    assert result.stdout == ""
    assert result.stderr == "relgraph: interrupted\n"


def open_when_read(fifo: Path, process: subprocess.Popen, timeout: float = 30) -> int:
    """Open `fifo` for writing once `process` has opened it for reading (never hang)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # ENXIO while nobody reads
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


@pytest.mark.slow
def test_a_real_sigint_while_reading_the_data_exits_130_with_one_line(tmp_path):
    # actors.yaml is a named pipe: relgraph blocks reading it, and the pipe opens for writing
    # only once relgraph has opened it, so the signal lands while relgraph reads.
    pytest.importorskip("resource")  # POSIX only, like os.mkfifo
    data = tmp_path / "data"
    data.mkdir()
    os.mkfifo(data / "actors.yaml")
    (data / "relations.yaml").write_text("types: {}\nrelations: []\n", encoding="utf-8")
    # Ctrl-C reaches a relgraph running in the foreground, whose SIGINT is the default; a shell
    # starts background jobs (`... &`, nohup) with SIGINT ignored, which the child would inherit.
    with subprocess.Popen(
            [sys.executable, "-m", "relgraph", "--data", str(data), "validate"],
            env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)) as process:
        try:
            # Once the pipe opens, relgraph is inside the command, opening or reading its data:
            # a SIGINT from then on is relgraph's to handle, before the read or in it.
            writer = open_when_read(data / "actors.yaml", process)
            process.send_signal(signal.SIGINT)
            # The pipe then ends, so that a read the signal did not break (the kernel may hand
            # it to a thread that is not blocked reading) returns, and Python raises the pending
            # KeyboardInterrupt at once. A relgraph that missed the signal would read an empty
            # actors.yaml instead and exit 3: the assertions below tell the two apart.
            os.close(writer)
            stdout, stderr = process.communicate(timeout=60)
        finally:
            process.kill()  # the with block then closes the pipes and waits: nothing leaks
    assert process.returncode == 130
    assert stdout == ""
    assert stderr == "relgraph: interrupted\n"


# -- relgraph's own bugs ---------------------------------------------------------------------

def test_an_internal_error_is_one_line_naming_it_and_where_to_report_it(run, monkeypatch):
    import relgraph.api

    def broken(*args, **kwargs):
        raise RuntimeError("the ranking\nfell over")

    monkeypatch.setattr(relgraph.api.RelGraph, "who_opposes", broken)
    result = run("who-opposes", "Northland", data=TRICKY)
    assert result.exit_code == 70
    assert result.stdout == ""
    assert result.stderr == (
        f"relgraph: internal error: RuntimeError: the ranking fell over {REPORT}\n")


# A subprocess that breaks one query, then runs relgraph's console entry point.
_BROKEN_QUERY = textwrap.dedent("""
    import sys
    import relgraph.api

    def broken(*args, **kwargs):
        raise RuntimeError("the ranking fell over")

    relgraph.api.RelGraph.who_opposes = broken
    sys.argv = ["relgraph"] + sys.argv[1:]
    from relgraph.cli import main
    main()
""")


def run_broken(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _BROKEN_QUERY, "--data", str(TRICKY), *args],
                          env=clean_env(**env), capture_output=True, text=True, timeout=60)


@pytest.mark.slow
def test_an_internal_error_shows_no_traceback_by_default():
    process = run_broken("who-opposes", "Northland", RELGRAPH_DEBUG="")
    assert process.returncode == 70
    assert process.stderr == (
        f"relgraph: internal error: RuntimeError: the ranking fell over {REPORT}\n")


@pytest.mark.slow
@pytest.mark.parametrize("how", ["--debug", "RELGRAPH_DEBUG=1"])
def test_debug_shows_the_traceback_of_an_internal_error(how):
    if how == "--debug":
        process = run_broken("--debug", "who-opposes", "Northland", RELGRAPH_DEBUG="")
    else:
        process = run_broken("who-opposes", "Northland", RELGRAPH_DEBUG="1")
    assert process.returncode != 0
    assert process.stderr.startswith("Traceback (most recent call last):")
    assert "in broken" in process.stderr
    assert process.stderr.endswith("RuntimeError: the ranking fell over\n")


def test_a_console_that_cannot_show_a_name_gets_exact_json_and_readable_tables():
    env = clean_env(PYTHONIOENCODING="ascii")
    command = [sys.executable, "-m", "relgraph", "--data", str(TRICKY)]
    result = subprocess.run([*command, "actors", "--json"], capture_output=True, env=env,
                            timeout=60)
    assert result.returncode == 0
    names = [a["name"] for a in json.loads(result.stdout)]
    assert "Côte d'Ivoire" in names                        # written as \\u00f4, read back exact
    result = subprocess.run([*command, "path", "guild", "south"], capture_output=True,
                            env=env, timeout=60)
    assert (result.returncode, result.stderr) == (0, b"")
    assert b"C?te d'Ivoire" in result.stdout
