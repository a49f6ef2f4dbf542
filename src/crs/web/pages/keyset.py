"""A long list a page at a time by where the last page ended (keyset), newest first.

`?before=<id>` is the page of cases older than that one, `?after=<id>` the page newer.
A page number would make the database step over every case before it (OFFSET), which
at a million cases costs as much as reading them; a key is found in the primary key's
index whatever the depth. The key is the case's id, unique, so two cases never tie and
none is shown twice or skipped between pages. The links are plain links: they work
without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet


class BadKey(ValueError):
    """`before` or `after` is not a case's id; the message names the parameter."""


@dataclass
class Page:
    object_list: list
    newer: int | None  # ?after= for the page of newer cases; None on the newest page
    older: int | None  # ?before= for the page of older cases; None on the oldest

    @property
    def first(self) -> bool:
        return self.newer is None

    @property
    def has_other_pages(self) -> bool:
        return self.newer is not None or self.older is not None


def _key(params, name: str) -> int | None:
    text = params.get(name, "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 18:
        raise BadKey(f"{name}: give the number of a case, as the list's links do.")
    return int(text)


def page(cases: QuerySet, params, size: int) -> Page:
    """The page `params` asks for, of `cases` newest first: one query, `size` + 1 rows (the
    one more says whether there is a further page in that direction)."""
    before, after = _key(params, "before"), _key(params, "after")
    if after is not None and before is None:
        rows = list(cases.filter(pk__gt=after).order_by("pk")[: size + 1])
        if len(rows) > size:
            rows = rows[:size]
            return Page(rows[::-1], newer=rows[-1].pk, older=rows[0].pk)
        # The newest cases are reached: show the first page, full.
        before = None
    rows = list(
        (cases.filter(pk__lt=before) if before is not None else cases).order_by("-pk")[: size + 1]
    )
    older = rows[size - 1].pk if len(rows) > size else None
    rows = rows[:size]
    newer = rows[0].pk if before is not None and rows else None
    if before is not None and not rows:
        # Past the oldest case: a link back to the newer ones.
        newer = before - 1 if before > 0 else None
    return Page(rows, newer=newer, older=older)


def page_of_ids(cases: QuerySet, ids: list[int], params, size: int) -> Page:
    """The same page as `page`, when every id the list holds is already known (a
    search's few matches, read once, newest first): the page is chosen here and only its
    cases are read."""
    before, after = _key(params, "before"), _key(params, "after")
    newer = older = None
    if after is not None and before is None:
        above = [pk for pk in ids if pk > after]
        if len(above) > size:
            chosen = above[-size:]
            return _read(cases, chosen, newer=chosen[0], older=chosen[-1])
        before = None
    below = [pk for pk in ids if before is None or pk < before]
    chosen = below[:size]
    older = chosen[-1] if len(below) > size else None
    if before is not None:
        newer = chosen[0] if chosen else (before - 1 if before > 0 else None)
    return _read(cases, chosen, newer=newer, older=older)


def _read(cases: QuerySet, chosen: list[int], *, newer, older) -> Page:
    rows = cases.filter(pk__in=chosen).order_by("-pk") if chosen else []
    return Page(list(rows), newer=newer, older=older)
