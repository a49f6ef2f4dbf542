"""Realistic free text for the scrutiny pack's redactor: one fictional case and its snippets.

Everything here is made up for the tests. Each snippet plants identifiers (`gone`: each
must not survive redaction) and harmless words that look like them or sit next to them
(`kept`: each must survive). The case's people, organisation and officers are what crs
would know (crs.scrutiny.redaction.known_from); the rest (a witness, a brother, another
force's crime reference) only the patterns can find.
"""

from __future__ import annotations

from types import SimpleNamespace as Record
from typing import NamedTuple

REFERENCE = "41/12345/24"
LINKED_REFERENCE = "CR/0001/24"

PEOPLE = [
    Record(
        role="offender",
        given_name="Avery",
        family_name="Ashdown",
        organisation="",
        address="12 Acacia Road, Testtown TT1 2AB",
        email="avery.ashdown@example.org",
        phone="07700 900123",
        medical_professional="",
    ),
    Record(
        role="victim",
        given_name="",
        family_name="",
        organisation="The Corner Shop",
        address="3 Mill Lane, Testtown TT2 9ZZ",
        email="",
        phone="",
        medical_professional="",
    ),
    Record(
        role="parent_guardian",
        given_name="Morgan",
        family_name="Quillfeather",
        organisation="",
        address="12 Acacia Road, Testtown TT1 2AB",
        email="",
        phone="01632 960555",
        medical_professional="",
    ),
]
LINKED_PEOPLE = [
    Record(
        role="offender",
        given_name="Avery",
        family_name="Ashdown-Pike",
        organisation="",
        address="",
        email="",
        phone="",
        medical_professional="",
    )
]
SIGNATURES = [Record(name="A. Ashdown", party="offender")]
USERS = [
    Record(username="pc_ali", first_name="Amir", last_name="Ali"),
    Record(username="sgt_brown", first_name="Sam", last_name="Brown"),
    Record(username="insp_carr", first_name="Casey", last_name="Carr"),
]


class Snippet(NamedTuple):
    text: str
    gone: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()


