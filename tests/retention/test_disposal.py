"""Retention review and disposal: a case is kept until its period ends; then its personal
data goes from every table and both chains, statistics and an erasure record stay, and the
chains still verify."""

import re
from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.db import connection, models

from crs.audit.models import AccessEntry, AuditEntry
from crs.audit.verify import verify_chain
from crs.cases import services as s
from crs.cases.models import AssessmentDraft, Case, Person
from crs.cli import main
from crs.dashboard import summary
from crs.dashboard.models import CaseFigures
from crs.policy.questions import apply_answer
from crs.retention.dispose import DisposalError, dispose, review
from crs.retention.models import Erasure, Statistic
from tests.cases import facts as f
from tests.cases.walk import assessed, fresh, name_offender

NAME = "Quorngrove"  # made up, and in no other fixture, so any hit is this case's
WITHDRAWN_ON = datetime(2018, 3, 14, 10, 0, tzinfo=UTC)  # rule not_given: due 2024-03-14


def _text_columns():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                yield model._meta.db_table, field.column


def hits(needle: str = NAME) -> list[str]:
    """Every table.column whose text holds `needle`, whatever the app."""
    found = []
    with connection.cursor() as cursor:
        for table, column in _text_columns():
            q = connection.ops.quote_name
            cursor.execute(
                f"SELECT COUNT(*) FROM {q(table)} WHERE LOWER(CAST({q(column)} AS TEXT)) LIKE %s",
                [f"%{needle.lower()}%"],
            )
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    return found


def _withdrawn_case(owner, ref="CR/0001/24", closed=WITHDRAWN_ON, *, drafting=False) -> Case:
    document = f.facts(offence={"description": f"{NAME} took a phone charger"})
    case = assessed(owner, document, ref=ref)
    offender = name_offender(
        case,
        owner,
        given_name="Jo",
        family_name=NAME,
        date_of_birth=date(1990, 1, 31),
        sex="female",
        ethnicity="W1",
        phone="07700 900123",
        address=f"1 {NAME} Lane",
    )
    case = fresh(case)
    s.record_victim_view(
        case,
        owner,
        asked_at=datetime(2024, 3, 1, 9, 0, tzinfo=UTC),
        method="phone",
        views=f"Wants {NAME} to say sorry.",
        consents=True,
    )
    s.log_contact(
        fresh(case),
        owner,
        party="offender",
        purpose="after_delivery",
        method="phone",
        outcome="spoke",
        person=offender,
        notes=f"Spoke to {NAME}.",
    )
    s.sign(fresh(case), owner, party="offender", name=f"Jo {NAME}")
    summary.refresh(full=True)
    if drafting:
        # Reassessment begun and never saved: the draft starts from the facts, NAME and all.
        hate_crime = apply_answer(case.facts, "offence.hate_crime", "yes", today=date(2024, 3, 1))
        s.answer_draft(fresh(case), owner, lambda facts, skipped: (hate_crime, skipped))
    s.withdraw(fresh(case), owner, reason=f"{NAME} was charged instead.")
    Case.objects.filter(pk=case.pk).update(closed_at=closed)
    return fresh(case)


@pytest.fixture
def due_case(pc_ali):
    return _withdrawn_case(pc_ali)


def test_a_case_before_its_retention_date_is_kept(due_case, pc_ali, records_admin):
    due, kept = review(date(2024, 3, 13))
    assert (due, kept) == ([], 1)
    assert dispose(on=date(2024, 3, 13), by=records_admin) == []
    assert NAME in Person.objects.get(case=due_case, role="offender").family_name


def test_a_case_is_due_on_the_day_its_period_ends(due_case):
    due, kept = review(date(2024, 3, 14))
    assert [(d.case_ref, d.rule.key, d.due_on) for d in due] == [
        ("CR/0001/24", "not_given", date(2024, 3, 14))
    ]
    assert kept == 0


def test_after_disposal_the_name_is_in_no_table(due_case, pc_ali, records_admin):
    assert len(hits()) >= 8  # people, facts, assessment, views, contacts, audit, ...
    dispose(on=date(2024, 3, 14), by=records_admin)
    assert hits() == []
    assert hits("07700 900123") == []
    assert Person.objects.get(case=due_case, role="offender").date_of_birth is None


def test_answers_left_in_progress_go_with_the_case(pc_ali, records_admin):
    case = _withdrawn_case(pc_ali, drafting=True)
    assert "cases_assessmentdraft.facts" in hits()
    erasure = dispose(on=date(2024, 3, 14), by=records_admin)[0]
    assert hits() == []
    assert erasure.erased["cases.AssessmentDraft"] == 1
    assert not AssessmentDraft.objects.filter(case=case).exists()


