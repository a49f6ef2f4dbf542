"""SOP 3.1: the gravity matrix."""

from ..rule import EXCLUDES, REQUIRES, Fired, missing, rule

_GRAVITY = ("offence.gravity.matrix", "offence.gravity.base_score", "offence.gravity.final_score")
_FIELDS = tuple((path, path.rsplit(".", 1)[1]) for path in _GRAVITY)


def _final_score(c):
    g = c.offence.gravity
    if g is None:
        return missing("offence.gravity", *_GRAVITY)
    if g.matrix is None or g.base_score is None or g.final_score is None:
        return missing(*(path for path, name in _FIELDS if getattr(g, name) is None))
    return g


@rule(
    "3.1.1",
    code="gravity_score_excludes",
    effect=EXCLUDES,
    rulings=("R21",),
    notes=("R30",),
    uses=_GRAVITY,
    text="The gravity matrix score indicates an outcome other than a community resolution.",
)
def gravity_score_excludes(c):
    """“The matrix provides a score-based approach that indicates the appropriate outcome
    (4=charge to 1=Community Resolution)” — Ruling R21."""
    g = _final_score(c)
    if not g:
        return g
    matrix = c.pack.matrices[g.matrix]
    score = g.final_score
    if score not in matrix.excluded:
        return False
    detail = f"Final score {score} on the {g.matrix} matrix (base {g.base_score})."
    indicated = matrix.indicates.get(score)
    if indicated:
        detail += f" The matrix indicates {indicated}."
    if g.matrix == "child" and score > max(matrix.cr_scores, default=score):
        c.note("R30")  # the child matrix above a CR: youth caution to charge
    return Fired(detail=detail, disposal=matrix.excluded[score])


@rule(
    "3.1.1",
    code="gravity_score_departure",
    effect=REQUIRES,
    authority="gravity_departure",
    rulings=("R21",),
    records=("rationale", "gravity_departure_rationale"),
    uses=_GRAVITY,
    text="The gravity score points above a community resolution: a CR departs from the matrix "
    "and needs authority with the rationale for departing.",
)
def gravity_score_departure(c):
    """“The gravity matrix should always be referred too when considering the most appropriate
    outcome” — Ruling R21."""
    g = _final_score(c)
    if not g:
        return g
    if g.final_score in c.pack.matrices[g.matrix].departure_scores:
        return Fired(detail=f"Final score {g.final_score} on the {g.matrix} matrix.")
    return False
