"""The sign-in page and the links to it (never a ``next`` back to an account page), and the address
in password-reset mails.

The header links to the sign-in page with ``?next=`` the page one is on. On the sign-in page itself that
would nest the sign-in page in its own ``next`` (``/konto/logga-in/?next=/konto/logga-in/%3Fnext%3D…``),
endlessly for a crawler, and after signing in it would only lead back to the sign-in form (or a password
reset page). So: no link carries such a ``next``, and the page drops one that arrives anyway."""

from urllib.parse import urlencode, urlsplit

from django.contrib.auth import views as auth_views
from django.contrib.auth.views import LoginView
from django.urls import Resolver404, resolve, reverse

from lms.core.addresses import base_url

# The account pages: signing in from one of them returns to where one was before, not to them.
ACCOUNT_NAMESPACES = frozenset({"accounts", "oidc"})
# …except the signed-in person's own pages, which are worth coming back to after signing in.
DESTINATIONS = frozenset({"accounts:my_data", "accounts:my_data_json"})


def is_account_page(url: str) -> bool:
    """Whether ``url`` (a path, with or without a query) is a sign-in, sign-out or password page."""
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        if path.endswith("/"):
            return False
        return is_account_page(path + "/")  # /konto/logga-in: CommonMiddleware adds the slash
    return bool(set(match.namespaces) & ACCOUNT_NAMESPACES) and match.view_name not in DESTINATIONS


def sign_in_url(next_url: str = "") -> str:
    """The sign-in page's address, with ``next`` unless it would lead back to an account page."""
    url = reverse("accounts:login")
    if next_url and not is_account_page(next_url):
        url += "?" + urlencode({"next": next_url}, safe="/")
    return url


class SignInView(LoginView):
    """Django's sign-in view; a ``next`` pointing at an account page is dropped, from the form's hidden
    field and the single sign-on button (both read ``get_redirect_url``) and from where it leads after."""

    redirect_authenticated_user = True

    def get_redirect_url(self) -> str:
        url = super().get_redirect_url()
        return "" if url and is_account_page(url) else url


class SiteAddressInMail:
    """Password-reset mails link to the site's own address (lms.core.addresses), as every other mail
    does, not to whatever Host the request named: this context wins over the request's. (The admin's
    reset mail is Wagtail's: it reads WAGTAILADMIN_BASE_URL, which the deploy check ties to the site.)"""

    @property
    def extra_email_context(self) -> dict:
        base = base_url()
        protocol, _, domain = base.partition("://")
        return {"protocol": protocol, "domain": domain}


class PasswordResetView(SiteAddressInMail, auth_views.PasswordResetView):
    pass
