"""Numbers as Swedes write them (12 345; 66 %), and small helpers for the report templates."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def num(value) -> str:
    """An integer with the locale's thousands separator (a non-breaking space in Swedish)."""
    if value is None or value == "":
        return "–"
    return number_format(value, decimal_pos=0, force_grouping=True)


@register.filter
def pct(value) -> str:
    """A whole per cent, or a dash with words for screen readers when nobody is required."""
    if value is None:
        return _("no one required")
    return f"{number_format(value, decimal_pos=0)}\u00a0%"


@register.filter
def rate_pct(completed, required) -> str:
    if not required:
        return pct(None)
    return pct(int(100 * completed / required))


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (empty value: removed)."""
    params = context["request"].GET.copy()
    params.pop("export", None)
    params.pop("background", None)
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
