"""An adult shop theft, every question the assessment asks answered as an officer would.

Shared by the journeys that answer the questions one page at a time (the browser walk
and the assessment journey's tests). Each writes the offence date and previous outcomes
its own way, so they are the caller's: the date as its form reads one, and the previous
outcomes added explicitly by each test.
"""

from __future__ import annotations


def adult_shop_theft(offence_date) -> dict:
    """The answers, but for previous outcomes, with the offence on `offence_date`."""
    return {
        "offence.category": "theft",
        "offence.date": offence_date,
        "offence.indictable_only": "no",
        "offence.knife_or_weapon": "no",
        "offence.sexual": "no",
        "offence.traffic": "no",
        "offence.domestic_abuse": "none",
        "offence.coercive_control": "no",
        "offender.court_order": "no",
        "offender.bail_post_charge": "no",
        "offender.suspended_sentence": "no",
        "offender.wanted_on_warrant": "no",
        "offence.suitable_for_prosecution": "no",
        "offender.accepts_responsibility": "yes",
        "offender.lawful_defence_or_mitigation_raised": "no",
        "offender.understands_process": "yes",
        "offender.consents": "yes",
        "offender.vulnerable": "no",
        "offence.gravity.matrix": "adult",
        "offence.gravity.base_score": "1",
        "offence.gravity.final_score": "1",
        "offence.hate_crime": "no",
        "victim.kind": "person",
        "victim.consulted": "yes",
        "victim.consents": "yes",
        "victim.opportunity_to_express_views": "yes",
        "offender.pre_charge_bail": "no",
        "offender.released_under_investigation": "no",
    }
