"""The rules, one module per SOP section, in SOP order.

Importing this package registers every rule; `RULES` lists them sorted by
paragraph (stable within a paragraph, so declaration order breaks ties).
"""

from ..rule import RULES as _REGISTERED
from . import (  # noqa: F401  (imported to register their rules)
    s2_3_exclusions,
    s2_4_drugs,
    s2_5_domestic_abuse,
    s2_6_hate_crime,
    s3_1_gravity,
    s3_2_evidential,
    s3_3_acceptance,
    s3_4_offender,
    s3_5_history,
    s4_2_authorisation,
    s4_3_victim,
    s4_4_outcomes,
)

RULES = tuple(sorted(_REGISTERED, key=lambda r: r.order))
BY_CODE = {r.code: r for r in RULES}
