"""HTML to PDF with WeasyPrint (it lays out print CSS: page sizes, running footers, page
numbers, the same on every machine, which a browser's own printing does not).

A document is one self-contained HTML page: its CSS is inlined from
templates/print/print.css and it has no images. Its fetcher refuses every URL,
so nothing written into a case (free text is escaped by the templates as well) can
make the server read a file or a web address while it renders.
"""

from __future__ import annotations

from django.template.loader import render_to_string


def render_pdf(template: str, context: dict, *, request=None) -> bytes:
    # Imported here: WeasyPrint loads Pango, which only the documents need.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"documents fetch nothing: {url}")

    html = render_to_string(template, context, request=request)
    return HTML(string=html, url_fetcher=NoFetching()).write_pdf()