def test_disposal_keeps_anonymised_statistics(due_case, pc_ali, records_admin):
    dispose(on=date(2024, 6, 30), by=records_admin)
    stat = Statistic.objects.get()
    assert (stat.category, stat.state, stat.outcome, stat.rule) == (
        "theft",
        "withdrawn",
        "not_given",
        "not_given",
    )
    assert (stat.offence_month, stat.closed_month, stat.disposed_month) == (
        date(2024, 2, 1),
        date(2018, 3, 1),
        date(2024, 6, 1),
    )
    assert (stat.age_band, stat.sex, stat.ethnic_group) == ("25-34", "female", "W")
    assert stat.district == due_case.team.district


def test_the_dashboard_keeps_the_figures_of_a_disposed_case(due_case, pc_ali, records_admin):
    dispose(on=date(2024, 3, 14), by=records_admin)
    summary.refresh()
    after = CaseFigures.objects.get(case=due_case)
    assert (after.state, after.outcome) == ("withdrawn", "not_given")
    assert (after.age_band, after.sex, after.ethnic_group) == ("25-34", "female", "W")


def test_disposal_writes_an_erasure_record_with_no_personal_data(due_case, pc_ali, records_admin):
    (erasure,) = dispose(on=date(2024, 3, 14), by=records_admin)
    assert (erasure.case_ref, erasure.rule, erasure.by_name) == (
        "CR/0001/24",
        "not_given",
        "records_admin",
    )
    assert erasure.on == date(2024, 3, 14) and erasure.due_on == date(2024, 3, 14)
    assert erasure.erased["cases.Person"] == 1
    assert erasure.erased["audit.AuditEntry"] >= 5
    assert erasure.rule_source
    assert Erasure.objects.get().reference == erasure.reference


def test_disposal_is_in_the_access_log_as_an_erasure(due_case, pc_ali, records_admin):
    (erasure,) = dispose(on=date(2024, 3, 14), by=records_admin)
    entry = AccessEntry.objects.get(case=due_case, action="erase")
    assert (entry.actor, entry.what) == (records_admin, f"retention disposal {erasure.reference}")


def test_after_disposal_both_chains_verify(due_case, pc_ali, capsys, records_admin):
    dispose(on=date(2024, 3, 14), by=records_admin)
    assert verify_chain("audit").ok and verify_chain("audit").erased >= 5
    assert main(["audit", "verify"]) == 0
    assert "erased under retention" in capsys.readouterr().out


def test_a_tampered_erased_entry_is_still_detected(due_case, pc_ali, records_admin):
    dispose(on=date(2024, 3, 14), by=records_admin)
    entry = AuditEntry.objects.filter(case=due_case, erased_at__isnull=False).first()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET action = %s WHERE seq = %s",
            ["nothing", entry.seq],
        )
    assert verify_chain().problem.startswith(f"audit entry #{entry.seq} ")


def test_a_disposed_case_is_not_due_again(due_case, pc_ali, records_admin):
    dispose(on=date(2024, 3, 14), by=records_admin)
    assert review(date(2030, 1, 1)) == ([], 0)


def test_a_dry_run_changes_nothing(due_case, pc_ali, capsys, records_admin):
    columns = hits()
    audit_count = AuditEntry.objects.count()
    assert (
        main(["retention", "dispose", "--on", "2024-03-14", "--by", "records_admin", "--dry-run"])
        == 0
    )
    out = capsys.readouterr().out
    assert "CR/0001/24" in out and "nothing changed" in out
    assert hits() == columns
    assert AuditEntry.objects.count() == audit_count
    assert not Erasure.objects.exists() and not Statistic.objects.exists()
    assert not AccessEntry.objects.filter(action="erase").exists()


def test_a_dry_run_says_what_it_would_erase_and_that_nothing_was_disposed_of(
    due_case, capsys, records_admin
):
    assert (
        main(["retention", "dispose", "--on", "2024-03-14", "--by", "records_admin", "--dry-run"])
        == 0
    )
    out = capsys.readouterr().out
    line = next(row for row in out.splitlines() if row.startswith("CR/0001/24"))
    total, parts = re.search(r"would erase (\d+) rows \((.+)\)$", line).groups()
    counted = dict(reversed(part.split(" ", 1)) for part in parts.split(", "))
    assert {"1 person", "1 case"} <= {f"{n} {what}" for what, n in counted.items()}
    assert "audit entries" in counted and "0" not in counted.values()
    assert sum(int(n) for n in counted.values()) == int(total)
    assert out.splitlines()[-1] == (
        "Dry run: nothing changed; 1 case would be disposed of on 2024-03-14"
    )
    assert "disposed of\n" not in out


