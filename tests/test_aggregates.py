"""The store's aggregates give the answers relation-by-relation counting gives.

who-opposes, who-supports, show, matrix, central and the streamed listings are summed by SQL
(store.py). Here each is compared with a reference worked out in Python from the relations
themselves (the way query.py and the views counted before the store summed them), on random
datasets where one actor, a0, is a side of most relations (a hub) and a1 of many, with mutual
relations, spans, undated relations, weights whose sums are not exact in binary (0.1 + 0.2),
date windows and type choices. Sums are compared rounded to 9 places, as relgraph rounds them.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from relgraph.api import RelGraph
from relgraph.dates import parse_date
from relgraph.model import Actor, Dataset, Relation, RelationType
from relgraph.query import profile
from relgraph.selection import make_selection
from relgraph.views.central import degree
from relgraph.views.pairs import pair_stances, relation_counts

ACTORS = [f"a{i}" for i in range(6)]
TYPES = {"attack": RelationType("attack", "hostile", -10.0),
         "condemn": RelationType("condemn", "hostile", -0.1),
         "rebuke": RelationType("rebuke", "hostile", -0.2),
         "aid": RelationType("aid", "friendly", 0.3),
         "talks": RelationType("talks", "friendly", 1.0),
         "observe": RelationType("observe", "neutral", 0.0)}
DATES = [None, "2020", "2020-03", "2020-03-05", "2021-01-31", "2019-12", "2021"]
UNTILS = [None, None, "2022", "2021-06"]


@st.composite
def datasets(draw) -> RelGraph:
    count = draw(st.integers(0, 40))
    relations = []
    for i in range(count):
        # a0 is on about two thirds of the relations, a1 on a third: hubs.
        source = draw(st.sampled_from(["a0", "a0", "a1", *ACTORS]))
        target = draw(st.sampled_from([a for a in ["a0", "a0", "a1", *ACTORS] if a != source]))
        kind = TYPES[draw(st.sampled_from(sorted(TYPES)))]
        date = draw(st.sampled_from(DATES))
        until = draw(st.sampled_from(UNTILS)) if date else None
        if until is not None and parse_date(until).last < parse_date(date).first:
            until = None
        relations.append(Relation(
            f"r{i}", source, target, kind.name, kind.polarity, kind.weight,
            parse_date(date) if date else None, parse_date(until) if until else None,
            draw(st.booleans()), f"summary {i}", None, None, i + 1))
    actors = [Actor(a, f"Actor {a}", "state") for a in ACTORS]
    return RelGraph.from_dataset(Dataset(actors, TYPES, {}, relations, None))


# The whole dataset half the time: the store answers it from sums made when it was built, and
# a window or types by summing the relations they select.
selections = st.one_of(st.just((None, None, None)), st.builds(
    lambda since, until, types: (since, until, types),
    st.sampled_from([None, "2020", "2020-06", "2021"]),
    st.sampled_from([None, "2020", "2021-03"]),
    st.sampled_from([None, ["attack"], ["condemn", "aid", "observe"], ["talks"]])))


def chosen(graph, picked):
    since, until, types = picked
    if since and until and parse_date(until).last < parse_date(since).first:
        since = None
    return make_selection(graph.types, since, until, types)


def kept(graph, selection) -> list[Relation]:
    """Every selected relation, in file order, chosen one by one in Python."""
    return [r for r in graph.relations if selection.keeps(r)]


def r9(value: float) -> float:
    return round(value, 9) + 0.0


def reference_stances(relations, actor: str, towards: bool) -> dict:
    """The stances as query.stances summed them before the store did, relation by relation."""
    rows: dict[str, dict] = {}
    for r in relations:
        if towards and not (r.target == actor or (r.mutual and r.source == actor)):
            continue
        if not towards and not (r.source == actor or (r.mutual and r.target == actor)):
            continue
        other = r.source if r.target == actor else r.target
        row = rows.setdefault(other, {"hostile": [], "friendly": [], "net": 0.0,
                                      "hostility": 0.0, "warmth": 0.0})
        row["net"] += r.weight
        if r.is_hostile:
            row["hostile"].append(r)
            row["hostility"] += abs(r.weight)
        elif r.is_friendly:
            row["friendly"].append(r)
            row["warmth"] += abs(r.weight)
    return rows


def latest_of(relations):
    """The relation StanceRow.latest chose: the last dated one chronologically, else the last."""
    ordered = sorted(relations, key=Relation.chronological_key)
    dated = [r for r in ordered if r.date is not None]
    return dated[-1] if dated else (ordered[-1] if ordered else None)


@settings(max_examples=60, deadline=None)
@given(datasets(), selections, st.sampled_from(["a0", "a1", "a3"]),
       st.sampled_from(["hostile", "friendly"]), st.booleans())
def test_who_opposes_and_who_supports_match_counting_relation_by_relation(
        graph, picked, target, polarity, net_only):
    selection = chosen(graph, picked)
    rows = (graph.who_opposes if polarity == "hostile" else graph.who_supports)(
        target, selection, net_only)
    expected = []
    for other, row in reference_stances(kept(graph, selection), target, True).items():
        net = r9(row["net"])
        if row[polarity] and (not net_only or (net < 0 if polarity == "hostile" else net > 0)):
            strength = r9(row["hostility" if polarity == "hostile" else "warmth"])
            expected.append((-strength, f"Actor {other}".casefold(), other, len(row["hostile"]),
                             len(row["friendly"]), net,
                             [r.id for r in sorted(row[polarity],
                                                   key=Relation.chronological_key)],
                             latest_of(row[polarity]).id))
    expected.sort()
    assert [(-r9(r.strength), r.actor.name.casefold(), r.actor.id, r.hostile, r.friendly,
             r9(r.net), [x.id for x in r.relations], r.latest.id) for r in rows] == expected


@settings(max_examples=60, deadline=None)
@given(datasets(), selections, st.sampled_from(["a0", "a1", "a5"]), st.integers(1, 3))
def test_show_matches_counting_relation_by_relation(graph, picked, actor, per_type):
    selection = chosen(graph, picked)
    shown = profile(graph, graph.actor(actor), selection, per_type)
    relations = sorted((r for r in kept(graph, selection) if actor in (r.source, r.target)),
                       key=Relation.chronological_key)
    ways = {"outgoing": [r for r in relations if r.source == actor or r.mutual],
            "incoming": [r for r in relations if r.target == actor or r.mutual]}
    for way, listed in ways.items():
        assert [r.id for r in getattr(shown, way)] == [r.id for r in listed]
        counts: dict[str, int] = {}
        for r in listed:
            counts[r.type] = counts.get(r.type, 0) + 1
        assert shown.counts[way] == counts
        # The latest per_type of each type: dated ones latest first, then undated ones last
        # in the file first; shown in chronological order.
        latest = []
        for kind in counts:
            of_kind = [r for r in listed if r.type == kind]
            dated = [r for r in of_kind if r.date is not None]
            newest_first = dated[::-1] + [r for r in of_kind if r.date is None][::-1]
            latest += newest_first[:per_type]
        assert [r.id for r in shown.latest[way]] == \
            [r.id for r in sorted(latest, key=Relation.chronological_key)]
    own = reference_stances(relations, actor, False)
    others = {r.target if r.source == actor else r.source for r in relations}
    expected = sorted((r9(own[o]["net"]) if o in own else 0.0, f"Actor {o}".casefold(), o,
                       len(own[o]["hostile"]) if o in own else 0,
                       len(own[o]["friendly"]) if o in own else 0) for o in others)
    assert [(c.net, c.actor.name.casefold(), c.actor.id, c.hostile, c.friendly)
            for c in shown.counterparts] == expected


@settings(max_examples=60, deadline=None)
@given(datasets(), selections)
def test_matrix_and_degree_match_counting_relation_by_relation(graph, picked):
    selection = chosen(graph, picked)
    relations = kept(graph, selection)
    counts: dict[str, int] = {}
    joined: dict[str, set] = {}
    for r in relations:
        for end, other in ((r.source, r.target), (r.target, r.source)):
            counts[end] = counts.get(end, 0) + 1
            joined.setdefault(end, set()).add(other)
    assert graph.actor_counts(selection) == counts
    assert graph.degrees(selection) == {a: len(o) for a, o in joined.items()}
    # The same as the views counted from every pair before the store counted for them.
    pairs = pair_stances(graph, selection)
    assert relation_counts(pairs) == counts
    assert degree(pairs) == graph.degrees(selection)
    grid = graph.matrix(None, selection) if counts else None
    if grid is not None:
        ranked = sorted(counts, key=lambda a: (-counts[a], f"Actor {a}".casefold(), a))[:10]
        assert [a.id for a in grid.actors] == ranked
        for cell in grid.cells:
            stance = pairs.get((cell.source, cell.target))
            assert (cell.net, cell.hostile, cell.friendly, cell.count) == (
                (stance.net, stance.hostile, stance.friendly, stance.count) if stance
                else (0.0, 0, 0, 0))
    assert [(s.actor.id, s.score) for s in graph.central(selection).scores] == sorted(
        ((a, len(o)) for a, o in joined.items()),
        key=lambda pair: (-pair[1], f"Actor {pair[0]}".casefold(), pair[0]))


@settings(max_examples=60, deadline=None)
@given(datasets(), selections, st.sampled_from([None, "a0", "a2"]),
       st.sampled_from([None, ("a0", "a1"), ("a2", "a0")]), st.booleans(),
       st.sampled_from([None, 1, 3, 100]), st.booleans())
def test_streamed_listings_match_the_relations_chosen_one_by_one(
        graph, picked, actor, pair, chronological, limit, newest):
    selection = chosen(graph, picked)
    relations = kept(graph, selection)
    if pair is not None:
        relations = [r for r in relations if {r.source, r.target} == set(pair)]
    if actor is not None:
        relations = [r for r in relations if actor in (r.source, r.target)]
    if chronological:
        relations.sort(key=Relation.chronological_key)
    expected = relations
    if limit is not None:
        expected = relations[-limit:] if newest else relations[:limit]
    by_id = (graph.actor(actor) if actor else None,
             tuple(graph.actor(a) for a in pair) if pair else None)
    assert [r.id for r in graph.stream(selection, *by_id, chronological, limit, newest)] == \
        [r.id for r in expected]
    assert graph.count(selection, *by_id) == len(relations)


@settings(max_examples=60, deadline=None)
@given(datasets(), selections, st.sampled_from(["a0", "a1", "a5"]),
       st.sampled_from([None, 2, 5]))
def test_an_actors_timeline_matches_sorting_its_relations(graph, picked, actor, limit):
    # The store merges the actor's index ranges (by side, mutual and type) instead of sorting;
    # the listing must be the chronological order all the same: dated by first day, last
    # day and file order, then undated in file order.
    selection = chosen(graph, picked)
    relations = sorted((r for r in kept(graph, selection) if actor in (r.source, r.target)),
                       key=Relation.chronological_key)
    expected = relations if limit is None else relations[:limit]
    streamed = graph.stream(selection, graph.actor(actor), None, True, limit)
    assert [r.id for r in streamed] == [r.id for r in expected]
