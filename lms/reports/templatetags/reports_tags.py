"""Numbers as Swedes write them (12 345; 66 %), and small helpers for the report templates."""

import textwrap

from django import template
from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lms.courses.models import CompletionRoute
from lms.organisation.models import Audience
from lms.reports import disclosure
from lms.reports.caching import cached_report

register = template.Library()

AUDIENCE_LABELS = dict(Audience.choices)


@register.filter
def num(value) -> str:
    """An integer with the locale's thousands separator (a non-breaking space in Swedish)."""
    if value is None or value == "":
        return "–"
    if type(value) is int and -1000 < value < 1000:
        return str(value)  # what number_format gives, without its locale lookups (tables hold thousands)
    return number_format(value, decimal_pos=0, force_grouping=True)


@register.filter
def pct(value) -> str:
    """A whole per cent, or a dash with words for screen readers when nobody is required."""
    if value is None:
        return _("no one required")
    return f"{num(value)}\u00a0%"


@register.filter
def rate_pct(completed, required) -> str:
    if not required:
        return pct(None)
    return pct(int(100 * completed / required))


@register.filter
def route_label(value: str) -> str:
    """How a completion came about (In the course, Historical (imported), Marked by hand…), translated."""
    return CompletionRoute(value).label if value in CompletionRoute.values else value


@register.filter
def audience_label(value: str) -> str:
    """Staff, Manager or Elected politician, translated."""
    return AUDIENCE_LABELS.get(value, value)


@register.simple_tag
def figure_cells(f) -> str:
    """The six figure cells of a row, in the order of includes/figure_headings.html. A tag, not an
    included template: a drill-down draws a hundred rows of them, and each include costs a render."""
    overdue = f"<strong>{escape(num(f.overdue))}</strong>" if f.overdue else "0"
    return mark_safe(  # noqa: S308 - every value escaped here
        f'<td class="num">{escape(num(f.required))}</td><td class="num">{escape(num(f.completed))}</td>'
        f'<td class="num">{escape(pct(f.percent))}</td><td class="num">{escape(num(f.in_progress))}</td>'
        f'<td class="num">{escape(num(f.not_started))}</td><td class="num">{overdue}</td>'
    )


@register.simple_tag
def rate_cells(cells) -> str:
    """A row of the unit × course matrix: the completion rate with completed/required in each cell,
    a dash where nobody in the unit is required to take the course. One tag per row, for the same
    reason as figure_cells."""
    return mark_safe(  # noqa: S308 - every value escaped here
        "".join(
            f'<td class="num">{escape(pct(f.percent))} <span class="reports-muted">'
            f"({escape(num(f.completed))}/{escape(num(f.required))})</span></td>"
            if f is not None
            else '<td class="num">–</td>'
            for f in cells
        )
    )


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


@register.filter
def public_share(cell) -> str:
    """A public cell's share as the page prints it: "57 %", or a band ("at least 90 %") where
    nearly everyone or no one completed (disclosure.py). Empty for a hidden cell."""
    if cell is None or cell.suppressed or not cell.required:
        return ""
    if cell.band:
        return disclosure.band_label(cell.required, cell.band)
    return pct(int(100 * cell.completed / cell.required))


@register.filter
def nowrap(value) -> str:
    """Text that must not break inside (a date and time in a sentence: "2026-12-/07")."""
    return format_html('<span class="nowrap">{}</span>', value)


@register.filter
def share_percent(cell) -> int | None:
    """Where a public cell's bar ends (0–100): its exact share, or its band's bound; None when hidden."""
    if cell is None or cell.suppressed or not cell.required:
        return None
    return cell.band_percent if cell.band else int(100 * cell.completed / cell.required)


# The headline chart (reports/includes/headline_chart.html): per course its title (wrapped, as SVG text does
# not wrap itself: a line fits a phone), its bar below it and the share after the bar.
TITLE_LINE, TITLE_CHARS, BAR = 18, 34, 16


@register.simple_tag
def headline_chart_rows(headline) -> dict:
    rows, top = [], 0
    for title, cell in headline:
        lines = textwrap.wrap(str(title), TITLE_CHARS) or [""]
        label_y = [top + TITLE_LINE * (i + 1) for i in range(len(lines))]
        bar_y = label_y[-1] + 8
        rows.append(
            {
                "title": title,
                "cell": cell,
                "lines": list(zip(lines, label_y, strict=True)),
                "bar_y": bar_y,
                "value_y": bar_y + BAR - 2,
            }
        )
        top = bar_y + BAR + 14
    return {"rows": rows, "height": top}


@register.filter
def hidden_reason(cell) -> str:
    """Why a public cell is hidden, in words: "fewer than five", "would reveal another group", …"""
    return str(cell.get_reason_display()) if cell is not None and cell.suppressed else ""


class CachedReportNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context) -> str:
        html = cached_report(context["request"], context["scope"], self.name, lambda: self.nodelist.render(context))
        return mark_safe(html)  # noqa: S308 - what the template rendered, escaped as it was then


@register.tag
def cached_report_part(parser, token):
    """``{% cached_report_part "name" %}…{% endcached_report_part %}``: the part rendered once per key of
    lms/reports/caching.py (the user's scope, filters, language, date) and kept in the reports' cache until
    what it declares changes. Nothing per request may go inside: no CSRF token, no form that posts."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "'\"":
        raise template.TemplateSyntaxError("{% cached_report_part %} takes the part's name in quotes")
    nodelist = parser.parse(("endcached_report_part",))
    parser.delete_first_token()
    return CachedReportNode(bits[1][1:-1], nodelist)
