"""Instructions a line of `crs assess --batch`, phase by phase (callgrind).

    .venv/bin/python benchmarks/instructions.py [CASES]

Wall-clock figures move with the machine's load; instruction counts do not.
This runs the batch loop in-process under `valgrind --tool=callgrind` over the
first CASES (default 2,000) of the cases `crs bench` generates, once per
phase that the loop goes up to (decode the JSON; parse the facts; choose the
pack, assess and write the answer as the batch does), and once with no lines, so that the cost
of start-up and set-up is taken off. Each phase's figure is the difference
between consecutive runs, divided by the lines. Needs valgrind.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

PHASES = ("decode JSON", "parse facts", "assess, write")


def loop(path: str, upto: int, n: int) -> None:
    """The batch loop of crs.cli, stopped after phase `upto` (0: read the lines only)."""
    import orjson

    from crs.policy import FactsError, PackError
    from crs.policy.batch import AnswerText
    from crs.policy.facts import parse_facts
    from crs.policy.pack import pack_for

    lines = Path(path).read_bytes().splitlines()[:n]
    today, packs, answers = date.today(), {}, AnswerText().parts
    pack_for(today)  # loaded once in every run, so that its cost is taken off
    for line in lines:
        if upto < 1:
            continue
        try:
            document = orjson.loads(line)
            if upto < 2:
                continue
            facts = parse_facts(document, today=today)
            if upto < 3:
                continue
            pack = packs.get(facts.assessed_on)
            if pack is None:
                pack = packs[facts.assessed_on] = pack_for(facts.assessed_on)
            b"".join(answers(facts, pack))
        except (FactsError, PackError, orjson.JSONDecodeError):
            pass


def _instructions(path: Path, upto: int, n: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/out",
                sys.executable,
                __file__,
                "--loop",
                str(path),
                str(upto),
                str(n),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:  # pragma: no cover - valgrind changed its report
        raise SystemExit(result.stderr)
    return int(found.group(1))


def main(argv: list[str]) -> None:
    if argv[:1] == ["--loop"]:
        loop(argv[1], int(argv[2]), int(argv[3]))
        return
    from crs.bench import iter_cases, write_cases

    n = int(argv[0]) if argv else 2000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.jsonl"
        write_cases(iter_cases(n), path)
        base = _instructions(path, 0, n)
        counts = [_instructions(path, upto, n) for upto in range(1, len(PHASES) + 1)]
    previous, total = base, 0
    print(f"{n:,} lines, instructions a line (callgrind):")
    for name, count in zip(PHASES, counts, strict=True):
        each = (count - previous) / n
        total += each
        previous = count
        print(f"  {name:12} {each / 1000:7.1f}k")
    print(f"  {'total':12} {total / 1000:7.1f}k")


if __name__ == "__main__":
    main(sys.argv[1:])
