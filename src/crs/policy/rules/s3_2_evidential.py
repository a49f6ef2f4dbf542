"""SOP 3.2: the evidential standard, and who may investigate and deliver (PCSOs)."""

from ..rule import EXCLUDES, Fired, missing, rule, topic

PCSO = topic("pcso", 'c.officer.role in (None, "pcso", "police_staff")')


def _pcso(c):
    role = c.officer.role
    if role is None:
        return missing("officer.role")
    return role == "pcso"


@rule(
    "3.2.2",
    code="pcso_without_designated_power",
    topic=PCSO,
    effect=EXCLUDES,
    rulings=("R23",),
    notes=("R34",),
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
    power, investigated = o.pcso_designated_power, o.investigated_by_warranted_officer
    if power or investigated:
        if power is None:
            c.note("R34")  # required by the contract, yet it cannot change the decision
        return False
    unknown = [
        path
        for path, value in (
            ("officer.pcso_designated_power", power),
            ("officer.investigated_by_warranted_officer", investigated),
        )
        if value is None
    ]
    return missing(*unknown) if unknown else True


@rule(
    "3.2.2",
    code="pcso_not_rj_trained",
    topic=PCSO,
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


@rule(
    "3.2.2",
    code="police_staff_may_not_deliver",
    topic=PCSO,
    effect=EXCLUDES,
    rulings=("R33",),
    uses=("officer.role", "officer.investigated_by_warranted_officer", "officer.rj_level1_trained"),
    text="Police staff (neither warranted officers nor PCSOs) may deliver a CR only where a "
    "warranted officer investigated the crime and they are trained to Restorative Justice "
    "Level 1; another officer must deliver this one.",
)
def police_staff_may_not_deliver(c):
    """“Where such power has not been designated the crime must have been investigated by a
    warranted police officer” — Ruling R33."""
    o = c.officer
    if o.role != "police_staff":
        return False  # an unknown role is the PCSO rules' missing fact
    failed, unknown = [], []
    for path, value, words in (
        (
            "officer.investigated_by_warranted_officer",
            o.investigated_by_warranted_officer,
            "No warranted officer investigated the crime.",
        ),
        (
            "officer.rj_level1_trained",
            o.rj_level1_trained,
            "They are not trained to Restorative Justice Level 1.",
        ),
    ):
        if value is None:
            unknown.append(path)
        elif not value:
            failed.append(words)
    if failed:
        return Fired(detail=" ".join(failed))
    return missing(*unknown) if unknown else False
