"""SOP 2.4: drug offences, the cannabis and khat escalation, and repeat CRs."""

from ..rule import EXCLUDES, INFORMS, REQUIRES, Fired, missing, rule, topic

DRUGS = topic("drugs", 'o.category == "drugs_possession" or o.category == "drugs_supply"')
HISTORY = topic("history", "p.previous_outcomes is None or p.previous_outcomes")


def _drug(c):
    """The drug facts of a possession offence, or Missing, or None for other offences."""
    if c.offence.category != "drugs_possession":
        return None
    drug = c.offence.drug
    if drug is None:
        return missing(
            "offence.drug",
            "offence.drug.class",
            "offence.drug.substance",
            "offence.drug.personal_use",
        )
    return drug


@rule(
    "2.4.1",
    code="drug_supply",
    topic=DRUGS,
    effect=EXCLUDES,
    rulings=("R9",),
    uses=("offence.category",),
    text="A CR can be used for possession of drugs only; supply offences are not eligible.",
)
def drug_supply(c):
    """“Community Resolutions can be used for possession of Class B or C drugs” — Ruling R9."""
    return c.offence.category == "drugs_supply"


@rule(
    "2.4.1",
    code="drug_quantity_not_personal_use",
    topic=DRUGS,
    effect=EXCLUDES,
    rulings=("R9",),
    uses=("offence.drug.personal_use",),
    text="Drug possession is eligible only where the quantity is consistent with personal use.",
)
def drug_quantity_not_personal_use(c):
    """“where quantity is consistent with personal use” — Ruling R9."""
    drug = _drug(c)
    if not drug:
        return drug
    if drug.personal_use is None:
        return missing("offence.drug.personal_use")
    return not drug.personal_use


def _class_a(c, juvenile: bool):
    drug = _drug(c)
    if not drug:
        return drug
    if drug.klass is None:
        return missing("offence.drug.class")
    if drug.klass != "A":
        return False
    if c.juvenile is None:
        return missing("offender.date_of_birth")
    return c.juvenile is juvenile


@rule(
    "2.4.1",
    code="class_a_possession",
    topic=DRUGS,
    effect=REQUIRES,
    authority="class_a_adult",
    rulings=("R10",),
    records=("rationale", "public_interest_rationale"),
    uses=("offence.drug.class",),
    text="Possession of a Class A drug is not ordinarily a CR; where it is appropriate and in "
    "the public interest a Sergeant must authorise it.",
)
def class_a_possession(c):
    """“it can be used where authorised by a Sergeant” — Ruling R10."""
    return _class_a(c, juvenile=False)


@rule(
    "2.4.1",
    code="class_a_possession_juvenile",
    topic=DRUGS,
    effect=REQUIRES,
    authority="class_a_juvenile",
    rulings=("R10",),
    records=("rationale", "public_interest_rationale"),
    uses=("offence.drug.class", "offender.date_of_birth"),
    text="For an offender under 18, a CR for possession of a Class A drug must be authorised "
    "by the Youth Justice Team Supervisor.",
)
def class_a_possession_juvenile(c):
    """“a Community Resolution for Possession of Class A drugs must be authorised by the Youth
    Justice Team Supervisor” — Ruling R10."""
    return _class_a(c, juvenile=True)


def _escalation(c):
    """The previous outcomes for cannabis or khat possession, for an adult's
    cannabis or khat possession; a false value when the escalation does not apply."""
    drug = _drug(c)
    if not drug:
        return drug
    substances = c.pack.escalation_substances
    if drug.substance is None:
        return missing("offence.drug.substance")
    if drug.substance not in substances:
        return False
    if c.juvenile is None:
        return missing("offender.date_of_birth")
    if c.juvenile:
        return False
    previous = c.offender.previous_outcomes
    if previous is None:
        return missing("offender.previous_outcomes")
    found, unknown = [], []
    for i, prev in enumerate(previous):
        if prev.outcome == "cannabis_khat_warning":
            found.append(prev)  # such a warning is for cannabis or khat by its nature
            continue
        if prev.outcome not in _ESCALATING:
            continue
        if prev.category is None:
            unknown.append((prev, f"offender.previous_outcomes.{i}.category"))
        elif prev.category == "drugs_possession":
            if prev.substance is None:
                unknown.append((prev, f"offender.previous_outcomes.{i}.substance"))
            elif prev.substance in substances:
                found.append(prev)
    return found, unknown


# The escalation's steps (2.4.2, R11) and the outcomes beyond its first step (R31).
_FIRST_STEP = ("community_resolution", "cannabis_khat_warning")
_BEYOND_FIRST_STEP = ("simple_caution", "penalty_notice", "youth_conditional_caution", "conviction")
_ESCALATING = ("community_resolution", "conditional_caution", *_BEYOND_FIRST_STEP)


def _escalates_to(c, outcomes: tuple[str, ...]):
    """Fired when a previous outcome of `outcomes` was for cannabis or khat possession;
    Missing when one of them might have been (its category or substance unknown)."""
    result = _escalation(c)
    if not result:
        return result
    found, unknown = result
    hits = [p for p in found if p.outcome in outcomes]
    if hits:
        dates = ", ".join(p.date.isoformat() if p.date else "date unknown" for p in hits)
        return Fired(detail=f"Previous: {', '.join(p.outcome for p in hits)} ({dates}).")
    paths = [path for p, path in unknown if p.outcome in outcomes]
    return missing(*paths) if paths else False


