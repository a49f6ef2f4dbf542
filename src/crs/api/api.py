"""The NinjaAPI instance: /api/v1. Other apps' routers are mounted here."""

from ninja import NinjaAPI

api = NinjaAPI(title="crs", version="1", urls_namespace="api")
api.add_router("/exchange", "crs.exchange.api.router")
