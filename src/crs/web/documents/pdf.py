"""HTML to PDF with WeasyPrint (it lays out print CSS: page sizes, running footers, page
numbers, the same on every machine, which a browser's own printing does not).

A document is one self-contained HTML page: its CSS is inlined from
templates/print/print.css and it has no images. Its fetcher refuses every URL
(render.py), so nothing written into a case (free text is escaped by the templates as
well) can make the server read a file or a web address while it renders.

WeasyPrint runs in a process of its own, killed after settings.CRS_PDF_SECONDS (default
30, from the environment): a layout that runs long, or fails, costs the person a page that says so
(views.py), never a web worker held for minutes. A thread cannot be stopped from
outside, a process can. The processes are forked from multiprocessing's fork server,
which imports WeasyPrint once: a fresh interpreter for each PDF spends seconds on
imports, and a fork of the web worker itself would copy its other threads' locks and
its database connections.
"""

from __future__ import annotations

import multiprocessing

from django.conf import settings
from django.template.loader import render_to_string

from . import render

DEFAULT_SECONDS = 30.0


class PdfFailed(Exception):
    """The PDF could not be made: WeasyPrint failed, or took longer than allowed."""


class PdfTimedOut(PdfFailed):
    """WeasyPrint took longer than allowed, and was stopped."""


def seconds_allowed() -> float:
    return float(getattr(settings, "CRS_PDF_SECONDS", DEFAULT_SECONDS))


def render_html(template: str, context: dict, *, request=None) -> str:
    return render_to_string(template, context, request=request)


def render_pdf(template: str, context: dict, *, request=None) -> bytes:
    return html_to_pdf(render_html(template, context, request=request))


def html_to_pdf(html: str, *, seconds: float | None = None) -> bytes:
    """The PDF of `html`, made in a child process; PdfFailed when WeasyPrint fails or the
    child has not answered within `seconds` (it is killed then)."""
    seconds = seconds_allowed() if seconds is None else seconds
    context = multiprocessing.get_context("forkserver")
    # Read when the fork server starts (once per web worker); the default would also
    # import the web worker's own __main__.
    context.set_forkserver_preload([render.__name__])
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=render.child, args=(html, sender), daemon=True)
    try:
        child.start()
        sender.close()  # the child's end: once the child exits, recv() ends, not waits
        if not receiver.poll(seconds):
            raise PdfTimedOut(f"the PDF was not made within {seconds:g} seconds")
        try:
            made, result = receiver.recv()
        except EOFError:
            child.join(5)
            raise PdfFailed(f"the PDF renderer stopped (exit code {child.exitcode})") from None
    finally:
        sender.close()
        if child.is_alive():
            child.kill()
        if child.pid is not None:
            child.join()
        receiver.close()
    if not made:
        raise PdfFailed(result)
    return result
