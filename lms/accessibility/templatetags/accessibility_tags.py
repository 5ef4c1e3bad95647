"""The footer's link to the accessibility statement, on every page of the site (the law asks
for it to be reachable from everywhere; it does not depend on "show in menus")."""

from django import template

from ..selectors import statement_link_for_request

register = template.Library()


@register.inclusion_tag("accessibility/includes/footer_link.html", takes_context=True)
def accessibility_statement_link(context):
    request = context.get("request")
    link = statement_link_for_request(request) if request is not None else None
    return {"statement": link, "request": request}
