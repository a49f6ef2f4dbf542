"""Text a database can keep, and how a refusal of it reads: pure Python, so the case record,
the UI kit's forms and the API's schemas all refuse the same text in the same words.

PostgreSQL cannot store the NUL character, and no database can store a lone surrogate (JSON's
"\\udfff" reads as one in Python; encoding it for the database fails).
"""

from __future__ import annotations

NUL = "must not contain the NUL character"
SURROGATE = "must not contain a lone surrogate (text that cannot be stored)"


def fault(text: str) -> str | None:
    """Why this text cannot be stored, or None."""
    if "\x00" in text:
        return NUL
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return SURROGATE
    return None


def too_long(limit: int) -> str:
    return f"must be {limit} characters or fewer"


def find_fault(value, path: str) -> tuple[str, str] | None:
    """(dotted path, why) of the first text in `value` (a JSON document) that cannot be
    stored; a bad key is named by the path of the object holding it."""
    if isinstance(value, str):
        why = fault(value)
        return (path, why) if why else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = find_fault(key, path) or find_fault(item, f"{path}.{key}")
            if found:
                return found
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            found = find_fault(item, f"{path}.{i}")
            if found:
                return found
    return None
