"""crs.ui: the UI kit every page of crs is made with.

GOV.UK form helpers (`forms`), the `govuk` template tags, the frame (`base.html`), the
failure pages (`failures`, 403/404/413/500/503) and the static files (GOV.UK Frontend,
htmx, crs's own). It knows no case: the case pages (crs.web) and the oversight apps'
pages build on it.
"""
