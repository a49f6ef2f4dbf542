"""`crs bench`: measure the two performance targets of the command line.

1. `crs assess --batch` sustains at least 20,000 assessments per second on one
   core (the batch runs pinned to a single CPU);
2. `crs assess FILE` starts and answers in at most twice the time of
   `python -c "import pydantic"`.

Everything is measured on the real command, in subprocesses, as a user runs
it. The cases are generated from a fixed seed, so two runs measure the same
work. It is a report: it exits 0 even when a target is missed, and says FAIL.
"""

from __future__ import annotations

import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from .policy.ages import years_between
from .policy.facts import (
    ADULT_MATRIX_AGE,
    CATEGORIES,
    DOMESTIC_ABUSE,
    DRUG_CLASSES,
    OFFICER_ROLES,
    OUTCOME_KINDS,
    SUBSTANCES,
    VICTIM_KINDS,
)

TARGET_RATE = 20_000  # assessments per second, one core
TARGET_STARTUP_RATIO = 2.0  # times `python -c "import pydantic"`
SEED = 20240301
BATCH_RUNS = 5
STARTUP_RUNS = 20
WARMUP_RUNS = 2
INVALID_EVERY = 50  # one line in 50 is invalid on purpose

COMMON = (
    "theft",
    "criminal_damage",
    "public_order",
    "assault",
    "harassment",
    "drugs_possession",
)
DESCRIPTIONS = (
    "Theft of food worth £12 from a shop",
    "Kicked a wing mirror off a parked car",
    "Swearing at door staff outside a bar",
    "Pushed a neighbour during an argument",
    "Small amount of cannabis found on search",
    "Sent repeated unwanted messages",
    "",
)


@dataclass(frozen=True, slots=True)
class Case:
    """One generated input line, and what `crs assess --batch` should make of it."""

    line: bytes  # without the newline
    valid: bool
    kind: str  # what the line exercises (for invalid lines: how it is broken)


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _maybe_drop(rng: random.Random, group: dict, keys: tuple[str, ...], p: float) -> None:
    """Leave one of `keys` out now and then: an unknown fact the engine must name."""
    if keys and rng.random() < p:
        group.pop(rng.choice(keys), None)


