"""SOP 2.5: domestic abuse."""

from ..rule import EXCLUDES, REQUIRES, missing, rule, topic

DOMESTIC_ABUSE = topic("domestic_abuse", 'o.domestic_abuse != "none" or o.coercive_control')

NON_INTIMATE = ("apva", "sibling", "other_family")


@rule(
    "2.5.2",
    code="intimate_partner_abuse",
    topic=DOMESTIC_ABUSE,
    effect=EXCLUDES,
    rulings=("R20",),
    uses=("offence.domestic_abuse",),
    text="Community resolutions must not be used for intimate partner abuse, between current "
    "or previous partners.",
)
def intimate_partner_abuse(c):
    """“Community Resolutions must not be used for intimate partner abuse” — Ruling R20."""
    return c.offence.domestic_abuse == "intimate_partner"


@rule(
    "2.5.2",
    code="coercive_control",
    topic=DOMESTIC_ABUSE,
    effect=EXCLUDES,
    rulings=("R20",),
    uses=("offence.coercive_control",),
    text="Community resolutions must not be used where there is coercion and control.",
)
def coercive_control(c):
    """“or where there is coercion and control” — Ruling R20."""
    return c.offence.coercive_control


@rule(
    "2.5.2",
    code="non_intimate_domestic_abuse",
    topic=DOMESTIC_ABUSE,
    effect=REQUIRES,
    authority="non_intimate_domestic_abuse",
    rulings=("R20", "R1"),
    records=("rationale",),
    uses=("offence.domestic_abuse",),
    text="Any CR for non-intimate domestic abuse (adolescent to parent, sibling, other family) "
    "must be authorised by a substantive Inspector; an acting Inspector will not do.",
)
def non_intimate_domestic_abuse(c):
    """“Any use of a Community Resolution for non-intimate Domestic Abuse must be authorised by
    a substantive Inspector” — Ruling R20."""
    return c.offence.domestic_abuse in NON_INTIMATE


@rule(
    "2.5.2",
    code="non_intimate_domestic_abuse_juvenile",
    topic=DOMESTIC_ABUSE,
    effect=REQUIRES,
    authority="domestic_abuse_juvenile",
    rulings=("R20",),
    records=("rationale",),
    uses=("offence.domestic_abuse", "offender.date_of_birth"),
    text="For an offender under 18, non-intimate domestic abuse (APVA and siblings) also needs "
    "authorisation from the Youth Justice Team.",
)
def non_intimate_domestic_abuse_juvenile(c):
    """“They can be used in offences involving Adolescent to Parent Violence or Abuse (APVA) and
    siblings with authorisation from the Youth Justice Team” — Ruling R20."""
    if c.offence.domestic_abuse not in NON_INTIMATE:
        return False
    if c.juvenile is None:
        return missing("offender.date_of_birth")
    return c.juvenile
