"""Form 1912 as a PDF: an ordinary case against one whose free text is 10,000 characters a
field (issue 11, item 6).

    .venv/bin/python benchmarks/documents.py [--runs 5] [--output FILE]

Target: the long case's PDF in no more than 3x the time of the ordinary one's (before the
fix a single 10,000-character description took a minute and then failed).

Makes a throwaway SQLite database, opens two cases through the services (crs.cases
.services), as an officer would: an agreed adult shop theft with an offender, a victim
(an organisation), the victim's views, two Community Remedy actions and a signature;
the long one has the same, with its description, gravity rationale, offender's address,
views, wishes and an action's description each 10,000 characters long (the victim's
name 200, as long as its column)
(words, then a run of 5,000 with no space). Each form is asked for through Django's
test client (every middleware, the template, the renderer's own process and its time
limit), once to warm up and then --runs times, the two interleaved so a change in the
machine's load falls on both alike. The report gives the medians, the ratio, the pages,
the machine and the date; it exits 0, with PASS or FAIL.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

TARGET_RATIO = 3.0
LENGTH = 10_000
# The project's own example of an ordinary adult shop theft (examples/cases/).
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "cases" / "adult-shop-theft.json"


def long_text(tag: str, length: int = LENGTH) -> str:
    words = f"{tag} " + "the shop's manager said café Ωμέγα ничего " * 400
    run = "".join(chr(0x41 + i % 26) for i in range(length // 2))
    return (words[: length - len(run) - 1] + " " + run)[:length]


def setup() -> None:
    folder = tempfile.mkdtemp(prefix="crs-bench-documents-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["CRS_DATA_DIR"] = folder
    os.environ.setdefault("DEBUG", "False")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["CRS_SECURE_COOKIES"] = "False"
    os.environ["CRS_REQUIRE_TWO_FACTOR"] = "False"
    # Measured, not stopped: a busy machine must not turn a slow PDF into a 503.
    os.environ["CRS_PDF_SECONDS"] = "600"
    from crs.site import setup as django_setup

    django_setup()
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_case(owner, sergeant, ref: str, *, long: bool):

    from crs.cases import services as s
    from crs.cases.models import Case

    def text(tag: str, short: str, length: int = LENGTH) -> str:
        return long_text(tag, length) if long else short

    def fresh(case):
        return Case.objects.get(pk=case.pk)

    facts = json.loads(EXAMPLE.read_text())
    facts.pop("officer")  # the officer's facts are their record's (Ruling R39)
    born = date.fromisoformat(facts["offender"].pop("date_of_birth"))  # the offender's (0011)
    facts["offence"]["description"] = text("DESCRIPTION", facts["offence"]["description"])
    case = s.open_case(
        owner,
        crime_reference=ref,
        facts=facts,
        gravity_rationale=text("RATIONALE", "Low value, no previous outcomes."),
    )
    s.add_person(
        case,
        owner,
        role="offender",
        given_name="Quinn",
        family_name="Redbrook",
        date_of_birth=born,
        address=text("ADDRESS", "1 High Street, Testtown"),
    )
    s.assess(fresh(case), owner)
    case = fresh(case)
    if case.current_assessment.result.get("authorities_required"):
        case = s.request_authorisation(case, owner)
        case = s.authorise(case, sergeant, rationale=text("AUTHORITY", "Proportionate."))
    s.add_person(
        fresh(case), owner, role="victim", organisation=text("VICTIM", "Marlow Stores", 200)
    )
    case = fresh(case)
    s.record_victim_view(
        case,
        owner,
        asked_at=case.created_at,
        method="phone",
        views=text("VIEWS", "The manager would like an apology."),
        wishes=text("WISHES", "An apology and the charger paid for."),
        consents=True,
        told_voluntary=True,
    )
    case = fresh(case)
    s.add_action(
        case, owner, kind="verbal_apology", description=text("ACTION", "Apologise to the shop.")
    )
    s.add_action(
        fresh(case),
        owner,
        kind="financial_compensation",
        description="Pay 9 pounds.",
        due_date=date(2024, 5, 1),
    )
    case = s.agree(fresh(case), owner)
    s.sign(case, owner, party="offender", name="Quinn Redbrook")
    return fresh(case)


def measure(runs: int) -> dict:
    import io

    import pypdf
    from django.test import Client
    from django.urls import reverse

    from crs.accounts.models import Rank, Team, User

    team = Team.objects.create(name="Bench", district="Benchshire")
    owner = User.objects.create(
        username="pc_bench", team=team, rank=Rank.CONSTABLE, first_name="Amir", last_name="Ali"
    )
    sergeant = User.objects.create(username="ps_bench", team=team, rank=Rank.SERGEANT)
    cases = {
        "ordinary": make_case(owner, sergeant, "BENCH/1/24", long=False),
        "long": make_case(owner, sergeant, "BENCH/2/24", long=True),
    }
    client = Client()
    client.force_login(owner)
    urls = {k: reverse("journeys:form_1912", args=[c.pk]) for k, c in cases.items()}
    times: dict[str, list[float]] = {k: [] for k in cases}
    pages = {}
    for run in range(runs + 1):
        for key, url in urls.items():
            began = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - began
            if response.status_code != 200:
                sys.exit(f"{key}: form 1912 answered {response.status_code}")
            if run == 0:  # the warm-up: starts the renderer's fork server
                pages[key] = len(pypdf.PdfReader(io.BytesIO(response.content)).pages)
                continue
            times[key].append(elapsed)
    medians = {k: statistics.median(v) for k, v in times.items()}
    return {
        "runs": runs,
        "seconds": times,
        "median_seconds": medians,
        "pages": pages,
        "ratio": medians["long"] / medians["ordinary"],
    }


def report(result: dict) -> str:
    m = result["machine"]
    lines = [
        f"form 1912 as a PDF, {result['runs']} runs each ({m['date']}, commit {m['git_commit']})",
        f"machine: {m['cpu_model']}, {m['cores']} cores, {m['platform']}, Python {m['python']}",
        f"load average before {m['load_average']}, after {m['load_average_after']}",
    ]
    for key in ("ordinary", "long"):
        med = result["median_seconds"][key]
        best = min(result["seconds"][key])
        lines.append(
            f"  {key:9} {result['pages'][key]:3} pages  median {med:6.2f} s  best {best:6.2f} s"
        )
    ratio = result["ratio"]
    verdict = "PASS" if ratio <= TARGET_RATIO else "FAIL"
    lines.append(f"  long / ordinary: {ratio:.2f}x (target <= {TARGET_RATIO:g}x)  {verdict}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed requests per case")
    parser.add_argument("--output", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    setup()
    from crs.bench import machine

    result = {"machine": machine()}
    result.update(measure(args.runs))
    result["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    sys.stdout.write(report(result))
    if args.output:
        with open(args.output, "w") as fh:
            json.dump(result, fh, indent=2, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
