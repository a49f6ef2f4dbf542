"""The person's details are declared once, beside the model (crs.cases.models.PERSON_DETAILS),
and every door and data-protection duty reads them there (issue 12)."""

from crs.cases.models import PERSON_DETAILS, Person


def test_every_detail_the_record_holds_of_a_person_is_declared_in_the_models_order():
    held = [f.name for f in Person._meta.concrete_fields if f.name not in ("id", "case", "role")]
    assert held == list(PERSON_DETAILS)


def test_every_detail_is_asked_of_some_role_in_a_case():
    roles = set(Person.Role.values)
    unasked = [name for name, d in PERSON_DETAILS.items() if not d.asked or set(d.asked) - roles]
    assert unasked == []
