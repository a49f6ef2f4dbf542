"""The audit trail: every change is an entry; entries are chained; tampering is named."""

import pytest
from django.db import connection, transaction

from crs.audit.log import record
from crs.audit.models import AppendOnly, AuditEntry
from crs.audit.verify import verify_chain
from crs.cases import services as s
from tests.cases.walk import assessed, authorised, fresh


def _tamper(sql: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("{t}", AuditEntry._meta.db_table), params)


def test_every_change_to_a_case_writes_an_entry(pc_ali):
    case = assessed(pc_ali)
    actions = list(case.audit_entries.values_list("action", flat=True))
    assert actions == ["open_case", "add_person", "assess"]


def test_an_entry_records_who_when_what_before_after_and_why(pc_ali, sgt_brown):
    case = authorised(pc_ali, sgt_brown)
    entry = case.audit_entries.get(action="authorise")
    assert (entry.actor, entry.actor_name, entry.case_ref) == (sgt_brown, "sgt_brown", "CR/0001/24")
    assert entry.before == {"state": "awaiting_authorisation"}
    assert entry.after["state"] == "authorised"
    assert entry.why == "First offence of its kind in two years."
    assert entry.at is not None


def test_each_entry_chains_onto_the_one_before(pc_ali):
    assessed(pc_ali)
    first, second, third = AuditEntry.objects.order_by("seq")
    assert (second.prev_hash, third.prev_hash) == (first.hash, second.hash)


def test_an_untouched_chain_verifies(pc_ali, sgt_brown):
    authorised(pc_ali, sgt_brown)
    result = verify_chain()
    assert (result.ok, result.count) == (True, 5)


def test_an_entry_cannot_be_changed_through_the_application(pc_ali):
    entry = assessed(pc_ali).audit_entries.first()
    entry.why = "nothing happened"
    with pytest.raises(AppendOnly):
        entry.save()


def test_entries_cannot_be_changed_in_bulk(pc_ali):
    assessed(pc_ali)
    with pytest.raises(AppendOnly):
        AuditEntry.objects.update(why="")


def test_an_entry_cannot_be_removed_through_the_application(pc_ali):
    entry = assessed(pc_ali).audit_entries.first()
    with pytest.raises(AppendOnly):
        entry.delete()


@pytest.mark.django_db(transaction=True)
def test_an_entry_is_only_written_inside_the_changes_transaction(pc_ali):
    with pytest.raises(RuntimeError, match="same transaction"):
        record(actor=pc_ali, case=None, action="nothing")


def test_an_entry_altered_in_the_database_is_named(pc_ali, sgt_brown):
    authorised(pc_ali, sgt_brown)
    _tamper("UPDATE {t} SET why = %s WHERE seq = 4", "Nothing to see.")
    result = verify_chain()
    assert not result.ok
    assert result.problem.startswith("audit entry #4 (request_authorisation on CR/0001/24)")


def test_the_first_altered_entry_is_named_when_several_were(pc_ali, sgt_brown):
    authorised(pc_ali, sgt_brown)
    _tamper("UPDATE {t} SET actor_name = %s WHERE seq IN (2, 4)", "someone_else")
    assert verify_chain().problem.startswith("audit entry #2 ")


def test_a_removed_entry_is_named(pc_ali, sgt_brown):
    authorised(pc_ali, sgt_brown)
    _tamper("DELETE FROM {t} WHERE seq = 2")
    assert verify_chain().problem == "audit entry #2 is missing (next is #3)"


def test_a_removed_last_entry_is_noticed(pc_ali, sgt_brown):
    authorised(pc_ali, sgt_brown)
    _tamper("DELETE FROM {t} WHERE seq = 5")
    assert verify_chain().problem == "the chain should end at audit entry #5, but ends at #4"


def test_a_rehashed_entry_no_longer_follows_the_next(pc_ali, sgt_brown):
    authorised(pc_ali, sgt_brown)
    _tamper("UPDATE {t} SET hash = %s WHERE seq = 2", "f" * 64)
    assert verify_chain().problem.startswith("audit entry #2 ")


def test_a_change_whose_entry_cannot_be_written_is_not_kept(pc_ali, monkeypatch):
    case = assessed(pc_ali)

    def broken(**entry):
        raise RuntimeError("the audit table is full")

    monkeypatch.setattr("crs.cases.services._base.record", broken)
    with pytest.raises(RuntimeError), transaction.atomic():
        s.withdraw(case, pc_ali, reason="Charged instead.")
    assert fresh(case).state == "assessed"
