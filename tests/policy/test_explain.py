"""Ruling R37 in the explanations: no authority is presented as a way to proceed with a
not-eligible case, save the exceptional circumstances route of Rulings R5-R7."""

import copy
from datetime import date

import pytest

from crs.policy import assess_document, pack_for
from crs.policy.explain import as_text, proceeding

from .test_scenarios import BASES

ROUTE = "with exceptional circumstances recorded, an Inspector may authorise it (2.3.2)"


def _case(base: str = "adult", **groups) -> dict:
    document = copy.deepcopy(BASES[base])
    for group, values in groups.items():
        document[group].update(values)
    return document


def _text(document: dict) -> str:
    return as_text(assess_document(document))


def test_a_not_eligible_case_keeps_its_authorisations_in_the_json_but_the_text_shows_none():
    assessment = assess_document(
        _case(offender={"court_order": True}, officer={"rj_level1_trained": False})
    )
    assert assessment["decision"] == "not_eligible"
    assert [a["authority"] for a in assessment["authorisations"]] == ["sergeant"]
    text = as_text(assessment)
    assert "Authority needed" not in text
    assert "Satisfied by" not in text
    assert "may authorise" not in text


def test_an_authorisation_required_case_still_shows_who_must_authorise():
    text = _text(_case(officer={"rj_level1_trained": False}))
    assert "Authority needed" in text
    assert "Sergeant (or above) (SOP 4.2.1)" in text
    assert "officer_not_rj_trained" not in text


def test_an_adult_knife_offence_without_exceptional_circumstances_names_the_inspector_route():
    text = _text(_case(offence={"category": "weapon_possession"}))
    assert text.startswith("NOT ELIGIBLE")
    assert ROUTE in text
    assert "Authority needed" not in text


@pytest.mark.parametrize(
    "offence,words",
    [
        ({"category": "traffic"}, "an Inspector may authorise it (2.3.1)"),
        ({"category": "sexual"}, "a Superintendent may authorise it (2.3.3)"),
    ],
)
def test_traffic_and_sexual_offences_name_their_own_route(offence, words):
    assert f"with exceptional circumstances recorded, {words}" in _text(_case(offence=offence))


def test_the_route_names_the_authority_the_forces_pack_sets():
    pack = pack_for(date(2024, 3, 1))
    assessment = assess_document(_case(offence={"category": "traffic"}))
    changed = copy.copy(pack)
    object.__setattr__(
        changed, "authority", dict(pack.authority, traffic_exceptional="superintendent")
    )
    _shown, route = proceeding(assessment, changed)
    assert "a Superintendent may authorise it (2.3.1)" in route


@pytest.mark.parametrize(
    "document",
    [
        # another exclusion stands in the way whatever is recorded
        _case(offence={"category": "weapon_possession"}, offender={"court_order": True}),
        # a sexual offence triable only on indictment is never eligible (R7, R8)
        _case(offence={"category": "sexual", "indictable_only": True}),
        # under 18 a knife offence is never eligible (R6)
        _case(
            "juvenile",
            offence={"category": "weapon_possession", "exceptional_circumstances": True},
        ),
    ],
    ids=["knife_and_court_order", "sexual_indictable_only", "juvenile_knife"],
)
def test_no_route_is_offered_where_exceptional_circumstances_could_not_help(document):
    assessment = assess_document(document)
    assert assessment["decision"] == "not_eligible"
    assert proceeding(assessment) == ([], "")
    assert "may authorise" not in as_text(assessment)


def test_a_merged_authorisation_lists_every_rule_in_the_text():
    text = _text(
        _case(victim={"opportunity_to_express_views": False}, officer={"rj_level1_trained": False})
    )
    shown = " ".join(text[text.index("Authority needed") : text.index("Satisfied by")].split())
    assert shown.count("Sergeant (or above) (SOP 4.2.1)") == 1  # one entry (Ruling R37)
    assert "not trained to level 1 restorative practice" in shown  # each rule's reason
    assert "not had an opportunity to express their views" in shown


def test_an_eligible_case_says_no_authorisation_is_needed():
    assessment = assess_document(_case())
    assert assessment["decision"] == "eligible"
    text = as_text(assessment)
    assert "No authorisation is needed (SOP 4.2.1)." in text
    assert "Authority needed" not in text


def test_a_case_needing_authority_does_not_say_none_is_needed():
    assert "No authorisation is needed" not in _text(_case(officer={"rj_level1_trained": False}))


def test_a_ruling_is_named_by_what_it_is_about_not_its_title_alone():
    assessment = assess_document(_case("juvenile", victim={"consents": False}))
    rulings = pack_for(date(2024, 3, 1)).rulings
    text = as_text(assessment)
    assert assessment["interpretations"]
    for rid in assessment["interpretations"]:
        assert f"Ruling {rid}, on “{rulings[rid].title}”" in text
