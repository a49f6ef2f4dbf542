"""Text a case can keep: every door (web, API, CLI, import) refuses the rest by name.

PostgreSQL cannot store the NUL character, and no database can store a lone surrogate (JSON's
"\\udfff" reads as one in Python; encoding it for the database fails). A field's stated
maximum (the model's max_length) is a refusal naming the field and the maximum, never a cut:
what a person typed is kept whole or not at all.

Before any case record is saved, `refuse_unstorable` (a pre_save receiver, crs.cases.apps)
checks every text and JSON field of it, so no door can bypass the check.
"""

from __future__ import annotations

from django.db import models

from .errors import Invalid

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


def _label(field: models.Field) -> str:
    name = str(field.verbose_name)
    return name[:1].upper() + name[1:]


def check_instance(instance: models.Model) -> None:
    """Refuse, naming the field, a record whose text cannot be stored or is over its
    field's maximum."""
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if isinstance(field, models.JSONField):
            found = find_fault(value, field.name)
            if found:
                path, why = found
                raise Invalid(f"{path}: {why}", field=path)
        elif isinstance(value, str):
            why = fault(value)
            if why is None and field.max_length and len(value) > field.max_length:
                why = f"{too_long(field.max_length)} (it has {len(value):,})"
            if why:
                raise Invalid(f"{_label(field)} {why}", field=field.name)


def refuse_unstorable(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # fixtures load as they are
        check_instance(instance)