@rule(
    "2.4.2",
    code="cannabis_khat_escalation_conditional_caution",
    topic=DRUGS,
    effect=EXCLUDES,
    disposal="conditional_caution",
    rulings=("R11",),
    uses=("offence.drug.substance", "offender.previous_outcomes"),
    text="Adult cannabis or khat possession follows the three-point escalation: after a "
    "community resolution (or cannabis/khat warning) for it, a conditional caution.",
)
def cannabis_khat_escalation_conditional_caution(c):
    """“A three-point escalation approach to Cannabis and Khat possession for adults is:
    Community Resolution, Conditional Caution and then charge” — Ruling R11."""
    if _escalates_to(c, ("conditional_caution", *_BEYOND_FIRST_STEP)):
        return False  # a later step, charge, applies instead
    return _escalates_to(c, _FIRST_STEP)


@rule(
    "2.4.2",
    code="cannabis_khat_escalation_charge",
    topic=DRUGS,
    effect=EXCLUDES,
    disposal="charge",
    rulings=("R11",),
    uses=("offence.drug.substance", "offender.previous_outcomes"),
    text="Adult cannabis or khat possession after a conditional caution for it: charge.",
)
def cannabis_khat_escalation_charge(c):
    """“Community Resolution, Conditional Caution and then charge” — Ruling R11."""
    return _escalates_to(c, ("conditional_caution",))


@rule(
    "2.4.2",
    code="cannabis_khat_escalation_other_outcome",
    topic=DRUGS,
    effect=EXCLUDES,
    disposal="charge",
    rulings=("R11", "R31"),
    uses=("offence.drug.substance", "offender.previous_outcomes"),
    text="Adult cannabis or khat possession after a simple caution, penalty notice, youth "
    "conditional caution or conviction for it: beyond the escalation's first step, charge.",
)
def cannabis_khat_escalation_other_outcome(c):
    """“A three-point escalation approach to Cannabis and Khat possession for adults is”
    — Rulings R11, R31."""
    return _escalates_to(c, _BEYOND_FIRST_STEP)


def _crs_in_window(c):
    """Previous community resolutions dated within the window up to the offence."""
    previous = c.offender.previous_outcomes
    if previous is None:
        return missing("offender.previous_outcomes")
    if not previous:
        return False
    if c.window_start is None:
        return missing("offence.date")
    inside, unknown = [], []
    start, end = c.window_start, c.offence.date
    edge = False
    for i, prev in enumerate(previous):
        if prev.outcome != "community_resolution":
            continue
        day = prev.date
        if day is None:
            unknown.append((i, f"offender.previous_outcomes.{i}.date"))
        elif start <= day <= end:
            # Ruling R13: "counted back from the offence date"; R35: the first day counts.
            inside.append((i, prev))
            edge = edge or day == start
        elif day > end:
            edge = True  # R35: outside the window, still a previous sanction (3.5.2, R12)
    if edge:
        c.note("R35")
    return inside, unknown


@rule(
    "2.4.3",
    code="repeat_community_resolutions",
    topic=HISTORY,
    effect=EXCLUDES,
    disposal="conditional_caution",
    rulings=("R13",),
    notes=("R35",),
    uses=("offender.previous_outcomes", "offence.date"),
    text="An offender should not receive multiple community resolutions: the force's limit of "
    "previous CRs within the {window_adj} window is reached, so a conditional caution should be "
    "considered.",
)
def repeat_community_resolutions(c):
    """“An offender should not receive multiple community resolutions if they continue to
    re-offend” — Ruling R13."""
    result = _crs_in_window(c)
    if not result:
        return result
    inside, unknown = result
    limit = c.pack.repeat_cr_limit
    if len(inside) >= limit:
        dates = ", ".join(p.date.isoformat() for _, p in inside)
        return Fired(
            detail=f"{len(inside)} previous CRs within {c.pack.window_months} months ({dates}).",
            disposal=c.pack.repeat_cr_disposal,
        )
    if len(inside) + len(unknown) >= limit:
        return missing(*(path for _, path in unknown))
    return False


@rule(
    "2.4.3",
    code="second_cr_similar_offence",
    topic=HISTORY,
    effect=REQUIRES,
    authority="repeat_cr",
    rulings=("R13",),
    notes=("R35",),
    records=("rationale",),
    uses=("offender.previous_outcomes", "offence.category", "offence.date"),
    text="A second CR for a similar offence within {window} needs a Sergeant, with full rationale.",
)
def second_cr_similar_offence(c):
    """“it may be appropriate in certain circumstances for an offender to receive a second
    Community Resolution for a similar offence within a 12 month period” — Ruling R13."""
    result = _crs_in_window(c)
    if not result:
        return result
    inside, unknown = result
    if len(inside) >= c.pack.repeat_cr_limit:
        return False  # repeat_community_resolutions excludes instead
    if not inside and not unknown:
        return False
    category = c.offence.category
    if category is None:
        return missing("offence.category")
    needs = [path for _, path in unknown]
    for i, prev in inside:
        if prev.category is None:
            needs.append(f"offender.previous_outcomes.{i}.category")
        elif prev.category == category:
            return Fired(detail=f"Previous CR for {category} on {prev.date.isoformat()}.")
    return missing(*needs) if needs else False


@rule(
    "2.4.4",
    code="previous_compliance",
    topic=HISTORY,
    effect=INFORMS,
    records=("previous_compliance",),
    uses=("offender.previous_outcomes",),
    text="The offender's engagement with and compliance with previous conditions must be "
    "considered before a further sanction.",
)
def previous_compliance(c):
    """“engagement and compliance with any previous conditions should be considered”"""
    return bool(c.offender.previous_outcomes)
