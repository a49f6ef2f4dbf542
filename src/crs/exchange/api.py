"""The data exchange endpoints, mounted by crs.api under /api/v1/exchange."""

from ninja import Router

router = Router(tags=["data exchange"])
