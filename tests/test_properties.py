"""Property tests (issue 6, item 6) on random datasets written to a temporary folder.

The expected answers are worked out here from the data contract (docs/data-format.md and the
README), never by calling relgraph's own helpers: made-up relation ids, date spans and windows,
who-opposes / who-supports rows and shortest paths are all computed by brute force below.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from relgraph.cli import app
from relgraph.dataset import load_dataset
from relgraph.errors import DataError, UsageError

SETTINGS = {"deadline": None, "suppress_health_check": list(HealthCheck)}

NAMES = ["Israel", "Russia", "Hamas", "Iran", "Côte d'Ivoire", "O'Brien Front", "Ελλάδα", "東京",
         "Yes", "No", "Null", "1.5", "Égypte", "Red: Militia", "Naïve #1", "Zeta \"Z\" Corp"]
ALIASES = ["Moscow", "Tel Aviv", "Tehran", "Ivory Coast", "Cote d’Ivoire", "Hellas", "Tokyo",
           "On", "Off", "~", "2023", "Gaza's rulers", "[bracket]", "&anchor", "*star"]
TYPE_NAMES = ["condemn", "attack", "aid", "talks", "observe", "veto", "arms supply"]


def write(folder: Path, actors: str | bytes, relations: str | bytes) -> None:
    for name, content in (("actors.yaml", actors), ("relations.yaml", relations)):
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.fixture(scope="module")
def folder():
    path = Path(tempfile.mkdtemp(prefix="relgraph-properties-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def cli(folder: Path, *args: str):
    return CliRunner().invoke(app, ["--data", str(folder), *args], catch_exceptions=False)


# -- random valid datasets ---------------------------------------------------------------------

def spelled(draw, label: str) -> str:
    """An actor reference as a user may write it: any case."""
    return draw(st.sampled_from([label, label.upper(), label.lower()]))


@st.composite
def partial_dates(draw, low: int = 2015, high: int = 2024):
    """(value as written in YAML, its text) for YYYY, YYYY-MM or YYYY-MM-DD."""
    year = draw(st.integers(low, high))
    form = draw(st.sampled_from(["year-int", "year-text", "month", "day-date", "day-text"]))
    if form == "year-int":
        return year, str(year)
    if form == "year-text":
        return str(year), str(year)
    month = draw(st.integers(1, 12))
    if form == "month":
        return f"{year}-{month:02d}", f"{year}-{month:02d}"
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    if form == "day-date":
        return dt.date(year, month, day), f"{year}-{month:02d}-{day:02d}"
    return f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}-{day:02d}"


def first_day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    month = parts[1] if len(parts) == 2 else 12
    return dt.date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def weights(polarity: str):
    if polarity == "hostile":
        return st.floats(-10, -0.5).map(lambda w: round(w, 1))
    if polarity == "friendly":
        return st.floats(0.5, 10).map(lambda w: round(w, 1))
    return st.just(0)


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                             blacklist_characters="\x85\ufeff"), min_size=1, max_size=30
               ).map(str.strip).filter(bool)


@st.composite
def datasets(draw):
    """(actors document, relations document, expected relations as `relations --json` prints).

    The expectation follows the contract: references stored as ids, the type's weight when a
    relation has none, dates as written, made-up ids SOURCE-TYPE-TARGET[-DATE] with -2, -3...
    in file order, never taking an explicit id.
    """
    count = draw(st.integers(2, 6))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=count, max_size=count, unique=True))
    spare = iter(draw(st.permutations(ALIASES)))
    actors = []
    for i, name in enumerate(names):
        entry = {"id": f"a{i}", "name": name}
        aliases = [next(spare) for _ in range(draw(st.integers(0, 2)))]
        if aliases:
            entry["aliases"] = aliases
        if draw(st.booleans()):
            entry["kind"] = draw(st.sampled_from(["state", "armed-group", "person"]))
        actors.append(entry)

    type_names = draw(st.lists(st.sampled_from(TYPE_NAMES), min_size=1, max_size=4, unique=True))
    types = {}
    for name in type_names:
        polarity = draw(st.sampled_from(["hostile", "friendly", "neutral"]))
        types[name] = {"polarity": polarity}
        if draw(st.booleans()):
            types[name]["weight"] = draw(weights(polarity))
    default = {"hostile": -1.0, "friendly": 1.0, "neutral": 0.0}
    sources = {"s1": {"title": "A source"}} if draw(st.booleans()) else {}

    relations, expected = [], []
    explicit_ids = set()
    for k in range(draw(st.integers(0, 12))):
        s, t = draw(st.lists(st.integers(0, count - 1), min_size=2, max_size=2, unique=True))
        tname = draw(st.sampled_from(type_names))
        polarity = types[tname]["polarity"]
        labels = [actors[s]["id"], actors[s]["name"], *actors[s].get("aliases", [])]
        entry = {"source": spelled(draw, draw(st.sampled_from(labels)))}
        labels = [actors[t]["id"], actors[t]["name"], *actors[t].get("aliases", [])]
        entry["target"] = spelled(draw, draw(st.sampled_from(labels)))
        entry["type"] = tname
        rel = {"id": None, "source": f"a{s}", "target": f"a{t}", "type": tname,
               "polarity": polarity,
               "weight": float(types[tname].get("weight", default[polarity])),
               "date": None, "until": None, "mutual": False, "summary": None, "quote": None,
               "ref": None}
        if draw(st.booleans()):
            entry["id"] = rel["id"] = f"r{k}"
            explicit_ids.add(rel["id"])
        if draw(st.integers(0, 3)):
            entry["date"], rel["date"] = draw(partial_dates())
            if draw(st.booleans()):
                # Any span that does not end before the date starts: the same year included
                # (date 2020-05, until 2020 is valid: 2020 ends after May begins).
                start = int(rel["date"][:4])
                value, text = draw(partial_dates(start, start + 3).filter(
                    lambda u, d=rel["date"]: last_day(u[1]) >= first_day(d)))
                entry["until"], rel["until"] = value, text
        if draw(st.booleans()):
            entry["mutual"] = rel["mutual"] = draw(st.booleans())
        if draw(st.booleans()):
            entry["weight"] = draw(weights(polarity))
            rel["weight"] = float(entry["weight"])
        if draw(st.booleans()):
            entry["summary"] = rel["summary"] = draw(TEXT)
        if sources and draw(st.booleans()):
            entry["ref"] = rel["ref"] = "s1"
        relations.append(entry)
        expected.append(rel)

    taken, counts = set(explicit_ids), defaultdict(int)
    for rel in expected:
        if rel["id"] is not None:
            continue
        base = "-".join([rel["source"], rel["type"], rel["target"]]
                        + ([rel["date"]] if rel["date"] else []))
        while True:
            counts[base] += 1
            candidate = base if counts[base] == 1 else f"{base}-{counts[base]}"
            if candidate not in taken:
                break
        taken.add(candidate)
        rel["id"] = candidate

    relations_doc = {"types": types, "relations": relations}
    if sources:
        relations_doc["sources"] = sources
    return {"actors": actors}, relations_doc, expected


def dump(document) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def write_dataset(folder: Path, data) -> tuple[list[dict], dict[str, str]]:
    actors_doc, relations_doc, expected = data
    write(folder, dump(actors_doc), dump(relations_doc))
    return expected, {a["id"]: a["name"] for a in actors_doc["actors"]}


# -- the loader round-trips ----------------------------------------------------------------------

@settings(max_examples=60, **SETTINGS)
@given(data=datasets())
def test_relations_json_is_what_the_contract_says_and_loads_back_the_same(folder, data):
    expected, _ = write_dataset(folder, data)
    first = cli(folder, "relations", "--json")
    assert first.exit_code == 0, first.stdout + first.stderr
    printed = json.loads(first.stdout)
    assert printed == expected

    # Written back as relations.yaml (same types and sources), it loads to the same relations.
    _, relations_doc, _ = data
    again = {key: value for key, value in relations_doc.items() if key != "relations"}
    again["relations"] = [{k: v for k, v in rel.items() if k != "polarity"} for rel in printed]
    (folder / "relations.yaml").write_text(dump(again), encoding="utf-8")
    second = cli(folder, "relations", "--json")
    assert second.exit_code == 0, second.stdout + second.stderr
    assert json.loads(second.stdout) == printed


# -- who-opposes / who-supports against brute force ------------------------------------------------

@st.composite
def windows(draw):
    """--since / --until as a user types them, or none."""
    since = draw(st.none() | partial_dates().map(lambda pair: pair[1]))
    until = draw(st.none() | partial_dates().map(lambda pair: pair[1]))
    if since and until and last_day(until) < first_day(since):
        since, until = until, since  # an --until before --since is a usage error
    return since, until


def in_window(rel: dict, since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    if rel["date"] is None:
        return False
    first, last = first_day(rel["date"]), last_day(rel["until"] or rel["date"])
    low = first_day(since) if since else dt.date.min
    high = last_day(until) if until else dt.date.max
    return first <= high and last >= low


def window_args(since, until) -> list[str]:
    return (["--since", since] if since else []) + (["--until", until] if until else [])


def brute_stance(relations, names, target, polarity, net_only):
    """Rows of who-opposes (hostile) / who-supports (friendly) `target`, by the contract."""
    towards = defaultdict(list)  # actor -> relations from it to target, mutual ones both ways
    for rel in relations:
        if rel["target"] == target:
            towards[rel["source"]].append(rel)
        elif rel["mutual"] and rel["source"] == target:
            towards[rel["target"]].append(rel)
    rows = []
    for actor, rels in towards.items():
        counted = [r for r in rels if r["polarity"] == polarity]
        if not counted:
            continue
        net = sum(r["weight"] for r in rels)
        if net_only and not (net < 0 if polarity == "hostile" else net > 0):
            continue
        rows.append({"actor": actor, "name": names[actor],
                     "hostile": sum(r["polarity"] == "hostile" for r in rels),
                     "friendly": sum(r["polarity"] == "friendly" for r in rels),
                     "net": net, "relations": sorted(r["id"] for r in counted),
                     "score": sum(abs(r["weight"]) for r in counted)})
    rows.sort(key=lambda row: (-row["score"], row["name"]))
    return rows


@settings(max_examples=80, **SETTINGS)
@given(data=datasets(), pick=st.integers(0, 5), window=windows(),
       command=st.sampled_from(["who-opposes", "who-supports"]), net_only=st.booleans())
def test_who_opposes_and_who_supports_agree_with_brute_force(folder, data, pick, window,
                                                             command, net_only):
    expected, names = write_dataset(folder, data)
    target = sorted(names)[pick % len(names)]
    since, until = window
    args = [command, target, "--json", *window_args(since, until)] + (["--net"] if net_only else [])
    result = cli(folder, *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    kept = [rel for rel in expected if in_window(rel, since, until)]
    polarity = "hostile" if command == "who-opposes" else "friendly"
    want = brute_stance(kept, names, target, polarity, net_only)
    got = json.loads(result.stdout)
    assert [row["actor"] for row in got] == [row["actor"] for row in want]
    for row, brute in zip(got, want, strict=True):
        assert (row["name"], row["hostile"], row["friendly"]) == (
            brute["name"], brute["hostile"], brute["friendly"])
        assert row["net"] == pytest.approx(brute["net"])
        assert sorted(r["id"] for r in row["relations"]) == brute["relations"]


# -- path against brute force ---------------------------------------------------------------------

def brute_paths(relations, a, b, directed):
    """Every simple path from a to b, and the relations joining each ordered pair."""
    joins = defaultdict(set)
    for rel in relations:
        s, t = rel["source"], rel["target"]
        joins[(s, t)].add(rel["id"])
        if rel["mutual"] or not directed:
            joins[(t, s)].add(rel["id"])
    neighbours = defaultdict(set)
    for s, t in joins:
        neighbours[s].add(t)
    paths = []

    def walk(path):
        if path[-1] == b:
            paths.append(tuple(path))
            return
        for nxt in sorted(neighbours[path[-1]]):
            if nxt not in path:
                walk(path + [nxt])

    walk([a])
    return paths, joins


@settings(max_examples=80, **SETTINGS)
@given(data=datasets(), ends=st.lists(st.integers(0, 5), min_size=2, max_size=2, unique=True),
       window=windows(), directed=st.booleans(),
       mode=st.sampled_from(["one", "all", "k1", "k3"]))
def test_path_agrees_with_brute_force(folder, data, ends, window, directed, mode):
    expected, names = write_dataset(folder, data)
    ids = sorted(names)
    a, b = ids[ends[0] % len(ids)], ids[ends[1] % len(ids)]
    if a == b:
        b = ids[(ends[0] + 1) % len(ids)]
    since, until = window
    args = ["path", a, b, "--json", *window_args(since, until)]
    args += (["--directed"] if directed else []) + {"one": [], "all": ["--all"],
                                                     "k1": ["-k", "1"], "k3": ["-k", "3"]}[mode]
    result = cli(folder, *args)
    kept = [rel for rel in expected if in_window(rel, since, until)]
    every, joins = brute_paths(kept, a, b, directed)
    if not every:
        assert result.exit_code == 1, result.stdout + result.stderr
        return
    assert result.exit_code == 0, result.stdout + result.stderr
    got = json.loads(result.stdout)
    shortest = min(len(p) for p in every)
    found = [tuple(p["actors"]) for p in got]
    for path in got:
        assert tuple(path["actors"]) in every  # a simple path from a to b along relations
        hops = [(h["from"], h["to"]) for h in path["hops"]]
        assert hops == list(zip(path["actors"], path["actors"][1:], strict=False))
        for hop in path["hops"]:
            assert {r["id"] for r in hop["relations"]} == joins[(hop["from"], hop["to"])]
    if mode == "one":
        assert len(found) == 1 and len(found[0]) == shortest
    elif mode == "all":
        assert sorted(found) == sorted(p for p in every if len(p) == shortest)
    else:
        k = int(mode[1:])
        assert len(set(found)) == len(found) == min(k, len(every))
        assert [len(p) for p in found] == sorted(len(p) for p in every)[:k]


# -- no text makes the loader raise anything but relgraph's own errors ---------------------------

KEYS = ["actors", "relations", "types", "sources", "id", "name", "aliases", "kind", "source",
        "target", "type", "date", "until", "weight", "polarity", "mutual", "ref", "summary",
        "<<", "tagret", "? x", "- y"]
SCALARS = ["Israel", "russia", "2019-02-30", "2023-10", "2023", "30/02/2019", "yesterday", "-2",
           "12", "0x1F", "042", "1:30", ".nan", "-.inf", "1e999", "yes", "~", "null", "''", '""',
           "'it''s'", '"a\\tb"', "!!python/object/apply:os.system [ls]", "!!binary aGk=",
           "!!set {a}", "!!omap [a: 1]", "!Ref x", "&a x", "*a", "*b", "[", "]", "{", "}",
           "[a, b]", "{a: 1}", "|", ">", "- x", ": x", "#c", "\t", "%", "@x", "`x`",
           "2001-12-14 25:59:43", "9" * 5000, "hostile", "friendly", "neutral", "Côte d'Ivoire",
           "東京", "\u2028", "\x85"]


@st.composite
def yamlish(draw, depth: int = 0):
    """Text shaped like relgraph's YAML, with wrong shapes, odd scalars and broken syntax."""
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        indent = "  " * depth
        kind = draw(st.sampled_from(["pair", "nested", "item", "item-map", "raw"]))
        key = draw(st.sampled_from(KEYS))
        value = draw(st.sampled_from(SCALARS))
        if kind == "pair":
            lines.append(f"{indent}{key}: {value}")
        elif kind == "nested" and depth < 4:
            lines.append(f"{indent}{key}:" + draw(st.sampled_from(["", " &a", " &b", " !!map"])))
            lines.append(draw(yamlish(depth + 1)))
        elif kind == "item":
            lines.append(f"{indent}- {value}")
        elif kind == "item-map" and depth < 4:
            lines.append(f"{indent}- {key}: {value}")
            lines.append(draw(yamlish(depth + 1)))
        else:
            lines.append(indent + draw(st.text(max_size=20)))
    return "\n".join(lines)


