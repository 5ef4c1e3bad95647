"""``{% sign_in_url %}``: the sign-in link for the page being shown (lms/accounts/sign_in.py)."""

from django import template

from .. import sign_in

register = template.Library()


@register.simple_tag(takes_context=True)
def sign_in_url(context) -> str:
    request = context.get("request")
    return sign_in.sign_in_url(request.get_full_path() if request is not None else "")
