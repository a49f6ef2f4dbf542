"""`crs audit verify`: OK with the count, or the first altered entry and exit status 1.

The command runs in this process (it sets Django up itself) against the test database.
"""

from django.db import connection

from crs.audit.models import AuditEntry
from crs.cli import main
from tests.cases.walk import assessed


def test_verify_prints_ok_with_the_number_of_entries(pc_ali, capsys):
    assessed(pc_ali)
    assert main(["audit", "verify"]) == 0
    assert (
        capsys.readouterr().out
        == "OK: 3 audit entries verified\nOK: 0 access log entries verified\n"
    )


def test_verify_names_the_altered_entry_and_exits_1(pc_ali, capsys):
    assessed(pc_ali)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEntry._meta.db_table} SET action = 'nothing' WHERE seq = 1")
    assert main(["audit", "verify"]) == 1
    assert capsys.readouterr().out.startswith("ALTERED: audit entry #1 (nothing on CR/0001/24)")


def test_verify_of_an_empty_trail_is_ok(db, capsys):
    assert main(["audit", "verify"]) == 0
    assert (
        capsys.readouterr().out
        == "OK: 0 audit entries verified\nOK: 0 access log entries verified\n"
    )
