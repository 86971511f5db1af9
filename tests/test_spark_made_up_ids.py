"""Ids made up for relations without one, decided as the local checker decides them
(docs/data-format.md): spark/madeup.py's `decide`, which needs no Spark."""

from __future__ import annotations

from relgraph.spark.madeup import decide


def test_a_made_up_id_counts_on_past_the_ids_taken_before_it():
    # In reading order: relations.yaml's relation (its id made up there: a-veto-b-2020), a
    # JSON line without an id on the same base, a JSON line whose explicit id is that base's
    # third candidate, then three CSV records without ids, two of them undated.
    events = [((0, 0, "", 0, 0), "a-veto-b-2020", None),
              ((0, 1, "j", 0, 0), None, "a-veto-b-2020"),
              ((0, 1, "j", 0, 1), "a-veto-b-2020-3", None),
              ((0, 2, "c", 0, 0), None, "a-veto-b-2020"),
              ((0, 2, "c", 0, 1), None, "a-veto-b"),
              ((0, 2, "c", 0, 2), None, "a-veto-b")]
    assert decide(events) == {
        (0, 1, "j", 0, 0): "a-veto-b-2020-2",  # the base is taken: -2
        (0, 2, "c", 0, 0): "a-veto-b-2020-4",  # counts on from -2; -3 is taken
        (0, 2, "c", 0, 1): "a-veto-b",
        (0, 2, "c", 0, 2): "a-veto-b-2",
    }


def test_an_explicit_id_after_a_made_up_one_does_not_move_it():
    # The made-up id is decided when its relation is read: an explicit id equal to it further
    # on is a repeated id (validate's business), not a reason to renumber.
    events = [((0, 1, "j", 0, 0), None, "a-veto-b"),
              ((0, 1, "j", 0, 1), "a-veto-b", None),
              ((0, 1, "j", 0, 2), None, "a-veto-b")]
    assert decide(events) == {(0, 1, "j", 0, 0): "a-veto-b", (0, 1, "j", 0, 2): "a-veto-b-2"}
