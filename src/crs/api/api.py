"""The NinjaAPI instance: /api/v1. Other apps' routers are mounted here."""

from ninja import NinjaAPI

from crs.policy.pack import packs_in

from . import errors
from .assessments import policies
from .contract import CASE_ROOT, case_components, components
from .docs import LocalSwagger
from .schemas import CASE_FACTS_MARK
from .throttle import TokenThrottle


class CrsApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """ninja's document, with the contract's schemas and the error format as components
        (the assessment endpoint refers to them; ninja does not know them)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        found = schema.setdefault("components", {}).setdefault("schemas", {})
        found.update(components())
        found.update(case_components())
        _case_facts_where_marked(found)
        for model in (errors.ErrorOut,):
            definition = model.model_json_schema(ref_template="#/components/schemas/{model}")
            found.update(definition.pop("$defs", {}))
            found.setdefault(model.__name__, definition)
        # The policies the packs hold, as they are when the document is made.
        for parameter in schema["paths"]["/api/v1/assessments"]["post"].get("parameters", []):
            if parameter["name"] == "policy":
                parameter["schema"] = {"enum": policies(), "type": "string"}
        # The Community Remedy actions of every pack: which a case may take is its own pack's
        # (a 409 not_allowed names the field: decision 0012).
        action = found["ActionIn"]
        kinds = {remedy.id: remedy.instant for remedy in remedies()}
        action["properties"]["kind"]["enum"] = sorted(kinds)
        # A deferred action is due on a date (4.4.4): one said to be deferred, or one the pack
        # defers when `instant` is left out.
        dated = {"required": ["due_date"], "properties": {"due_date": {"type": "string"}}}
        action["allOf"] = [
            {
                "if": {"properties": {"instant": {"const": False}}, "required": ["instant"]},
                "then": dated,
            },
            {
                "if": {
                    "properties": {
                        "kind": {"enum": sorted(k for k, instant in kinds.items() if not instant)},
                        "instant": {"type": "null"},
                    },
                    "required": ["kind"],
                },
                "then": dated,
            },
        ]
        # Every operation may be refused in the one format: say so where ninja did not.
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, what in errors.REFUSAL_TEXT.items():
                    if str(status) not in responses and status not in responses:
                        responses[status] = {
                            "description": what,
                            "content": {"application/json": {"schema": ERROR_REF}},
                        }
        return schema


ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}


def remedies():
    """The Community Remedy actions of every pack (a later pack's word on `instant` wins)."""
    return [remedy for pack in packs_in() for remedy in pack.community_remedy]


def _case_facts_where_marked(found: dict) -> None:
    """A case's facts field states the case facts' schema: pydantic cannot refer to a schema
    it did not make, so the field carries a mark and the reference goes in here."""
    for definition in found.values():
        for name, field in (definition.get("properties") or {}).items():
            if field.pop(CASE_FACTS_MARK, False):
                definition["properties"][name] = {
                    "$ref": f"#/components/schemas/{CASE_ROOT}",
                    **{k: field[k] for k in ("description", "default") if k in field},
                }


api = CrsApi(
    title="crs",
    version="1",
    urls_namespace="api",
    docs=LocalSwagger(),
    throttle=[TokenThrottle()],
    description="Community Resolutions under SOP O32g: assess facts, and work cases with the "
    "same permissions and workflow guards as the web app. Authenticate with a personal API "
    "token: `Authorization: Bearer <token>`. Every refusal has one shape: "
    '`{"error": {"code", "message", "field"}}`. See docs/api.md.',
)
errors.install(api)
api.add_router("", "crs.api.assessments.router")
api.add_router("", "crs.api.cases.router")
api.add_router("", "crs.api.records.router")
api.add_router("/exchange", "crs.api.exchange.router")
