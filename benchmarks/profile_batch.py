"""Where the time of `crs assess --batch` goes, phase by phase and function by function.

    .venv/bin/python benchmarks/profile_batch.py [CASES] [--profile]

Runs the batch loop of crs.cli in-process over the cases `crs bench` generates
(same seed), timing each phase as the batch runs it: JSON decoding, parsing the
facts, choosing the pack, then the rules and the answer's JSON text together
(crs.policy.batch writes the text straight from the rules' findings: decision 0008).
With --profile it also runs the real `crs assess --batch` under cProfile and
prints the top functions by own time.
Pin it to one core (`taskset -c 0 ...`) to match the benchmark.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import orjson

from crs.bench import iter_cases, write_cases
from crs.cli import main
from crs.policy import FactsError, PackError
from crs.policy.batch import AnswerText
from crs.policy.facts import parse_facts
from crs.policy.pack import pack_for


def phases(lines: list[bytes]) -> None:
    clock = time.perf_counter
    spent = dict.fromkeys(("decode JSON", "parse facts", "choose pack", "assess, write"), 0.0)
    names = list(spent)
    today, packs, answers = date.today(), {}, AnswerText().parts
    start, cpu = clock(), time.process_time()
    for line in lines:
        marks = [clock()]
        try:
            document = orjson.loads(line)
            marks.append(clock())
            facts = parse_facts(document, today=today)
            marks.append(clock())
            pack = packs.get(facts.assessed_on)
            if pack is None:
                pack = packs[facts.assessed_on] = pack_for(facts.assessed_on)
            marks.append(clock())
            b"".join(answers(facts, pack))
            marks.append(clock())
        except (FactsError, PackError, orjson.JSONDecodeError):
            pass
        for name, a, b in zip(names, marks, marks[1:], strict=False):
            spent[name] += b - a
    total, cpu = clock() - start, time.process_time() - cpu
    n = len(lines)
    # CPU time is the steadier figure on a busy machine; the split is of wall time.
    print(
        f"{n:,} lines in-process: {n / total:,.0f}/s by the clock, {n / cpu:,.0f}/s of CPU; "
        f"{total / n * 1e6:.1f} us a line"
    )
    for name, seconds in spent.items():
        print(f"  {name:12} {seconds / n * 1e6:7.1f} us  {seconds / total:5.1%}")
    print(f"  {'loop, other':12} {(total - sum(spent.values())) / n * 1e6:7.1f} us")


def profile(path: Path, top: int = 30) -> None:
    stdout = sys.stdout
    sys.stdout = io.TextIOWrapper(open("/dev/null", "wb"))  # noqa: SIM115 - answers discarded
    profiler = cProfile.Profile()
    try:
        profiler.runcall(main, ["assess", "--batch", str(path)])
    finally:
        sys.stdout = stdout
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(top)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 20_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.jsonl"
        write_cases(iter_cases(n), path)
        phases(path.read_bytes().splitlines())
        if "--profile" in sys.argv:
            sys.stderr = io.StringIO()  # the invalid lines' messages
            profile(path)
