"""The case's printed documents: form 1912 and the acceptance form, as PDFs (WeasyPrint).

pdf.py          HTML to PDF, with no fetching of anything outside the document
content.py      what each document holds, read from the case
statements.py   what the offender is told and agrees to, each with its SOP paragraph
views.py        the downloads, for the people who can see the case
"""
