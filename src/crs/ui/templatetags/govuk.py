"""GOV.UK Frontend components for Django templates: `{% load govuk %}`.

The markup under templates/govuk/ copies the official Nunjucks macros of the
vendored govuk-frontend (see static/vendor/VERSIONS and docs/decisions/0005).

    {% govuk_error_summary form %}             the "There is a problem" box; nothing when valid
    {% govuk_field form.rationale %}           label, hint, error message and input, chosen by
                                               the widget: text, textarea, select, radios,
                                               yes/no, checkboxes, a single checkbox, a date;
                                               checkboxes whose field has `exclusive = "none"`
                                               show that option after "or", unticking the rest
    {% govuk_field form.decision heading=True %}   the question is the page's <h1>
    {% govuk_field form.method size="s" hint="..." classes="govuk-input--width-10" %}
    {% govuk_summary_list rows %}              rows: dicts of key, value, and optional href,
                                               action ("Change"), hidden (visually hidden text)
    {% linkto "journeys:authorise" case.pk as url %}   the URL, or "" when no such URL exists
"""

from __future__ import annotations

from django import forms, template
from django.forms.utils import flatatt
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse

from crs.ui.forms import DateWidget

register = template.Library()

LABEL_SIZES = {"s", "m", "l", "xl"}


def field_kind(bound) -> str:
    widget = bound.field.widget
    if isinstance(widget, DateWidget):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


def field_id(bound) -> str:
    return bound.auto_id or bound.html_name


def first_input_id(bound) -> str:
    """The id the error summary links to: the field's first input (the day of a date)."""
    base = field_id(bound)
    return f"{base}-day" if field_kind(bound) == "date" else base


def _choices(bound) -> list[tuple[str, str]]:
    flat = []
    for value, text in bound.field.choices:
        if isinstance(text, list | tuple):  # an optgroup
            flat.extend((str(v), str(t)) for v, t in text)
        else:
            flat.append(("" if value is None else str(value), str(text)))
    return flat


def _context(bound, *, heading, size, hint, classes, inline, rows) -> dict:
    kind = field_kind(bound)
    ident = field_id(bound)
    error = bound.errors[0] if bound.errors else ""
    hint = bound.help_text if hint is None else hint
    size = "l" if heading else size
    widget_attrs = dict(bound.field.widget.attrs)
    classes = " ".join(filter(None, [widget_attrs.pop("class", ""), classes]))
    described = " ".join(
        part for part, present in ((f"{ident}-hint", hint), (f"{ident}-error", error)) if present
    )
    ctx = {
        "kind": kind,
        "id": ident,
        "name": bound.html_name,
        "label": bound.label,
        "heading": heading,
        "size": size if size in LABEL_SIZES else "",
        "hint": hint,
        "error": error,
        "classes": classes,
        "described_by": described,
        "attrs": flatatt(widget_attrs),
        "rows": rows or widget_attrs.get("rows") or 5,
    }
    value = bound.value()
    if kind in ("radios", "select", "checkboxes"):
        chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
        item_hints = getattr(bound.field, "item_hints", {})
        # A checkbox that unticks the others ("None of these"), after an "or" divider.
        exclusive = getattr(bound.field, "exclusive", None)
        ctx["items"] = [
            {
                "id": ident if n == 1 else f"{ident}-{n}",
                "value": v,
                "text": t,
                "checked": v in chosen and value not in (None, ""),
                "hint": item_hints.get(v, ""),
                "exclusive": exclusive is not None and v == exclusive,
            }
            for n, (v, t) in enumerate(_choices(bound), start=1)
        ]
        if kind == "radios":
            if inline is None:
                inline = getattr(bound.field, "inline", False)
            ctx["inline"] = inline
        if kind != "select" and not size:
            ctx["size"] = "m"
    elif kind == "checkbox":
        ctx["checked"] = bool(value)
    elif kind == "date":
        parts = value if isinstance(value, list | tuple) else DateWidget().decompress(value)
        ctx["parts"] = [
            {
                "id": f"{ident}-{part}",
                "name": f"{bound.html_name}-{part}",
                "label": part.capitalize(),
                "value": "" if parts[i] is None else parts[i],
                "width": 4 if part == "year" else 2,
            }
            for i, part in enumerate(("day", "month", "year"))
        ]
        if not size:
            ctx["size"] = "m"
    else:
        ctx["type"] = getattr(bound.field.widget, "input_type", "text")
        formatted = bound.field.widget.format_value(value)
        ctx["value"] = "" if formatted is None else formatted
    return ctx


@register.simple_tag
def govuk_field(
    bound, heading=False, size="", hint=None, classes="", inline=None, rows=None
) -> str:
    """One form field in its GOV.UK component (see the module's docstring)."""
    ctx = _context(
        bound, heading=heading, size=size, hint=hint, classes=classes, inline=inline, rows=rows
    )
    return get_template(f"govuk/fields/{ctx['kind']}.html").render(ctx)


def error_items(form) -> list[tuple[str, str]]:
    """(href, message) for the error summary of any Django form, in the order its fields
    appear: each field's first error links to its first input, as the Design System asks;
    errors of the whole form link to the first field."""
    items = []
    fields = [bound for bound in form if not bound.is_hidden]
    first = f"#{first_input_id(fields[0])}" if fields else ""
    for message in form.non_field_errors():
        items.append((first, message))
    for bound in form:
        if bound.errors:
            href = f"#{first_input_id(bound)}" if not bound.is_hidden else first
            items.append((href, bound.errors[0]))
    return items


@register.inclusion_tag("govuk/error_summary.html")
def govuk_error_summary(form=None, extra=None):
    """The error summary of `form` (and any (href, message) pairs in `extra`)."""
    items = error_items(form) if form is not None and form.errors else []
    items += list(extra or [])
    return {"items": items}


@register.inclusion_tag("govuk/summary_list.html")
def govuk_summary_list(rows, classes=""):
    rows = [r for r in rows if r]
    return {
        "rows": rows,
        "any_actions": any(r.get("href") for r in rows),
        "classes": classes,
    }


@register.simple_tag
def linkto(name, *args) -> str:
    """The URL named `name`, or "" when no such URL exists (yet): links render only if it does."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.filter
def querystring_without(querydict, key) -> str:
    """The query string without one key (for pagination links that keep the filters)."""
    q = querydict.copy()
    q.pop(key, None)
    return q.urlencode()


@register.inclusion_tag("govuk/pagination.html")
def govuk_pagination(page, querydict):
    """GOV.UK pagination for a Django Page, keeping the other query parameters."""
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return {
        "page": page,
        "numbers": list(numbers),
        "ellipsis": page.paginator.ELLIPSIS,
        "query": querystring_without(querydict, "page"),
    }


@register.inclusion_tag("govuk/keyset_pagination.html")
def govuk_keyset_pagination(page, querydict):
    """GOV.UK "previous and next" pagination for a keyset page (crs.web.pages.keyset),
    keeping the other query parameters: links to the newer and older cases."""
    query = querydict.copy()
    for key in ("before", "after", "page"):
        query.pop(key, None)

    def link(**key) -> str:
        q = query.copy()
        q.update(key)
        return "?" + q.urlencode()

    return {
        "page": page,
        "newest": "?" + query.urlencode() if not page.first else "",
        "newer": link(after=page.newer) if page.newer is not None else "",
        "older": link(before=page.older) if page.older is not None else "",
    }
