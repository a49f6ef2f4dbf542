"""The assessment contract's JSON Schemas (crs.policy.schema), as OpenAPI components.

`crs schema` prints self-contained JSON Schema documents whose references point
into their own `$defs`. In the OpenAPI document every schema lives under
components/schemas, so the definitions move there (named `CaseFacts.Drug`, ...)
and the references are rewritten to follow; `$id` goes, since it would make
references resolve against the schema's own URN instead of the document.
"""

from __future__ import annotations

from functools import cache

import orjson

from crs.cases import officer
from crs.policy.schema import schemas

ROOTS = {"facts": "CaseFacts", "assessment": "Assessment"}


def _rewrite(node, root: str):
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                out[key] = f"#/components/schemas/{root}.{value.removeprefix('#/$defs/')}"
            else:
                out[key] = _rewrite(value, root)
        return out
    if isinstance(node, list):
        return [_rewrite(item, root) for item in node]
    return node


@cache
def components() -> dict:
    found = {}
    for key, document in schemas().items():
        root = ROOTS[key]
        document = dict(document)
        for name, definition in document.pop("$defs", {}).items():
            found[f"{root}.{name}"] = _rewrite(definition, root)
        document.pop("$schema", None)
        document.pop("$id", None)
        found[root] = _rewrite(document, root)
    return found


# What a case's facts may hold: the contract's facts less the officer facts that come from the
# delivering officer's record (Ruling R39, crs.cases.officer) and the offender's date of
# birth, which is the offender's (decision 0011); and only text a database can keep.
CASE_ROOT = "CaseRecordFacts"
NO_NUL = "^[^\\x00]*$"  # as crs.api.schemas.NO_NUL


def _not_in_a_case(part: str, key: str) -> bool:
    if part == "Offender":
        return key == "date_of_birth"
    return part == "Officer" and officer.from_the_record(f"officer.{key}")


def _storable_text(node):
    if isinstance(node, dict):
        out = {key: _storable_text(value) for key, value in node.items()}
        if out.get("type") == "string" and "enum" not in out and "format" not in out:
            out["pattern"] = NO_NUL
        return out
    if isinstance(node, list):
        return [_storable_text(item) for item in node]
    return node


@cache
def case_components() -> dict:
    """The case facts' components, named CaseRecordFacts and CaseRecordFacts.<Part>."""
    contract = ROOTS["facts"]
    found = {}
    for name, definition in components().items():
        if name != contract and not name.startswith(f"{contract}."):
            continue
        text = orjson.dumps(definition).replace(
            f"#/components/schemas/{contract}.".encode(),
            f"#/components/schemas/{CASE_ROOT}.".encode(),
        )
        copied = _storable_text(orjson.loads(text))
        part = name.removeprefix(f"{contract}.")
        for key in [k for k in copied.get("properties", {}) if _not_in_a_case(part, k)]:
            del copied["properties"][key]
        new = CASE_ROOT if name == contract else f"{CASE_ROOT}.{part}"
        found[new] = copied
    found[CASE_ROOT]["title"] = "Case facts of a case"
    found[CASE_ROOT]["description"] = (
        "The facts a case holds (the contract's case facts), partial while it is worked. The "
        "delivering officer's role, training and designated power come from their record in "
        "crs (Ruling R39) and the offender's date of birth from the offender (decision 0011): "
        "neither is a case fact. Dates: offence.date and each previous outcome's date not "
        "after assessed_on (today when left out)."
    )
    return found


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}
