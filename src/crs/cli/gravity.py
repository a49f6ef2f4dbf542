"""`crs gravity lookup`: the command-line door onto crs.policy.gravity."""

from __future__ import annotations

import os
import sys
import textwrap

from crs.cli import CliError
from crs.policy.gravity import (
    ENV_VAR,
    SAMPLE_LABEL,
    SAMPLE_PATH,
    Entry,
    GravityError,
    _words,
    load_matrix,
)

_ADVICE = (
    "A base score is where the matrix starts: weigh the aggravating and mitigating factors "
    "(the final score at most one from the base, Ruling R21) and record on the investigation "
    "log how the score was arrived at (SOP 3.1.1)."
)


def cmd_lookup(args) -> int:
    """`crs gravity lookup`: print the matching offences; exit 0, 1 (none) or 2."""
    if args.limit < 1:
        raise CliError(f"--limit: must be at least 1, got {args.limit}")
    if not _words(args.text):
        raise CliError("TEXT: give at least one word of the offence, e.g. shoplifting")
    path = args.csv if args.csv is not None else os.environ.get(ENV_VAR) or SAMPLE_PATH
    try:
        table = load_matrix(path)
    except GravityError as exc:
        raise CliError(f"gravity CSV {exc}") from None
    out = [SAMPLE_LABEL] if table.illustrative else []
    out.append(f"Gravity matrix: {table.source} ({_count(len(table.entries), 'offence')})")
    found = table.lookup(args.text, None)
    if found:
        shown = found[: args.limit]
        verb = "matches" if len(found) == 1 else "match"
        line = f'{_count(len(found), "offence")} {verb} "{args.text}"'
        if len(shown) < len(found):
            line += f" (the closest {len(shown)}; --limit N shows more)"
        out += [line + ":", "", *_table(shown)]
    else:
        shown = table.suggest(args.text, args.limit)
        if shown:
            out += [f'No offence matches every word of "{args.text}". Closest:', ""]
            out += _table(shown)
        else:
            out.append(f'No offence matches "{args.text}", and none is close.')
    if shown:
        out += ["", *textwrap.wrap(_ADVICE, 96)]
    sys.stdout.write("\n".join(out) + "\n")
    return 0 if found else 1


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _table(entries: list[Entry]) -> list[str]:
    heads = ("Offence", "Category", "Matrix", "Base score")
    offence_width = min(max(len(heads[0]), *(len(e.offence) for e in entries)), 60)
    category_width = max(len(heads[1]), *(len(e.category) for e in entries))
    widths = (offence_width, category_width, len(heads[2]))
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, (*widths, 0), strict=True)).rstrip()]
    for e in entries:
        names = textwrap.wrap(e.offence, offence_width) or [e.offence]
        cells = (names[0], e.category, e.matrix, str(e.base_score))
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, (*widths, 0), strict=True)))
        lines += names[1:]
        for label, text in (
            ("aggravating", "; ".join(e.aggravating)),
            ("mitigating", "; ".join(e.mitigating)),
            ("notes", e.notes),
        ):
            if text:
                lines += textwrap.wrap(
                    f"{label}: {text}", 96, initial_indent="    ", subsequent_indent="      "
                )
    return lines
