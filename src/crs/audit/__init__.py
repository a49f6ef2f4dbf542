"""crs.audit: the append-only, hash-chained record of every change to a case.

    from crs.audit.log import record
    record(actor=user, case=case, action="authorise", before={...}, after={...}, why="...")

Each entry's hash covers the previous entry's hash and a canonical JSON of its
own content, so altering, removing or re-ordering any entry breaks the chain
from there on; `crs audit verify` names the first entry that no longer fits.
"""
