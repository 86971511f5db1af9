"""The Spark engine gives the local engine's answers (issue 22): random small datasets, every
command Spark answers, compared as the JSON `--json` prints.

Each example is a folder (actors.yaml; relations.yaml with the types, the sources and the
first few relations; the rest in relations.jsonl, relations.csv, or relations.parquet
partitioned by year; sources and targets written as ids, names or aliases in any case) read
by both engines: the local one compiles it into its store, the Spark one reads it through
the test run's Spark Connect server (tests/spark_server.py). Actors have mutual relations,
partial dates, spans, undated relations, weights of their own or their type's; one relation
in five has no id (made up by the rule); windows and types select among them. The expected
answer is the local engine's, which the rest of the suite checks by hand.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import write_partitioned
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from relgraph import answers
from relgraph.api import RelGraph
from relgraph.cache import open_store
from relgraph.errors import RelgraphError

POLARITY_WEIGHTS = {"hostile": [-1.0, -2.5, -0.1, -10.0], "friendly": [1.0, 0.2, 3.5, 10.0],
                    "neutral": [0.0]}


@st.composite
def partial_dates(draw):
    year = draw(st.integers(2019, 2024))
    form = draw(st.sampled_from(["year", "month", "day"]))
    if form == "year":
        return str(year)
    month = draw(st.integers(1, 12))
    if form == "month":
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{draw(st.integers(1, 28)):02d}"


@st.composite
def datasets(draw, as_users_write: bool = False):
    """(actors, types, relations as the contract writes them, how many go in the YAML, the
    form of the rest). `as_users_write`: actors named by id, name or alias in any case, one
    relation in five without an id, summaries with commas, quotes and line breaks, most
    relations in JSON Lines, CSV or Parquet; else ids throughout (what tests/test_arrow_store.py
    draws too)."""
    actors = [f"a{n}" for n in range(draw(st.integers(3, 6)))]
    types = {}
    for n in range(draw(st.integers(2, 4))):
        polarity = draw(st.sampled_from(sorted(POLARITY_WEIGHTS)))
        types[f"t{n}"] = {"polarity": polarity,
                          "weight": draw(st.sampled_from(POLARITY_WEIGHTS[polarity]))}
    relations = []
    for n in range(draw(st.integers(0, 22))):
        source, target = draw(st.lists(st.sampled_from(actors), min_size=2, max_size=2,
                                       unique=True))
        kind = draw(st.sampled_from(sorted(types)))
        relation = {"id": f"r{n}", "source": source, "target": target, "type": kind,
                    "summary": f"relation {n}"}
        if as_users_write:
            relation.update(source=draw(spellings(source)), target=draw(spellings(target)),
                            summary=draw(st.sampled_from([
                                f"relation {n}", f"relation {n}, with a comma",
                                f'relation {n}: "quoted",\nover two lines'])))
        if draw(st.booleans()):
            relation["mutual"] = True
        if draw(st.booleans()):  # a weight of its own, same sign as its type's
            polarity = types[kind]["polarity"]
            relation["weight"] = draw(st.sampled_from(POLARITY_WEIGHTS[polarity]))
        if draw(st.integers(0, 4)):  # one in five undated
            relation["date"] = draw(partial_dates())
            if draw(st.integers(0, 3)) == 0:
                later = draw(partial_dates())
                if later[:4] > relation["date"][:4]:
                    relation["until"] = later
        if draw(st.booleans()):
            relation["ref"] = "s1"
        if as_users_write and draw(st.integers(0, 4)) == 0:  # made up by the rule
            del relation["id"]
        relations.append(relation)
    if not as_users_write:
        return actors, types, relations, draw(st.integers(0, len(relations))), \
            draw(st.sampled_from(["jsonl", "parquet"]))
    in_yaml = draw(st.integers(0, min(4, len(relations))))  # most in the file of `form`
    form = draw(st.sampled_from(["jsonl", "csv", "parquet"]))
    return actors, types, relations, in_yaml, form


def spellings(actor: str):
    """The ways a relation may name actor a1: its id, its name ("Actor A1") or its alias
    ("The A1s"), as written or in another case, with spaces around."""
    name, alias = f"Actor {actor.upper()}", f"The {actor.upper()}s"
    return st.sampled_from([actor, name, alias, name.lower(), alias.upper(), f" {name}  "])


def write(folder: Path, actors, types, relations, in_yaml, form) -> None:
    (folder / "actors.yaml").write_text(yaml.safe_dump(
        {"actors": [{"id": a, "name": f"Actor {a.upper()}", "aliases": [f"The {a.upper()}s"]}
                    for a in actors]}))
    (folder / "relations.yaml").write_text(yaml.safe_dump({
        "sources": {"s1": {"title": "A source", "date": "2023-11"}},
        "types": types, "relations": relations[:in_yaml]}, sort_keys=False))
    if form == "jsonl":
        (folder / "relations.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in relations[in_yaml:]))
    elif form == "csv":  # every field a column, an absent one an empty cell
        columns = ["id", "source", "target", "type", "date", "until", "mutual", "weight",
                   "summary", "ref"]
        with open(folder / "relations.csv", "w", newline="", encoding="utf-8") as out:
            table = csv.DictWriter(out, columns, restval="")
            table.writeheader()
            table.writerows(relations[in_yaml:])
    else:
        write_partitioned(folder, relations[in_yaml:])


# Drawn examples put few relations in CSV; this one puts all but one there, named every way,
# with a comma, a quote and a line break in a cell, a mutual one, own weights, a span.
IN_CSV = (["a0", "a1", "a2", "a3"],
          {"t0": {"polarity": "hostile", "weight": -2.5},
           "t1": {"polarity": "friendly", "weight": 1.0},
           "t2": {"polarity": "neutral", "weight": 0.0}},
          [{"id": "r0", "source": " Actor A0  ", "target": "The A1s", "type": "t0",
            "date": "2021-03", "summary": 'relation 0: "quoted",\nover two lines'},
           {"id": "r1", "source": "a1", "target": "ACTOR A2", "type": "t1", "mutual": True,
            "weight": 3.5, "date": "2022", "summary": "relation 1, with a comma"},
           {"id": "r2", "source": "THE A2S", "target": "a0", "type": "t0", "ref": "s1",
            "summary": "relation 2"},
           {"id": "r3", "source": "a3", "target": "Actor A0", "type": "t2", "date": "2020",
            "until": "2023-06", "summary": "relation 3"},
           {"id": "r4", "source": "actor a1", "target": "a3", "type": "t0", "weight": -10.0,
            "date": "2023-10-05", "summary": "relation 4"}],
          1, "csv")


@st.composite
def selections(draw):
    """(since, until, types) as a user gives them."""
    since = draw(st.one_of(st.none(), partial_dates()))
    until = draw(st.one_of(st.none(), partial_dates()))
    if since and until and until < since:
        since, until = until, since
    chosen = draw(st.one_of(st.none(), st.sets(st.sampled_from(["t0", "t1"]), min_size=1)))
    return since, until, sorted(chosen) if chosen else None


def questions(graph: RelGraph, actors: list[str], relation_ids: list[str], choice):
    """Every command --spark answers, as (name, function of the graph) pairs."""
    since, until, types = choice
    a, b, c = actors[0], actors[1], actors[-1]
    sel = graph.selection(since, until, types)
    shown = answers.shown(graph)
    asked = [
        ("who-opposes", lambda: answers.stance(graph, a, "hostile", sel, False)),
        ("who-supports --net", lambda: answers.stance(graph, b, "friendly", sel, True)),
        ("timeline", lambda: answers.timeline(graph, a, None, sel, shown)),
        ("timeline pair", lambda: answers.timeline(graph, a, c, sel, shown)),
        ("relations", lambda: answers.relations(graph, sel, None, None, shown)),
        ("relations --actor", lambda: answers.relations(graph, sel, b, None, shown)),
        ("relations --between", lambda: answers.relations(graph, sel, None, (a, b), shown)),
        ("show", lambda: graph.show(a, sel)),
        ("show, one of each type", lambda: graph.show(b, sel, per_type=1)),
        ("timeline --limit 3", lambda: answers.timeline(graph, b, None, sel, shown, limit=3)),
        ("relations --limit 2", lambda: answers.relations(graph, sel, None, None, shown,
                                                          limit=2)),
        ("who-opposes --limit 1", lambda: answers.stance(graph, c, "hostile", sel, False,
                                                         limit=1)),
        ("trend", lambda: graph.trend(a, b, sel)),
        ("trend --by month", lambda: graph.trend(b, c, sel, "month")),
        ("matrix", lambda: graph.matrix(None, sel)),
        ("neighbours", lambda: graph.neighbourhood(a, sel, 1)),
        ("neighbours --depth 2", lambda: graph.neighbourhood(c, sel, 2)),
        ("balance --all", lambda: graph.balance(sel, None, True)),
        ("central", lambda: graph.central(sel, "degree")),
        ("central --by pagerank", lambda: graph.central(sel, "pagerank")),
        ("path", lambda: answers.paths(graph, a, c, sel, shown)),
        ("path --directed", lambda: answers.paths(graph, c, a, sel, shown, directed=True)),
        ("path --max-hops 1", lambda: answers.paths(graph, a, c, sel, shown, max_hops=1)),
        ("path --all", lambda: answers.paths(graph, a, c, sel, shown, all_shortest=True)),
        ("path -k 3", lambda: answers.paths(graph, b, c, sel, shown, k=3)),
    ]
    if relation_ids:
        asked.append(("relation", lambda: answers.relation(graph, relation_ids[-1])))
    return asked


def answer(question) -> str:
    """The answer as --json prints it, or the error's exit code and message."""
    try:
        return json.dumps(question().as_dict(), ensure_ascii=False, indent=2)
    except RelgraphError as exc:
        return f"exit {exc.exit_code}: {exc}"


@pytest.fixture(scope="module")
def folder():
    path = Path(tempfile.mkdtemp(prefix="relgraph-spark-same-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.timeout(1500)  # a Spark job takes about a second here; an example asks ~22
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=datasets(as_users_write=True), choice=selections())
@example(data=IN_CSV, choice=(None, None, None))
@example(data=IN_CSV, choice=("2021-06", "2023", ["t0", "t1"]))
def test_spark_answers_as_the_local_engine(spark_url, folder, data, choice):
    from relgraph.spark import open_graph

    actors, types, relations, in_yaml, _ = data
    shutil.rmtree(folder)
    folder.mkdir()
    write(folder, *data)
    local = RelGraph(open_store([folder], use_cache=False))
    spark = open_graph(spark_url, [str(folder)])
    try:
        ids = [r["id"] for r in relations if "id" in r]
        for (name, mine), (_, theirs) in zip(questions(local, actors, ids, choice),
                                             questions(spark, actors, ids, choice),
                                             strict=True):
            assert answer(theirs) == answer(mine), name
    finally:
        spark.store.close()
