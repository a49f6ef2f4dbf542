"""Migration cases 0005 (decision 0011): the facts' copy of the offender's date of birth
goes onto the offender, the offender's winning where the two disagree; each case changed
is reported. Tested the Django way: migrate back, build the old state, migrate forward."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("cases", "0004_name_search_trigram")]
AFTER = [("cases", "0005_one_offender_record")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_state(transactional_db, pc_ali):
    apps = _migrate(BEFORE)
    yield apps
    _migrate(_leaves())  # leave the schema as every other test expects it


def _leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _case(apps, owner, ref: str, born: str | None, offender_born=None, offender=True):
    Case, Person = apps.get_model("cases", "Case"), apps.get_model("cases", "Person")
    facts = {"offence": {"category": "theft"}, "offender": {"consents": True}}
    if born:
        facts["offender"]["date_of_birth"] = born
    case = Case.objects.create(
        crime_reference=ref, facts=facts, owner_id=owner.pk, team_id=owner.team_id
    )
    if offender:
        Person.objects.create(
            case=case, role="offender", given_name="Avery", date_of_birth=offender_born
        )
    return case.pk


def test_the_migration_moves_the_facts_date_of_birth_onto_the_offender(old_state, pc_ali, capsys):
    apps = old_state
    differ = _case(apps, pc_ali, "CR/1/24", "2009-05-05", offender_born=date(1990, 1, 31))
    missing = _case(apps, pc_ali, "CR/2/24", "1990-01-31", offender_born=None)
    no_one = _case(apps, pc_ali, "CR/3/24", "2001-02-03", offender=False)
    same = _case(apps, pc_ali, "CR/4/24", "1990-01-31", offender_born=date(1990, 1, 31))
    capsys.readouterr()

    apps = _migrate(AFTER)
    Case, Person = apps.get_model("cases", "Case"), apps.get_model("cases", "Person")

    def born(pk):
        return Person.objects.get(case_id=pk, role="offender").date_of_birth

    assert born(differ) == date(1990, 1, 31)  # the offender, the record of identity, wins
    assert born(missing) == date(1990, 1, 31)  # none on the offender: the facts' is taken
    assert born(no_one) == date(2001, 2, 3)  # no offender: one is added with it
    assert born(same) == date(1990, 1, 31)
    for case in Case.objects.all():
        assert "date_of_birth" not in case.facts["offender"], case.crime_reference
        assert case.facts["offender"]["consents"] is True  # the other facts stay
    out = capsys.readouterr().out
    for ref in ("CR/1/24", "CR/2/24", "CR/3/24"):
        assert f"case {ref}:" in out
    assert "CR/4/24" not in out  # nothing changed but the copy removed
    assert "3 case(s) reconciled" in out


def test_the_migration_backwards_puts_the_offenders_date_of_birth_in_the_facts(old_state, pc_ali):
    apps = _migrate(AFTER)
    pk = _case(apps, pc_ali, "CR/1/24", None, offender_born=date(1990, 1, 31))
    apps = _migrate(BEFORE)
    facts = apps.get_model("cases", "Case").objects.get(pk=pk).facts
    assert facts["offender"]["date_of_birth"] == "1990-01-31"
