"""The assessment contract's JSON Schemas (crs.policy.schema), as OpenAPI components.

`crs schema` prints self-contained JSON Schema documents whose references point
into their own `$defs`. In the OpenAPI document every schema lives under
components/schemas, so the definitions move there (named `CaseFacts.Drug`, ...)
and the references are rewritten to follow; `$id` goes, since it would make
references resolve against the schema's own URN instead of the document.
"""

from __future__ import annotations

from functools import cache

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
    from crs.policy.schema import schemas

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


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}
