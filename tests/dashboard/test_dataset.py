"""The fixed data set reaches the states its description says (so the figures' tests
rest on the cases they think they do)."""

from crs.cases.workflow import State


def test_the_fixed_cases_are_in_the_states_described(dataset):
    states = {k: c.state for k, c in dataset.items()}
    assert states == {
        "C1": State.CLOSED,
        "C2": State.SUPERVISOR_REVIEW,
        "C3": State.NON_COMPLIANT,
        "C4": State.REFUSED,
        "C5": State.WITHDRAWN,
        "C6": State.ASSESSED,
        "C7": State.COMPLETED,
        "C8": State.DRAFT,
    }
