"""One actor's sums, counts and latest relations from Arrow columns (arrow_answers.py) are the
compiled store's (store.py).

ActorColumns answers every question about one actor (who-opposes, who-supports, show, the
listings of an actor or a pair) on the first call on a large Parquet dataset without compiling
the actor's rows. Here each of its methods is compared with the same
method of the store compiled from the same folder, for every actor, both ways, every polarity,
on random datasets where a0 is a side of most relations (a hub), with mutual relations, spans,
undated relations and many relations on the same day (the latest is then chosen by file
order), under windows and type choices; and once on a small dataset worked out by hand.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pyarrow", reason="the Parquet tests need pyarrow: "
                    "pip install -e '.[test]' installs it")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from test_spark_same_answers import selections, write  # noqa: E402

from relgraph.arrow_answers import ActorColumns  # noqa: E402
from relgraph.arrow_graph import GraphColumns  # noqa: E402
from relgraph.cache import open_store  # noqa: E402
from relgraph.checks.arrow_columns import check_columns  # noqa: E402
from relgraph.selection import make_selection  # noqa: E402

ACTORS = ["a0", "a1", "a2", "a3", "a4"]
TYPES = {"t0": {"polarity": "hostile", "weight": -2.5},
         "t1": {"polarity": "friendly", "weight": 0.1},
         "t2": {"polarity": "neutral", "weight": 0.0},
         "t3": {"polarity": "hostile", "weight": -0.2}}
DATES = [None, "2020", "2020-03", "2020-03-05", "2021", "2021-01-31"]  # few: ties are common


@st.composite
def hub_relations(draw):
    relations = []
    for n in range(draw(st.integers(0, 50))):
        source = draw(st.sampled_from(["a0", "a0", "a0", *ACTORS]))
        target = draw(st.sampled_from([a for a in ["a0", "a0", "a0", *ACTORS] if a != source]))
        relation = {"id": f"r{n}", "source": source, "target": target,
                    "type": draw(st.sampled_from(sorted(TYPES)))}
        date = draw(st.sampled_from(DATES))
        if date:
            relation["date"] = date
            if date[:4] == "2020" and draw(st.booleans()):
                relation["until"] = "2022"
        if draw(st.booleans()):
            relation["mutual"] = True
        if draw(st.booleans()) and TYPES[relation["type"]]["polarity"] != "neutral":
            sign = -1 if TYPES[relation["type"]]["polarity"] == "hostile" else 1
            relation["weight"] = sign * draw(st.sampled_from([0.1, 0.2, 0.3, 7.0]))
        relations.append(relation)
    return relations


# (chronological, limit, newest): every way a listing is asked for.
LISTINGS = [(False, None, False), (True, None, False), (True, 3, False), (True, 3, True),
            (False, 2, False), (False, 2, True)]


def both(folder):
    """The folder's checked columns and its compiled store (the reference)."""
    checked = check_columns([folder])
    assert checked is not None
    return checked, open_store([folder], use_cache=False, first_answer=False)


def drawn(tmp_path_factory, relations, choice):
    """A drawn example in Parquet: its checked columns, its compiled store, its selection."""
    folder = tmp_path_factory.mktemp("drawn")
    write(folder, ACTORS, TYPES, relations, 0, "parquet")
    since, until, types = choice
    return (*both(folder), make_selection(TYPES, since, until, types))


def rounded(rows):
    return sorted((other, hostile, friendly, *(round(x, 9) + 0.0 for x in sums))
                  for other, hostile, friendly, *sums in rows)


def listed(relations):
    return [(r.as_dict(), r.order) for r in relations]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(relations=hub_relations(), choice=selections())
def test_every_method_gives_the_stores_answer(tmp_path_factory, relations, choice):
    checked, store, selection = drawn(tmp_path_factory, relations, choice)
    for n, actor in enumerate(ACTORS):
        columns = ActorColumns(checked, n)
        for incoming in (True, False):
            assert rounded(columns.stance_sums(selection, incoming)) == \
                rounded(store.stance_sums(actor, selection, incoming)), (actor, incoming)
            for polarity in ("hostile", "friendly", "neutral"):
                got = columns.latest(selection, incoming, polarity)
                want = store.latest(actor, selection, incoming, polarity)
                assert {k: listed([r]) for k, r in got.items()} == \
                    {k: listed([r]) for k, r in want.items()}, (actor, incoming, polarity)
            for per_type in (1, 2, 10):
                assert listed(columns.newest_by_type(selection, not incoming, per_type)) == \
                    listed(store.newest_by_type(actor, selection, not incoming, per_type))
        assert columns.type_counts(selection) == store.type_counts(actor, selection)
        for forward, backward in ((True, True), (True, False), (False, True)):
            assert columns.neighbours(selection, forward, backward) == \
                store.neighbours(actor, selection, forward, backward)
        assert listed(columns.touching(selection)) == listed(store.touching(actor, selection))
        for incoming in (True, False):
            assert listed(columns.towards(selection, incoming)) == \
                listed(store.towards(actor, selection, incoming))
        for other in [None, *ACTORS]:
            pair = None if other is None else (actor, other)
            if other is not None:
                assert listed(columns.between(other, selection)) == \
                    listed(store.between(actor, other, selection)), (actor, other)
            assert columns.count(selection, other) == store.count(selection, actor, pair)
            for chronological, limit, newest in LISTINGS:
                assert listed(columns.listing(selection, other, chronological, limit, newest)) \
                    == listed(store.stream(selection, actor, pair, chronological, limit,
                                           newest)), (actor, other, chronological, limit, newest)
    store.close()


