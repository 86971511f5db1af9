"""`relgraph fetch gdelt` against a GDELT-shaped server on 127.0.0.1 (tests/gdelt_server.py).

The period of most tests is 2023-10-07 00:00 to 01:30 UTC, 7 slots, made from the 58 real rows
of tests/data/gdelt/20250807220000.export.excerpt.CSV in file order (ids shortened to their last
three digits, as in that folder's README, whose table says how each row fares):

| slot  | rows                | served              | with the shipped actors          |
|-------|---------------------|---------------------|----------------------------------|
| 00:00 | 770-783 (14 rows)   | whole               | none written                     |
| 00:15 | 253-262 (10 rows)   | whole               | none written                     |
| 00:30 | 263-272 (10 rows)   | corrupted (MD5)     | failed: checksum mismatch        |
| 00:45 | 273-281 (9 rows)    | 404                 | failed: not found                |
| 01:00 | 407-415 (9 rows)    | whole               | none written                     |
| 01:15 | 435-440 (6 rows)    | cut halfway once    | 439 and 440 written (Range)      |
| 01:30 | -                   | not in the list     | reported missing                 |

So: 6 files in the period, 4 fetched (1 resumed), 2 failed, 1 slot missing; 14+10+9+6 = 39
rows read and 2 relations written (gdelt-1256323439 RUSSIA -> UKRAINE, gdelt-1256323440
RUSSIAN -> UNITED STATES).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import signal
import subprocess
import sys
import time

import pytest
from conftest import clean_env
from gdelt_server import GdeltTree, excerpt_rows, export_zip, serve, slot_name

DAY = dt.datetime(2023, 10, 7)
SLOT = dt.timedelta(minutes=15)
RUNS = [(0, 14), (14, 24), (24, 34), (34, 43), (43, 52), (52, 58)]  # rows of each slot
PERIOD = ["--since", "2023-10-07T00:00", "--until", "2023-10-07T01:30"]


def slot(n: int) -> dt.datetime:
    return DAY + n * SLOT


def path(n: int) -> str:
    return slot_name(slot(n))


def good_tree() -> GdeltTree:
    rows = excerpt_rows()
    tree = GdeltTree()
    for n, (low, high) in enumerate(RUNS):
        tree.add(path(n), export_zip(f"{slot(n):%Y%m%d%H%M%S}", rows[low:high]))
    return tree


def bad_tree() -> GdeltTree:
    tree = good_tree()
    tree.corrupt.add(path(2))
    tree.absent.add(path(3))
    tree.cut.add(path(5))
    return tree


@pytest.fixture
def fetch_env(monkeypatch, tmp_path):
    """A cache of the test's own and no wait between tries."""
    monkeypatch.setenv("RELGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("RELGRAPH_FETCH_BACKOFF", "0")
    return tmp_path


def relation_ids(folder) -> list[str]:
    lines = (folder / "relations.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["id"] for line in lines]


def yaml_body(file) -> str:
    """A YAML file without its comment header (which names the files imported)."""
    return "".join(line for line in file.read_text(encoding="utf-8").splitlines(True)
                   if not line.startswith("#"))


def test_a_period_with_a_corrupt_a_missing_a_cut_file_and_a_gap(run, fetch_env, monkeypatch):
    tree = bad_tree()
    with serve(tree) as base:
        monkeypatch.setenv("RELGRAPH_GDELT_URL", base)
        result = run("fetch", "gdelt", *PERIOD, "-o", str(fetch_env / "out"))
    assert result.exit_code == 5, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == ("GDELT fetch, 2023-10-07 00:00 to 2023-10-07 01:30 UTC (English): "
                        "6 files in the period; 4 fetched (1 resumed), 0 already in the cache, "
                        "2 failed")
    assert "failed (2):" in lines
    assert ("  2023-10-07 00:30  gdeltv2/20231007003000.export.CSV.zip: checksum mismatch "
            "after 5 tries") in lines
    assert "  2023-10-07 00:45  gdeltv2/20231007004500.export.CSV.zip: not found (HTTP 404)" \
        in lines
    assert "not in GDELT's list (1 slot):" in lines
    assert "  2023-10-07 01:30 (English)" in lines
    assert lines[-1].startswith("relgraph: incomplete fetch: 2 files could not be had;")
    assert relation_ids(fetch_env / "out") == ["gdelt-1256323439", "gdelt-1256323440"]
    # The cut file: one request that stopped halfway, then one Range request for the rest.
    size = len(tree.files[path(5)])
    assert [r for p, r in tree.requests if p == path(5)] == [None, f"bytes={size // 2}-"]
    assert [p for p, _ in tree.requests].count(path(2)) == 5  # every try of the corrupt one
    assert [p for p, _ in tree.requests].count(path(3)) == 1  # a 404 is not retried
    cache = fetch_env / "cache" / "downloads" / "gdelt" / "gdeltv2"
    assert sorted(f.name for f in cache.iterdir()) == sorted(
        [path(n).split("/")[1] for n in (0, 1, 4, 5)] + ["masterfilelist.txt"])


def test_the_folder_is_what_import_writes_from_the_good_files(run, fetch_env, monkeypatch):
    tree = bad_tree()
    with serve(tree) as base:
        monkeypatch.setenv("RELGRAPH_GDELT_URL", base)
        fetched = run("fetch", "gdelt", *PERIOD, "--all-actors", "-o", str(fetch_env / "out"))
    assert fetched.exit_code == 5
    good = []
    for n in (0, 1, 4, 5):
        file = fetch_env / path(n).split("/")[1]
        file.write_bytes(tree.files[path(n)])
        good.append(str(file))
    imported = run("import", "gdelt", *good, "--all-actors", "-o", str(fetch_env / "imp"))
    assert imported.exit_code == 0
    for name in ("relations.jsonl", "relations.yaml", "actors.yaml"):
        assert yaml_body(fetch_env / "out" / name) == yaml_body(fetch_env / "imp" / name)
    # By hand (tests/data/gdelt/README.md): 778 779 781 782 783, 257 260 261 262, 409 410,
    # 436 437 438 439 440 are written with made actors.
    assert len(relation_ids(fetch_env / "out")) == 16
    assert "GDELT import: 39 rows read from 4 files; 16 relations written" in fetched.stderr


def test_a_second_run_with_the_server_stopped_gives_the_same_folder(run, fetch_env,
                                                                    monkeypatch):
    with serve(bad_tree()) as base:
        monkeypatch.setenv("RELGRAPH_GDELT_URL", base)
        first = run("fetch", "gdelt", *PERIOD, "-o", str(fetch_env / "one"))
    assert first.exit_code == 5
    # The server is gone: the list (its newest slot is 01:15, before the period's end) cannot
    # be refreshed, so the cached one is used; the two bad files fail again.
    second = run("fetch", "gdelt", *PERIOD, "-o", str(fetch_env / "two"))
    assert second.exit_code == 5
    assert "2 fetched" not in second.stderr
    assert "0 fetched, 4 already in the cache, 2 failed" in second.stderr
    assert "  English list: could not be refreshed (connection refused, after 5 tries); used " \
        "the cached list, newest slot 2023-10-07 01:15" in second.stderr.splitlines()
    for name in ("relations.jsonl", "relations.yaml", "actors.yaml"):
        assert (fetch_env / "one" / name).read_bytes() == (fetch_env / "two" / name).read_bytes()


def test_a_complete_period_exits_0_and_a_second_run_reads_only_the_cache(run, fetch_env,
                                                                          monkeypatch):
    tree = good_tree()
    with serve(tree) as base:
        monkeypatch.setenv("RELGRAPH_GDELT_URL", base)
        first = run("fetch", "gdelt", "--since", "2023-10-07T01:00", "--until",
                    "2023-10-07T01:15", "-o", str(fetch_env / "one"))
        assert first.exit_code == 0, first.stderr
        asked = len(tree.requests)
        second = run("fetch", "gdelt", "--since", "2023-10-07T01:00", "--until",
                     "2023-10-07T01:15", "-o", str(fetch_env / "two"))
    assert second.exit_code == 0
    assert len(tree.requests) == asked  # not even the list: it covers the period
    assert "2 files in the period; 0 fetched, 2 already in the cache, 0 failed" in second.stderr
    assert "  English list: cached, newest slot 2023-10-07 01:15" in second.stderr
    assert relation_ids(fetch_env / "two") == ["gdelt-1256323439", "gdelt-1256323440"]


def test_strict_writes_nothing_when_a_file_is_missing(run, fetch_env, monkeypatch):
    with serve(bad_tree()) as base:
        monkeypatch.setenv("RELGRAPH_GDELT_URL", base)
        result = run("fetch", "gdelt", *PERIOD, "--strict", "-o", str(fetch_env / "out"))
    assert result.exit_code == 5
    assert not (fetch_env / "out").exists()
    assert result.stderr.splitlines()[-1] == ("relgraph: 2 files could not be had and strict is "
                                              "on; nothing was written")


def test_json_prints_the_report_as_one_object(run, fetch_env, monkeypatch):
    with serve(bad_tree()) as base:
        monkeypatch.setenv("RELGRAPH_GDELT_URL", base)
        result = run("fetch", "gdelt", *PERIOD, "--json", "-o", str(fetch_env / "out"))
    assert result.exit_code == 5
    report = json.loads(result.stdout)
    assert (report["files_in_period"], report["fetched"], report["cached"],
            report["resumed"]) == (6, 4, 0, 1)
    assert report["failed"] == [
        {"slot": "2023-10-07 00:30", "file": "gdeltv2/20231007003000.export.CSV.zip",
         "reason": "checksum mismatch after 5 tries"},
        {"slot": "2023-10-07 00:45", "file": "gdeltv2/20231007004500.export.CSV.zip",
         "reason": "not found (HTTP 404)"}]
    assert report["missing_from_list"] == [{"stream": "English", "first": "2023-10-07 01:30",
                                            "last": "2023-10-07 01:30", "slots": 1,
                                            "file": None}]
    assert report["complete"] is False
    assert (report["import"]["rows_read"], report["import"]["relations_written"]) == (39, 2)


def test_last_fetches_the_newest_slot_of_lastupdate(run, fetch_env, monkeypatch):
    tree = good_tree()
    newest = tree.files[path(5)]
    tree.extra["gdeltv2/lastupdate.txt"] = (
        f"{len(newest)} {hashlib.md5(newest).hexdigest()} "
        f"http://data.gdeltproject.org/{path(5)}\n"
        f"99 {'0' * 32} http://data.gdeltproject.org/gdeltv2/20231007011500.mentions.CSV.zip\n"
    ).encode()
    with serve(tree) as base:
        monkeypatch.setenv("RELGRAPH_GDELT_URL", base)
        result = run("fetch", "gdelt", "--last", "-o", str(fetch_env / "out"))
    assert result.exit_code == 0, result.stderr
    assert relation_ids(fetch_env / "out") == ["gdelt-1256323439", "gdelt-1256323440"]
    assert "  English lastupdate.txt: newest slot 2023-10-07 01:15" in result.stderr


def test_translation_reads_the_translated_list_as_well(run, fetch_env, monkeypatch):
    tree = good_tree()
    rows = excerpt_rows()
    translated = export_zip("20231007010000.translation", rows[52:58])
    tree.files["gdeltv2/20231007010000.translation.export.CSV.zip"] = translated
    tree.extra["gdeltv2/masterfilelist-translation.txt"] = (
        f"{len(translated)} {hashlib.md5(translated).hexdigest()} "
        "http://data.gdeltproject.org/gdeltv2/20231007010000.translation.export.CSV.zip\n"
    ).encode()
    with serve(tree) as base:
        monkeypatch.setenv("RELGRAPH_GDELT_URL", base)
        result = run("fetch", "gdelt", "--since", "2023-10-07T01:00", "--until",
                     "2023-10-07T01:15", "--translation", "-o", str(fetch_env / "out"))
    # English 01:00 and 01:15, translation 01:00 (its 01:15 is not listed); the translated file
    # repeats 435-440, so 439 and 440 are written once and their repeats counted.
    assert result.exit_code == 0, result.stderr
    assert "(English, translation): 3 files in the period; 3 fetched" in result.stderr
    assert "  2023-10-07 01:15 (translation)" in result.stderr
    assert relation_ids(fetch_env / "out") == ["gdelt-1256323439", "gdelt-1256323440"]
    assert "event id already imported" in result.stderr


def test_gdelt_1_files_serve_the_period_before_gdelt_2(run, fetch_env, monkeypatch):
    from conftest import HERE

    tree = GdeltTree()
    v1 = (HERE / "data" / "gdelt" / "gdelt1-excerpt.CSV").read_bytes()
    day = export_zip("20150218", v1.splitlines(keepends=True))
    tree.files["events/20150218.export.CSV.zip"] = day
    # 20150217 is listed with a size but no MD5: checked by size only.
    other = export_zip("20150217", v1.splitlines(keepends=True)[2:3])
    tree.files["events/20150217.export.CSV.zip"] = other
    tree.extra["events/filesizes"] = (f"{len(other)} 20150217.export.CSV.zip\n"
                                      f"{len(day)} 20150218.export.CSV.zip\n"
                                      "999 GDELT.MASTERREDUCEDV2.1979-2013.zip\n").encode()
    tree.extra["events/md5sums"] = \
        f"{hashlib.md5(day).hexdigest()}  20150218.export.CSV.zip\n".encode()
    rows = excerpt_rows()
    tree.add(slot_name(dt.datetime(2015, 2, 18, 23, 0)), export_zip("20150218230000", rows[52:58]))
    with serve(tree) as base:
        monkeypatch.setenv("RELGRAPH_GDELT_URL", base)
        result = run("fetch", "gdelt", "--since", "2015-02-16", "--until", "2015-02-18T23:15",
                     "-o", str(fetch_env / "out"))
    # 1.0: 20150216 (not listed), 20150217 (size only), 20150218; 2.0: 23:00, 23:15 (missing).
    assert result.exit_code == 0, result.stderr
    assert "3 files in the period; 3 fetched" in result.stderr
    assert "  1 GDELT 1.0 file checked by size only (no MD5 published)" in result.stderr
    assert "not in GDELT's list (1 slot, 1 GDELT 1.0 file):" in result.stderr
    assert "  20150216.export.CSV.zip (GDELT 1.0: 2015-02-16 to 2015-02-16)" in result.stderr
    assert "  2015-02-18 23:15 (English)" in result.stderr
    # The 1.0 rows: 4 + 1 read, none written (tests/data/gdelt/README.md); the 2.0 slot: 6.
    assert "GDELT import: 11 rows read from 3 files; 2 relations written" in result.stderr


def test_no_file_in_the_period_is_a_usage_error(run, fetch_env, monkeypatch):
    with serve(good_tree()) as base:
        monkeypatch.setenv("RELGRAPH_GDELT_URL", base)
        result = run("fetch", "gdelt", "--since", "2023-10-09", "-o", str(fetch_env / "out"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "relgraph: GDELT's list has no export file in the period 2023-10-09 00:00 to "
        "2023-10-09 23:45; choose another period")
    assert not (fetch_env / "out").exists()


@pytest.mark.parametrize("args, message", [
    (["--since", "2023-10-7"], "--since '2023-10-7' is not a time; write YYYY-MM-DD or "
     "YYYY-MM-DDTHH:MM (UTC)"),
    (["--since", "2023-10-08", "--until", "2023-10-07"],
     "--until '2023-10-07' is before --since '2023-10-08'"),
    ([], "give --since (and --until) for a period, or --last for the newest slot"),
    (["--last", "--since", "2023-10-07"],
     "give --since (and --until) for a period, or --last for the newest slot"),
    (["--since", "2023-10-07", "--jobs", "0"], "--jobs must be 1 or more, not 0"),
])
def test_bad_options_are_one_line_and_exit_2(run, fetch_env, args, message):
    result = run("fetch", "gdelt", *args, "-o", str(fetch_env / "out"))
    assert result.exit_code == 2
    assert result.stderr == f"relgraph: {message}\n"


def test_ctrl_c_leaves_no_folder_and_no_unverified_file_and_the_rerun_resumes(fetch_env):
    tree = good_tree()
    tree.stall.add(path(5))
    cache = fetch_env / "cache"
    out = fetch_env / "out"
    with serve(tree) as base:
        env = clean_env(RELGRAPH_GDELT_URL=base, RELGRAPH_CACHE_DIR=str(cache),
                        RELGRAPH_FETCH_BACKOFF="0")
        command = [sys.executable, "-m", "relgraph", "fetch", "gdelt", "--since",
                   "2023-10-07T01:00", "--until", "2023-10-07T01:15", "-o", str(out)]
        # Ctrl-C reaches a relgraph in the foreground, whose SIGINT is the default; a shell
        # starts background jobs (`pytest &`, nohup) with SIGINT ignored, which the child would
        # inherit (as in test_output_safety.py).
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True,
                                   preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        try:
            # Bounded waits, generous for a loaded machine: the partial file has its first half.
            part = cache / "downloads" / "gdelt" / (path(5) + ".part")
            deadline = time.monotonic() + 60
            while (not part.exists() or part.stat().st_size == 0) and \
                    time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.02)
            assert part.exists() and part.stat().st_size > 0, "the download never started"
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        assert process.returncode == 130, stderr
        assert stderr == "relgraph: interrupted\n"
        assert not out.exists()
        assert not (cache / "downloads" / "gdelt" / path(5)).exists()
        assert part.stat().st_size == len(tree.files[path(5)]) // 2
        assert [p.name for p in fetch_env.iterdir() if p.name.startswith(".out")] == []
        tree.stall.clear()
        rerun = subprocess.run(command, env=env, capture_output=True, timeout=60)
    assert rerun.returncode == 0, rerun.stderr
    size = len(tree.files[path(5)])
    assert tree.requests[-1] == (path(5), f"bytes={size // 2}-")
    assert relation_ids(out) == ["gdelt-1256323439", "gdelt-1256323440"]


def test_cache_reports_and_clears_downloads_apart_from_stores(run, fetch_env, monkeypatch):
    with serve(good_tree()) as base:
        monkeypatch.setenv("RELGRAPH_GDELT_URL", base)
        assert run("fetch", "gdelt", "--since", "2023-10-07T01:00", "--until",
                   "2023-10-07T01:15", "-o", str(fetch_env / "out")).exit_code == 0
    tree = good_tree()
    downloads = fetch_env / "cache" / "downloads"
    size = sum(f.stat().st_size for f in downloads.rglob("*") if f.is_file())
    assert size == len(tree.files[path(4)]) + len(tree.files[path(5)]) + \
        len(tree.master_list())
    result = run("cache")
    assert result.stdout.splitlines()[1] == f"downloads: 3 files, {size:,} bytes"
    cleared = run("cache", "--clear-downloads")
    assert cleared.stdout.splitlines()[-1].startswith("cleared downloads: removed 3 files")
    assert not downloads.exists() or not any(downloads.rglob("*.zip"))
    assert list((fetch_env / "cache").glob("*.sqlite"))  # the stores stay


def test_refresh_reads_the_list_again_though_the_cached_one_covers_the_period(run, fetch_env,
                                                                             monkeypatch):
    tree = good_tree()
    args = ["fetch", "gdelt", "--since", "2023-10-07T00:00", "--until", "2023-10-07T00:15"]
    with serve(tree) as base:
        monkeypatch.setenv("RELGRAPH_GDELT_URL", base)
        assert run(*args, "-o", str(fetch_env / "one")).exit_code == 0
        assert run(*args, "-o", str(fetch_env / "two")).exit_code == 0
        refreshed = run(*args, "--refresh", "-o", str(fetch_env / "three"))
    assert refreshed.exit_code == 0
    lists = [p for p, _ in tree.requests if p.endswith("masterfilelist.txt")]
    assert len(lists) == 2  # the first run's and the --refresh run's; the second used its copy
    assert "  English list: downloaded, newest slot 2023-10-07 01:15" in refreshed.stderr
