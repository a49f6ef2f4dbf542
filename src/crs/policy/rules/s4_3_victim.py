"""SOP 4.3: victim consultation and consent."""

from ..rule import INFORMS, REQUIRES, Fired, missing, rule
from .s4_2_authorisation import VICTIM_DOUBT


@rule(
    "4.3.2",
    code="victim_consent_not_secured",
    topic=VICTIM_DOUBT,
    effect=REQUIRES,
    authority="victim_not_consenting",
    rulings=("R18",),
    records=("rationale", "victim_views"),
    uses=("victim.kind", "victim.consulted", "victim.consents"),
    text="The victim must be consulted and their consent sought; without the victim's consent "
    "an Inspector must agree, with a full rationale.",
)
def victim_consent_not_secured(c):
    """“In circumstances when the victim consent is not secured the officer must seek agreement
    from an Inspector and a full rationale for the decision must be recorded” — Ruling R18."""
    if not c.identifiable_victim or c.offence.hate_crime:
        return False  # no victim to consent (4.2.1), or hate crime excludes instead (2.6.1)
    v = c.victim
    if v.consulted is None:
        return missing("victim.consulted")
    if not v.consulted:
        return Fired(detail="The victim was not consulted.")
    if v.consents is None:
        return missing("victim.consents")
    return Fired(detail="The victim does not consent.") if not v.consents else False


@rule(
    "4.3.2",
    code="state_victim_harmed_person",
    effect=INFORMS,
    uses=("victim.kind",),
    text="The victim is the state: consider who was affected (a parent, a local resident) to "
    "take the part of the harmed person in a restorative process; if no one can be found a CR "
    "can still be used.",
)
def state_victim_harmed_person(c):
    """“officers should consider who may have been affected by the offence”"""
    return c.victim.kind == "state"
