"""SOP 4.2: when a CR may be given without authorisation (4.2.1) and who authorises."""

from ..rule import ESCALATES, REQUIRES, Fired, missing, rule, topic

VICTIM_DOUBT = topic(
    "victim_doubt",
    "c.identifiable_victim and (c.victim.consulted is not True or "
    "c.victim.consents is not True or "
    "c.victim.opportunity_to_express_views is not True)",
)


@rule(
    "4.2.1",
    code="officer_not_rj_trained",
    effect=REQUIRES,
    authority="criteria_not_met",
    records=("rationale",),
    uses=("officer.role", "officer.rj_level1_trained"),
    text="The administering officer is not trained to level 1 restorative practice, so a "
    "Sergeant or above must authorise.",
)
def officer_not_rj_trained(c):
    """“The administering officer is trained to level 1 restorative practice”"""
    o = c.officer
    if o.role == "pcso" or o.role == "police_staff":
        return False  # if not trained, they may not deliver at all (3.2.2, Rulings R23, R33)
    if o.rj_level1_trained is None:
        return missing("officer.rj_level1_trained")
    return not o.rj_level1_trained


@rule(
    "4.2.1",
    code="no_identifiable_victim",
    effect=REQUIRES,
    authority="criteria_not_met",
    rulings=("R4",),
    records=("rationale",),
    uses=("victim.kind",),
    text="There is no identifiable victim (the victim is the state, or there is none), so a "
    "Sergeant or above must authorise.",
)
def no_identifiable_victim(c):
    """“There is an identifiable victim who has had the opportunity to provide their view”
    — Ruling R4."""
    if c.identifiable_victim is None:
        return missing("victim.kind")
    return not c.identifiable_victim


@rule(
    "4.2.1",
    code="victim_does_not_support_cr",
    topic=VICTIM_DOUBT,
    effect=REQUIRES,
    authority="criteria_not_met",
    rulings=("R4",),  # R2 only when a youth's Sergeant authority goes to the YJS (4.2.2's rule)
    records=("rationale", "victim_views"),
    uses=("victim.consulted", "victim.consents"),
    text="The victim has not given their view or does not consider a CR an appropriate "
    "resolution, so a Sergeant or above (for an offender under 18, the Youth Justice Team "
    "Supervisor) must authorise, besides the Inspector's agreement under 4.3.2.",
)
def victim_does_not_support_cr(c):
    """“There is an identifiable victim who has had the opportunity to provide their view and
    considers this as an appropriate method of resolution” — Ruling R4 (the Inspector's
    part, 4.3.2, is Ruling R18's rule)."""
    if not c.identifiable_victim or c.offence.hate_crime:
        return False  # no identifiable victim is its own criterion; hate crime excludes (2.6.1)
    v = c.victim
    if v.consulted is None:
        return missing("victim.consulted")
    if not v.consulted:
        return True
    if v.consents is None:
        return missing("victim.consents")
    return not v.consents


@rule(
    "4.2.1",
    code="victim_no_opportunity_to_express_views",
    topic=VICTIM_DOUBT,
    effect=REQUIRES,
    authority="criteria_not_met",
    rulings=("R4",),
    records=("rationale",),
    uses=("victim.opportunity_to_express_views",),
    text="The victim has not had an opportunity to express their views to the offender, so a "
    "Sergeant or above must authorise.",
)
def victim_no_opportunity_to_express_views(c):
    """“The victim(s) has an opportunity to express their views to the offender”"""
    if not c.identifiable_victim:
        return False  # no identifiable victim is its own criterion, or victim.kind is missing
    views = c.victim.opportunity_to_express_views
    return missing("victim.opportunity_to_express_views") if views is None else not views


@rule(
    "4.2.2",
    code="youth_justice_in_place_of_sergeant",
    effect=ESCALATES,
    rulings=("R2",),
    uses=("offender.date_of_birth",),
    text="The offender is under 18: each authority that would otherwise be a Sergeant's must be "
    "sought from the Youth Justice Team Supervisor instead.",
)
def youth_justice_in_place_of_sergeant(c):
    """“Where the offender is a juvenile (U/18) the authority must be sought from the Youth
    Justice Team Supervisor” — Ruling R2."""
    # The engine makes the substitution as each earlier rule fires (all Sergeant-level
    # rules come before 4.2.2 in SOP order) and notes it on the case.
    if c.substituted:
        paragraphs = " and ".join(", ".join(c.substituted).rsplit(", ", 1))
        return Fired(detail=f"In place of a Sergeant for the authority of SOP {paragraphs}.")
    return False