def shapes():
    """Any structure of mappings, lists and scalars, with relgraph's field names as keys."""
    scalars = (st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats()
               | st.dates() | st.text(max_size=10) | st.sampled_from(SCALARS))
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
                        max_leaves=25)


def assert_loads_or_reports(folder: Path) -> None:
    """relgraph either reports problems (one line each, in one of the two files) or loads a
    dataset that the files really hold: garbage that loads fails here too."""
    try:
        dataset = load_dataset(folder)
    except DataError as error:
        for problem in error.problems:
            assert problem.file in (f"{folder}/actors.yaml", f"{folder}/relations.yaml")
            assert problem.line >= 0
            assert "\n" not in problem.message and problem.message.strip()
    else:
        assert_is_what_the_files_hold(folder, dataset)


def assert_is_what_the_files_hold(folder: Path, dataset) -> None:
    """The contract (docs/data-format.md) checked on the files, read with PyYAML alone."""
    actors = yaml.safe_load((folder / "actors.yaml").read_text(encoding="utf-8"))
    relations = yaml.safe_load((folder / "relations.yaml").read_text(encoding="utf-8"))
    # A top-level key with no value (`actors:`) holds nothing: docs/data-format.md.
    assert isinstance(actors, dict) and "actors" in actors, actors
    assert isinstance(relations, dict) and "relations" in relations and "types" in relations
    actors["actors"] = [] if actors["actors"] is None else actors["actors"]
    relations["relations"] = [] if relations["relations"] is None else relations["relations"]
    relations["types"] = {} if relations["types"] is None else relations["types"]
    assert isinstance(actors["actors"], list), actors
    assert isinstance(relations["relations"], list), relations
    assert isinstance(relations["types"], dict), relations
    assert len(dataset.actors) == len(actors["actors"])
    assert len(dataset.relations) == len(relations["relations"])
    labels: dict[str, str] = {}
    for entry, actor in zip(actors["actors"], dataset.actors, strict=True):
        assert isinstance(entry, dict) and isinstance(entry.get("name"), str), entry
        assert str(entry["id"]).strip() == actor.id
        for label in {actor.id, actor.name, *actor.aliases}:
            assert labels.setdefault(label.casefold(), actor.id) == actor.id, label
    for entry, relation in zip(relations["relations"], dataset.relations, strict=True):
        assert isinstance(entry, dict) and entry.get("type") in relations["types"], entry
        assert labels.get(str(entry["source"]).strip().casefold()) == relation.source, entry
        assert labels.get(str(entry["target"]).strip().casefold()) == relation.target, entry
        assert relation.source != relation.target
        assert -10 <= relation.weight <= 10
        assert {"hostile": relation.weight < 0, "friendly": relation.weight > 0,
                "neutral": True}[relation.polarity], relation
        if relation.until is not None:
            assert relation.date is not None and relation.until.last >= relation.date.first


