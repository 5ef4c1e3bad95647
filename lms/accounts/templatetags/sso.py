"""``{% sso_login_button next %}``: the "sign in with your organisation account" button, only when SSO is on."""

from django import template
from django.urls import NoReverseMatch, reverse

from ..oidc import sso_enabled

register = template.Library()


@register.inclusion_tag("accounts/includes/sso_login_button.html")
def sso_login_button(next_url: str = ""):
    if not sso_enabled():
        return {"url": ""}
    try:
        url = reverse("oidc:authenticate")
    except NoReverseMatch:  # config/urls.py does not include lms.accounts.oidc_urls yet
        return {"url": ""}
    return {"url": url, "next": next_url}
