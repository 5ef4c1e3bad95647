"""Single sign-on URLs, included under "konto/oidc/" by config/urls.py. They answer 404 while SSO is off."""

from django.urls import path

from .oidc import SSOCallbackView, SSOSignInView

app_name = "oidc"

urlpatterns = [
    path("logga-in/", SSOSignInView.as_view(), name="authenticate"),
    path("callback/", SSOCallbackView.as_view(), name="callback"),
]