def valid_facts(rng: random.Random, i: int) -> dict:
    """A valid case; `i` rotates the categories and victim kinds so that every one occurs."""
    assessed = _day(rng, date(2023, 8, 1), date(2024, 12, 31))
    offence_day = _day(rng, assessed - timedelta(days=150), assessed)
    juvenile = rng.random() < 0.35
    age = rng.randint(9, 17) if juvenile else rng.randint(18, 80)
    born = offence_day - timedelta(days=365 * age + rng.randint(1, 360))
    # Ruling R29: the matrix by the age on the assessment date (a youth at the offence may
    # be 18 by then).
    juvenile = years_between(born, assessed) < ADULT_MATRIX_AGE
    # One case in three takes every category in turn; the rest the common ones.
    category = CATEGORIES[(i // 3) % len(CATEGORIES)] if i % 3 == 0 else rng.choice(COMMON)

    # Weighted towards the low scores and short histories of the cases a CR is
    # considered for, so that the decisions are mixed rather than mostly not_eligible.
    high = 5 if juvenile else 4
    weights = (10, 65, 15, 7, 3) if juvenile else (70, 18, 8, 4)  # a CR is 2 on the child matrix
    base = rng.choices(range(1, high + 1), weights=weights)[0]
    final = min(high, max(1, base + rng.choices((-1, 0, 1), weights=(5, 90, 5))[0]))
    offence: dict = {
        "date": offence_day.isoformat(),
        "category": category,
        "gravity": {
            "matrix": "child" if juvenile else "adult",
            "base_score": base,
            "final_score": final,
        },
    }
    description = rng.choice(DESCRIPTIONS)
    if description:
        offence["description"] = description
    implied = {"weapon_possession": "knife_or_weapon", "sexual": "sexual", "traffic": "traffic"}
    if category in implied and rng.random() < 0.5:
        offence[implied[category]] = True
    if category == "drugs_possession" and rng.random() < 0.9:
        offence["drug"] = {
            "class": rng.choice(DRUG_CLASSES),
            "substance": rng.choice(SUBSTANCES),
            "personal_use": rng.random() < 0.8,
        }
    for flag, p in (("hate_crime", 0.05), ("exceptional_circumstances", 0.05)):
        if rng.random() < p:
            offence[flag] = True
    if rng.random() < 0.1:
        offence["domestic_abuse"] = rng.choice(DOMESTIC_ABUSE)
        offence["coercive_control"] = rng.random() < 0.3

    offender: dict = {
        "date_of_birth": born.isoformat(),
        "accepts_responsibility": rng.random() < 0.95,
        "understands_process": rng.random() < 0.95,
        "consents": rng.random() < 0.95,
        "court_order": rng.random() < 0.05,
        "bail_post_charge": rng.random() < 0.03,
        "suspended_sentence": rng.random() < 0.03,
        "wanted_on_warrant": rng.random() < 0.02,
        "previous_outcomes": [
            _previous(rng, assessed, born)
            for _ in range(rng.choices((0, 1, 2, 3), weights=(55, 25, 12, 8))[0])
        ],
    }
    if rng.random() < 0.1:
        offender["vulnerable"] = True
        offender["capacity_confirmed"] = rng.random() < 0.8
    if rng.random() < 0.05:
        offender["released_under_investigation"] = True
    _maybe_drop(rng, offender, ("consents", "court_order", "previous_outcomes"), 0.1)

    kind = VICTIM_KINDS[i % len(VICTIM_KINDS)]
    victim: dict = {"kind": kind}
    if kind in ("person", "organisation"):
        victim["consulted"] = rng.random() < 0.95
        victim["consents"] = rng.random() < 0.85
        victim["opportunity_to_express_views"] = rng.random() < 0.95
        _maybe_drop(rng, victim, ("consents", "opportunity_to_express_views"), 0.1)

    role = rng.choice(OFFICER_ROLES)
    officer: dict = {"role": role, "rj_level1_trained": rng.random() < 0.85}
    if role == "pcso":
        officer["pcso_designated_power"] = rng.random() < 0.7
        officer["investigated_by_warranted_officer"] = rng.random() < 0.9
    _maybe_drop(rng, officer, ("rj_level1_trained",), 0.05)

    facts: dict = {"offence": offence, "offender": offender, "victim": victim, "officer": officer}
    # Now and then assessed_on is left out: today stands in, and every date above is past.
    if rng.random() < 0.95:
        facts = {"assessed_on": assessed.isoformat(), **facts}
    elif years_between(born, date.today()) >= ADULT_MATRIX_AGE and juvenile:
        # Judged on today, a youth may be an adult: then the adult matrix (Ruling R29).
        gravity = offence["gravity"]
        gravity["matrix"] = "adult"
        gravity["base_score"] = min(gravity["base_score"], 4)
        gravity["final_score"] = min(gravity["final_score"], 4)
    if rng.random() < 0.02:
        facts.pop(rng.choice(("victim", "officer")))  # a whole group unknown
    return facts


def _previous(rng: random.Random, assessed: date, born: date) -> dict:
    # From age 10 (when a sanction could first be given) to the assessment, at most 5 years.
    start = max(born + timedelta(days=365 * 10), assessed - timedelta(days=5 * 365))
    start = min(start, assessed)
    item = {"outcome": rng.choice(OUTCOME_KINDS), "date": _day(rng, start, assessed).isoformat()}
    if rng.random() < 0.8:
        item["category"] = rng.choice(CATEGORIES)
        if item["category"] == "drugs_possession":
            item["substance"] = rng.choice(SUBSTANCES)
    return item


def _set(facts: dict, path: str, value) -> dict:
    *parents, last = path.split(".")
    group = facts
    for key in parents:
        group = group.setdefault(key, {})
    group[last] = value
    return facts


def _breakers():
    """Ways to make a valid case invalid: each must give {"line": N, "error": ...}."""

    def age_after_offence(f):
        day = date.fromisoformat(f["offence"]["date"]) + timedelta(days=1)
        return _set(f, "offender.date_of_birth", day.isoformat())

    def offence_after_assessment(f):
        f["assessed_on"] = "2024-01-10"
        return _set(f, "offence.date", "2024-01-11")

    return (
        ("unknown_key", lambda f: _set(f, "victim.mood", "angry")),
        ("wrong_type", lambda f: _set(f, "offender.consents", "yes")),
        ("impossible_date", lambda f: _set(f, "offence.date", "2024-02-30")),
        ("born_after_offence", age_after_offence),
        ("offence_after_assessment", offence_after_assessment),
        ("score_out_of_range", lambda f: _set(f, "offence.gravity.base_score", 9)),
        (
            "final_score_too_far",
            lambda f: _set(
                f, "offence.gravity", {"matrix": "adult", "base_score": 1, "final_score": 3}
            ),
        ),
        ("drug_on_theft", lambda f: _set(_set(f, "offence.category", "theft"), "offence.drug", {})),
        (
            "weapon_flag_false",
            lambda f: _set(
                _set(f, "offence.category", "weapon_possession"), "offence.knife_or_weapon", False
            ),
        ),
        ("null_for_default", lambda f: _set(f, "offence.hate_crime", None)),
        ("not_an_object", lambda f: [f]),
        ("malformed_json", None),
    )


BREAKERS = _breakers()


def iter_cases(n: int, seed: int = SEED) -> Iterator[Case]:
    """`n` cases from `seed`; line i (from 1) is invalid when i % INVALID_EVERY == 7."""
    rng = random.Random(seed)
    broken = 0
    for i in range(1, n + 1):
        facts = valid_facts(rng, i)
        if i % INVALID_EVERY != 7:
            yield Case(_dumps(facts), True, facts["offence"]["category"])
            continue
        name, breaker = BREAKERS[broken % len(BREAKERS)]
        broken += 1
        line = _dumps(facts)[:-7] if breaker is None else _dumps(breaker(facts))
        yield Case(line, False, name)


def generate_cases(n: int, seed: int = SEED) -> list[Case]:
    return list(iter_cases(n, seed))


def _dumps(document) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def write_cases(cases: Iterable[Case], path: Path) -> list[tuple[bool, str]]:
    """Write the lines; return (valid, kind) of each, to check the answers by."""
    expected = []
    with open(path, "wb") as fh:
        for case in cases:
            fh.write(case.line + b"\n")
            expected.append((case.valid, case.kind))
    return expected


# --- running and timing ------------------------------------------------------


def _pin() -> tuple[list[str], str]:
    """The prefix that pins a command to one CPU, and how it was pinned."""
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else [0]
    cpu = 0 if 0 in cpus else cpus[0]
    if shutil.which("taskset"):
        return ["taskset", "-c", str(cpu)], f"taskset -c {cpu}"
    return [], "NOT pinned: taskset is not available, the batch may use any core"


def _timed(cmd: list[str]) -> tuple[float, int, float]:
    """Wall seconds, exit code and CPU seconds (user + system) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return took, proc.returncode, usage.ru_utime + usage.ru_stime


class BenchError(Exception):
    """The command under test misbehaved, so its timing would mean nothing."""


# Runs a command and writes its peak RSS (KiB) to a file. A child's ru_maxrss starts
# at the size of the process that forked it, so the fork must come from a process much
# smaller than the command measured: a bare `python -I -S`, not the bench itself.
_PEAK_RSS = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as fh:
    fh.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _check_batch(
    python: str, cmd: list[str], expected: list[tuple[bool, str]], workdir: Path
) -> tuple[float, dict[str, int]]:
    """One run kept on disk: every line answered, the invalid ones as errors.

    Returns the command's peak RSS in MiB and how many of each decision it gave.
    """
    answers, errors, rss = workdir / "answers.jsonl", workdir / "errors.txt", workdir / "rss"
    with open(answers, "wb") as out, open(errors, "wb") as err:
        done = subprocess.run(
            [python, "-I", "-S", "-c", _PEAK_RSS, str(rss), *cmd], stdout=out, stderr=err
        )
    if done.returncode not in (0, 2):
        said = [ln for ln in errors.read_text().splitlines() if not ln.startswith("crs: line ")]
        raise BenchError(
            f"crs assess --batch exited {done.returncode}: {said[-1] if said else 'no message'}"
        )
    answered, decisions = 0, Counter()
    with open(answers, "rb") as fh:  # line by line: the bench must stay small (see peak RSS)
        for (valid, kind), raw in zip(expected, fh, strict=False):
            answered += 1
            answer = json.loads(raw)
            if valid != ("decision" in answer) or valid == ("error" in answer):
                raise BenchError(f"line {answered} ({kind}): unexpected answer {raw[:120]!r}")
            decisions[answer.get("decision", "(invalid)")] += 1
        answered += sum(1 for _ in fh)
    if answered != len(expected):
        raise BenchError(f"crs assess --batch answered {answered} of {len(expected)} lines")
    return int(rss.read_text()) / 1024, dict(decisions.most_common())  # ru_maxrss is KiB


def bench_batch(python: str, n: int, workdir: Path, runs: int = BATCH_RUNS) -> dict:
    path = workdir / "cases.jsonl"
    expected = write_cases(iter_cases(n), path)
    prefix, pinned = _pin()
    cmd = [*prefix, python, "-m", "crs", "assess", "--batch", str(path)]
    peak_mib, decisions = _check_batch(python, cmd, expected, workdir)  # also warms the file cache
    empty = workdir / "empty.jsonl"
    empty.write_bytes(b"")
    overhead = statistics.median(
        _timed([*prefix, python, "-m", "crs", "assess", "--batch", str(empty)])[0] for _ in range(3)
    )
    seconds, cpu = [], []
    for _ in range(runs):
        took, code, used = _timed(cmd)
        if code not in (0, 2):
            raise BenchError(f"crs assess --batch exited {code}")
        seconds.append(took)
        cpu.append(used)
    median = statistics.median(seconds)
    return {
        "command": " ".join([*cmd[:-1], "FILE"]),
        "pinned": pinned,
        "cases": n,
        "invalid_cases": sum(not valid for valid, _ in expected),
        "decisions": decisions,
        "seed": SEED,
        "runs_seconds": [round(s, 4) for s in seconds],
        "rate_median": n / median,
        "rate_best": n / min(seconds),
        # Per second of CPU used: steadier than the clock when others share the core.
        "cpu_seconds": [round(s, 4) for s in cpu],
        "rate_cpu_median": n / statistics.median(cpu),
        # Waiting for the core: another process shared it, so the clock rates read low.
        "core_contended": statistics.median(cpu) < 0.85 * median,
        # Without the fixed cost of starting Python and loading the pack.
        "startup_overhead_seconds": round(overhead, 4),
        "rate_steady_median": n / (median - overhead) if median > overhead else None,
        "peak_rss_mib": round(peak_mib, 1),
    }


def bench_startup(python: str, example: Path, runs: int = STARTUP_RUNS) -> dict:
    bindir = Path(python).parent
    script = bindir / "crs"
    commands = {
        "import_pydantic": [python, "-c", "import pydantic"],
        "crs_script": [
            str(script) if script.exists() else (shutil.which("crs") or "crs"),
            "assess",
            str(example),
        ],
        "python_m_crs": [python, "-m", "crs", "assess", str(example)],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(WARMUP_RUNS + runs):
        for name, cmd in commands.items():  # interleaved, so drift hits all alike
            took, code, _ = _timed(cmd)
            if code != 0:
                raise BenchError(f"{' '.join(cmd)} exited {code}")
            if round_ >= WARMUP_RUNS:
                times[name].append(took)
    medians = {name: statistics.median(t) for name, t in times.items()}
    base = medians["import_pydantic"]
    return {
        "runs": runs,
        "example": str(example),
        "commands": {name: " ".join(cmd) for name, cmd in commands.items()},
        "median_ms": {name: round(m * 1000, 1) for name, m in medians.items()},
        "min_ms": {name: round(min(t) * 1000, 1) for name, t in times.items()},
        "ratio_crs_script": medians["crs_script"] / base,
        "ratio_python_m_crs": medians["python_m_crs"] / base,
    }


def _example(workdir: Path) -> Path:
    """The example `make run` uses when the source tree is here, else a generated case."""
    shipped = Path(__file__).resolve().parents[2] / "examples/cases/youth-victim-refuses.json"
    if shipped.is_file():
        return shipped
    path = workdir / "example.json"
    path.write_bytes(_dumps(valid_facts(random.Random(SEED), 0)))
    return path


def machine() -> dict:
    model = None
    try:
        with open("/proc/cpuinfo") as fh:
            model = next(
                (ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), None
            )
    except OSError:
        pass
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "cpu_model": model or platform.processor() or None,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "load_average": load,
        "git_commit": _git_commit(),
    }


def _git_commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=Path(__file__).parent,
            timeout=5,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.strip() or None


def targets(batch: dict, startup: dict) -> list[dict]:
    return [
        {
            "target": f"crs assess --batch >= {TARGET_RATE:,} assessments/s on one core",
            "measured": f"{batch['rate_median']:,.0f}/s (median)",
            "passed": batch["rate_median"] >= TARGET_RATE,
        },
        {
            "target": f"crs assess FILE <= {TARGET_STARTUP_RATIO:g}x python -c 'import pydantic'",
            "measured": f"{startup['ratio_crs_script']:.2f}x "
            f"({startup['median_ms']['crs_script']} ms vs "
            f"{startup['median_ms']['import_pydantic']} ms)",
            "passed": startup["ratio_crs_script"] <= TARGET_STARTUP_RATIO,
        },
    ]


def report(result: dict) -> str:
    m, b, s = result["machine"], result["batch"], result["startup"]
    ms = s["median_ms"]
    base = ms["import_pydantic"]
    lines = [
        f"crs bench, {m['date']}",
        f"machine: {m['cpu_model']}, {m['cores']} cores, {m['platform']}, Python {m['python']}",
        "",
        f"Batch: {b['cases']:,} cases ({b['invalid_cases']} invalid on purpose), "
        f"{len(b['runs_seconds'])} runs, {b['pinned']}",
        "  decisions  " + ", ".join(f"{k} {v:,}" for k, v in b["decisions"].items()),
        f"  median     {b['rate_median']:>10,.0f} assessments/s",
        f"  best       {b['rate_best']:>10,.0f} assessments/s",
        f"  CPU        {b['rate_cpu_median']:>10,.0f} assessments per CPU second (median)",
        *(
            ["  (the core was shared with other work: the clock rates read low)"]
            if b["core_contended"]
            else []
        ),
    ]
    if b["rate_steady_median"]:
        lines.append(
            f"  steady     {b['rate_steady_median']:>10,.0f} assessments/s "
            f"(less {b['startup_overhead_seconds'] * 1000:.0f} ms to start)"
        )
    lines += [
        f"  peak RSS   {b['peak_rss_mib']:>10.1f} MiB",
        "",
        f"Start-up: median of {s['runs']} runs each ({s['example']})",
        f"  python -c 'import pydantic'  {base:>7.1f} ms",
        f"  crs assess FILE              {ms['crs_script']:>7.1f} ms  {s['ratio_crs_script']:.2f}x",
        f"  python -m crs assess FILE    {ms['python_m_crs']:>7.1f} ms  "
        f"{s['ratio_python_m_crs']:.2f}x",
        "",
        "Targets",
    ]
    for t in result["targets"]:
        lines.append(f"  {'PASS' if t['passed'] else 'FAIL'}  {t['target']}: {t['measured']}")
    failed = sum(not t["passed"] for t in result["targets"])
    if failed:
        lines += ["", f"*** {failed} TARGET{'S' if failed > 1 else ''} FAILED ***"]
    return "\n".join(lines) + "\n"


def cmd_bench(args) -> int:
    if args.cases < 1:
        sys.stderr.write("crs: --cases: must be at least 1\n")
        return 2
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="crs-bench-") as tmp:
        workdir = Path(tmp)
        try:
            batch = bench_batch(python, args.cases, workdir)
            startup = bench_startup(
                python, _example(workdir), getattr(args, "runs", None) or STARTUP_RUNS
            )
        except BenchError as exc:
            sys.stderr.write(f"crs: bench: {exc}\n")
            return 3
    result = {"machine": machine(), "batch": batch, "startup": startup}
    result["targets"] = targets(batch, startup)
    sys.stdout.write(report(result))
    if args.output:
        Path(args.output).write_text(json.dumps(result, indent=2) + "\n")
    return 0
