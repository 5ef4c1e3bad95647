"""Who sees which part of the group: a staff user's scope (the access rule's second half, rule.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .rule import RowAccess


class StaffScope(models.Model):
    """Limits a staff user to one unit's subtree of the group everywhere in the admin: people,
    units, register extracts, certificates, requirements, reports (lms.access.rule).
    No scope: the whole group, as far as the user's permissions reach. Only administrators edit
    scopes, never the scoped user."""

    # Who sees what is decided by administrators who see the whole group.
    row_access = RowAccess(unit_path=None)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_scope", verbose_name=_("user")
    )
    # The one edge up to organisation (a lazy reference, no import): a scope names a unit of the tree.
    org_unit = models.ForeignKey(
        "organisation.OrgUnit",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisational unit"),
        help_text=_(
            "The user sees this unit and the units below it, nothing else: in reports, people, units and certificates."
        ),
    )

    class Meta:
        verbose_name = _("staff scope")
        verbose_name_plural = _("staff scopes")

    def __str__(self) -> str:
        return f"{self.user} – {self.org_unit}"
