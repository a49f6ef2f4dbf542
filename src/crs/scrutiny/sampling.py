"""Drawing a scrutiny sample: reproducible, stratified by offence category in proportion.

Reproducible: the closed cases of the period are read in primary-key order,
grouped by offence category, and the categories taken in alphabetical order;
only then does `random.Random(seed)` choose. So the same seed over the same
closed cases always draws the same cases in the same order, and anyone can
check a sample by drawing it again.

Proportional (largest remainder, Hamilton's method): each category's share
of the sample is size × its cases ÷ all cases; every category gets the whole
part of its share, and the places left go to the largest fractional parts
(ties to the larger category, then by name). A category too small for a
whole place can get none: the panel sees the force's mix, not every kind.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

NOT_RECORDED = ""  # the stratum of cases whose offence category was never recorded


@dataclass(frozen=True)
class Draw:
    population: int
    strata: dict[str, list[int]]  # category -> [cases, drawn]
    chosen: list[tuple[int, str]]  # (case pk, category) in the order drawn


def quotas(sizes: dict[str, int], size: int) -> dict[str, int]:
    """Each stratum's places by the largest remainder; sums to min(size, all cases)."""
    total = sum(sizes.values())
    size = min(size, total)
    if size <= 0:
        return dict.fromkeys(sizes, 0)
    # Exact arithmetic: share = size * n / total, kept as a whole part and a remainder.
    places = {k: size * n // total for k, n in sizes.items()}
    left = size - sum(places.values())
    order = sorted(sizes, key=lambda k: (-(size * sizes[k] % total), -sizes[k], k))
    for k in order[:left]:
        places[k] += 1
    return places


def draw(cases: Iterable[tuple[int, str]], size: int, seed: int) -> Draw:
    """Choose `size` of `cases` ((pk, offence category) pairs) with `seed`."""
    groups: dict[str, list[int]] = {}
    for pk, category in sorted(cases):
        groups.setdefault(category or NOT_RECORDED, []).append(pk)
    places = quotas({k: len(v) for k, v in groups.items()}, size)
    rng = random.Random(seed)
    chosen: list[tuple[int, str]] = []
    for category in sorted(groups):
        chosen.extend((pk, category) for pk in rng.sample(groups[category], places[category]))
    return Draw(
        population=sum(len(v) for v in groups.values()),
        strata={k: [len(groups[k]), places[k]] for k in sorted(groups)},
        chosen=chosen,
    )
