from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value) -> str:
    """A figure as the reader writes it: localised, with the decimals it has (at most two), so
    80.00 reads 80 and 74.50 reads 74,5."""
    if value is None or value == "":
        return "–"
    try:
        exact = Decimal(value).normalize()
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    places = max(0, -exact.as_tuple().exponent)
    return number_format(Decimal(value), decimal_pos=min(places, 2))
