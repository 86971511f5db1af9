import datetime as dt

import pytest

from relgraph.dates import Window, parse_date

D = dt.date


@pytest.mark.parametrize(("value", "first", "last", "text"), [
    ("2023", D(2023, 1, 1), D(2023, 12, 31), "2023"),
    (2023, D(2023, 1, 1), D(2023, 12, 31), "2023"),
    ("2023-01", D(2023, 1, 1), D(2023, 1, 31), "2023-01"),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "2024-02"),  # leap year
    ("2023-02", D(2023, 2, 1), D(2023, 2, 28), "2023-02"),
    ("2023-10-17", D(2023, 10, 17), D(2023, 10, 17), "2023-10-17"),
    (D(2023, 10, 17), D(2023, 10, 17), D(2023, 10, 17), "2023-10-17"),
])
def test_a_partial_date_spans_its_whole_year_month_or_day(value, first, last, text):
    date = parse_date(value)
    assert (date.first, date.last, date.text) == (first, last, text)


@pytest.mark.parametrize("value", [
    "2019-02-30", "2023-13", "30/02/2019", "yesterday", "23", "2023-1-5", "", True, 3.5,
    dt.datetime(2023, 1, 1, 12, 0),
])
def test_a_malformed_or_impossible_date_is_refused(value):
    with pytest.raises(ValueError, match="date"):
        parse_date(value)


def test_an_open_window_keeps_undated_spans_and_a_bounded_one_does_not():
    assert Window().overlaps(None, None)
    assert not Window(since=parse_date("2020")).overlaps(None, None)


def test_a_window_keeps_spans_that_overlap_it_by_a_single_day():
    window = Window(parse_date("2020-02"), parse_date("2020-02"))
    assert window.overlaps(D(2020, 1, 1), D(2020, 2, 1))       # ends on the first day
    assert window.overlaps(D(2020, 2, 29), D(2020, 12, 31))    # starts on the last day
    assert not window.overlaps(D(2020, 1, 1), D(2020, 1, 31))
    assert not window.overlaps(D(2020, 3, 1), D(2020, 3, 1))


def test_a_window_open_on_one_side_is_unbounded_there():
    since = Window(since=parse_date("2021"))
    assert since.overlaps(D(2090, 1, 1), D(2090, 1, 1))
    assert not since.overlaps(D(2020, 12, 31), D(2020, 12, 31))
    until = Window(until=parse_date("2015"))
    assert until.overlaps(D(1900, 1, 1), D(1900, 1, 1))
    assert until.overlaps(D(2015, 12, 31), D(2017, 12, 31))
    assert not until.overlaps(D(2016, 1, 1), D(2017, 12, 31))


def test_only_ascii_digits_make_a_date():
    with pytest.raises(ValueError):
        parse_date("٢٠٢٣")          # Arabic-Indic digits
