"""POST /assessments: the contract's third door, the same answer as `crs assess`.

The body is the case facts exactly as `crs assess` reads them; the answer is
the engine's assessment, serialised by the same library (orjson). Nothing is
saved: to keep an assessment on a case, use POST /cases/{id}/assess.
"""

from typing import Annotated

import orjson
from django.http import HttpResponse
from ninja import Query, Router

from crs.policy import FactsError, PackError, assess_document
from crs.policy.pack import packs_in

from .auth import TokenAuth
from .contract import ref
from .errors import ApiError

router = Router(tags=["assessments"])


def policies() -> list[str]:
    """The policies the shipped packs (or $CRS_POLICY_PACKS) hold: any other is refused. The
    OpenAPI document lists them (crs.api.api), read when it is made."""
    return sorted({pack.policy for pack in packs_in()})


@router.post(
    "/assessments",
    auth=TokenAuth("assess"),
    summary="Assess case facts",
    description="The body is the case facts (docs/contract/assess.md); the answer the "
    "assessment, the same as `crs assess` gives for the same facts. Facts that are not valid "
    "are a 422 naming the field (dotted path), in the words `crs assess` uses.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ref("CaseFacts")}},
        },
        "responses": {
            200: {
                "description": "The assessment",
                "content": {"application/json": {"schema": ref("Assessment")}},
            },
        },
    },
)
def assess(
    request,
    policy: Annotated[
        str | None,
        Query(description="The policy whose packs decide (default: the force's)"),
    ] = None,
):
    try:
        document = orjson.loads(request.body)
    except orjson.JSONDecodeError as exc:
        raise ApiError(400, "bad_request", f"(facts): malformed JSON: {exc}") from None
    if policy is not None and policy not in policies():
        # As the document's enum says; an empty ?policy= is not the default policy either.
        known = ", ".join(policies())
        raise ApiError(422, "invalid", f"policy: one of {known}, got {policy!r}", "policy")
    try:
        assessment = assess_document(document, policy=policy)
    except FactsError as exc:
        raise ApiError(422, "invalid", str(exc), exc.path) from None
    except PackError as exc:
        field = "policy" if policy is not None else "assessed_on"
        raise ApiError(422, "invalid", f"policy pack {exc}", field) from None
    return HttpResponse(orjson.dumps(assessment), content_type="application/json")
