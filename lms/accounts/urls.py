"""Signing in and out, resetting a password, and the signed-in person's own data."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from lms.organisation import views

from .lockouts import password_reset_limited
from .oidc import SignOutView
from .sign_in import PasswordResetView, SignInView

app_name = "accounts"

urlpatterns = [
    path("logga-in/", SignInView.as_view(), name="login"),  # never a "next" back to an account page
    path("logga-ut/", SignOutView.as_view(), name="logout"),  # after single sign-on, the provider's too
    path(
        "losenord/",
        password_reset_limited(
            PasswordResetView.as_view(
                email_template_name="registration/password_reset_email.txt",
                success_url=reverse_lazy("accounts:password_reset_done"),
            )
        ),
        name="password_reset",
    ),
    path("losenord/skickat/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "losenord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("accounts:password_reset_complete")),
        name="password_reset_confirm",
    ),
    path("losenord/klart/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("mina-uppgifter/", views.my_data_view, name="my_data"),
    path("mina-uppgifter.json", views.my_data_json_view, name="my_data_json"),
]
