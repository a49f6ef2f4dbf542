"""What the acceptance form tells the offender, and what they agree to, each with the SOP's
paragraph and a verbatim phrase of it (`sop`), which a test finds in the SOP's text.

The offender signs to say they accept responsibility and consent (3.3, 3.4.1), were
told what the resolution means for them (4.1.1, 4.3.4, 2.1.2) and what follows if they
do not do what they agree (4.4.5, 4.6.1); the victim's part is said as the SOP says it
(3.3.1, 4.3.3, 4.5.1).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Statement:
    paragraph: str
    text: str
    sop: str  # the SOP's own words this statement rests on


AGREED = (
    Statement(
        "3.3.1",
        "I understand the offence put to me and I fully accept responsibility for committing "
        "it. I have no lawful defence to it.",
        "fully accept responsibility for committing the offence",
    ),
    Statement(
        "3.3.1",
        "I understand the effect my behaviour has had on others, including the victim.",
        "understands the effect their behaviour has had on others",
    ),
    Statement(
        "3.3.2",
        "I understand the Community Resolution process and the implications of accepting "
        "responsibility, and I agree to the outcome.",
        "understand the implications of accepting responsibility for the offence and agree to "
        "the outcome",
    ),
    Statement(
        "3.4.1",
        "I consent to take part in this Community Resolution.",
        "obtain the consent of the offender to engage in the community resolution process",
    ),
    Statement(
        "4.3.3",
        "I will carry out the actions set out below, by the dates given. I have been asked "
        "whether they are within my capability to fulfil, and they are.",
        "ask the offender if the action is within their capability to fulfil",
    ),
)

TOLD = (
    Statement(
        "2.1.2",
        "A Community Resolution is an alternative to formal criminal justice proceedings. It "
        "is not a conviction and not a caution.",
        "offering an alternative to formal criminal justice proceedings",
    ),
    Statement(
        "4.3.4",
        "I will be named on the crime report.",
        "they will be named on the crime report",
    ),
    Statement(
        "4.1.1",
        "This Community Resolution may be disclosed as part of an enhanced Disclosure and "
        "Barring Service (DBS) check. Whether it is depends on the nature and circumstances of "
        "the check. No one has given me any assurance that it will not be disclosed.",
        "may be disclosed as part of an enhanced Disclosure and Baring Service (DBS) check",
    ),
    Statement(
        "4.4.5",
        "The officer in the case will follow up the actions and keep those involved, "
        "including the victim, informed, even if I do not do what I have agreed.",
        "those involved are kept informed even when the agreement has not been adhered to",
    ),
    Statement(
        "4.6.1",
        "If I do not complete the agreed actions, it will not be possible to offer me an "
        "alternative such as a caution for this offence instead, and the victim will be told.",
        "it will not be possible to then offer an alternative sanction such as caution",
    ),
    Statement(
        "4.5.1",
        "I may ask for a copy of the Community Resolution record (form 1912). The victim may "
        "ask the officer in the case for the outcome details in writing.",
        "The victim may request the outcome details in writing",
    ),
)

# Said to the parent or guardian of an offender under 18 (3.4.2, 3.4.3).
PARENT = Statement(
    "3.4.2",
    "I am the parent or guardian of the offender, who is under 18. The Community Resolution "
    "and what is set out on this form have been explained to me.",
    "officers will take and document all reasonable steps to contact parents/guardians",
)

ALL = (*AGREED, *TOLD, PARENT)