@settings(max_examples=150, **SETTINGS)
@given(actors=st.text(), relations=st.text())
def test_random_text_never_breaks_the_loader(folder, actors, relations):
    write(folder, actors.encode("utf-8", "surrogatepass"), relations.encode("utf-8",
                                                                            "surrogatepass"))
    assert_loads_or_reports(folder)


@settings(max_examples=40, **SETTINGS)
@given(actors=st.binary(), relations=st.binary())
def test_random_bytes_never_break_the_loader(folder, actors, relations):
    write(folder, actors, relations)
    assert_loads_or_reports(folder)


@settings(max_examples=200, **SETTINGS)
@given(actors=yamlish(), relations=yamlish(), data=st.data())
def test_yaml_shaped_text_never_breaks_the_loader(folder, actors, relations, data):
    write(folder, actors, relations)
    assert_loads_or_reports(folder)
    # The same with one character dropped or doubled somewhere: syntax errors of every kind.
    at = data.draw(st.integers(0, max(len(relations) - 1, 0)))
    edit = data.draw(st.sampled_from(["drop", "double"]))
    broken = relations[:at] + relations[at + 1:] if edit == "drop" else \
        relations[:at] + relations[at:at + 1] * 2 + relations[at + 1:]
    write(folder, actors, broken)
    assert_loads_or_reports(folder)


