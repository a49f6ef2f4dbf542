"""SOP 3.3: acceptance of responsibility and understanding."""

from ..rule import EXCLUDES, missing, rule, topic

OFFENDER_DOUBT = topic(
    "offender_doubt",
    "p.consents is not True or "
    "p.accepts_responsibility is not True or "
    "p.understands_process is not True",
)
DEFENCE = topic("defence", "p.lawful_defence_or_mitigation_raised")


@rule(
    "3.3.1",
    code="responsibility_not_accepted",
    topic=OFFENDER_DOUBT,
    effect=EXCLUDES,
    rulings=("R16",),
    uses=("offender.accepts_responsibility",),
    text="The offender must clearly understand the offence and fully accept responsibility for it.",
)
def responsibility_not_accepted(c):
    """“fully accept responsibility for committing the offence” — Ruling R16."""
    accepts = c.offender.accepts_responsibility
    return missing("offender.accepts_responsibility") if accepts is None else not accepts


@rule(
    "3.3.1",
    code="defence_or_mitigation_raised",
    topic=DEFENCE,
    effect=EXCLUDES,
    rulings=("R16",),
    uses=("offender.lawful_defence_or_mitigation_raised",),
    text="A CR cannot be considered when a lawful defence or mitigation has been raised.",
)
def defence_or_mitigation_raised(c):
    """“with no lawful defences or mitigation raised” — Ruling R16."""
    return c.offender.lawful_defence_or_mitigation_raised


@rule(
    "3.3.2",
    code="process_not_understood",
    topic=OFFENDER_DOUBT,
    effect=EXCLUDES,
    rulings=("R16",),
    uses=("offender.understands_process",),
    text="The offender must be capable of understanding and fully aware of the CR process and "
    "the implications of accepting responsibility.",
)
def process_not_understood(c):
    """“The offender must be capable of understanding, be fully aware of the process for
    Community Resolutions” — Ruling R16."""
    understands = c.offender.understands_process
    return missing("offender.understands_process") if understands is None else not understands
