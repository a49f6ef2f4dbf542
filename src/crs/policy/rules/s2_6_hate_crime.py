"""SOP 2.6: hate crime."""

from ..rule import EXCLUDES, REQUIRES, Fired, missing, rule, topic

HATE = topic("hate", "o.hate_crime")


@rule(
    "2.6.1",
    code="hate_crime_victim_support",
    topic=HATE,
    effect=EXCLUDES,
    rulings=("R18", "R19"),
    uses=("offence.hate_crime", "victim.kind", "victim.consulted", "victim.consents"),
    text="For a hate crime the victim's views must be considered and must support a CR; "
    "without that support a CR cannot be used.",
)
def hate_crime_victim_support(c):
    """“The victim’s views MUST be considered and support the use of a Community Resolution”
    — Rulings R18, R19."""
    if not c.offence.hate_crime or not c.identifiable_victim:
        return False  # no identifiable victim (or not known yet): the rule of Ruling R32
    v = c.victim
    if v.consulted is None:
        return missing("victim.consulted")
    if not v.consulted:
        return Fired(detail="The victim was not consulted.")
    if v.consents is None:
        return missing("victim.consents")
    return Fired(detail="The victim does not support it.") if not v.consents else False


@rule(
    "2.6.1",
    code="hate_crime_no_identifiable_victim",
    topic=HATE,
    effect=EXCLUDES,
    rulings=("R32",),
    uses=("offence.hate_crime", "victim.kind"),
    text="For a hate crime the victim's support is mandatory; the victim is the state or there "
    "is none, so nobody can give it and a CR cannot be used.",
)
def hate_crime_no_identifiable_victim(c):
    """“The victim’s views MUST be considered and support the use of a Community Resolution”
    — Ruling R32."""
    if not c.offence.hate_crime:
        return False
    if c.identifiable_victim is None:
        return missing("victim.kind")
    return not c.identifiable_victim


@rule(
    "2.6.1",
    code="hate_crime_not_low_level",
    topic=HATE,
    effect=EXCLUDES,
    rulings=("R19",),
    uses=("offence.hate_crime", "offence.gravity.final_score"),
    text="A hate crime can be resolved by a CR only when the offence is low-level and minor in "
    "line with the gravity matrix.",
)
def hate_crime_not_low_level(c):
    """“This must be a low-level offence and minor in nature in line with the gravity matrix”
    — Ruling R19."""
    if not c.offence.hate_crime:
        return False
    g = c.offence.gravity
    if g is None or g.matrix is None or g.final_score is None:
        return missing("offence.gravity")  # the gravity rule names the exact facts
    return g.matrix == "adult" and g.final_score > c.pack.hate_crime_max_adult_score


@rule(
    "2.6.1",
    code="hate_crime",
    topic=HATE,
    effect=REQUIRES,
    authority="hate_crime",
    rulings=("R19",),
    records=("rationale", "victim_views_in_full", "authorisation_in_full"),
    uses=("offence.hate_crime",),
    text="A CR for a hate crime needs an Inspector or above; the victim's views and the "
    "authorisation must be fully detailed on the 1912.",
)
def hate_crime(c):
    """“A supervisor of Inspector or above must also give authority” — Ruling R19."""
    return c.offence.hate_crime