# A valid dataset of two actors and no relations, for the examples below.
NO_RELATIONS = ({"actors": [{"id": "a0", "name": "Israel"}, {"id": "a1", "name": "Russia"}]},
                {"types": {"veto": {"polarity": "hostile"}}, "relations": []}, [])


@settings(max_examples=150, **SETTINGS)
@given(actors=shapes(), relations=shapes(), valid=datasets(), mix=st.integers(0, 3))
# Found by a random run: `actors:` with no value beside a valid relations file. It loads as no
# actors, which the contract now says too (docs/data-format.md).
@example(actors={"actors": None}, relations=None, valid=NO_RELATIONS, mix=2)
@example(actors={"actors": None}, relations={"types": None, "relations": None},
         valid=NO_RELATIONS, mix=0)
def test_documents_of_any_shape_never_break_the_loader(folder, actors, relations, valid, mix):
    valid_actors, valid_relations, _ = valid
    # Sometimes one file is valid, so the other's shape meets the cross-file checks.
    actors = valid_actors if mix == 1 else actors
    relations = valid_relations if mix == 2 else relations
    if mix == 3 and isinstance(relations, dict):
        relations = {**valid_relations, **relations}
    write(folder, dump(actors), dump(relations))
    assert_loads_or_reports(folder)


def test_a_missing_folder_is_a_usage_error_not_a_data_error(tmp_path):
    with pytest.raises(UsageError):
        load_dataset(tmp_path / "nowhere")
