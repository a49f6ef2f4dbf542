"""Small extracts written out in full, so each test shows the rows it imports."""

from __future__ import annotations

import io

HEADER = (
    "source_reference,family_name,given_name,date_of_birth,pnc_id,outcome,outcome_date,"
    "offence_category,substance"
)
# Quinn Redbrook, born 31 January 1990: a caution and a cannabis warning on the records system.
QUINN = [
    "RMS-1,Redbrook,Quinn,1990-01-31,2008/0012345X,Caution,2023-06-01,theft,",
    "RMS-2,REDBROOK,quinn,31/01/1990,,cannabis_khat_warning,2022-11-15,drugs_possession,cannabis",
]
# Someone else entirely.
AVERY = ["RMS-3,Ashcombe,Avery,1985-07-04,,conviction,2019-03-02,assault,"]


def extract(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def stream(*rows: str, header: str = HEADER) -> io.BytesIO:
    return io.BytesIO(extract(*rows, header=header))
