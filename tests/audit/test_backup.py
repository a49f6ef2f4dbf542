"""`crs backup` and `crs restore` (issue 6, point 9): a round trip keeps every record and both
hash chains verifying; restoring never mixes a backup into a database that holds data."""

import gzip
import json

import pytest
from django.core.management import call_command

from crs.audit.access import record_access
from crs.audit.models import AccessEntry, AuditEntry
from crs.audit.verify import verify_chain
from crs.cases.models import Authorisation, Case
from crs.cli import main
from tests.cases.walk import assessed, authorised

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def admin_gray(db):
    from crs.accounts.models import Rank, Role, User

    return User.objects.create(username="admin_gray", rank=Rank.NONE, role=Role.ADMINISTRATOR)


def test_backup_then_restore_into_an_empty_database_keeps_everything(
    pc_ali, sgt_brown, admin_gray, tmp_path, capsys
):
    case = authorised(pc_ali, sgt_brown)
    assessed(pc_ali, ref="CR/0002/24")
    record_access(actor=sgt_brown, case=case, action="view", what=f"/cases/{case.pk}/")
    counts = (Case.objects.count(), AuditEntry.objects.count(), AccessEntry.objects.count())
    hashes = list(AuditEntry.objects.values_list("hash", flat=True))
    path = tmp_path / "crs.json.gz"

    assert main(["backup", str(path), "--by", "admin_gray"]) == 0
    call_command("flush", interactive=False, verbosity=0)
    assert Case.objects.count() == 0
    assert main(["restore", str(path)]) == 0

    out = capsys.readouterr().out
    assert f"audit trail {counts[1]} entries and access log {counts[2]} entries verified" in out
    assert (Case.objects.count(), AuditEntry.objects.count(), AccessEntry.objects.count()) == (
        counts
    )
    assert list(AuditEntry.objects.values_list("hash", flat=True)) == hashes
    assert Authorisation.objects.get(case__crime_reference=case.crime_reference).given_by == (
        sgt_brown
    )
    assert verify_chain("audit").ok and verify_chain("access").ok


def test_restore_refuses_a_database_that_holds_data(pc_ali, admin_gray, tmp_path, capsys):
    assessed(pc_ali)
    path = tmp_path / "crs.json.gz"
    assert main(["backup", str(path), "--by", "admin_gray"]) == 0
    before = AuditEntry.objects.count()
    assert main(["restore", str(path)]) == 2
    assert "already holds data" in capsys.readouterr().err
    assert AuditEntry.objects.count() == before


def test_restore_of_a_tampered_backup_says_which_entry_was_altered(
    pc_ali, admin_gray, tmp_path, capsys
):
    assessed(pc_ali)
    path = tmp_path / "crs.json.gz"
    main(["backup", str(path), "--by", "admin_gray"])
    records = json.loads(gzip.decompress(path.read_bytes()))
    for record in records:
        if record["model"] == "audit.auditentry" and record["fields"]["seq"] == 1:
            record["fields"]["why"] = "rewritten"
    path.write_bytes(gzip.compress(json.dumps(records).encode()))
    call_command("flush", interactive=False, verbosity=0)
    assert main(["restore", str(path)]) == 1
    assert "audit entry #1" in capsys.readouterr().err


def test_backup_names_must_say_what_they_are(admin_gray, tmp_path, capsys):
    assert main(["backup", str(tmp_path / "crs.txt"), "--by", "admin_gray"]) == 2
    assert "ends in .json.gz" in capsys.readouterr().err


def test_restore_of_a_missing_file_is_a_clear_error(db, tmp_path, capsys):
    assert main(["restore", str(tmp_path / "nothing.json.gz")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_a_backup_is_readable_by_its_owner_only_and_in_the_access_log(pc_ali, admin_gray, tmp_path):
    assessed(pc_ali)
    path = tmp_path / "crs.json.gz"
    path.write_bytes(b"")
    path.chmod(0o644)  # an earlier file, as a default umask leaves it
    assert main(["backup", str(path), "--by", "admin_gray"]) == 0
    assert path.stat().st_mode & 0o777 == 0o600
    entry = AccessEntry.objects.latest("seq")
    assert (entry.actor, entry.action) == (admin_gray, "export")
    assert str(path) in entry.what


@pytest.mark.parametrize("who", ["pc_ali", "nobody"])
def test_only_an_administrator_may_take_a_backup(pc_ali, who, tmp_path, capsys):
    path = tmp_path / "crs.json.gz"
    assert main(["backup", str(path), "--by", who]) == 2
    assert "--by:" in capsys.readouterr().err
    assert not path.exists()
