"""Why an operation on a case was refused: each error carries a sentence for the person."""


class CaseError(Exception):
    """An operation the service refused; `str()` is the sentence to show, `field` the
    input at fault when one is (the API names it)."""

    code = "refused"

    def __init__(self, message: str = "", field: str | None = None):
        super().__init__(message)
        self.field = field


class NotPermitted(CaseError):
    """The acting person may not do this (rank, role, own case, not their case)."""

    code = "not_permitted"


class NotAllowed(CaseError):
    """The case is not in a state, or its records do not yet allow this (a guard failed)."""

    code = "not_allowed"


class Invalid(CaseError):
    """What was given is not valid (missing rationale, invalid facts, a date too late)."""

    code = "invalid"


class Conflict(CaseError):
    """Someone else changed the case since it was read: reload and try again."""

    code = "conflict"
