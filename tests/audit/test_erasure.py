"""Erasure (docs/decisions/0009): a case's personal content can be erased from both chains,
the chains still verify, and an erased entry is still held to its frame and place."""

import pytest
from django.db import connection, transaction

from crs.audit.access import record_access
from crs.audit.erasure import erase_case
from crs.audit.models import AccessEntry, AuditEntry
from crs.audit.verify import verify_chain
from tests.cases.walk import assessed


def _tamper(model, sql: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("{t}", model._meta.db_table), params)


@pytest.fixture
def erased(pc_ali):
    """A case naming Jo Bloggs, viewed once, then erased; a second case left alone."""
    case = assessed(pc_ali, offender={"given_name": "Jo", "family_name": "Bloggs"})
    record_access(actor=pc_ali, case=case, action="view", what="/cases/?q=Bloggs")
    other = assessed(pc_ali, ref="CR/0002/24")
    with transaction.atomic():
        entry = erase_case(case, actor=pc_ali, rule="closed_cr", reference="E-1")
    return case, other, entry


def test_erasing_a_case_blanks_its_personal_content_in_both_chains(erased):
    case, _, _ = erased
    for entry in AuditEntry.objects.filter(case=case).exclude(action="erase_personal_data"):
        assert "Bloggs" not in str((entry.before, entry.after, entry.why))
        assert entry.erased_at is not None
    assert AccessEntry.objects.get(case=case).what == ""


def test_erasure_keeps_the_states_a_case_went_through(erased):
    case, _, _ = erased
    assess = AuditEntry.objects.get(case=case, action="assess")
    assert assess.after == {"state": "assessed"}


def test_the_erasure_entry_lists_what_it_erased_and_names_no_one(erased):
    _, _, entry = erased
    erased_seqs = list(
        AuditEntry.objects.filter(erasure_seq=entry.seq).values_list("seq", flat=True)
    )
    assert entry.after["erased"]["audit"] == erased_seqs
    assert len(entry.after["erased"]["access"]) == 1
    assert "Bloggs" not in str(entry.after) + entry.why


def test_chains_with_erased_entries_verify_and_count_them(erased):
    _, _, entry = erased
    audit, access = verify_chain("audit"), verify_chain("access")
    assert (audit.ok, access.ok) == (True, True)
    assert audit.erased == len(entry.after["erased"]["audit"])
    assert access.erased == 1


def test_entries_of_other_cases_are_not_erased(erased):
    _, other, _ = erased
    assert not AuditEntry.objects.filter(case=other, erased_at__isnull=False).exists()


def test_an_erased_entry_whose_frame_is_altered_is_named(erased):
    case, _, _ = erased
    seq = AuditEntry.objects.get(case=case, action="assess").seq
    _tamper(AuditEntry, "UPDATE {t} SET actor_name = %s WHERE seq = %s", "someone_else", seq)
    assert verify_chain().problem.startswith(f"audit entry #{seq} ")


def test_an_erased_entry_whose_digest_is_altered_is_named(erased):
    case, _, _ = erased
    seq = AuditEntry.objects.get(case=case, action="assess").seq
    _tamper(AuditEntry, "UPDATE {t} SET content_digest = %s WHERE seq = %s", "0" * 64, seq)
    assert verify_chain().problem.startswith(f"audit entry #{seq} ")


def test_an_entry_marked_erased_without_an_erasure_listing_it_is_named(erased):
    _, other, entry = erased
    seq = AuditEntry.objects.filter(case=other).first().seq
    _tamper(
        AuditEntry,
        "UPDATE {t} SET why = %s, erasure_seq = %s WHERE seq = %s",
        "",
        entry.seq,
        seq,
    )
    result = verify_chain()
    assert result.problem == (
        f"audit entry #{seq} (open_case on CR/0002/24) has been altered: "
        "it is marked erased, but no erasure lists it"
    )


def test_an_access_entry_marked_erased_without_an_erasure_is_named(erased, pc_ali):
    _, other, _ = erased
    entry = record_access(actor=pc_ali, case=other, action="view", what="/cases/2/")
    _tamper(AccessEntry, "UPDATE {t} SET what = '', erasure_seq = 1 WHERE seq = %s", entry.seq)
    assert "no erasure lists it" in verify_chain("access").problem


def test_an_unerased_entry_altered_is_still_named(erased):
    _, other, _ = erased
    seq = AuditEntry.objects.filter(case=other).first().seq
    _tamper(AuditEntry, "UPDATE {t} SET why = %s WHERE seq = %s", "Nothing to see.", seq)
    assert "no longer matches its hash" in verify_chain().problem


def test_the_digest_migration_rehashes_a_trail_to_what_the_chain_now_writes(pc_ali):
    import importlib

    from django.db.migrations.executor import MigrationExecutor

    assessed(pc_ali)
    record_access(actor=pc_ali, case=None, action="search", what="/cases/")
    written = list(AuditEntry.objects.values_list("seq", "content_digest", "hash"))
    _tamper(AuditEntry, "UPDATE {t} SET content_digest = '', hash = 'old' || seq")
    _tamper(AccessEntry, "UPDATE {t} SET content_digest = '', hash = 'old' || seq")
    assert not verify_chain().ok and not verify_chain("access").ok
    step = "0003_content_digest_and_erasure"
    historical = MigrationExecutor(connection).loader.project_state(("audit", step)).apps
    importlib.import_module(f"crs.audit.migrations.{step}").forwards(historical, None)
    assert list(AuditEntry.objects.values_list("seq", "content_digest", "hash")) == written
    assert verify_chain().ok and verify_chain("access").ok