def test_a_dry_run_may_look_ahead_of_today_and_changes_nothing(due_case, capsys, records_admin):
    assert (
        main(["retention", "dispose", "--on", "2999-01-01", "--by", "records_admin", "--dry-run"])
        == 0
    )
    assert "1 case would be disposed of on 2999-01-01" in capsys.readouterr().out
    assert not Erasure.objects.exists()
    assert NAME in Person.objects.get(case=due_case, role="offender").family_name


def test_a_childs_case_falls_under_the_child_rule(pc_ali):
    case = _withdrawn_case(pc_ali)
    Person.objects.filter(case=case, role="offender").update(date_of_birth=date(2008, 5, 1))
    (item,) = review(date(2024, 3, 14))[0]
    assert item.rule.key == "child"


def test_the_schedule_is_read_from_the_file_settings_name(due_case, settings, tmp_path):
    file = tmp_path / "schedule.toml"
    file.write_text(
        '[rules.not_given]\nstates = ["withdrawn"]\nyears = 1\nsource = "force policy"\n'
    )
    settings.CRS_RETENTION_SCHEDULE = str(file)
    (item,) = review(date(2019, 3, 14))[0]
    assert (item.rule.years, item.rule.source) == (1, "force policy")


def test_a_schedule_without_a_source_is_refused_naming_the_field(settings, tmp_path, capsys, db):
    file = tmp_path / "schedule.toml"
    file.write_text('[rules.closed_cr]\nstates = ["closed"]\nyears = 6\n')
    settings.CRS_RETENTION_SCHEDULE = str(file)
    assert main(["retention", "review"]) == 2
    assert "rules.closed_cr.source" in capsys.readouterr().err


def test_review_lists_the_due_cases_with_counts(due_case, capsys):
    assert main(["retention", "review", "--on", "2024-03-14"]) == 0
    out = capsys.readouterr().out
    assert "CR/0001/24" in out
    assert "1 due for disposal on 2024-03-14 (1 not_given)" in out


def test_a_bad_date_is_a_clear_error(db, capsys, records_admin):
    assert main(["retention", "dispose", "--on", "14/03/2024", "--by", "records_admin"]) == 2
    assert "--on: must be a date YYYY-MM-DD, got '14/03/2024'" in capsys.readouterr().err


def test_an_unknown_user_is_a_clear_error(due_case, capsys):
    assert main(["retention", "dispose", "--on", "2024-03-14", "--by", "nobody"]) == 2
    assert "--by: no user named 'nobody'" in capsys.readouterr().err
    assert NAME in Person.objects.get(case=due_case, role="offender").family_name


def test_a_disposal_date_after_today_is_refused(due_case, pc_ali, records_admin):
    with pytest.raises(DisposalError, match=r"--on: .* is after today"):
        dispose(on=date(2999, 1, 1), by=records_admin)


def test_a_closed_community_resolution_is_disposed_of_under_its_own_rule(
    pc_ali, rev_evans, imu_fisher, records_admin
):
    from tests.cases.walk import closed

    case = closed(pc_ali, rev_evans, imu_fisher)
    # People are added through the services only while a case is open; this one is
    # written directly so the closed case names someone.
    Person.objects.create(case=case, role="offender", given_name="Jo", family_name=NAME)
    Case.objects.filter(pk=case.pk).update(closed_at=datetime(2017, 1, 9, tzinfo=UTC))
    (item,) = review(date(2023, 1, 9))[0]
    assert (item.rule.key, item.state) == ("closed_cr", "closed")
    assert review(date(2023, 1, 8))[0] == []
    (erasure,) = dispose(on=date(2023, 1, 9), by=records_admin)
    assert erasure.erased["cases.RemedyAction"] == 2
    assert hits() == []
    assert Statistic.objects.get().outcome == "given"
    assert verify_chain("audit").ok and verify_chain("access").ok


def test_the_erasure_record_is_read_only_in_the_admin(
    due_case, pc_ali, admin_client, records_admin
):
    from django.urls import reverse

    (erasure,) = dispose(on=date(2024, 3, 14), by=records_admin)
    listing = admin_client.get(reverse("admin:retention_erasure_changelist"))
    assert listing.status_code == 200 and b"CR/0001/24" in listing.content
    page = admin_client.post(reverse("admin:retention_erasure_delete", args=[erasure.pk]))
    assert page.status_code == 403
    assert Erasure.objects.filter(pk=erasure.pk).exists()


def test_only_an_administrator_may_dispose_of_records(due_case, pc_ali):
    with pytest.raises(DisposalError, match="not an administrator"):
        dispose(on=date(2024, 3, 14), by=pc_ali)
    assert not Erasure.objects.exists()
