"""The CAMEO tables relgraph ships (GDELT's lookups) and the relation types they give."""

from __future__ import annotations

from relgraph.dataset import load_dataset
from relgraph.importers import cameo


def test_the_tables_hold_gdelts_codes():
    # Line counts of the files under importers/cameo_tables, less their header line.
    assert (len(cameo.event_codes()), len(cameo.countries()), len(cameo.known_groups())) == (
        311, 260, 115)
    codes = cameo.event_codes()
    assert (codes["043"].description, codes["043"].goldstein) == ("Host a visit", 2.8)
    assert (codes["0874"].code, codes["0874"].goldstein) == ("0874", 10.0)  # leading zero kept
    # 1056 and 106 are two codes (some copies of the lookup run their lines together).
    assert codes["1056"].description == "Demand de-escalation of military engagement"
    assert (codes["106"].description, codes["106"].goldstein) == ("Demand withdrawal", -5.0)
    assert codes["01"].description == "Make public statement"  # root codes are in capitals
    assert cameo.known_groups()["HMS"] == "Hamas" and cameo.countries()["ISR"] == "Israel"


def test_the_repaired_values_read_as_the_cameo_codebook_writes_them():
    assert cameo.event_codes()["044"].description == 'Meet at a "third" location'
    assert cameo.event_codes()["044"].type_name == "meet-at-a-third-location"
    assert "material aid" in cameo.event_codes()["033"].description
    assert cameo.countries()["REU"] == "Réunion"
    assert cameo.known_groups()["KID"] == "United Nations Children's Fund (UNICEF)"


def test_a_type_is_the_slug_of_the_description_with_polarity_from_the_sign():
    codes = cameo.event_codes()
    assert codes["043"].relation_type().name == "host-a-visit"  # the example
    assert [codes[c].polarity for c in ("036", "010", "190")] == [
        "friendly", "neutral", "hostile"]  # +4.0, 0.0, -10.0
    names = [code.type_name for code in codes.values()]
    assert len(set(names)) == len(names) == 311  # "not specified below" keeps 020 from 02


def test_every_shipped_type_with_a_cameo_code_has_gdelts_goldstein_value():
    shipped = load_dataset().types.values()
    pairs = [(t.name, t.weight, cameo.event_codes()[t.cameo].goldstein)
             for t in shipped if t.cameo]
    assert len(pairs) == 26
    assert [p for p in pairs if p[1] != p[2]] == []


def test_an_imported_type_named_like_a_shipped_type_agrees_with_it():
    # veto (129) and appeal-for-military-aid (0232) have the same name in both: the union of
    # the shipped graph and an import needs the same polarity and weight.
    shipped = load_dataset().types
    same = {code.type_name: code.relation_type() for code in cameo.event_codes().values()
            if code.type_name in shipped}
    assert sorted(same) == ["appeal-for-military-aid", "veto"]
    for name, rtype in same.items():
        assert (rtype.polarity, rtype.weight) == (shipped[name].polarity, shipped[name].weight)


def test_slug_keeps_ascii_letters_and_digits():
    assert cameo.slug("Accuse, not specified below") == "accuse-not-specified-below"
    assert cameo.slug("Cristina Fernández de Kirchner") == "cristina-fernandez-de-kirchner"
    assert cameo.slug("東京") == ""
