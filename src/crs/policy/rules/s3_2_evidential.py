"""SOP 3.2: the evidential standard, and who may investigate and deliver (PCSOs)."""

from ..rule import EXCLUDES, missing, rule


def _pcso(c):
    role = c.officer.role
    if role is None:
        return missing("officer.role")
    return role == "pcso"


@rule(
    "3.2.2",
    code="pcso_without_designated_power",
    topic="pcso",
    effect=EXCLUDES,
    rulings=("R23",),
    uses=(
        "officer.role",
        "officer.pcso_designated_power",
        "officer.investigated_by_warranted_officer",
    ),
    text="A PCSO without the designated power for the offence may deliver a CR only where a "
    "warranted officer investigated the crime.",
)
def pcso_without_designated_power(c):
    """“Where such power has not been designated the crime must have been investigated by a
    warranted police officer” — Ruling R23."""
    pcso = _pcso(c)
    if not pcso:
        return pcso
    o = c.officer
    if o.pcso_designated_power is None:
        return missing("officer.pcso_designated_power")
    if o.pcso_designated_power:
        return False
    if o.investigated_by_warranted_officer is None:
        return missing("officer.investigated_by_warranted_officer")
    return not o.investigated_by_warranted_officer


@rule(
    "3.2.2",
    code="pcso_not_rj_trained",
    topic="pcso",
    effect=EXCLUDES,
    rulings=("R23",),
    uses=("officer.role", "officer.rj_level1_trained"),
    text="Only PCSOs trained to Restorative Justice level 1 are authorised to deliver a CR; "
    "another officer must deliver this one.",
)
def pcso_not_rj_trained(c):
    """“PCSO’s that are trained to Restorative Justice Level 1 are authorised to deliver the
    community resolution” — Ruling R23."""
    pcso = _pcso(c)
    if not pcso:
        return pcso
    trained = c.officer.rj_level1_trained
    return missing("officer.rj_level1_trained") if trained is None else not trained