def pairs_rounded(rows):
    return sorted((u, v, *(round(x, 9) + 0.0 for x in (net, intensity)), hostile, friendly,
                   round(mutual, 9) + 0.0, stored, count)
                  for u, v, net, intensity, hostile, friendly, mutual, stored, count in rows)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(relations=hub_relations(), choice=selections())
def test_the_whole_graphs_sums_and_listings_are_the_stores(tmp_path_factory, relations, choice):
    checked, store, selection = drawn(tmp_path_factory, relations, choice)
    graph = GraphColumns(checked)
    for among in (None, ["a0", "a1"], ["a2", "a3", "a4", "nobody"], []):
        assert pairs_rounded(graph.pair_stances(selection, among)) == \
            pairs_rounded(store.pair_stances(selection, among)), among
    assert graph.actor_counts(selection) == store.actor_counts(selection)
    assert graph.degrees(selection) == store.degrees(selection)
    assert sorted(graph.links(selection)) == sorted(store.links(selection))
    assert listed(graph.select(selection)) == listed(store.select(selection))
    assert graph.count(selection) == store.count(selection)
    for chronological, limit, newest in LISTINGS:
        assert listed(graph.listing(selection, None, chronological, limit, newest)) == \
            listed(store.stream(selection, None, None, chronological, limit, newest))
    store.close()


def test_a_small_hub_worked_out_by_hand(tmp_path):
    # Written in file order (all dated 2020 or undated, so one partition holds the dated ones
    # and the undated ones come after them in the files):
    #   r0 a1 -> a0 t0 (hostile, -2.5)  2020
    #   r1 a1 -> a0 t3 (hostile, -0.2)  2020         same first and last day as r0: later in
    #                                                the files, so the latest hostile of a1
    #   r2 a0 -> a2 t1 (friendly, 0.3) mutual 2020-03
    #   r3 a2 -> a0 t0 (hostile, -7)   undated
    relations = [
        {"id": "r0", "source": "a1", "target": "a0", "type": "t0", "date": "2020"},
        {"id": "r1", "source": "a1", "target": "a0", "type": "t3", "date": "2020"},
        {"id": "r2", "source": "a0", "target": "a2", "type": "t1", "date": "2020-03",
         "mutual": True, "weight": 0.3},
        {"id": "r3", "source": "a2", "target": "a0", "type": "t0", "weight": -7.0}]
    write(tmp_path, ACTORS, TYPES, relations, 0, "parquet")
    checked, store = both(tmp_path)
    everything = make_selection(TYPES)
    a0 = ActorColumns(checked, 0)
    # Towards a0: a1 with r0 and r1 (2 hostile, net -2.7, hostility 2.7); a2 with r3 and the
    # mutual r2 (1 hostile, 1 friendly, net -6.7, hostility 7, warmth 0.3).
    assert rounded(a0.stance_sums(everything, incoming=True)) == [
        ("a1", 2, 0, -2.7, 2.7, 0.0), ("a2", 1, 1, -6.7, 7.0, 0.3)]
    # From a0: only r2 (mutual): a2, 1 friendly.
    assert rounded(a0.stance_sums(everything, incoming=False)) == [("a2", 0, 1, 0.3, 0.0, 0.3)]
    latest = a0.latest(everything, incoming=True, polarity="hostile")
    assert {other: r.id for other, r in latest.items()} == {"a1": "r1", "a2": "r3"}
    # Incoming by type: t0 twice (r0, r3), t3 once, t1 once (the mutual r2); outgoing: r2.
    assert a0.type_counts(everything) == {"outgoing": {"t1": 1},
                                          "incoming": {"t0": 2, "t3": 1, "t1": 1}}
    # The latest t0 towards a0, one per type: r0 (dated) before the undated r3.
    assert [r.id for r in a0.newest_by_type(everything, False, 1)] == ["r0", "r1", "r2"]
    assert [r.id for r in a0.between("a2", everything)] == ["r2", "r3"]
    # Since 2020-06: r0, r1 and r2 overlap it only if their span does: 2020 does, 2020-03
    # does not, the undated r3 never.
    since = make_selection(TYPES, "2020-06")
    assert [r.id for r in a0.between("a1", since)] == ["r0", "r1"]
    assert a0.neighbours(since, True, True) == ["a1"]
    # The whole graph: a1 -> a0 (r0, r1), a0 -> a2 and back (the mutual r2), a2 -> a0 (r3).
    graph = GraphColumns(checked)
    assert pairs_rounded(graph.pair_stances(everything)) == [
        ("a0", "a2", 0.3, 0.3, 0, 1, 0.3, 1, 1),       # r2 as written
        ("a1", "a0", -2.7, 2.7, 2, 0, 0.0, 2, 2),      # r0, r1
        ("a2", "a0", -6.7, 7.3, 1, 1, 0.3, 1, 2)]      # r3, and r2 back (stored 0)
    assert graph.actor_counts(everything) == {"a0": 4, "a1": 2, "a2": 2}
    assert graph.degrees(everything) == {"a0": 2, "a1": 1, "a2": 1}
    assert sorted(graph.links(everything)) == [("a0", "a2"), ("a1", "a0"), ("a2", "a0")]
    assert [r.id for r in graph.listing(everything, None, True, 2, True)] == ["r2", "r3"]
    store.close()
