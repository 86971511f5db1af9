"""The parts of `relgraph fetch` one at a time: periods and slots, GDELT's lists, one download.

Expected values are worked out from GDELT's layout (docs/event-data.md): 2.0 slots every 15
minutes from 2015-02-18 23:00 UTC; 1.0 files a year to 2005, a month to 2013-03, a day after.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from gdelt_server import GdeltTree, serve

from relgraph.errors import UsageError
from relgraph.fetch import masterlist, slots
from relgraph.fetch.download import Policy, fetch

T = dt.datetime


@pytest.mark.parametrize("text, end, expected", [
    ("2023-10-07", False, T(2023, 10, 7, 0, 0)),
    ("2023-10-07", True, T(2023, 10, 7, 23, 45)),  # a day as the end: through its last slot
    ("2023-10-07T13:29", False, T(2023, 10, 7, 13, 15)),  # rounded down to its slot
    ("2023-10-07T13:30", True, T(2023, 10, 7, 13, 30)),  # a time is the slot itself
    ("2023-10-07 00:45", False, T(2023, 10, 7, 0, 45)),
])
def test_when_is_a_day_or_a_slot_in_utc(text, end, expected):
    assert slots.parse_when(text, "since", end=end) == expected


@pytest.mark.parametrize("text", ["2023-10-7", "2023-13-01", "2023-10-07T25:00", "yesterday",
                                  "2023-10-07T1:00"])
def test_a_bad_when_is_a_usage_error(text):
    with pytest.raises(UsageError, match="is not a time"):
        slots.parse_when(text, "since")


def test_a_period_of_a_day_has_96_slots_and_one_slot_periods_have_one():
    day = slots.make_period("2023-10-07", "2023-10-07")
    assert len(list(day.slots())) == 96
    assert list(slots.make_period("2023-10-07T12:00", "2023-10-07T12:00").slots()) == \
        [T(2023, 10, 7, 12, 0)]


def test_gdelt_2_begins_on_2015_02_18_at_23_00():
    period = slots.make_period("2015-02-18", "2015-02-18")
    assert list(period.slots(slots.GDELT2_START)) == [T(2015, 2, 18, 23, 0),
                                                     T(2015, 2, 18, 23, 15),
                                                     T(2015, 2, 18, 23, 30),
                                                     T(2015, 2, 18, 23, 45)]


def test_runs_of_slots_are_folded_and_described_compactly():
    missing = [T(2023, 10, 7, 0, 15), T(2023, 10, 7, 0, 30), T(2023, 10, 7, 0, 45),
               T(2023, 10, 7, 3, 0), T(2023, 10, 7, 23, 45), T(2023, 10, 8, 0, 0)]
    runs = slots.ranges(reversed(missing))
    assert [slots.describe_range(a, b) for a, b in runs] == [
        "2023-10-07 00:15 to 00:45 (3 slots)",
        "2023-10-07 03:00",
        "2023-10-07 23:45 to 2023-10-08 00:00 (2 slots)"]


@pytest.mark.parametrize("name, first, last", [
    ("1979.zip", T(1979, 1, 1), T(1979, 12, 31, 23, 45)),
    ("200602.zip", T(2006, 2, 1), T(2006, 2, 28, 23, 45)),
    ("201212.zip", T(2012, 12, 1), T(2012, 12, 31, 23, 45)),
    ("20130401.export.CSV.zip", T(2013, 4, 1), T(2013, 4, 1, 23, 45)),
])
def test_a_gdelt_1_file_covers_its_year_month_or_day(name, first, last):
    assert slots.v1_span(name) == (first, last)


@pytest.mark.parametrize("name", ["GDELT.MASTERREDUCEDV2.1979-2013.zip", "20130401.zip",
                                  "20130401.gkg.csv.zip", "md5sums"])
def test_other_gdelt_1_files_are_not_event_files(name):
    assert slots.v1_span(name) is None


def test_the_gdelt_1_layout_changes_at_2006_and_at_april_2013():
    period = slots.Period(T(2005, 12, 31), T(2006, 1, 31, 23, 45))
    assert [n for n, _, _ in masterlist.v1_expected(period)] == ["2005.zip", "200601.zip"]
    period = slots.Period(T(2013, 3, 31), T(2013, 4, 2))
    assert [n for n, _, _ in masterlist.v1_expected(period)] == [
        "201303.zip", "20130401.export.CSV.zip", "20130402.export.CSV.zip"]
    # It stops where GDELT 2.0 begins: 2015-02-18 is 1.0's last day in a fetch.
    period = slots.Period(T(2015, 2, 18), T(2015, 2, 20))
    assert [n for n, _, _ in masterlist.v1_expected(period)] == ["20150218.export.CSV.zip"]


def test_the_master_list_keeps_the_exports_of_the_period_on_the_base_in_use():
    lines = [
        "150383 297a16b493de7cf6ca809a7cc31d0b93 "
        "http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip\n",
        "318084 bb27f78ba45f69a17ea6ed7755e9f8ff "
        "http://data.gdeltproject.org/gdeltv2/20150218230000.mentions.CSV.zip\n",
        "10768507 ea8dde0beb0ba98810a92db068c0ce99 "
        "http://data.gdeltproject.org/gdeltv2/20150218230000.gkg.csv.zip\n",
        "149211 2a91041d7e72b0fc6a629e2ff867b240 "
        "http://data.gdeltproject.org/gdeltv2/20150218231500.export.CSV.zip\n",
        "\n", "garbage line\n", "12 nothex http://x/gdeltv2/20150218233000.export.CSV.zip\n",
        "149723 12268e821823aae2da90882621feda18 "
        "http://data.gdeltproject.org/gdeltv2/20150218233000.export.CSV.zip\n",
    ]
    period = slots.Period(T(2015, 2, 18, 23, 15), T(2015, 2, 18, 23, 45))
    summary = masterlist.read_v2(lines, period, masterlist.ENGLISH)
    assert summary.newest == T(2015, 2, 18, 23, 30)
    assert [(e.path, e.size, e.md5) for e in summary.entries] == [
        ("gdeltv2/20150218231500.export.CSV.zip", 149211, "2a91041d7e72b0fc6a629e2ff867b240"),
        ("gdeltv2/20150218233000.export.CSV.zip", 149723, "12268e821823aae2da90882621feda18")]
    assert summary.entries[0].url("http://mirror.example/gdelt/") == \
        "http://mirror.example/gdelt/gdeltv2/20150218231500.export.CSV.zip"


def test_a_list_line_that_would_write_outside_the_cache_is_passed_over():
    lines = [f"10 {'a' * 32} http://x/gdeltv2/../../../tmp/20231007000000.export.CSV.zip\n",
             f"10 {'a' * 32} http://x/gdeltv2//20231007001500.export.CSV.zip\n",
             f"10 {'a' * 32} http://x/gdeltv2/20231007003000.export.CSV.zip\n"]
    period = slots.make_period("2023-10-07", "2023-10-07")
    entries = masterlist.read_v2(lines, period, masterlist.ENGLISH).entries
    assert [e.path for e in entries] == ["gdeltv2/20231007003000.export.CSV.zip"]
    v1 = masterlist.read_v1(["10 ../20150217.export.CSV.zip\n", "10 20150217.export.CSV.zip\n"],
                            [], slots.make_period("2015-02-17", "2015-02-17"))
    assert [e.path for e in v1] == ["events/20150217.export.CSV.zip"]


def test_the_base_url_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("RELGRAPH_GDELT_URL")
    assert masterlist.base_url() == "http://data.gdeltproject.org/"
    monkeypatch.setenv("RELGRAPH_GDELT_URL", "http://127.0.0.1:8080/mirror")
    assert masterlist.base_url() == "http://127.0.0.1:8080/mirror/"


def test_a_partial_file_is_restarted_when_the_server_ignores_the_range(tmp_path):
    data = bytes(range(256)) * 40
    tree = GdeltTree(files={"f.zip": data}, no_ranges={"f.zip"})
    target = tmp_path / "f.zip"
    (tmp_path / "f.zip.part").write_bytes(b"x" * 1000)  # wrong bytes: must not be kept
    with serve(tree) as base:
        outcome = fetch(base + "f.zip", target, len(data), hashlib.md5(data).hexdigest(),
                        policy=Policy(tries=2, timeout=5, backoff=0))
    assert (outcome.status, outcome.tries, outcome.resumed) == ("fetched", 1, False)
    assert tree.requests == [("f.zip", "bytes=1000-")]
    assert target.read_bytes() == data
    assert not (tmp_path / "f.zip.part").exists()


def test_a_partial_file_longer_than_the_list_says_is_started_again(tmp_path):
    data = b"0123456789" * 10
    tree = GdeltTree(files={"f.zip": data})
    (tmp_path / "f.zip.part").write_bytes(b"y" * 200)
    with serve(tree) as base:
        outcome = fetch(base + "f.zip", tmp_path / "f.zip", len(data),
                        hashlib.md5(data).hexdigest(), policy=Policy(tries=1, timeout=5))
    assert outcome.status == "fetched"
    assert tree.requests == [("f.zip", None)]


def test_a_file_of_the_wrong_size_is_retried_then_reported(tmp_path):
    data = b"0123456789"
    tree = GdeltTree(files={"f.zip": data})
    with serve(tree) as base:
        outcome = fetch(base + "f.zip", tmp_path / "f.zip", 12, None,
                        policy=Policy(tries=3, timeout=5, backoff=0))
    # 10 bytes where 12 are listed: cut short, resumed with a Range past the end (416), again.
    assert outcome.status == "failed"
    assert outcome.tries == 3
    assert not (tmp_path / "f.zip").exists()


def test_a_server_error_is_retried_and_a_cached_file_is_not_fetched_again(tmp_path):
    data = b"abc" * 100
    tree = GdeltTree(files={"f.zip": data}, fail_first={"f.zip": 1})
    target = tmp_path / "f.zip"
    with serve(tree) as base:
        first = fetch(base + "f.zip", target, len(data), hashlib.md5(data).hexdigest(),
                      policy=Policy(tries=2, timeout=5, backoff=0))
        again = fetch(base + "f.zip", target, len(data), hashlib.md5(data).hexdigest())
    assert (first.status, first.tries, again.status) == ("fetched", 2, "cached")
    assert len(tree.requests) == 2  # the 503, then the file; none for the cached one


def test_server_errors_on_every_try_are_reported_with_the_count(tmp_path):
    tree = GdeltTree(files={"f.zip": b"abc"}, fail_first={"f.zip": 9})
    with serve(tree) as base:
        outcome = fetch(base + "f.zip", tmp_path / "f.zip", 3, None,
                        policy=Policy(tries=3, timeout=5, backoff=0))
    assert (outcome.status, outcome.reason) == ("failed", "HTTP 503 (after 3 tries)")


def test_the_download_bar_draws_nothing_off_a_terminal(capsys):
    from relgraph.render.fetching import FetchProgress

    with FetchProgress() as bar:
        bar(1, 10, 1000, 10_000)
        assert bar._bar is None
    assert capsys.readouterr().err == ""


def test_the_download_bar_draws_on_a_terminal(monkeypatch):
    import io

    from relgraph.render.fetching import FetchProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stderr", Terminal())
    with FetchProgress() as bar:
        bar(1, 10, 1000, 10_000)
        assert bar._bar is not None
        task = bar._bar.tasks[0]
        assert (task.completed, task.total, task.fields["files"]) == (1000, 10_000, "1/10")
