"""Tables that fit an 80-column terminal, on the shipped data (conftest sets COLUMNS=80).

A listing is a header, a rule, then one block per relation: a row that starts at the margin and
the lines indented beneath it (the id in brackets and the summary).
"""

import json

import pytest
from rich.cells import cell_len


def blocks(text: str) -> list[list[str]]:
    """The blocks of a listing after its header and rule: each a row and its indented lines."""
    found: list[list[str]] = []
    for line in text.splitlines()[2:]:
        if line.startswith(" "):
            found[-1].append(line)
        else:
            found.append([line])
    return found


LISTINGS = [
    # (arguments, relations shown, counted by hand in data/relations.yaml)
    # source russia and target israel: 15 entries; source israel and target russia: 10.
    (["timeline", "Russia", "Israel"], 25),
    # every entry under `relations:` (grep -c '^  - ' gives 77, as `relgraph validate` says).
    (["relations"], 77),
]


@pytest.mark.parametrize(("args", "count"), LISTINGS, ids=lambda v: str(v))
def test_at_80_columns_each_relation_takes_at_most_three_lines(run, args, count):
    text = run(*args).stdout
    assert all(cell_len(line) <= 80 for line in text.splitlines())
    shown = blocks(text)
    assert len(shown) == count
    assert max(len(block) for block in shown) <= 3
    assert len(text.splitlines()) <= 2 + 3 * count


@pytest.mark.parametrize(("args", "count"), LISTINGS, ids=lambda v: str(v))
def test_each_relation_shows_its_id_in_brackets_under_its_row(run, args, count):
    ids = [r["id"] for r in json.loads(run(*args, "--json").stdout)]
    shown = [block[1].split("]")[0].strip(" [") for block in blocks(run(*args).stdout)]
    assert shown == ids


def test_a_pipe_without_columns_gets_the_same_80_column_listing(run, monkeypatch):
    at_80 = run("timeline", "Russia", "Israel").stdout
    monkeypatch.delenv("COLUMNS")
    assert run("timeline", "Russia", "Israel").stdout == at_80


def test_a_summary_too_long_for_two_lines_is_cut_and_full_prints_it_whole(run):
    # "[russia-israel-soviet-era-hostility]" (36 characters), a space and the summary (223 in
    # data/relations.yaml) make 260: more than two lines of 76 (80 less the indent of 4), so
    # the second line ends in "…"; --full prints all of it.
    [relation] = [r for r in json.loads(run("relations", "--json").stdout)
                  if r["id"] == "russia-israel-soviet-era-hostility"]
    cut = [b for b in blocks(run("relations").stdout) if relation["id"] in b[1]][0]
    assert len(cut) == 3 and cut[2].endswith("…")
    whole = [b for b in blocks(run("relations", "--full").stdout) if relation["id"] in b[1]][0]
    assert " ".join(line.strip() for line in whole[1:]) == (
        f"[{relation['id']}] {relation['summary']}")


@pytest.mark.parametrize("args", [["who-opposes", "Israel"], ["who-supports", "Russia"],
                                  ["who-opposes", "Russia"], ["who-supports", "Israel"]])
def test_at_80_columns_a_stance_table_has_one_line_per_actor(run, args):
    rows = json.loads(run(*args, "--json").stdout)
    lines = run(*args).stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    assert len(lines) == 2 + len(rows)            # header, rule, one line per actor
    assert [line.split("  ")[1].strip() for line in lines[2:]] == [r["name"] for r in rows]


def test_a_stance_table_cuts_long_names_rather_than_wrap(run, tmp_path):
    # Names of 60 characters cannot fit beside the numbers in 80 columns: cut with "…".
    long_a, long_b = "A" * 60, "B" * 60
    (tmp_path / "actors.yaml").write_text(
        f"actors:\n  - {{id: a, name: {long_a}}}\n  - {{id: b, name: {long_b}}}\n",
        encoding="utf-8")
    (tmp_path / "relations.yaml").write_text(
        "types:\n  " + "x" * 40 + ": {polarity: hostile}\nrelations:\n"
        "  - {source: a, target: b, type: " + "x" * 40 + ", date: 2020}\n", encoding="utf-8")
    lines = run("who-opposes", "b", data=tmp_path).stdout.splitlines()
    assert len(lines) == 3
    assert all(cell_len(line) <= 80 for line in lines)
    assert "AAAA…" in lines[2]
