"""Every door refuses text a case cannot keep, by name, before anything is saved (issue 11,
item 7): over its field's stated maximum (never cut short), a lone surrogate, NUL. The
services are the doors' common ground, so the CLI and the import refuse it as the web and
the API do."""

import pytest

from crs.cases import services as s
from crs.cases.errors import Invalid
from crs.cases.models import Case

from . import facts as f
from . import walk

pytestmark = pytest.mark.django_db


def test_a_crime_reference_over_40_characters_is_refused_naming_field_and_maximum(pc_ali):
    with pytest.raises(Invalid) as refused:
        s.open_case(pc_ali, crime_reference="C" * 10_000, facts=f.case_facts(f.eligible()))
    assert refused.value.field == "crime_reference"
    assert str(refused.value) == "Crime reference must be 40 characters or fewer (it has 10,000)"
    assert not Case.objects.exists()
    assert s.open_case(pc_ali, crime_reference="C" * 40).crime_reference == "C" * 40


def test_a_persons_name_over_its_maximum_is_refused_and_the_case_is_unchanged(pc_ali):
    case = walk.opened(pc_ali)
    with pytest.raises(Invalid) as refused:
        s.add_person(case, pc_ali, role="victim", given_name="V" * 101)
    assert refused.value.field == "given_name"
    assert "100 characters or fewer" in str(refused.value)
    assert walk.fresh(case).version == case.version
    assert not case.people.filter(role="victim").exists()


@pytest.mark.parametrize("bad", ["x\udfff", "x\x00"])
def test_text_that_cannot_be_stored_is_refused_naming_the_field(pc_ali, bad):
    case = walk.assessed(pc_ali)
    with pytest.raises(Invalid) as refused:
        s.add_statement(case, pc_ali, kind="rationale", text=bad)
    assert refused.value.field == "text"
    assert not case.statements.exists()


@pytest.mark.parametrize("bad", ["x\udfff", "x\x00"])
def test_a_fact_that_cannot_be_stored_is_refused_naming_its_path(pc_ali, bad):
    document = f.case_facts(f.eligible())
    document["offence"]["description"] = bad
    with pytest.raises(Invalid) as refused:
        s.open_case(pc_ali, crime_reference="CR/1/24", facts=document)
    assert refused.value.field == "facts.offence.description"
    assert not Case.objects.exists()
