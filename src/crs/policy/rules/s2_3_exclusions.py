"""SOP 2.3: excluded offences (knife, sexual, traffic, indictable-only) and status."""

from ..rule import EXCLUDES, REQUIRES, missing, rule, topic

TRAFFIC = topic("traffic", "c.traffic is not False")
KNIFE = topic("knife", "c.knife is not False")
INDICTABLE = topic("indictable", "o.indictable_only")
SEXUAL = topic("sexual", "c.sexual is not False")
STATUS = topic(
    "status",
    "p.court_order is not False or "
    "p.bail_post_charge is not False or "
    "p.suspended_sentence is not False or "
    "p.wanted_on_warrant is not False",
)
PRE_CHARGE = topic("pre_charge", "p.pre_charge_bail or p.released_under_investigation")
PROSECUTION = topic("prosecution", "o.suitable_for_prosecution")


@rule(
    "2.3.1",
    code="traffic_offence",
    topic=TRAFFIC,
    effect=EXCLUDES,
    rulings=("R5",),
    uses=("offence.traffic", "offence.category", "offence.exceptional_circumstances"),
    text="Traffic offences are generally not suitable for a CR (they often carry "
    "endorsements); none is given without exceptional circumstances recorded.",
)
def traffic_offence(c):
    """“Traffic offences (as they often carry endorsements)” — Ruling R5."""
    if c.traffic is None:
        return missing("offence.category")
    return c.traffic and not c.offence.exceptional_circumstances


@rule(
    "2.3.1",
    code="traffic_offence_exceptional",
    topic=TRAFFIC,
    effect=REQUIRES,
    authority="traffic_exceptional",
    rulings=("R5",),
    records=("exceptional_circumstances", "rationale"),
    uses=("offence.traffic", "offence.exceptional_circumstances"),
    text="A traffic offence with exceptional circumstances recorded needs the authority the "
    "force sets for it, with a full rationale.",
)
def traffic_offence_exceptional(c):
    """“Community resolutions are generally considered not suitable” — Ruling R5."""
    return c.traffic and c.offence.exceptional_circumstances


@rule(
    "2.3.2",
    code="knife_offence",
    topic=KNIFE,
    effect=EXCLUDES,
    disposal="charge",
    rulings=("R6",),
    uses=("offence.knife_or_weapon", "offence.exceptional_circumstances", "offender.date_of_birth"),
    text="Knife crime: the automatic assumption is prosecution; a CR is considered only in "
    "exceptional circumstances.",
)
def knife_offence(c):
    """“The automatic assumption for knife crime is prosecution” — Ruling R6."""
    if c.knife is None:
        return missing("offence.category")
    if not c.knife or c.offence.exceptional_circumstances:
        return False
    if c.juvenile is None:
        return True  # excluded at any age; the juvenile rule may add to it
    return not c.juvenile


@rule(
    "2.3.2",
    code="knife_offence_exceptional",
    topic=KNIFE,
    effect=REQUIRES,
    authority="knife_exceptional",
    rulings=("R6",),
    records=("exceptional_circumstances", "rationale", "public_interest_rationale"),
    uses=("offence.knife_or_weapon", "offence.exceptional_circumstances"),
    text="An adult knife offence with exceptional circumstances needs an Inspector or above, "
    "with a full rationale including the public interest.",
)
def knife_offence_exceptional(c):
    """“must have the authority of an Inspector or above, with full rationale (including the
    public interest)” — Ruling R6."""
    if not (c.knife and c.offence.exceptional_circumstances):
        return False
    if c.juvenile is None:
        return missing("offender.date_of_birth")
    return not c.juvenile


@rule(
    "2.3.3",
    code="indictable_only_offence",
    topic=INDICTABLE,
    effect=EXCLUDES,
    rulings=("R8",),
    uses=("offence.indictable_only",),
    text="Indictable-only offences are excluded from community resolutions.",
)
def indictable_only_offence(c):
    """“Sexual and indictable only offences remain excluded” — Ruling R8."""
    return c.offence.indictable_only


