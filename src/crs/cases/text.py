"""Text a case can keep: every door (web, API, CLI, import) refuses the rest by name.

What no database can store is crs.text's (the NUL character, a lone surrogate). A field's stated
maximum (the model's max_length) is a refusal naming the field and the maximum, never a cut:
what a person typed is kept whole or not at all.

Before any case record is saved, `refuse_unstorable` (a pre_save receiver, crs.cases.apps)
checks every text and JSON field of it, so no door can bypass the check.
"""

from __future__ import annotations

from django.db import models

from crs.text import fault, find_fault, too_long

from .errors import Invalid


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
