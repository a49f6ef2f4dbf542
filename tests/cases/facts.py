"""Case facts for the tests, each built explicitly from one adult shop theft (no random data).

Dates are fixed: offence 20 February 2024, assessed 1 March 2024, so the 16-week
limit is 11 June 2024. The officer's facts come from the officer in the case.
"""

from __future__ import annotations

import copy

OFFENCE_DATE = "2024-02-20"
ASSESSED_ON = "2024-03-01"
OUTCOMES_DUE_BY = "2024-06-11"  # offence date + 16 weeks (4.4.4)

ADULT_THEFT = {
    "assessed_on": ASSESSED_ON,
    "offence": {
        "date": OFFENCE_DATE,
        "category": "theft",
        "description": "Theft of a phone charger worth 9 pounds",
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
        "kind": "person",
        "consulted": True,
        "consents": True,
        "opportunity_to_express_views": True,
    },
}


def facts(**changes) -> dict:
    """ADULT_THEFT with some groups changed: facts(offender={"vulnerable": True})."""
    document = copy.deepcopy(ADULT_THEFT)
    for group, values in changes.items():
        if isinstance(values, dict):
            document.setdefault(group, {}).update(values)
        else:
            document[group] = values
    return document


def split(document: dict) -> tuple[dict, str | None]:
    """The case's working facts and the offender's date of birth, which is kept on the
    offender (the Person), never in the case's facts (decision 0011)."""
    document = copy.deepcopy(document)
    born = (document.get("offender") or {}).pop("date_of_birth", None)
    return document, born


def case_facts(document: dict) -> dict:
    return split(document)[0]


def eligible() -> dict:
    return facts()


def needs_sergeant() -> dict:
    """3.5.2: an adult with a previous sanction."""
    return facts(
        offender={"previous_outcomes": [{"outcome": "penalty_notice", "date": "2022-05-01"}]}
    )


def needs_sergeant_or_pse() -> dict:
    """2.3.4: released under investigation: "a Sergeant (or PSE equivalent)"."""
    return facts(offender={"released_under_investigation": True})


def needs_inspector() -> dict:
    """4.3.2: the victim does not consent."""
    return facts(victim={"consents": False})


def needs_substantive_inspector() -> dict:
    """2.5.2: non-intimate domestic abuse (between adult siblings)."""
    return facts(offence={"domestic_abuse": "sibling"})


def needs_superintendent() -> dict:
    """2.3.3: a sexual offence (not indictable only) in very exceptional circumstances."""
    return facts(offence={"category": "sexual", "exceptional_circumstances": True})


def child() -> dict:
    """A 14-year-old, first offence, the victim consents: no authority, a parent to contact."""
    return facts(
        offence={"gravity": {"matrix": "child", "base_score": 2, "final_score": 2}},
        offender={"date_of_birth": "2009-05-05"},
    )


def child_needs_yjs_and_inspector() -> dict:
    """Ruling R2's example: a previous youth caution and a victim who does not consent."""
    return facts(
        offence={"gravity": {"matrix": "child", "base_score": 2, "final_score": 2}},
        offender={
            "date_of_birth": "2009-05-05",
            "previous_outcomes": [{"outcome": "youth_caution", "date": "2023-01-10"}],
        },
        victim={"consents": False},
    )


def not_eligible() -> dict:
    """2.3.4: wanted on warrant."""
    return facts(offender={"wanted_on_warrant": True})
