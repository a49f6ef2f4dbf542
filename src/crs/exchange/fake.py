"""Fake records-system extracts, for the tests and the benchmark (invented people only).

    python -m crs.exchange.fake ROWS FILE [--seed N] [--invalid-every N]

The names are drawn from short invented lists; a given seed always gives the
same file. With --invalid-every N, every Nth row is broken in one of the ways
the import must report (a bad date, an unknown outcome, a missing name...).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from datetime import date, timedelta
from typing import TextIO

from crs.policy.facts import CATEGORIES

from .rows import COLUMNS

GIVEN = (
    "Quinn", "Avery", "Rowan", "Ellis", "Harper", "Morgan", "Sasha", "Jules", "Remy", "Tamsin",
    "Idris", "Noor", "Cass", "Bryn", "Lowen", "Perrin", "Odette", "Fenwick", "Marlow", "Isolde",
)  # fmt: skip
FAMILY = (
    "Redbrook", "Ashcombe", "Thornley", "Pellow", "Marchbank", "Quarrie", "Dunmore", "Fallow",
    "Gorsedene", "Hawtrey", "Kestell", "Lindqvist-Oyelaran", "Moorcroft", "Nantwhite",
    "Ottery", "Penhallow", "Rudgewick", "Saltmarsh", "Treloweth", "Wendron",
)  # fmt: skip
OUTCOMES = (
    ("community_resolution", 30), ("simple_caution", 20), ("conditional_caution", 8),
    ("youth_caution", 6), ("youth_conditional_caution", 3), ("penalty_notice", 10),
    ("cannabis_khat_warning", 5), ("conviction", 18),
)  # fmt: skip
# How the records system may spell some of them (the import maps these).
SPELLINGS = {
    "simple_caution": ("Caution", "Adult caution"),
    "penalty_notice": ("PND",),
    "community_resolution": ("Community Resolution", "CR"),
    "cannabis_khat_warning": ("Cannabis warning",),
}
BREAKAGES = (
    ("date_of_birth", "31/02/1990"),
    ("outcome", "telling off"),
    ("outcome_date", "2099-01-01"),
    ("family_name", ""),
    ("offence_category", "jaywalking"),
    ("pnc_id", "12345"),
    ("source_reference", ""),
    ("substance", "tea"),
)


def rows(count: int, *, seed: int = 20240301, invalid_every: int = 0, today: date | None = None):
    """`count` rows as lists in COLUMNS order."""
    rng = random.Random(seed)
    today = today or date(2024, 3, 1)
    kinds, weights = zip(*OUTCOMES, strict=True)
    # About three outcomes a person: the people first, then their outcomes.
    people = []
    for _ in range(max(1, count // 3)):
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
        check = rng.choice("ABCDEFGHJKLMNPQRTUVWXY")
        pnc = f"{born.year + 18}/{rng.randrange(10**7):07d}{check}" if rng.random() < 0.8 else ""
        people.append((rng.choice(FAMILY), rng.choice(GIVEN), born, pnc))
    for n in range(1, count + 1):
        family, given, born, pnc = rng.choice(people)
        kind = rng.choices(kinds, weights)[0]
        when = born + timedelta(
            days=rng.randrange(365 * 10, max(365 * 10 + 1, (today - born).days))
        )
        when = min(when, today)
        category = rng.choice(CATEGORIES)
        substance = ""
        if kind == "cannabis_khat_warning":
            category, substance = "drugs_possession", rng.choice(("cannabis", "khat"))
        elif category == "drugs_possession" and rng.random() < 0.5:
            substance = "cannabis"
        spelt = rng.choice(SPELLINGS[kind]) if kind in SPELLINGS and rng.random() < 0.3 else kind
        row = {
            "source_reference": f"RMS-{n:08d}",
            "family_name": family,
            "given_name": given,
            "date_of_birth": born.isoformat() if n % 4 else born.strftime("%d/%m/%Y"),
            "outcome": spelt,
            "outcome_date": when.isoformat(),
            "pnc_id": pnc,
            "offence_category": category,
            "substance": substance,
        }
        if invalid_every and n % invalid_every == 0:
            column, bad = BREAKAGES[(n // invalid_every - 1) % len(BREAKAGES)]
            row[column] = bad
            if column == "substance":
                row["offence_category"] = "drugs_possession"
        yield [row[c] for c in COLUMNS]


def write_extract(out: TextIO, count: int, **options) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(count, **options))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crs.exchange.fake", description=__doc__)
    parser.add_argument("rows", type=int)
    parser.add_argument("file", help='where to write, or "-" for standard output')
    parser.add_argument("--seed", type=int, default=20240301)
    parser.add_argument("--invalid-every", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    options = {"seed": args.seed, "invalid_every": args.invalid_every}
    if args.file == "-":
        write_extract(sys.stdout, args.rows, **options)
    else:
        with open(args.file, "w", encoding="utf-8", newline="") as out:
            write_extract(out, args.rows, **options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
