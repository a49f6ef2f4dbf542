"""The findings report of a sample: counts by finding and by offence category, with comments."""

from __future__ import annotations

import csv
from collections import Counter

from .models import Finding, Sample

VERDICTS = list(Finding.Verdict.choices)
NOT_RECORDED = "not recorded"


def _category(code: str) -> str:
    return code.replace("_", " ") if code else "not recorded"


def strata_rows(sample: Sample) -> list[dict]:
    return [
        {"category": _category(k), "population": n, "drawn": drawn}
        for k, (n, drawn) in sorted(sample.strata.items())
    ]


def findings_report(sample: Sample) -> dict:
    rows = list(sample.cases.select_related("finding").order_by("position"))
    by_finding: Counter = Counter()
    by_category: dict[str, Counter] = {}
    comments = []
    for sc in rows:
        found = sc.finding if _has_finding(sc) else None
        key = found.finding if found else NOT_RECORDED
        by_finding[key] += 1
        by_category.setdefault(sc.offence_category, Counter())[key] += 1
        if found and found.comments:
            comments.append(
                {
                    "pseudonym": sc.pseudonym,
                    "category": _category(sc.offence_category),
                    "finding": found.get_finding_display(),
                    "comments": found.comments,
                }
            )
    columns = [*VERDICTS, (NOT_RECORDED, "Not yet recorded")]
    return {
        "cases": len(rows),
        "columns": columns,
        "by_finding": [{"key": k, "label": label, "count": by_finding[k]} for k, label in columns],
        "by_category": [
            {
                "category": _category(code),
                "counts": [counts[k] for k, _ in columns],
                "total": sum(counts.values()),
            }
            for code, counts in sorted(by_category.items())
        ],
        "comments": comments,
    }


def _has_finding(sample_case) -> bool:
    try:
        sample_case.finding  # noqa: B018 (the reverse one-to-one raises when there is none)
    except Finding.DoesNotExist:
        return False
    return True


CSV_HEADER = ("pseudonym", "offence_category", "finding", "comments", "recorded_by", "at")


def write_findings_csv(sample: Sample, out) -> None:
    """One row per case of the sample (no crime references, no names of the case's people)."""
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for sc in sample.cases.select_related("finding", "finding__recorded_by").order_by("position"):
        found = sc.finding if _has_finding(sc) else None
        writer.writerow(
            (
                sc.pseudonym,
                sc.offence_category,
                found.finding if found else "",
                found.comments if found else "",
                found.recorded_by.get_username() if found else "",
                found.at.isoformat() if found else "",
            )
        )
