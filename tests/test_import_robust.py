"""Damaged POLECAT and ACLED files: every row is read or counted, never a traceback.

Hypothesis damages the test files line by line (fields cut or added, bytes that are not UTF-8,
quotes, blank lines, lines dropped) and checks the report's sum: rows read = relations written +
rows dropped, and the folder is written. A file that is not event data at all may only be
refused with InputFileError (one line).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from relgraph.errors import InputFileError
from relgraph.importers import import_events

DATA = Path(__file__).parent / "data"
FILES = {
    "polecat": (DATA / "polecat" / "ngecEvents.20231019131501.Release212.DV.txt").read_bytes(),
    "acled": (DATA / "acled" / "acled-2023-10-export.csv").read_bytes(),
}
DAMAGE = [b"", b"\t", b",", b"\"", b"\xe9\xff", b"None", b"\t\t\t", b"\n", b"2023-02-30",
          b"\r\n", b"\"\"", b";"]


@st.composite
def damaged(draw, source: str) -> bytes:
    lines = FILES[source].splitlines(keepends=True)
    for _ in range(draw(st.integers(0, 6))):
        where = draw(st.integers(0, len(lines) - 1))
        line = lines[where]
        action = draw(st.sampled_from(["insert", "cut", "drop", "repeat"]))
        if action == "insert":
            at = draw(st.integers(0, len(line)))
            lines[where] = line[:at] + draw(st.sampled_from(DAMAGE)) + line[at:]
        elif action == "cut":
            lines[where] = line[:draw(st.integers(0, len(line)))] + b"\n"
        elif action == "drop" and len(lines) > 1:
            del lines[where]
        else:
            lines.insert(where, line)
    return b"".join(lines)


def _check(source: str, content: bytes, all_actors: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("events.txt" if source == "polecat" else "events.csv")
        path.write_bytes(content)
        try:
            report = import_events(source, [path], Path(tmp) / "out", all_actors=all_actors)
        except InputFileError as exc:
            assert "\n" not in str(exc)
            assert not (Path(tmp) / "out").exists()
            return
        assert report.rows_read == report.written + sum(report.dropped.values())
        assert (Path(tmp) / "out" / "relations.jsonl").exists()


@settings(max_examples=60, deadline=None)
@given(content=damaged("polecat"), all_actors=st.booleans())
def test_a_damaged_polecat_file_is_read_or_counted(content, all_actors):
    _check("polecat", content, all_actors)


@settings(max_examples=60, deadline=None)
@given(content=damaged("acled"), all_actors=st.booleans())
def test_a_damaged_acled_file_is_read_or_counted(content, all_actors):
    _check("acled", content, all_actors)