SNIPPETS = [
    Snippet(
        "Avery Ashdown, born 18th April 1996, took sweets from The Corner Shop.",
        gone=("Avery", "Ashdown", "18th April 1996", "Corner Shop"),
        kept=("born", "took sweets from"),
    ),
    Snippet("DOB 18/04/1996, checked on PNC.", gone=("18/04/1996",), kept=("checked on PNC",)),
    Snippet("D.O.B. 18.4.96 confirmed by his mum.", gone=("18.4.96",), kept=("confirmed by his",)),
    Snippet("Date of birth April 18, 1996.", gone=("April 18", "1996"), kept=("Date of birth",)),
    Snippet(
        "dob 1996-04-18 per custody record", gone=("1996-04-18",), kept=("per custody record",)
    ),
    Snippet(
        "ASHDOWN admitted the theft to PC Ali at the scene.",
        gone=("ASHDOWN", "Ali"),
        kept=("admitted the theft to PC", "at the scene"),
    ),
    Snippet(
        "Witness Pat Quigley saw it from the bus stop.",
        gone=("Pat", "Quigley"),
        kept=("saw it from the bus stop",),
    ),
    Snippet(
        "His brother Jo was with him but took nothing.",
        gone=(" Jo ",),
        kept=("His brother", "was with him but took nothing"),
    ),
    Snippet(
        "Authorised by Sgt Brown; Insp Carr agreed under 4.3.2.",
        gone=("Brown", "Carr"),
        kept=("Authorised by Sgt", "Insp", "agreed under 4.3.2"),
    ),
    Snippet(
        "See also 41/98765/26 and DEMO-00011 for the earlier matter.",
        gone=("41/98765/26", "DEMO-00011"),
        kept=("See also", "for the earlier matter"),
    ),
    Snippet(
        f"Linked to {LINKED_REFERENCE} (a previous CR) and this case {REFERENCE}.",
        gone=(LINKED_REFERENCE, REFERENCE),
        kept=("(a previous CR)",),
    ),
    Snippet(
        "Seed data SEED7/0000042 and XY/77/23 were quoted.",
        gone=("SEED7/0000042", "XY/77/23"),
        kept=("were quoted",),
    ),
    Snippet("Compensation of £25 to be paid by 4pm.", kept=("Compensation of £25", "by 4pm")),
    Snippet("Seen at 14:30 on the CCTV, again at 10.30am.", kept=("14:30", "10.30am", "CCTV")),
    Snippet(
        "Under SOP 2.3.4 and 4.2.1 a Sergeant must authorise.",
        kept=("SOP 2.3.4 and 4.2.1", "a Sergeant must authorise"),
    ),
    Snippet(
        "The agreement under 4.4.4 was explained; paragraph 3.5.2 applies, see 10.1 and 2.1.",
        kept=("under 4.4.4", "paragraph 3.5.2", "10.1", "2.1."),
    ),
    Snippet(
        "The shop manager said the shop is on a busy lane near the road.",
        kept=("The shop manager said the shop is on a busy lane near the road.",),
    ),
    Snippet(
        "The Corner Shop, 3 Mill Lane, Testtown TT2 9ZZ was closed that day.",
        gone=("Corner Shop", "3 Mill Lane", "TT2 9ZZ"),
        kept=("was closed that day",),
    ),
    Snippet(
        "Staff at the corner shop on Mill Lane know him.",
        gone=("corner shop", "Mill Lane"),
        kept=("Staff at", "know him"),
    ),
    Snippet(
        "Call Avery on 07700 900123 or 07700900123 or +44 7700 900124.",
        gone=("Avery", "07700 900123", "07700900123", "7700 900124"),
        kept=("Call", " or "),
    ),
    Snippet(
        "Mum (Morgan Quillfeather) was told on 01632 960555.",
        gone=("Morgan", "Quillfeather", "01632 960555"),
        kept=("Mum (", ") was told on"),
    ),
    Snippet(
        "Email avery.ashdown@example.org or mquill@example.net if needed.",
        gone=("avery.ashdown@example.org", "mquill@example.net"),
        kept=("Email", "if needed"),
    ),
    Snippet(
        "Lives at 12 Acacia Road, Testtown TT1 2AB with his mother.",
        gone=("12 Acacia Road", "Acacia Road", "TT1 2AB"),
        kept=("Lives at", "with his mother"),
    ),
    Snippet("Postcode given as tt1 2ab.", gone=("tt1 2ab",), kept=("Postcode given as",)),
    Snippet(
        "Entered by pc_ali; Amir spoke to the victim.",
        gone=("pc_ali", "Amir"),
        kept=("Entered by", "spoke to the victim"),
    ),
    Snippet(
        "Mrs Quigley from next door complained about the noise.",
        gone=("Quigley",),
        kept=("Mrs", "from next door complained about the noise"),
    ),
    Snippet("Dr Okoro confirmed his capacity.", gone=("Okoro",), kept=("confirmed his capacity",)),
    Snippet(
        "PC 4521 attended with PCSO Patel.", gone=("4521", "Patel"), kept=("attended with PCSO",)
    ),
    Snippet(
        "A 15-year-old; final score 3 after 2 aggravating factors.",
        kept=("A 15-year-old; final score 3 after 2 aggravating factors.",),
    ),
    Snippet(
        "He will pay back the money in May 2024.",
        kept=("He will pay back the money in May 2024.",),
    ),
    Snippet(
        "Offence on 3rd March 2024 at the market.",
        gone=("3rd March 2024",),
        kept=("Offence on", "at the market"),
    ),
    Snippet("Victim's views taken on 2024-02-22.", gone=("2024-02-22",), kept=("Victim's views",)),
    Snippet(
        "Covid-19 rules did not apply; s.5 Public Order Act 1986.",
        kept=("Covid-19 rules did not apply; s.5 Public Order Act 1986.",),
    ),
    Snippet("Apology given. Victim satisfied.", kept=("Apology given. Victim satisfied.",)),
    Snippet(
        "avery said sorry to the shopkeeper.",
        gone=("avery",),
        kept=("said sorry to the shopkeeper",),
    ),
    Snippet("He was born in 1996 and lives locally.", gone=("1996",), kept=("and lives locally",)),
    Snippet(
        "Seen by Sergeant Brown and Inspector Carr.",
        gone=("Brown", "Carr"),
        kept=("Seen by Sergeant", "and Inspector"),
    ),
    Snippet(
        "He had an alibi; Browning and Carrington are street names in the town.",
        kept=("He had an alibi; Browning and Carrington are street names in the town.",),
    ),
    Snippet(
        "The Youth Justice Team Supervisor gave the authority; the Inspector agreed.",
        kept=("The Youth Justice Team Supervisor gave the authority; the Inspector agreed.",),
    ),
    Snippet(
        "Signed A. Ashdown on the day; Ashdown-Pike is his cousin's name.",
        gone=("Ashdown",),
        kept=("Signed", "on the day"),
    ),
    Snippet(
        "Items worth £1,250.50 were recovered from 2 bags.",
        kept=("Items worth £1,250.50 were recovered from 2 bags.",),
    ),
]
