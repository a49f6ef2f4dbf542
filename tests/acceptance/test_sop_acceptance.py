"""Black-box acceptance tests of `crs assess`, written from SOP O32g and its rulings.

Every expectation here comes from the SOP text (sections 2-4), shared/sop/rulings.md or
docs/contract/assess.md, never from what the engine prints. Cases are built from one
plain adult shop theft that needs no authority, changed one fact at a time, so each test
shows which fact moves the decision. Most run the real command in-process for speed; a
few go through a subprocess of `.venv/bin/crs assess`, as a user would run it.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
import subprocess

import pytest

from ..conftest import ROOT, assess_in_process

DROP = object()  # a fact left out, i.e. unknown (contract: "A key that is left out is unknown")

BASE = {
    "assessed_on": "2024-03-01",
    "offence": {
        "date": "2024-02-20",
        "category": "theft",
        "description": "Theft of a sandwich worth 4 pounds (fake case)",
        "gravity": {"matrix": "adult", "base_score": 1, "final_score": 1},
    },
    "offender": {
        "date_of_birth": "1990-01-31",
        "accepts_responsibility": True,
        "understands_process": True,
        "consents": True,
        "court_order": False,
        "bail_post_charge": False,
        "suspended_sentence": False,
        "wanted_on_warrant": False,
        "previous_outcomes": [],
    },
    "victim": {
        "kind": "organisation",
        "consulted": True,
        "consents": True,
        "opportunity_to_express_views": True,
    },
    "officer": {"role": "constable", "rj_level1_trained": True},
}

YOUTH_DOB = "2009-05-05"  # 14 on the offence date and on the assessment date
CHILD_MATRIX_CR = {"matrix": "child", "base_score": 2, "final_score": 2}
NO_VICTIM = {"victim.consulted": DROP, "victim.consents": DROP}
STATE_VICTIM = {"victim.kind": "state", **NO_VICTIM, "victim.opportunity_to_express_views": DROP}
RANKS = ["sergeant", "inspector", "substantive_inspector", "superintendent"]
AUTHORITIES = {*RANKS, "youth_justice_supervisor"}
DECISIONS = {"eligible", "authorisation_required", "not_eligible", "incomplete"}
EFFECTS = {"excludes", "requires_authorisation", "escalates", "informs"}
DISPOSALS = {"community_resolution", "conditional_caution", "charge", "no_further_action", None}


def case(changes: dict | None = None, **paths) -> dict:
    """The base case with dotted paths set (DROP leaves the fact out)."""
    document = copy.deepcopy(BASE)
    for path, value in {**(changes or {}), **paths}.items():
        *parents, last = path.split(".")
        node = document
        for key in parents:
            node = node.setdefault(key, {})
        if value is DROP:
            node.pop(last, None)
        else:
            node[last] = copy.deepcopy(value)
    return document


def youth(changes: dict | None = None, **paths) -> dict:
    return case(
        {
            "offender.date_of_birth": YOUTH_DOB,
            "offence.gravity": CHILD_MATRIX_CR,
            **(changes or {}),
        },
        **paths,
    )


def drugs(drug_class: str, substance: str, personal_use: bool = True, **changes) -> dict:
    return {
        "offence.category": "drugs_possession",
        "offence.drug": {"class": drug_class, "substance": substance, "personal_use": personal_use},
        **STATE_VICTIM,
        **changes,
    }


def previous(outcome: str, date: str, category: str = "theft", substance: str | None = None):
    entry = {"outcome": outcome, "date": date, "category": category}
    if substance:
        entry["substance"] = substance
    return entry


# --- Running the real command -------------------------------------------------------------


def run_in_process(stdin: bytes) -> tuple[int, bytes, str]:
    """`crs assess -` with the facts on standard input, in this process."""
    return assess_in_process(stdin)


CRS = ROOT / ".venv" / "bin" / "crs"


def run_crs(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(CRS), *args], input=input, capture_output=True, cwd=ROOT)


def _paragraph_key(paragraph: str) -> tuple[int, ...]:
    return tuple(int(part) for part in paragraph.strip(".").split("."))


def check_contract(result: dict) -> None:
    """What the contract says of every assessment, whatever the case."""
    assert result["policy"] == "O32g"
    assert result["decision"] in DECISIONS
    assert result["recommended_disposal"] in DISPOSALS
    assert set(result["deadlines"]) >= {
        "outcomes_complete_by",
        "parent_guardian_informed_within_hours",
    }
    assert isinstance(result["records_required"], list)
    for auth in result["authorisations"]:
        assert auth["authority"] in AUTHORITIES, auth
        assert re.fullmatch(r"\d+(\.\d+)+", auth["paragraph"]), auth
    for reason in result["reasons"]:
        assert reason["effect"] in EFFECTS, reason
        assert re.fullmatch(r"\d+(\.\d+)+", reason["paragraph"]), reason
    keys = [_paragraph_key(r["paragraph"]) for r in result["reasons"]]
    assert keys == sorted(keys), "reasons must come in SOP order"
    assert set(result["interpretations"]) <= {f"R{n}" for n in range(1, 40)}
    effects = {r["effect"] for r in result["reasons"]}
    decision = result["decision"]
    if decision == "not_eligible":
        assert effects & {"excludes", "escalates"}
    elif decision == "incomplete":
        assert result["missing"]
        assert result["recommended_disposal"] is None
    elif decision == "authorisation_required":
        assert result["authorisations"] and not result["missing"]
        assert result["recommended_disposal"] == "community_resolution"
    else:
        assert not result["authorisations"] and not result["missing"]
        assert result["recommended_disposal"] == "community_resolution"
        assert "excludes" not in effects and "requires_authorisation" not in effects


def assess(document: dict) -> dict:
    code, out, err = run_in_process(json.dumps(document).encode())
    assert code == 0, err
    assert err == ""
    result = json.loads(out)
    check_contract(result)
    return result


def refused(document_or_bytes) -> str:
    """The one-line message for facts that are not valid (exit 2, nothing on stdout)."""
    raw = (
        document_or_bytes
        if isinstance(document_or_bytes, bytes)
        else json.dumps(document_or_bytes).encode()
    )
    code, out, err = run_in_process(raw)
    assert code == 2, (code, out[:300])
    assert out == b""
    assert err.endswith("\n") and len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    return err


def required(result: dict) -> list[str]:
    """The highest police rank required, plus the Youth Justice Team Supervisor if required."""
    wanted = {a["authority"] for a in result["authorisations"]}
    highest = [rank for rank in RANKS if rank in wanted][-1:]
    return highest + (["youth_justice_supervisor"] if "youth_justice_supervisor" in wanted else [])


def paragraphs(result: dict) -> set[str]:
    return {r["paragraph"].strip(".") for r in result["reasons"]} | {
        a["paragraph"].strip(".") for a in result["authorisations"]
    }


def assert_eligible(result: dict) -> None:
    assert result["decision"] == "eligible", result["reasons"]
    assert result["authorisations"] == []
    assert result["recommended_disposal"] == "community_resolution"


def assert_needs(result: dict, *authorities: str) -> None:
    assert result["decision"] == "authorisation_required", (result["reasons"], result["missing"])
    assert required(result) == list(authorities)


def assert_excluded(result: dict, disposal: str | object | None = DROP) -> None:
    assert result["decision"] == "not_eligible", result["reasons"]
    if disposal is not DROP:
        assert result["recommended_disposal"] == disposal


# --- 4.2.1: the base case needs nobody's authority ------------------------------------------


def test_4_2_1_adult_theft_meeting_every_criterion_is_eligible_without_authority():
    result = assess(case())
    assert_eligible(result)
    assert result["missing"] == []
    assert result["deadlines"] == {
        **result["deadlines"],
        "outcomes_complete_by": "2024-06-11",
        "parent_guardian_informed_within_hours": None,
    }


def test_4_2_1_a_juvenile_meeting_every_criterion_needs_no_authority():
    result = assess(youth())
    assert_eligible(result)
    assert result["deadlines"]["parent_guardian_informed_within_hours"] == 24


def test_4_2_1_officer_not_rj_trained_needs_a_sergeant():
    assert_needs(assess(case({"officer.rj_level1_trained": False})), "sergeant")


def test_4_2_2_r2_officer_not_rj_trained_for_a_juvenile_needs_the_yjs_not_a_sergeant():
    result = assess(youth({"officer.rj_level1_trained": False}))
    assert_needs(result, "youth_justice_supervisor")
    assert "R2" in result["interpretations"]


def test_4_2_1_victim_without_opportunity_to_express_views_needs_a_sergeant():
    result = assess(case({"victim.opportunity_to_express_views": False}))
    assert_needs(result, "sergeant")


@pytest.mark.parametrize("kind", ["state", "none"])
def test_4_2_1_r4_no_identifiable_victim_needs_a_sergeant(kind):
    result = assess(case({**STATE_VICTIM, "victim.kind": kind}))
    assert_needs(result, "sergeant")
    assert "R4" in result["interpretations"]
    assert not [path for path in result["missing"] if path.startswith("victim.")]


def test_4_2_2_r2_no_identifiable_victim_for_a_juvenile_needs_the_yjs_only():
    result = assess(youth(STATE_VICTIM))
    assert_needs(result, "youth_justice_supervisor")
    assert "sergeant" not in {a["authority"] for a in result["authorisations"]}


# --- 2.3 Excluded offences -------------------------------------------------------------------


def test_2_3_2_r6_adult_knife_without_exceptional_circumstances_is_not_eligible_charge():
    result = assess(
        case({"offence.category": "weapon_possession", "offence.knife_or_weapon": True})
    )
    assert_excluded(result, "charge")
    assert "2.3.2" in paragraphs(result)


def test_2_3_2_r6_adult_knife_in_exceptional_circumstances_needs_an_inspector():
    result = assess(
        case(
            {
                "offence.category": "weapon_possession",
                "offence.knife_or_weapon": True,
                "offence.exceptional_circumstances": True,
            }
        )
    )
    assert_needs(result, "inspector")
    assert "2.3.2" in paragraphs(result)
    assert "rationale" in result["records_required"]


def test_2_3_2_knife_flag_on_another_category_is_still_knife_crime():
    result = assess(case({"offence.category": "public_order", "offence.knife_or_weapon": True}))
    assert_excluded(result, "charge")


def test_2_3_2_category_weapon_possession_is_knife_crime_without_the_flag():
    assert_excluded(assess(case({"offence.category": "weapon_possession"})), "charge")


def test_2_3_3_r6_juvenile_knife_is_never_eligible_even_in_exceptional_circumstances():
    result = assess(
        youth(
            {
                "offence.category": "weapon_possession",
                "offence.knife_or_weapon": True,
                "offence.exceptional_circumstances": True,
            }
        )
    )
    assert_excluded(result)
    assert "2.3.3" in paragraphs(result)


KNIFE_EXCEPTIONAL = {
    "offence.category": "weapon_possession",
    "offence.knife_or_weapon": True,
    "offence.exceptional_circumstances": True,
}


def test_2_3_3_r14_seventeen_on_the_offence_date_but_eighteen_when_assessed_is_an_adult():
    # Turned 18 on 2024-02-25, between the offence (2024-02-20) and the assessment.
    result = assess(case({**KNIFE_EXCEPTIONAL, "offender.date_of_birth": "2006-02-25"}))
    assert_needs(result, "inspector")
    assert result["deadlines"]["parent_guardian_informed_within_hours"] is None


def test_2_3_3_r14_eighteenth_birthday_on_the_assessment_date_is_an_adult():
    result = assess(case({**KNIFE_EXCEPTIONAL, "offender.date_of_birth": "2006-03-01"}))
    assert_needs(result, "inspector")


def test_2_3_3_r14_eighteen_tomorrow_is_still_a_juvenile_for_knife_crime():
    result = assess(
        case(
            {
                **KNIFE_EXCEPTIONAL,
                "offender.date_of_birth": "2006-03-02",
                "offence.gravity": CHILD_MATRIX_CR,
            }
        )
    )
    assert_excluded(result)
    assert result["deadlines"]["parent_guardian_informed_within_hours"] == 24


def test_2_3_3_r7_sexual_offence_without_exceptional_circumstances_is_not_eligible():
    assert_excluded(assess(case({"offence.category": "sexual", "offence.sexual": True})))


def test_2_3_3_category_sexual_is_a_sexual_offence_without_the_flag():
    assert_excluded(assess(case({"offence.category": "sexual"})))


def test_2_3_3_r7_sexual_offence_in_exceptional_circumstances_needs_a_superintendent():
    result = assess(
        case(
            {
                "offence.category": "sexual",
                "offence.sexual": True,
                "offence.exceptional_circumstances": True,
                "victim.kind": "person",
            }
        )
    )
    assert_needs(result, "superintendent")
    assert "R7" in result["interpretations"]
    assert "2.3.3" in paragraphs(result)
    assert "rationale" in result["records_required"]


def test_2_3_3_r7_indictable_only_sexual_offence_is_never_eligible():
    result = assess(
        case(
            {
                "offence.category": "sexual",
                "offence.sexual": True,
                "offence.indictable_only": True,
                "offence.exceptional_circumstances": True,
            }
        )
    )
    assert_excluded(result)


@pytest.mark.parametrize("category", ["theft", "robbery", "burglary", "assault"])
def test_2_3_3_r8_indictable_only_offence_is_never_eligible(category):
    result = assess(
        case(
            {
                "offence.category": category,
                "offence.indictable_only": True,
                "offence.exceptional_circumstances": True,
            }
        )
    )
    assert_excluded(result)
    assert "2.3.3" in paragraphs(result)


def test_2_3_1_r5_traffic_offence_without_exceptional_circumstances_is_not_eligible():
    assert_excluded(assess(case({"offence.category": "traffic", "offence.traffic": True})))


def test_2_3_1_category_traffic_is_a_traffic_offence_without_the_flag():
    assert_excluded(assess(case({"offence.category": "traffic"})))


def test_2_3_1_r5_traffic_offence_in_exceptional_circumstances_needs_an_inspector():
    result = assess(
        case(
            {
                "offence.category": "traffic",
                "offence.traffic": True,
                "offence.exceptional_circumstances": True,
                **STATE_VICTIM,
            }
        )
    )
    assert_needs(result, "inspector")
    assert "R5" in result["interpretations"]


@pytest.mark.parametrize(
    "status", ["court_order", "bail_post_charge", "suspended_sentence", "wanted_on_warrant"]
)
def test_2_3_4_r15_offender_status_makes_the_case_not_eligible(status):
    result = assess(case({f"offender.{status}": True}))
    assert_excluded(result)
    assert "2.3.4" in paragraphs(result)


@pytest.mark.parametrize("status", ["pre_charge_bail", "released_under_investigation"])
def test_2_3_4_r15_pre_charge_bail_or_rui_needs_a_sergeant(status):
    result = assess(case({f"offender.{status}": True}))
    assert_needs(result, "sergeant")
    assert "2.3.4" in paragraphs(result)


@pytest.mark.parametrize("status", ["pre_charge_bail", "released_under_investigation"])
def test_2_3_4_r15_pre_charge_bail_or_rui_for_a_juvenile_needs_the_yjs(status):
    assert_needs(assess(youth({f"offender.{status}": True})), "youth_justice_supervisor")


def test_3_2_1_r24_offence_suitable_for_prosecution_is_not_eligible_charge():
    assert_excluded(assess(case({"offence.suitable_for_prosecution": True})), "charge")


# --- 2.4 Drugs ---------------------------------------------------------------------------------


def test_2_4_1_adult_class_b_cannabis_first_time_with_the_state_as_victim_needs_a_sergeant():
    assert_needs(assess(case(drugs("B", "cannabis"))), "sergeant")


def test_2_4_1_adult_class_c_personal_use_first_time_needs_a_sergeant_for_no_victim_only():
    result = assess(case(drugs("C", "other")))
    assert_needs(result, "sergeant")


def test_2_4_1_r9_possession_beyond_personal_use_is_not_eligible():
    assert_excluded(assess(case(drugs("B", "cannabis", personal_use=False))))


def test_2_4_1_r9_supply_is_not_eligible():
    result = assess(case({"offence.category": "drugs_supply", **STATE_VICTIM}))
    assert_excluded(result)


def test_2_4_1_r10_adult_class_a_personal_use_needs_a_sergeant():
    result = assess(case(drugs("A", "other")))
    assert_needs(result, "sergeant")
    assert "R10" in result["interpretations"]
    assert "2.4.1" in paragraphs(result)


def test_2_4_1_r10_juvenile_class_a_needs_the_yjs_and_no_police_rank():
    result = assess(youth(drugs("A", "other")))
    assert_needs(result, "youth_justice_supervisor")
    assert result["deadlines"]["parent_guardian_informed_within_hours"] == 24


@pytest.mark.parametrize("substance", ["cannabis", "khat"])
@pytest.mark.parametrize("earlier", ["community_resolution", "cannabis_khat_warning"])
def test_2_4_2_r11_adult_previous_cr_or_warning_escalates_to_conditional_caution(
    substance, earlier
):
    drug_class = "B" if substance == "cannabis" else "C"
    result = assess(
        case(
            drugs(drug_class, substance),
            **{
                "offender.previous_outcomes": [
                    previous(earlier, "2019-06-01", "drugs_possession", substance)
                ]
            },
        )
    )
    assert_excluded(result, "conditional_caution")
    assert "R11" in result["interpretations"]
    assert "2.4.2" in paragraphs(result)


@pytest.mark.parametrize("substance", ["cannabis", "khat"])
def test_2_4_2_r11_adult_previous_conditional_caution_escalates_to_charge(substance):
    drug_class = "B" if substance == "cannabis" else "C"
    result = assess(
        case(
            drugs(drug_class, substance),
            **{
                "offender.previous_outcomes": [
                    previous("conditional_caution", "2022-06-01", "drugs_possession", substance)
                ]
            },
        )
    )
    assert_excluded(result, "charge")


def test_2_4_2_r11_after_a_cr_and_a_conditional_caution_the_next_step_is_charge():
    earlier = [
        previous("community_resolution", "2021-01-10", "drugs_possession", "cannabis"),
        previous("conditional_caution", "2022-06-01", "drugs_possession", "cannabis"),
    ]
    result = assess(case(drugs("B", "cannabis"), **{"offender.previous_outcomes": earlier}))
    assert_excluded(result, "charge")


def test_2_4_2_r11_escalation_is_for_adults_a_juvenile_needs_the_yjs_instead():
    earlier = [previous("community_resolution", "2021-06-01", "drugs_possession", "cannabis")]
    result = assess(youth(drugs("B", "cannabis"), **{"offender.previous_outcomes": earlier}))
    assert_needs(result, "youth_justice_supervisor")


def test_2_4_2_r11_a_previous_cr_for_another_drug_does_not_escalate_cannabis():
    earlier = [previous("community_resolution", "2021-06-01", "drugs_possession", "other")]
    result = assess(case(drugs("B", "cannabis"), **{"offender.previous_outcomes": earlier}))
    assert_needs(result, "sergeant")


def test_2_4_2_r11_a_previous_cannabis_cr_does_not_escalate_another_drug():
    earlier = [previous("community_resolution", "2021-06-01", "drugs_possession", "cannabis")]
    result = assess(case(drugs("B", "other"), **{"offender.previous_outcomes": earlier}))
    assert_needs(result, "sergeant")


# --- 2.4.3 / R13: repeat community resolutions; 3.5 / R12: previous sanctions ----------------


def test_2_4_3_r13_one_previous_cr_same_category_within_12_months_needs_a_sergeant():
    earlier = [previous("community_resolution", "2023-09-01", "theft")]
    result = assess(case({"offender.previous_outcomes": earlier}))
    assert_needs(result, "sergeant")
    assert "2.4.3" in paragraphs(result)
    assert "rationale" in result["records_required"]


def test_2_4_3_r13_two_previous_crs_within_12_months_is_not_eligible_conditional_caution():
    earlier = [
        previous("community_resolution", "2023-05-01", "criminal_damage"),
        previous("community_resolution", "2023-11-01", "fraud"),
    ]
    result = assess(case({"offender.previous_outcomes": earlier}))
    assert_excluded(result, "conditional_caution")
    assert "R13" in result["interpretations"]


def test_2_4_3_r13_twelve_months_count_back_from_the_offence_date_one_day_inside():
    # Offence 2024-02-20: 2023-02-21 is inside the 12 months.
    earlier = [
        previous("community_resolution", "2023-02-21", "theft"),
        previous("community_resolution", "2023-10-01", "theft"),
    ]
    assert_excluded(assess(case({"offender.previous_outcomes": earlier})), "conditional_caution")


def test_2_4_3_r13_a_cr_one_day_outside_12_months_does_not_count_towards_the_limit():
    # Offence 2024-02-20: 2023-02-19 is outside; only one CR is within the 12 months.
    earlier = [
        previous("community_resolution", "2023-02-19", "theft"),
        previous("community_resolution", "2023-10-01", "theft"),
    ]
    assert_needs(assess(case({"offender.previous_outcomes": earlier})), "sergeant")


def test_2_4_3_r13_twelve_months_are_counted_from_the_offence_not_the_assessment():
    # 2023-02-25 is within 12 months of the offence (2024-02-20) but more than 12 months
    # before the assessment (2024-03-01).
    earlier = [
        previous("community_resolution", "2023-02-25", "theft"),
        previous("community_resolution", "2023-10-01", "theft"),
    ]
    assert_excluded(assess(case({"offender.previous_outcomes": earlier})), "conditional_caution")


def test_2_4_3_r13_two_crs_within_12_months_exclude_a_juvenile_too():
    earlier = [
        previous("community_resolution", "2023-05-01", "theft"),
        previous("community_resolution", "2023-11-01", "theft"),
    ]
    assert_excluded(assess(youth({"offender.previous_outcomes": earlier})))


OUTCOME_KINDS = [
    "community_resolution",
    "simple_caution",
    "conditional_caution",
    "youth_caution",
    "youth_conditional_caution",
    "penalty_notice",
    "cannabis_khat_warning",
    "conviction",
]


@pytest.mark.parametrize("kind", OUTCOME_KINDS)
def test_3_5_2_r12_any_previous_outcome_is_a_sanction_needing_a_sergeant(kind):
    earlier = [previous(kind, "2015-06-01", "criminal_damage")]
    result = assess(case({"offender.previous_outcomes": earlier}))
    assert_needs(result, "sergeant")
    codes = {(r["code"], r["paragraph"].strip(".")) for r in result["reasons"]}
    assert ("previous_sanction_adult", "3.5.2") in codes
    assert "rationale" in result["records_required"]


@pytest.mark.parametrize("kind", OUTCOME_KINDS)
def test_3_5_3_r12_juvenile_with_any_previous_outcome_needs_the_yjs(kind):
    earlier = [previous(kind, "2023-01-15", "criminal_damage")]
    result = assess(youth({"offender.previous_outcomes": earlier}))
    assert_needs(result, "youth_justice_supervisor")
    assert "3.5.3" in paragraphs(result)


def test_3_5_3_r2_juvenile_with_a_previous_caution_and_victim_refusing_needs_yjs_and_inspector():
    # The example in R2, word for word: 15-year-old, previous youth caution, victim says no.
    result = assess(
        case(
            {
                "offender.date_of_birth": "2008-06-01",
                "offence.gravity": CHILD_MATRIX_CR,
                "offender.previous_outcomes": [previous("youth_caution", "2023-01-15")],
                "victim.kind": "person",
                "victim.consents": False,
            }
        )
    )
    assert_needs(result, "inspector", "youth_justice_supervisor")


@pytest.mark.parametrize(
    "outcome", ["simple_caution", "penalty_notice", "youth_conditional_caution", "conviction"]
)
def test_2_4_2_r31_adult_cannabis_after_another_outcome_for_cannabis_is_charge(outcome):
    # R31 (December 2026) replaces the earlier reading of R11 that a penalty notice for
    # cannabis was a sanction only: beyond the escalation's first step, charge.
    earlier = [previous(outcome, "2020-06-01", "drugs_possession", "cannabis")]
    result = assess(case(drugs("B", "cannabis"), **{"offender.previous_outcomes": earlier}))
    assert_excluded(result, "charge")
    assert "R31" in result["interpretations"]


def test_2_4_2_r11_adult_cannabis_previous_youth_caution_is_a_sanction_not_an_escalation():
    # Neither R11 nor R31 names a youth caution.
    earlier = [previous("youth_caution", "2020-06-01", "drugs_possession", "cannabis")]
    result = assess(case(drugs("B", "cannabis"), **{"offender.previous_outcomes": earlier}))
    assert_needs(result, "sergeant")


# --- 2.5 Domestic abuse, 2.6 Hate crime ------------------------------------------------------


def test_2_5_2_r20_intimate_partner_abuse_is_never_eligible():
    result = assess(
        case(
            {
                "offence.category": "assault",
                "offence.domestic_abuse": "intimate_partner",
                "offence.exceptional_circumstances": True,
                "victim.kind": "person",
            }
        )
    )
    assert_excluded(result)
    assert "2.5.2" in paragraphs(result)


def test_2_5_2_r20_coercive_control_is_never_eligible_even_between_siblings():
    result = assess(
        case(
            {
                "offence.category": "harassment",
                "offence.domestic_abuse": "sibling",
                "offence.coercive_control": True,
                "victim.kind": "person",
            }
        )
    )
    assert_excluded(result)


def test_2_5_2_r20_coercive_control_is_never_eligible_whatever_the_relationship_flag():
    result = assess(
        case(
            {
                "offence.category": "harassment",
                "offence.coercive_control": True,
                "victim.kind": "person",
            }
        )
    )
    assert_excluded(result)


@pytest.mark.parametrize("relation", ["apva", "sibling", "other_family"])
def test_2_5_2_r20_adult_non_intimate_domestic_abuse_needs_a_substantive_inspector(relation):
    result = assess(
        case(
            {
                "offence.category": "criminal_damage",
                "offence.domestic_abuse": relation,
                "victim.kind": "person",
            }
        )
    )
    assert_needs(result, "substantive_inspector")
    assert "2.5.2" in paragraphs(result)


@pytest.mark.parametrize("relation", ["apva", "sibling", "other_family"])
def test_2_5_2_r20_juvenile_non_intimate_domestic_abuse_needs_substantive_inspector_and_yjs(
    relation,
):
    result = assess(
        youth(
            {
                "offence.category": "criminal_damage",
                "offence.domestic_abuse": relation,
                "victim.kind": "person",
            }
        )
    )
    assert_needs(result, "substantive_inspector", "youth_justice_supervisor")


def test_2_6_1_r19_low_level_hate_crime_with_victim_support_needs_an_inspector():
    result = assess(
        case(
            {
                "offence.category": "public_order",
                "offence.hate_crime": True,
                "victim.kind": "person",
            }
        )
    )
    assert_needs(result, "inspector")
    assert "2.6.1" in paragraphs(result)


def test_2_6_1_r18_hate_crime_without_victim_consent_is_not_eligible():
    result = assess(
        case(
            {
                "offence.category": "public_order",
                "offence.hate_crime": True,
                "victim.kind": "person",
                "victim.consents": False,
            }
        )
    )
    assert_excluded(result)


def test_2_6_1_r18_hate_crime_victim_not_consulted_is_not_eligible():
    result = assess(
        case(
            {
                "offence.category": "public_order",
                "offence.hate_crime": True,
                "victim.kind": "person",
                "victim.consulted": False,
                "victim.consents": False,
            }
        )
    )
    assert_excluded(result)


def test_2_6_1_r18_juvenile_hate_crime_victim_refusing_is_not_eligible():
    result = assess(
        youth(
            {
                "offence.category": "public_order",
                "offence.hate_crime": True,
                "victim.kind": "person",
                "victim.consents": False,
            }
        )
    )
    assert_excluded(result)


def test_2_6_1_r19_hate_crime_with_adult_final_gravity_2_is_not_eligible():
    result = assess(
        case(
            {
                "offence.category": "public_order",
                "offence.hate_crime": True,
                "victim.kind": "person",
                "offence.gravity": {"matrix": "adult", "base_score": 1, "final_score": 2},
            }
        )
    )
    assert_excluded(result)
    assert "R19" in result["interpretations"]


def test_2_6_1_r19_juvenile_hate_crime_at_child_score_2_needs_an_inspector():
    result = assess(
        youth(
            {
                "offence.category": "public_order",
                "offence.hate_crime": True,
                "victim.kind": "person",
            }
        )
    )
    assert result["decision"] == "authorisation_required"
    assert "inspector" in {a["authority"] for a in result["authorisations"]}


# --- 3.1 Gravity matrix (R21) -----------------------------------------------------------------


@pytest.mark.parametrize(("base", "final"), [(1, 1), (2, 1)])
def test_3_1_1_r21_adult_final_score_1_has_no_effect(base, final):
    gravity = {"matrix": "adult", "base_score": base, "final_score": final}
    assert_eligible(assess(case({"offence.gravity": gravity})))


@pytest.mark.parametrize(("base", "final"), [(1, 2), (2, 2), (3, 2)])
def test_3_1_1_r21_adult_final_score_2_is_a_departure_needing_a_sergeant(base, final):
    gravity = {"matrix": "adult", "base_score": base, "final_score": final}
    result = assess(case({"offence.gravity": gravity}))
    assert_needs(result, "sergeant")
    assert "R21" in result["interpretations"]
    assert "3.1.1" in paragraphs(result)


@pytest.mark.parametrize(("base", "final"), [(2, 3), (3, 3), (4, 3), (3, 4), (4, 4)])
def test_3_1_1_r21_adult_final_score_3_or_4_is_not_eligible_charge(base, final):
    gravity = {"matrix": "adult", "base_score": base, "final_score": final}
    assert_excluded(assess(case({"offence.gravity": gravity})), "charge")


def test_3_1_1_r29_a_juvenile_scored_on_the_adult_matrix_is_refused():
    # R29 (December 2026) replaces the earlier expectation that a youth scored on the adult
    # matrix was assessed on it: the child matrix under 18, else invalid input (exit 2).
    gravity = {"matrix": "adult", "base_score": 1, "final_score": 2}
    assert "offence.gravity.matrix" in refused(youth({"offence.gravity": gravity}))


@pytest.mark.parametrize(("base", "final"), [(1, 1), (2, 1)])
def test_3_1_1_r21_child_final_score_1_is_not_eligible_no_further_action(base, final):
    gravity = {"matrix": "child", "base_score": base, "final_score": final}
    assert_excluded(assess(youth({"offence.gravity": gravity})), "no_further_action")


@pytest.mark.parametrize(
    ("base", "final", "disposal"),
    [(2, 3, None), (3, 3, None), (3, 4, None), (4, 5, "charge"), (5, 5, "charge")],
)
def test_3_1_1_r30_child_final_score_3_or_more_is_not_eligible(base, final, disposal):
    # R30: 3 (youth caution) and 4 (youth conditional caution) recommend nothing the
    # contract can name; 5 is charge.
    gravity = {"matrix": "child", "base_score": base, "final_score": final}
    assert_excluded(assess(youth({"offence.gravity": gravity})), disposal)


@pytest.mark.parametrize(("base", "final"), [(1, 2), (3, 2)])
def test_3_1_1_r21_child_final_score_2_has_no_effect(base, final):
    gravity = {"matrix": "child", "base_score": base, "final_score": final}
    assert_eligible(assess(youth({"offence.gravity": gravity})))


def test_3_1_1_r21_gravity_unknown_makes_the_assessment_incomplete():
    result = assess(case({"offence.gravity": DROP}))
    assert result["decision"] == "incomplete"
    assert any(path.startswith("offence.gravity") for path in result["missing"])


# --- 3.2.2 / R23: PCSOs --------------------------------------------------------------------


PCSO = {"officer.role": "pcso"}


def test_3_2_2_r23_pcso_with_designated_power_and_rj_training_may_deliver():
    result = assess(
        case(
            {
                **PCSO,
                "officer.pcso_designated_power": True,
                "officer.investigated_by_warranted_officer": False,
            }
        )
    )
    assert_eligible(result)


def test_3_2_2_r23_pcso_without_power_after_a_warranted_officers_investigation_may_deliver():
    result = assess(
        case(
            {
                **PCSO,
                "officer.pcso_designated_power": False,
                "officer.investigated_by_warranted_officer": True,
            }
        )
    )
    assert_eligible(result)


def test_3_2_2_r23_pcso_without_power_or_warranted_investigation_is_not_eligible():
    result = assess(
        case(
            {
                **PCSO,
                "officer.pcso_designated_power": False,
                "officer.investigated_by_warranted_officer": False,
            }
        )
    )
    assert_excluded(result)
    assert "3.2.2" in paragraphs(result)


def test_3_2_2_r23_pcso_not_rj_trained_may_not_deliver():
    result = assess(
        case(
            {
                **PCSO,
                "officer.rj_level1_trained": False,
                "officer.pcso_designated_power": True,
                "officer.investigated_by_warranted_officer": True,
            }
        )
    )
    assert_excluded(result)
    assert "R23" in result["interpretations"]


def test_3_2_2_special_constable_not_rj_trained_only_needs_a_sergeant():
    result = assess(case({"officer.role": "special_constable", "officer.rj_level1_trained": False}))
    assert_needs(result, "sergeant")


def test_3_2_2_pcso_with_power_and_investigation_unknown_is_incomplete():
    result = assess(case(PCSO))
    assert result["decision"] == "incomplete"
    assert {"officer.pcso_designated_power", "officer.investigated_by_warranted_officer"} & set(
        result["missing"]
    )


# --- 3.3 / 3.4 Offender (R14, R16, R17, R26) ----------------------------------------------------


@pytest.mark.parametrize(
    ("fact", "value"),
    [
        ("accepts_responsibility", False),
        ("lawful_defence_or_mitigation_raised", True),
        ("understands_process", False),
        ("consents", False),
    ],
)
def test_3_3_3_4_r16_no_acceptance_understanding_or_consent_is_not_eligible(fact, value):
    result = assess(case({f"offender.{fact}": value}))
    assert_excluded(result)


def test_3_3_1_r16_exclusion_stands_for_a_juvenile_too():
    assert_excluded(assess(youth({"offender.accepts_responsibility": False})))


def test_3_4_5_r17_vulnerable_without_confirmed_capacity_is_not_eligible():
    result = assess(case({"offender.vulnerable": True, "offender.capacity_confirmed": False}))
    assert_excluded(result)
    assert "3.4.5" in paragraphs(result)


def test_3_4_5_r17_vulnerable_with_capacity_confirmed_needs_a_sergeant():
    result = assess(case({"offender.vulnerable": True, "offender.capacity_confirmed": True}))
    assert_needs(result, "sergeant")


def test_3_4_5_r17_vulnerable_juvenile_with_capacity_confirmed_needs_the_yjs():
    result = assess(youth({"offender.vulnerable": True, "offender.capacity_confirmed": True}))
    assert_needs(result, "youth_justice_supervisor")


def test_3_4_5_r17_vulnerable_with_capacity_unknown_is_incomplete():
    result = assess(case({"offender.vulnerable": True}))
    assert result["decision"] == "incomplete"
    assert "offender.capacity_confirmed" in result["missing"]


def test_3_4_2_r14_nine_on_the_offence_date_is_below_criminal_responsibility():
    # Tenth birthday is the day after the offence; the assessment comes after it.
    result = assess(youth({"offender.date_of_birth": "2014-02-21"}))
    assert_excluded(result, "no_further_action")
    assert "R14" in result["interpretations"]


def test_3_4_2_r14_ten_on_the_offence_date_may_have_a_cr():
    result = assess(youth({"offender.date_of_birth": "2014-02-20"}))
    assert_eligible(result)
    assert result["deadlines"]["parent_guardian_informed_within_hours"] == 24


def test_3_4_2_r14_born_on_the_offence_date_is_not_eligible_not_invalid():
    result = assess(youth({"offender.date_of_birth": "2024-02-20"}))
    assert_excluded(result, "no_further_action")


def test_3_4_3_r26_parent_or_guardian_within_24_hours_for_under_18():
    assert assess(youth())["deadlines"]["parent_guardian_informed_within_hours"] == 24


def test_3_4_3_r26_no_parent_or_guardian_deadline_for_an_adult():
    assert assess(case())["deadlines"]["parent_guardian_informed_within_hours"] is None


# --- 4.3 Victim (R18) -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["person", "organisation"])
def test_4_3_2_r18_victim_not_consenting_needs_an_inspector(kind):
    result = assess(case({"victim.kind": kind, "victim.consents": False}))
    assert_needs(result, "inspector")
    assert "4.3.2" in paragraphs(result)
    assert "rationale" in result["records_required"]


def test_4_3_2_r18_victim_not_consulted_needs_an_inspector():
    result = assess(
        case({"victim.kind": "person", "victim.consulted": False, "victim.consents": False})
    )
    assert_needs(result, "inspector")


def test_4_3_2_r18_juvenile_and_victim_refusing_needs_inspector_and_yjs():
    result = assess(youth({"victim.kind": "person", "victim.consents": False}))
    assert_needs(result, "inspector", "youth_justice_supervisor")
    assert result["deadlines"]["parent_guardian_informed_within_hours"] == 24


def test_4_3_2_victim_consent_unknown_is_incomplete_and_named():
    result = assess(case({"victim.kind": "person", "victim.consents": DROP}))
    assert result["decision"] == "incomplete"
    assert "victim.consents" in result["missing"]


# --- 4.4.4 / R25: 16 weeks ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offence_on", "assessed_on", "due"),
    [
        ("2024-02-20", "2024-03-01", "2024-06-11"),  # across 29 February 2024
        ("2023-01-10", "2023-01-12", "2023-05-02"),  # no leap day
        ("2023-11-15", "2023-11-20", "2024-03-06"),  # across the year end and a leap day
        ("2023-12-31", "2024-01-02", "2024-04-21"),
        ("2024-04-02", "2024-04-02", "2024-07-23"),  # assessed on the offence date
    ],
)
def test_4_4_4_r25_outcomes_complete_by_offence_date_plus_16_weeks(offence_on, assessed_on, due):
    result = assess(case({"offence.date": offence_on, "assessed_on": assessed_on}))
    assert result["deadlines"]["outcomes_complete_by"] == due


def test_4_4_4_r25_the_deadline_is_given_even_when_not_eligible():
    result = assess(case({"offender.court_order": True}))
    assert result["deadlines"]["outcomes_complete_by"] == "2024-06-11"


def test_4_4_4_r25_the_deadline_counts_from_the_offence_even_after_it_has_passed():
    result = assess(case({"offence.date": "2023-06-01", "assessed_on": "2024-03-01"}))
    assert result["deadlines"]["outcomes_complete_by"] == "2023-09-21"


# --- Unknown facts: incomplete and missing ------------------------------------------------------


def test_contract_incomplete_names_every_unknown_fact():
    result = assess(
        case(
            {
                "offender.understands_process": DROP,
                "offender.consents": DROP,
                "offender.court_order": DROP,
                "victim.kind": "person",
                "victim.consents": DROP,
            }
        )
    )
    assert result["decision"] == "incomplete"
    assert result["recommended_disposal"] is None
    assert {
        "offender.understands_process",
        "offender.consents",
        "offender.court_order",
        "victim.consents",
    } <= set(result["missing"])


@pytest.mark.parametrize(
    "path",
    [
        "offender.accepts_responsibility",
        "offender.understands_process",
        "offender.consents",
        "offender.court_order",
        "offender.bail_post_charge",
        "offender.suspended_sentence",
        "offender.wanted_on_warrant",
        "offender.previous_outcomes",
        "victim.kind",
        "victim.consulted",
        "victim.opportunity_to_express_views",
        "officer.rj_level1_trained",
        "officer.role",
    ],
)
def test_contract_a_needed_fact_left_out_is_incomplete_and_named_in_missing(path):
    result = assess(case({path: DROP}))
    assert result["decision"] == "incomplete"
    assert path in result["missing"]


def test_2_4_1_drug_personal_use_unknown_is_incomplete_and_named():
    document = case(drugs("B", "cannabis"))
    del document["offence"]["drug"]["personal_use"]
    result = assess(document)
    assert result["decision"] == "incomplete"
    assert "offence.drug.personal_use" in result["missing"]


def test_contract_an_exclusion_decides_whatever_else_is_unknown():
    result = assess(
        case(
            {
                "offender.wanted_on_warrant": True,
                "offender.consents": DROP,
                "offender.previous_outcomes": DROP,
            }
        )
    )
    assert_excluded(result)


def test_contract_incomplete_still_lists_the_authorisations_known_so_far():
    result = assess(case({"offender.pre_charge_bail": True, "offender.consents": DROP}))
    assert result["decision"] == "incomplete"
    assert "offender.consents" in result["missing"]
    assert "sergeant" in {a["authority"] for a in result["authorisations"]}


def test_contract_facts_with_a_default_are_not_missing():
    result = assess(case())
    assert result["missing"] == []  # vulnerable, pre_charge_bail, flags... all defaulted


def test_contract_the_same_facts_give_the_same_assessment():
    document = youth({"victim.kind": "person", "victim.consents": False})
    assert assess(document) == assess(document)


# --- Conflicting facts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "flag"),
    [("weapon_possession", "knife_or_weapon"), ("sexual", "sexual"), ("traffic", "traffic")],
)
def test_2_3_conflicting_category_and_false_flag_is_never_treated_as_an_ordinary_offence(
    category, flag
):
    document = case({"offence.category": category, f"offence.{flag}": False})
    code, out, err = run_in_process(json.dumps(document).encode())
    if code == 2:
        assert out == b""
        assert f"offence.{flag}" in err or "offence.category" in err
    else:
        assert code == 0
        assert json.loads(out)["decision"] == "not_eligible"


# --- assessed_on absent ------------------------------------------------------------------


def test_contract_assessed_on_absent_means_today():
    offence_on = datetime.date.today() - datetime.timedelta(days=10)
    result = assess(case({"assessed_on": DROP, "offence.date": offence_on.isoformat()}))
    assert_eligible(result)
    due = offence_on + datetime.timedelta(weeks=16)
    assert result["deadlines"]["outcomes_complete_by"] == due.isoformat()


def test_contract_assessed_on_absent_an_offence_after_today_is_invalid():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    message = refused(case({"assessed_on": DROP, "offence.date": tomorrow.isoformat()}))
    assert "offence.date" in message or "assessed_on" in message


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def test_contract_r14_assessed_on_absent_judges_juvenile_on_today():
    # Turned 18 five days ago; the offence was ten days ago, at 17: an adult for knife crime.
    today = datetime.date.today()
    born = _years_before(today - datetime.timedelta(days=5), 18)
    offence_on = today - datetime.timedelta(days=10)
    result = assess(
        case(
            {
                **KNIFE_EXCEPTIONAL,
                "assessed_on": DROP,
                "offence.date": offence_on.isoformat(),
                "offender.date_of_birth": born.isoformat(),
            }
        )
    )
    assert_needs(result, "inspector")
    assert result["deadlines"]["parent_guardian_informed_within_hours"] is None


# --- Contract errors: exit 2, one line naming the field -------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"colour": "red"}, "colour"),
        ({"offender.nickname": "Al"}, "offender.nickname"),
        ({"victim.mood": "angry"}, "victim.mood"),
        ({"offence.gravity.matrix_name": "x"}, "offence.gravity.matrix_name"),
        ({"offender.consents": "yes"}, "offender.consents"),
        ({"offender.accepts_responsibility": 1}, "offender.accepts_responsibility"),
        ({"offence.gravity.final_score": "1"}, "offence.gravity.final_score"),
        ({"offence.category": "shoplifting"}, "offence.category"),
        ({"offence.date": "20/02/2024"}, "offence.date"),
        ({"assessed_on": "2024-02-30"}, "assessed_on"),
        ({"offence.domestic_abuse": "partner"}, "offence.domestic_abuse"),
        ({"victim.kind": "company"}, "victim.kind"),
        ({"officer.role": "sergeant"}, "officer.role"),
        ({"offender.previous_outcomes": "none"}, "offender.previous_outcomes"),
        ({"offender.date_of_birth": "2024-02-21"}, "offender.date_of_birth"),
        (
            {"offence.gravity": {"matrix": "adult", "base_score": 5, "final_score": 4}},
            "offence.gravity.base_score",
        ),
        (
            {"offence.gravity": {"matrix": "adult", "base_score": 4, "final_score": 5}},
            "offence.gravity.final_score",
        ),
        (
            {"offence.gravity": {"matrix": "adult", "base_score": 1, "final_score": 0}},
            "offence.gravity.final_score",
        ),
        (
            {
                "offence.gravity": {"matrix": "child", "base_score": 5, "final_score": 6},
                "offender.date_of_birth": YOUTH_DOB,  # the child matrix's age (R29)
            },
            "offence.gravity.final_score",
        ),
        (
            {"offence.gravity": {"matrix": "youth", "base_score": 1, "final_score": 1}},
            "offence.gravity.matrix",
        ),
    ],
)
def test_contract_invalid_facts_exit_2_naming_the_field(changes, field):
    assert field in refused(case(changes))


def test_3_1_1_r21_final_score_more_than_one_from_base_is_invalid():
    gravity = {"matrix": "adult", "base_score": 1, "final_score": 3}
    assert "offence.gravity" in refused(case({"offence.gravity": gravity}))


def test_contract_offence_after_assessed_on_is_invalid():
    message = refused(case({"offence.date": "2024-03-02"}))
    assert "offence.date" in message or "assessed_on" in message


def test_contract_unknown_key_in_a_previous_outcome_names_its_dotted_path():
    earlier = [{**previous("conviction", "2020-01-01"), "court": "Maidstone"}]
    assert "offender.previous_outcomes.0.court" in refused(
        case({"offender.previous_outcomes": earlier})
    )


def test_contract_unknown_previous_outcome_kind_names_its_dotted_path():
    earlier = [previous("conviction", "2020-01-01"), previous("fine", "2021-01-01")]
    assert "offender.previous_outcomes.1.outcome" in refused(
        case({"offender.previous_outcomes": earlier})
    )


def test_contract_unknown_drug_class_names_its_dotted_path():
    assert "offence.drug.class" in refused(case(drugs("D", "cannabis")))


def test_contract_malformed_json_exits_2():
    refused(b'{"offence": {"date": ')


def test_contract_facts_that_are_not_an_object_exit_2():
    refused(b"[1, 2, 3]")


# --- Through a subprocess of .venv/bin/crs, as a user runs it -----------------------------


def test_subprocess_assess_file_prints_json_and_exits_0(tmp_path):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(case()))
    done = run_crs("assess", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    result = json.loads(done.stdout)
    check_contract(result)
    assert result["decision"] == "eligible"


def test_subprocess_not_eligible_is_still_exit_0():
    done = run_crs("assess", "-", input=json.dumps(case({"offender.court_order": True})).encode())
    assert done.returncode == 0
    assert json.loads(done.stdout)["decision"] == "not_eligible"


def test_subprocess_youth_victim_refusing_needs_inspector_and_yjs():
    document = youth({"victim.kind": "person", "victim.consents": False})
    done = run_crs("assess", "-", input=json.dumps(document).encode())
    assert done.returncode == 0
    result = json.loads(done.stdout)
    assert_needs(result, "inspector", "youth_justice_supervisor")


def test_subprocess_unknown_key_exits_2_with_one_line_naming_it():
    done = run_crs("assess", "-", input=json.dumps(case({"victim.mood": "angry"})).encode())
    assert done.returncode == 2
    assert done.stdout == b""
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "victim.mood" in lines[0]


def test_subprocess_impossible_date_of_birth_exits_2_naming_it():
    document = case({"offender.date_of_birth": "2030-01-01"})
    done = run_crs("assess", "-", input=json.dumps(document).encode())
    assert done.returncode == 2
    assert done.stdout == b""
    assert "offender.date_of_birth" in done.stderr.decode()


# --- More edges an examiner would pick ------------------------------------------------------


def test_4_4_4_r25_offence_on_29_february_is_due_16_weeks_later():
    result = assess(case({"offence.date": "2024-02-29", "assessed_on": "2024-03-01"}))
    assert result["deadlines"]["outcomes_complete_by"] == "2024-06-20"


def test_4_4_4_r25_the_deadline_is_given_when_incomplete():
    result = assess(case({"offender.consents": DROP}))
    assert result["decision"] == "incomplete"
    assert result["deadlines"]["outcomes_complete_by"] == "2024-06-11"


@pytest.mark.parametrize(
    "gravity",
    [
        {"matrix": "adult", "base_score": 4, "final_score": 2},
        {"matrix": "child", "base_score": 2, "final_score": 4},
        {"matrix": "child", "base_score": 5, "final_score": 3},
    ],
)
def test_3_1_1_r21_final_score_two_or_more_from_base_is_invalid(gravity):
    assert "offence.gravity" in refused(case({"offence.gravity": gravity}))


def test_4_3_2_r18_victim_recorded_as_consenting_but_never_consulted_needs_an_inspector():
    result = assess(case({"victim.kind": "person", "victim.consulted": False}))
    assert_needs(result, "inspector")


def test_2_4_3_r13_juvenile_second_cr_same_category_within_12_months_needs_the_yjs():
    earlier = [previous("community_resolution", "2023-09-01", "theft")]
    result = assess(youth({"offender.previous_outcomes": earlier}))
    assert_needs(result, "youth_justice_supervisor")


def test_2_5_2_r20_juvenile_intimate_partner_abuse_is_never_eligible():
    result = assess(
        youth(
            {
                "offence.category": "assault",
                "offence.domestic_abuse": "intimate_partner",
                "victim.kind": "person",
            }
        )
    )
    assert_excluded(result)


@pytest.mark.parametrize("path", ["offence.category", "offence.date", "offender.date_of_birth"])
def test_contract_a_required_offence_or_offender_fact_left_out_is_unknown(path):
    result = assess(case({path: DROP}))
    assert result["decision"] == "incomplete"
    assert path in result["missing"]


def test_2_4_1_drug_details_left_out_for_possession_are_unknown():
    result = assess(case({**drugs("B", "cannabis"), "offence.drug": DROP}))
    assert result["decision"] == "incomplete"
    assert any(path.startswith("offence.drug") for path in result["missing"])


def test_contract_drug_details_on_a_non_drug_offence_are_invalid():
    document = case({"offence.drug": {"class": "B", "substance": "cannabis", "personal_use": True}})
    assert "offence.drug" in refused(document)


def test_2_4_3_r13_a_cr_exactly_12_months_before_the_offence_is_within_12_months():
    earlier = [
        previous("community_resolution", "2023-02-20", "theft"),
        previous("community_resolution", "2023-10-01", "theft"),
    ]
    assert_excluded(assess(case({"offender.previous_outcomes": earlier})), "conditional_caution")


def test_2_3_3_r7_juvenile_sexual_offence_in_exceptional_circumstances_needs_a_superintendent():
    result = assess(
        youth(
            {
                "offence.category": "sexual",
                "offence.exceptional_circumstances": True,
                "victim.kind": "person",
            }
        )
    )
    assert result["decision"] == "authorisation_required"
    assert "superintendent" in {a["authority"] for a in result["authorisations"]}


def test_4_2_2_r3_every_requirement_is_listed_when_several_rules_fire():
    result = assess(
        case(
            {
                "offence.domestic_abuse": "other_family",
                "offence.category": "criminal_damage",
                "victim.kind": "person",
                "victim.consents": False,
                "offender.previous_outcomes": [previous("conviction", "2015-01-01")],
                "offence.gravity": {"matrix": "adult", "base_score": 1, "final_score": 2},
            }
        )
    )
    assert_needs(result, "substantive_inspector")
    listed = {a["paragraph"].strip(".") for a in result["authorisations"]}
    assert {"2.5.2", "4.3.2", "3.5.2", "3.1.1"} <= listed


def test_3_4_2_r14_under_10_is_no_further_action_even_when_prosecution_would_suit():
    result = assess(
        youth({"offender.date_of_birth": "2014-02-21", "offence.suitable_for_prosecution": True})
    )
    assert_excluded(result, "no_further_action")


@pytest.mark.parametrize(
    "changes",
    [
        {"offender.court_order": True},
        {"offender.bail_post_charge": True},
        {"offender.suspended_sentence": True},
        {"offender.wanted_on_warrant": True},
        {"offender.accepts_responsibility": False},
        {"offender.consents": False},
        {"offender.vulnerable": True, "offender.capacity_confirmed": False},
        {"offence.domestic_abuse": "intimate_partner", "victim.kind": "person"},
    ],
    ids=lambda changes: next(iter(changes)),
)
def test_contract_no_disposal_recommended_where_the_sop_indicates_none(changes):
    # Contract: recommended_disposal is null when "no other outcome [is] indicated"; these
    # paragraphs (2.3.4, 3.3.1, 3.4.1, 3.4.5, 2.5.2) exclude without naming another outcome.
    assert_excluded(assess(case(changes)), None)
