"""``{% certificate_links certificate %}``: the links the apps above put beside a certificate's download
(``extensions.register_certificate_link``), for the user of the request."""

from django import template

from ..extensions import certificate_links as links_for

register = template.Library()


@register.inclusion_tag("certificates/includes/certificate_links.html", takes_context=True)
def certificate_links(context, certificate):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"links": links_for(certificate, user) if user is not None and user.is_authenticated else []}
