"""docs/record.md: every paragraph it cites is in the SOP, every model it names exists."""

import re

from crs.cases import models
from tests.conftest import ROOT

RECORD = (ROOT / "docs" / "record.md").read_text()
ROWS = [line.split("|")[1:-1] for line in RECORD.splitlines() if line.startswith("| ")]
ROWS = [r for r in ROWS if r[0].strip() not in ("Field", "---")]


def test_the_record_lists_fields():
    assert len(ROWS) > 40


def test_every_paragraph_the_record_cites_is_in_the_sop(sop_text):
    sop = sop_text
    cited = {p for row in ROWS for p in re.findall(r"\b\d\.\d+(?:\.\d+)?\b", row[1])}
    assert sorted(p for p in cited if p not in sop) == []


def test_every_model_the_record_names_exists():
    named = {m for row in ROWS for m in re.findall(r"`([A-Z][A-Za-z]+)(?:[.`\[])", row[2])}
    assert sorted(m for m in named if not hasattr(models, m)) == []
