"""crs.cases: the Community Resolution record (form 1912), its workflow and its services.

Views, the API and the command line change a case only through
`crs.cases.services`, which checks who is acting, applies the workflow, and
writes the audit entry in the same transaction.
"""
