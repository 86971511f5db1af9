"""Actor names as people type or paste them: Unicode forms, typographic marks, accents.

Datasets: tests/data/tricky (Côte d'Ivoire, with the alias "Cote d’Ivoire") and tests/data/names
(Türkiye; Carlos Núñez and Carlos Nuñez, whose names differ only in their accents).
"""

import json

import pytest
from conftest import HERE, TRICKY

from relgraph.names import fold, plain

NAMES = HERE / "data" / "names"
DECOMPOSED = "Tu\u0308rkiye"  # u + combining diaeresis, as some keyboards and PDFs write it


def test_fold_makes_unicode_forms_case_marks_and_spaces_alike():
    assert fold(DECOMPOSED) == fold("Türkiye") == fold("TÜRKIYE") == "t\u00fcrkiye"
    assert fold("Côte d\u2019Ivoire") == fold("CÔTE D'IVOIRE") == "côte d'ivoire"
    assert fold("  Al\u2013Qaeda \u00a0 group ") == "al-qaeda group"       # en dash, no-break space
    assert fold("\u201cThe West\u201d") == '"the west"'
    assert fold("Ｈａｍａｓ") == "hamas"                                      # full-width letters


def test_fold_keeps_accents_and_plain_drops_them():
    assert fold("Türkiye") != fold("Turkiye")
    assert plain("Türkiye") == plain(DECOMPOSED) == "turkiye"
    assert plain("Łódź") == "lodz"                        # ł has no decomposition of its own


@pytest.fixture
def names(run):
    return lambda *args: run(*args, data=NAMES)


@pytest.mark.parametrize("typed", ["Turkiye", DECOMPOSED, "TURKIYE", "türkiye", "turkey",
                                   "republic of turkiye"])
def test_turkiye_is_found_however_it_is_typed(names, typed):
    result = names("show", typed, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["actor"]["id"] == "turkiye"


@pytest.mark.parametrize("typed", ["Côte d\u2019Ivoire", "COTE D'IVOIRE", "côte  d'ivoire",
                                   "Co\u0302te d\u2018Ivoire", "ivory coast"])
def test_cote_divoire_is_found_with_any_apostrophe_accent_or_spacing(run, typed):
    result = run("show", typed, "--json", data=TRICKY)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["actor"]["id"] == "cote"


def test_a_name_with_its_accents_picks_the_one_actor_it_names(names):
    for typed, actor in (("Carlos Núñez", "nunez-carlos"), ("carlos nuñez", "nunez-carlos-2")):
        assert json.loads(names("show", typed, "--json").stdout)["actor"]["id"] == actor


def test_an_accent_free_name_of_two_actors_is_a_usage_error_listing_both(names):
    result = names("show", "Carlos Nunez")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "relgraph: actor 'Carlos Nunez' is ambiguous: it may be Carlos Núñez (nunez-carlos) or "
        "Carlos Nuñez (nunez-carlos-2); write the name with its accents, or the id\n")


def test_a_misspelt_name_suggests_the_actor_with_its_accents(names):
    result = names("show", "Turkye")
    assert result.exit_code == 2
    assert result.stderr == "relgraph: unknown actor 'Turkye' (did you mean Türkiye?)\n"


def test_relations_in_the_data_name_actors_as_event_data_writes_them(names):
    # relations.yaml writes TURKIYE (no accent) and CARLOS NÚÑEZ (upper case).
    [relation] = json.loads(names("relations", "--json").stdout)
    assert (relation["source"], relation["target"]) == ("turkiye", "nunez-carlos")


def _dataset(tmp_path, actors: str, relations: str = "relations: []\n"):
    (tmp_path / "actors.yaml").write_text("actors:\n" + actors, encoding="utf-8")
    (tmp_path / "relations.yaml").write_text("types:\n  talks: {polarity: friendly}\n"
                                             + relations, encoding="utf-8")
    return tmp_path


def test_two_actors_whose_names_differ_only_in_unicode_form_are_refused(run, tmp_path):
    data = _dataset(tmp_path, "  - {id: tr, name: Türkiye}\n"
                              f"  - {{id: tr2, name: {DECOMPOSED}}}\n")
    result = run("validate", data=data)
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        f"{data}/actors.yaml:3: actor 'tr2': name {DECOMPOSED!r} reads the same as the name "
        "'Türkiye' of actor 'tr' (line 2); ids, names and aliases must be unique, ignoring case, "
        "accents composed or combined, quote and dash styles and spacing",
        "1 problem in the data"]


def test_an_alias_alike_once_folded_is_refused_and_a_case_clash_says_case(run, tmp_path):
    data = _dataset(tmp_path, "  - {id: a, name: Al-Qaeda}\n"
                              "  - {id: b, name: B, aliases: [\"al\u2013qaeda\"]}\n"
                              "  - {id: c, name: AL-QAEDA}\n")
    lines = run("validate", data=data).stdout.splitlines()
    assert lines == [
        f"{data}/actors.yaml:3: actor 'b': alias 'al\u2013qaeda' reads the same as the name "
        "'Al-Qaeda' of actor 'a' (line 2); ids, names and aliases must be unique, ignoring case, "
        "accents composed or combined, quote and dash styles and spacing",
        f"{data}/actors.yaml:4: actor 'c': name 'AL-QAEDA' is already the name of actor 'a' "
        "(line 2); ids, names and aliases must be unique, ignoring case",
        "2 problems in the data"]


def test_an_ambiguous_endpoint_in_the_data_is_reported_where_it_is_written(run, tmp_path):
    data = _dataset(tmp_path, "  - {id: a, name: Núñez}\n  - {id: b, name: Nuñez}\n"
                              "  - {id: c, name: C}\n",
                    "relations:\n  - {id: r1, source: NUNEZ, target: c, type: talks}\n")
    assert run("validate", data=data).stdout.splitlines() == [
        f"{data}/relations.yaml:4: relation 'r1': actor 'NUNEZ' is ambiguous: it may be Núñez (a) "
        "or Nuñez (b); write the name with its accents, or the id",
        "1 problem in the data"]


def test_a_relation_naming_a_refused_actor_is_not_reported_twice(run, tmp_path):
    # The second actor is refused for its name; the relation naming it by its pasted spelling
    # adds no problem of its own (the actor's problem says what to fix).
    data = _dataset(tmp_path, "  - {id: a, name: \"Côte d'Ivoire\"}\n"
                              "  - {id: b, name: \"Côte d’Ivoire\", aliases: [Ivory]}\n"
                              "  - {id: c, name: C}\n",
                    "relations:\n  - {id: r1, source: IVORY, target: c, type: talks}\n")
    lines = run("validate", data=data).stdout.splitlines()
    assert lines[-1] == "1 problem in the data"


def test_the_importer_matches_event_names_as_the_commands_do():
    # Event files write names in plain upper-case ASCII, or as a news site prints them.
    from relgraph.importers.matching import ActorMatcher
    from relgraph.model import Actor

    matcher = ActorMatcher([Actor("cote", "Côte d'Ivoire"), Actor("tr", "Türkiye"),
                            Actor("a", "Núñez"), Actor("b", "Nuñez")])
    assert matcher.icews("COTE D'IVOIRE", "").id == "cote"
    assert matcher.icews("Côte d\u2019Ivoire", "").id == "cote"
    assert matcher.icews("TURKIYE", "").id == "tr"
    assert matcher.icews("NUNEZ", "") is None          # two actors fit: the side matches none
