"""`crs remind` and `crs worker` on the command line: the clock, and bad arguments."""

import pytest

from crs.cli import main
from crs.reminders.models import Kind, Reminder
from tests.cases.walk import agreed


def test_crs_remind_writes_what_is_due_at_the_time_given(pc_ali, capsys):
    agreed(pc_ali)
    assert main(["remind", "--now", "2024-04-28T09:00"]) == 0
    assert capsys.readouterr().out == "reminders: 1 new, 1 sent to the worker\n"
    assert list(Reminder.objects.values_list("kind", flat=True)) == [Kind.ACTION_DUE_SOON]


def test_crs_remind_a_second_time_writes_nothing(pc_ali, capsys):
    agreed(pc_ali)
    main(["remind", "--now", "2024-04-28T09:00"])
    main(["remind", "--now", "2024-04-28T10:00"])
    assert capsys.readouterr().out.splitlines()[-1] == "reminders: 0 new, 0 sent to the worker"


@pytest.mark.parametrize(
    ("argv", "field"),
    [
        (["remind", "--now", "tomorrow"], "--now"),
        (["worker", "--now", "2024-13-01"], "--now"),
        (["remind", "--lease", "-1"], "--lease"),
        (["worker", "--every", "0"], "--every"),
    ],
)
def test_a_bad_argument_is_refused_naming_it(argv, field, capsys):
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith(f"crs: {field}: ")
