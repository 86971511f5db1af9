"""The shipped graph: every quote is the article's, every date plausible, key facts present.

The facts below were read off the article (../shared/seed/article.txt) by hand.
"""

import subprocess
import sys

import pytest
from conftest import SHARED, SHIPPED, clean_env

import relgraph

CHECK_EVIDENCE = SHARED / "tools" / "check-evidence"


@pytest.fixture(scope="module")
def graph():
    return relgraph.load(SHIPPED)


def find(graph, source, target, type_=None, date=None):
    return [r for r in graph.relations
            if r.joins(source, target) and (type_ is None or r.type == type_)
            and (date is None or (r.date is not None and r.date.text == date))]


@pytest.mark.skipif(not CHECK_EVIDENCE.exists(), reason=(
    "the quote check needs the article and its checker in ../shared, beside the clone (the "
    "developers' copy; CI has it): every other test runs without it"))
def test_every_quote_is_verbatim_from_the_article():
    result = subprocess.run([sys.executable, str(CHECK_EVIDENCE), str(SHIPPED / "relations.yaml")],
                            capture_output=True, text=True, env=clean_env(), timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 have no quote; 0 quote text the article does not contain" in result.stdout


def test_every_relation_is_quoted_cited_and_summarised(graph):
    assert len(graph.relations) > 50
    for relation in graph.relations:
        assert relation.quote and relation.summary, relation.id
        assert relation.ref == "aljazeera-2023-11", relation.id
    source = graph.sources["aljazeera-2023-11"]
    assert (source.publisher, source.date, source.url) == ("Al Jazeera Net", "2023-11", None)


def test_every_date_lies_between_1967_and_2023(graph):
    for relation in graph.relations:
        if relation.date is not None:
            assert relation.first_day.year >= 1967 and relation.last_day.year <= 2023, relation.id


def test_the_eight_actors_of_the_design_card_and_the_other_parties_are_declared(graph):
    for name in ("Russia", "Israel", "Hamas", "Iran", "United States", "Ukraine", "Syria",
                 "Hezbollah", "China", "Malta", "UN Security Council", "Jewish Agency", "IRGC",
                 "Islamic State", "Al-Qaeda", "Palestinians"):
        graph.actor(name)
    for alias, actor_id in (("Moscow", "russia"), ("Tel Aviv", "israel"), ("Kiev", "ukraine"),
                            ("Kyiv", "ukraine"), ("Tehran", "iran"), ("Beijing", "china"),
                            ("Washington", "united-states"), ("US", "united-states"),
                            ("USA", "united-states"), ("ISIS", "islamic-state"),
                            ("Daesh", "islamic-state"), ("UNSC", "un-security-council")):
        assert graph.actor(alias).id == actor_id, alias


def test_russia_severed_relations_in_1967_and_restored_them_in_1991(graph):
    assert find(graph, "russia", "israel", "severance", "1967")
    assert find(graph, "russia", "israel", "restoration", "1991")


def test_putin_visited_israel_in_2005_and_2012(graph):
    assert find(graph, "russia", "israel", "visit", "2005")
    assert find(graph, "russia", "israel", "visit", "2012")


def test_russia_and_china_vetoed_the_maltese_draft_in_2023(graph):
    for state in ("russia", "china"):
        vetoes = find(graph, state, "malta", "veto")
        assert vetoes and all(v.first_day.year == 2023 for v in vetoes), state


def test_the_events_of_autumn_2023(graph):
    assert find(graph, "hamas", "israel", "attack", "2023-10-07")
    assert find(graph, "russia", "israel", date="2023-10-17")               # Putin's call
    assert find(graph, "united-states", "israel", "condemnation", "2023-09")  # cinema deal
    hosted = find(graph, "russia", "hamas", "hosting")
    assert {r.first_day.year for r in hosted} == {2022, 2023}
    assert len(find(graph, "israel", "russia", "condemnation")) >= 2        # Israel, Erdan


def test_the_events_of_2022(graph):
    assert find(graph, "israel", "russia", "mediation", "2022-03")          # Bennett in Moscow
    assert find(graph, "israel", "russia", "accusation", "2022-04")         # Lapid
    assert find(graph, "russia", "israel", "accusation", "2022-04")         # the rebuttal
    assert find(graph, "russia", "hamas", "invitation", "2022-05")
    assert find(graph, "israel", "russia", "non-recognition", "2022-09")
    assert [r.polarity for r in find(graph, "russia", "jewish-agency")] == ["hostile"]
    assert find(graph, "iran", "russia", "arms-supply")                     # drones
    assert find(graph, "israel", "ukraine", "refugee-reception")


def test_what_the_article_only_fears_is_never_an_arms_supply(graph):
    # "supplying weapons to Ukraine will push Russia to supply Syria and Iran with ... S-300"
    for target in ("syria", "iran"):
        feared = find(graph, "russia", target, "expected-action")
        assert feared and all(r.polarity == "neutral" and r.weight == 0 for r in feared)
        assert not find(graph, "russia", target, "arms-supply")


def test_timeline_of_russia_and_israel_runs_from_1967_to_2023(graph):
    rows = graph.timeline("Russia", "Israel")
    dated = [r for r in rows if r.date is not None]
    assert dated[0].type == "severance" and dated[0].date.text == "1967"
    assert dated[-1].last_day.year == 2023
    assert [r.first_day for r in dated] == sorted(r.first_day for r in dated)


def test_who_opposes_israel_names_russia_and_hamas(graph):
    names = [row.actor.name for row in graph.who_opposes("Israel")]
    assert names[:2] == ["Russia", "Hamas"]      # Russia: veto, accusation, severance...


def test_a_misspelt_actor_gets_the_one_closest_name(run):
    result = run("who-opposes", "Isreal")
    assert (result.exit_code, result.stderr) == (
        2, "relgraph: unknown actor 'Isreal' (did you mean Israel?)\n")


def test_the_counts_in_data_sources_are_those_of_the_shipped_data():
    sys.path.insert(0, str(SHIPPED.parent / "scripts"))
    import data_counts

    text = data_counts.DOC.read_text(encoding="utf-8")
    assert data_counts.rewritten(text) == text, "run python scripts/data_counts.py"