@rule(
    "2.3.3",
    code="sexual_offence",
    topic=SEXUAL,
    effect=EXCLUDES,
    rulings=("R7",),
    uses=(
        "offence.sexual",
        "offence.category",
        "offence.exceptional_circumstances",
        "offence.indictable_only",
    ),
    text="Sexual offences remain excluded unless very exceptional circumstances are recorded "
    "(and never when indictable only).",
)
def sexual_offence(c):
    """“Sexual and indictable only offences remain excluded” — Ruling R7."""
    if c.sexual is None:
        return missing("offence.category")
    return c.sexual and (c.offence.indictable_only or not c.offence.exceptional_circumstances)


@rule(
    "2.3.3",
    code="sexual_offence_exceptional",
    topic=SEXUAL,
    effect=REQUIRES,
    authority="sexual_exceptional",
    rulings=("R7",),
    records=("exceptional_circumstances", "rationale", "public_interest_rationale"),
    uses=("offence.sexual", "offence.exceptional_circumstances"),
    text="A sexual offence (not indictable only) in very exceptional circumstances needs a "
    "Superintendent, with a full rationale including the public interest.",
)
def sexual_offence_exceptional(c):
    """“the appropriate outcome consultation must be made with a Superintendent for
    authorisation” — Ruling R7."""
    o = c.offence
    return c.sexual and o.exceptional_circumstances and not o.indictable_only


@rule(
    "2.3.3",
    code="knife_offence_juvenile",
    topic=KNIFE,
    effect=EXCLUDES,
    disposal=None,
    rulings=("R6", "R14"),
    uses=("offence.knife_or_weapon", "offender.date_of_birth"),
    text="An offender under 18 cannot be given a CR for a knife or weapon offence.",
)
def knife_offence_juvenile(c):
    """“Where the offender is a juvenile (under 18), a Community Resolution cannot be given for
    knife/weapon related offences” — Ruling R6."""
    if not c.knife:
        return False
    if c.juvenile is None:
        return missing("offender.date_of_birth")
    return c.juvenile


def _status(field: str):
    def check(c):
        value = getattr(c.offender, field)
        return missing(f"offender.{field}") if value is None else value

    return check


for _field, _code, _words, _quote in (
    (
        "court_order",
        "existing_court_order",
        "subject to an existing court order",
        "offenders that are subject to an existing court order",
    ),
    (
        "bail_post_charge",
        "bail_post_charge",
        "on bail after charge for other offences",
        "on bail (post charge) for other offences",
    ),
    (
        "suspended_sentence",
        "suspended_sentence",
        "currently on a suspended sentence",
        "are currently on a suspended sentence",
    ),
    ("wanted_on_warrant", "wanted_on_warrant", "wanted on warrant", "are wanted on warrant"),
):
    _check = _status(_field)
    _check.__doc__ = f"“{_quote}” — Ruling R15."
    _check.__name__ = _code
    rule(
        "2.3.4",
        code=_code,
        topic=STATUS,
        effect=EXCLUDES,
        rulings=("R15",),
        uses=(f"offender.{_field}",),
        text=f"Community resolutions will not be considered for an offender {_words}.",
    )(_check)


@rule(
    "2.3.4",
    code="pre_charge_bail_or_rui",
    topic=PRE_CHARGE,
    effect=REQUIRES,
    authority="pre_charge_bail",
    rulings=("R15", "R1"),
    records=("rationale",),
    uses=("offender.pre_charge_bail", "offender.released_under_investigation"),
    text="An offender bailed without charge or released under investigation needs a Sergeant "
    "(or PSE equivalent), who takes the ongoing investigation into account.",
)
def pre_charge_bail_or_rui(c):
    """“this will need to be authorised by a Sergeant (or PSE equivalent)” — Ruling R15."""
    p = c.offender
    return p.pre_charge_bail or p.released_under_investigation


@rule(
    "2.3.4",
    code="suitable_for_prosecution",
    topic=PROSECUTION,
    effect=EXCLUDES,
    disposal="charge",
    rulings=("R24", "R27"),
    uses=("offence.suitable_for_prosecution",),
    text="A CR is not appropriate where the offence is suitable for prosecution before the court: "
    "the circumstances and severity of the offence are such that it should result in a court "
    "prosecution (4.2.1). Evidence enough to charge does not make it so: every CR needs that.",
)
def suitable_for_prosecution(c):
    """“or be considered appropriate where it is suitable for prosecution before the court”
    — Rulings R24, R27."""
    return c.offence.suitable_for_prosecution
