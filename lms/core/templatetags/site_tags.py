from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(is_safe=True)
def with_site_name(title, site_name):
    """The <title>: "Page – Site", or just the site's name where the page has no title of its own or
    is called the same as the site (the home page), so that no title reads "X – X"."""
    title = str(title).strip()  # the rendered title block: already escaped
    site = conditional_escape(site_name or "")
    if not title or title == site:
        return site
    if not site:
        return mark_safe(title)  # noqa: S308 - rendered and escaped by the template
    return mark_safe(f"{title} – {site}")  # noqa: S308 - both parts escaped above
