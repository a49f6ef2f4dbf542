"""SOP 3.4: the offender: consent, age, parents and guardians, vulnerability."""

from ..rule import EXCLUDES, INFORMS, REQUIRES, Fired, missing, rule, topic
from .s2_5_domestic_abuse import DOMESTIC_ABUSE
from .s3_3_acceptance import OFFENDER_DOUBT

JUVENILE = topic("juvenile", "c.juvenile is not False")
VULNERABLE = topic("vulnerable", "p.vulnerable")


@rule(
    "3.4.1",
    code="offender_does_not_consent",
    topic=OFFENDER_DOUBT,
    effect=EXCLUDES,
    rulings=("R16",),
    uses=("offender.consents",),
    text="The officer must obtain the offender's consent to engage in the CR process.",
)
def offender_does_not_consent(c):
    """“The officer must obtain the consent of the offender to engage in the community
    resolution process” — Ruling R16."""
    consents = c.offender.consents
    return missing("offender.consents") if consents is None else not consents


@rule(
    "3.4.2",
    code="below_age_of_criminal_responsibility",
    effect=EXCLUDES,
    disposal="no_further_action",
    rulings=("R14",),
    uses=("offender.date_of_birth", "offence.date"),
    text="A CR may be used at any age except below the age of criminal responsibility (10), "
    "judged on the date of the offence.",
)
def below_age_of_criminal_responsibility(c):
    """“This approach may be used for an offender of any age, except those below the age of
    criminal responsibility” — Ruling R14."""
    if c.age_at_offence is None:
        paths = [
            p
            for p, v in (
                ("offender.date_of_birth", c.offender.date_of_birth),
                ("offence.date", c.offence.date),
            )
            if v is None
        ]
        return missing(*paths)
    if c.age_at_offence < c.pack.age_criminal_responsibility:
        return Fired(detail=f"Aged {c.age_at_offence} on the date of the offence.")
    return False


@rule(
    "3.4.2",
    code="juvenile_parent_guardian",
    topic=JUVENILE,
    effect=INFORMS,
    rulings=("R14", "R26"),
    records=("parent_guardian_contact",),
    uses=("offender.date_of_birth", "assessed_on"),
    text="The offender is under 18: take and document all reasonable steps to contact a parent "
    "or guardian before the CR is delivered or, where that is not appropriate, inform them "
    "within {parent_guardian_limit}.",
)
def juvenile_parent_guardian(c):
    """“officers will take and document all reasonable steps to contact parents/guardians prior
    to the resolution being delivered” — Ruling R26."""
    if c.juvenile is None:
        return missing("offender.date_of_birth")
    return c.juvenile


@rule(
    "3.4.3",
    code="appropriate_adult_is_victim",
    topic=DOMESTIC_ABUSE,
    effect=INFORMS,
    records=("appropriate_adult",),
    uses=("offence.domestic_abuse", "offender.date_of_birth"),
    text="The parent who would act as appropriate adult may be the victim: every effort must be "
    "made to include another suitable person; otherwise consider the young person's welfare.",
)
def appropriate_adult_is_victim(c):
    """“In cases where the appropriate adult is also the victim every effort must be made to
    include another suitable person to fulfil the function of appropriate adult”"""
    return bool(c.juvenile) and c.offence.domestic_abuse == "apva"


@rule(
    "3.4.5",
    code="vulnerable_capacity_not_confirmed",
    topic=VULNERABLE,
    effect=EXCLUDES,
    rulings=("R17",),
    uses=("offender.vulnerable", "offender.capacity_confirmed"),
    text="A vulnerable offender must have the capacity to understand the CR process; capacity "
    "has not been confirmed.",
)
def vulnerable_capacity_not_confirmed(c):
    """“Where the offender is considered to be vulnerable then consideration must be given to
    ensuring they have the capacity to understand the CR process” — Ruling R17."""
    p = c.offender
    if not p.vulnerable:
        return False
    return (
        missing("offender.capacity_confirmed")
        if p.capacity_confirmed is None
        else (not p.capacity_confirmed)
    )


@rule(
    "3.4.5",
    code="vulnerable_offender",
    topic=VULNERABLE,
    effect=REQUIRES,
    authority="vulnerable",
    rulings=("R17",),
    records=("rationale", "capacity_assessment", "medical_professional"),
    uses=("offender.vulnerable", "offender.capacity_confirmed"),
    text="A vulnerable offender with capacity confirmed needs a Sergeant's authority; record "
    "any medical professional who supported the capacity assessment.",
)
def vulnerable_offender(c):
    """“any medical professional who supports the assessment of capacity must be recorded upon
    the 1912 and a Sergeant’s authority obtained” — Ruling R17."""
    p = c.offender
    return p.vulnerable and p.capacity_confirmed is True
