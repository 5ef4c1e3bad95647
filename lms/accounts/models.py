"""How an account signs in with the organisation's own account (single sign-on)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.access.rule import RowAccess


class SignInIdentity(models.Model):
    """The organisation account (OpenID Connect issuer and subject) an account signed in with, stored
    at the first single sign-on so that later sign-ins find the account by it, whatever the e-mail
    claim says. Personal data: in the register extract, deleted on erasure (privacy.py)."""

    # Made and used by the sign-in (oidc.py); HR sees them on the person's page and may remove one
    # (oidc_admin.py), nobody adds or edits them by hand.
    row_access = RowAccess(unit_path="user__person__org_unit__path", actions=("view", "delete"))

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sign_in_identities",
        verbose_name=_("user"),
    )
    issuer = models.CharField(_("sign-in service"), max_length=255, help_text=_("The issuer of the ID tokens."))
    subject = models.CharField(_("account identifier"), max_length=255, help_text=_("Its sub or oid claim."))
    # Made by an e-mail address the provider did not verify, only because LMS_OIDC_TRUST_EMAIL was on:
    # such a link signs in only while the setting is on (oidc.py), unless a trusted claim confirms it.
    linked_by_unverified_email = models.BooleanField(
        _("linked by an unverified e-mail address"),
        default=False,
        help_text=_(
            "Linked because the e-mail address matched while LMS_OIDC_TRUST_EMAIL was on, although the sign-in "
            "service had not verified it. Such a link stops working when the setting is turned off."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in identity")
        verbose_name_plural = _("sign-in identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sign_in_identity_unique_subject"),
            models.UniqueConstraint(fields=["user", "issuer"], name="sign_in_identity_one_per_issuer"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.issuer}"
