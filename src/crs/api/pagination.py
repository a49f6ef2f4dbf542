"""Every list of the API is paged the same way: ?page=1&page_size=25 (at most 100).

The answer is {"items": [...], "count": N, "page": P, "page_size": S}; a page
past the end is an empty list, not an error.
"""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PaginationBase

from crs.audit.access import note_shown

MAX_PAGE = 1_000_000  # far beyond any force's caseload, and keeps the offset a small number


class Pages(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int = Field(25, ge=1, le=100)

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        page_size: int

    items_attribute = "items"

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> Any:
        size = pagination.page_size
        offset = (pagination.page - 1) * size
        items = list(queryset[offset : offset + size])
        note_shown(request, items)  # what a list that logs access showed (s.62)
        return {
            "items": items,
            "count": self._items_count(queryset),
            "page": pagination.page,
            "page_size": size,
        }
