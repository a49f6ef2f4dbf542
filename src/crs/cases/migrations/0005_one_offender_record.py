"""One offender record (docs/decisions/0011-one-offender-record.md).

The offender's date of birth was kept twice, on the offender (Person) and in the case's
working facts, and the two could disagree. From now on it is the offender's alone: this
moves every case's copy out of its facts.

- The offender has a date of birth: theirs is kept (the record of identity); a different
  one in the facts is dropped and the case reported.
- The offender has none: the facts' is put on the offender, and the case reported.
- No offender: one is added with the facts' date of birth (no name: the officer adds it),
  and the case reported.
- A case assessed on a date of birth other than the one kept now is reported for
  reassessment: the stored assessment stays as it was (a decision stands on the facts it
  read), and the officer reassesses through the services, which void authority and audit.

One line per case changed is printed; the audit trail is not written from here (the
decision record says why). Backwards, each case's facts get the offender's date of birth
again, so the code before this one runs as it did.
"""

from datetime import date

from django.db import migrations

OFFENDER = "offender"
REASSESSABLE = ("assessed", "awaiting_authorisation", "authorised")


def _date(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def forward(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Person = apps.get_model("cases", "Person")
    Assessment = apps.get_model("cases", "Assessment")
    changed = 0
    for case in Case.objects.filter(facts__offender__has_key="date_of_birth").iterator():
        facts = case.facts
        from_facts = _date(facts["offender"].pop("date_of_birth"))
        offender = Person.objects.filter(case=case, role=OFFENDER).order_by("pk").first()
        said = None
        if offender is None:
            if from_facts is not None:
                Person.objects.create(case=case, role=OFFENDER, date_of_birth=from_facts)
                said = f"no offender: added one born {from_facts} (the facts' date of birth)"
        elif offender.date_of_birth is None:
            if from_facts is not None:
                Person.objects.filter(pk=offender.pk).update(date_of_birth=from_facts)
                said = f"the offender had no date of birth: took the facts' {from_facts}"
        elif from_facts != offender.date_of_birth:
            said = (
                f"the facts said born {from_facts}, the offender {offender.date_of_birth}: "
                "kept the offender's"
            )
        has_own = offender is not None and offender.date_of_birth is not None
        kept = offender.date_of_birth if has_own else from_facts
        # .update: the case's own timestamps and version stay (nothing was done to it).
        Case.objects.filter(pk=case.pk).update(facts=facts)
        if said is None:
            continue
        changed += 1
        latest = Assessment.objects.filter(case=case).order_by("-id").first()
        if latest is not None:
            assessed = _date((latest.facts.get("offender") or {}).get("date_of_birth"))
            if assessed != kept and case.state in REASSESSABLE:
                said += "; assessed on another date of birth: reassess it"
        print(f"crs: case {case.crime_reference}: {said}")
    if changed:
        print(f"crs: {changed} case(s) reconciled to the offender's date of birth")


def backward(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Person = apps.get_model("cases", "Person")
    offenders = Person.objects.filter(role=OFFENDER, date_of_birth__isnull=False).order_by("-pk")
    born = dict(offenders.values_list("case_id", "date_of_birth"))  # the first named wins
    for case in Case.objects.filter(pk__in=list(born)).iterator():
        facts = case.facts or {}
        facts.setdefault("offender", {})["date_of_birth"] = born[case.pk].isoformat()
        Case.objects.filter(pk=case.pk).update(facts=facts)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_name_search_trigram"),
    ]

    operations = [migrations.RunPython(forward, backward)]
