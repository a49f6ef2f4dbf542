"""How sure a disproportionality ratio is: its 95% confidence interval.

A ratio divides one group's CRs given per head of its population by the reference
group's. CRs are events counted (a person can be given more than one), so the two
counts are taken as Poisson and the interval is the exact conditional one, as R's
`poisson.test` gives for two rates: of the a + c CRs of the two groups together, the
group's a is Binomial(a + c, p) with p = n1 r1 / (n1 r1 + n2 r2); the Clopper-Pearson
interval for p (scipy.stats.binomtest) becomes one for r1 / r2 = p / (1 - p) x n2 / n1.
Unlike the Katz log interval for a risk ratio it holds when a count is 0 and does not
need the count to be below the population (an illustrative or out-of-date baseline
can give a small group more CRs than people).
"""

from __future__ import annotations

import math
from typing import NamedTuple

LEVEL = 0.95


class Interval(NamedTuple):
    low: float
    high: float  # math.inf when the reference group has no CRs given


def rate_ratio(a: int, n1: int, c: int, n2: int, *, level: float = LEVEL) -> Interval | None:
    """The interval of (a / n1) / (c / n2); None when neither group has a CR given."""
    if a + c == 0:
        return None
    # Imported here: scipy.stats takes seconds to import, and every web worker imports this
    # module when it loads the site's URLs.
    from scipy.stats import binomtest

    p = binomtest(a, a + c).proportion_ci(confidence_level=level, method="exact")

    def ratio(share: float) -> float:
        return math.inf if share >= 1 else share / (1 - share) * n2 / n1

    return Interval(ratio(p.low), ratio(p.high))
