"""The municipal group (kommunkoncern) as a tree, and the people in it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from lms.access.rule import RowAccess


class OrgUnitKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    ADMINISTRATION = "administration", _("Administration")
    COMMITTEE = "committee", _("Committee")
    COMPANY = "company", _("Company")
    DEPARTMENT = "department", _("Department")
    UNIT = "unit", _("Unit")


class OrgUnitQuerySet(MP_NodeQuerySet):
    def subtree_of(self, unit: "OrgUnit", include_self: bool = True):
        """The unit and everything below it, by materialised path (one indexed range scan)."""
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)


class OrgUnitManager(MP_NodeManager):
    def get_queryset(self):
        return OrgUnitQuerySet(self.model, using=self._db).order_by("path")

    def subtree_of(self, unit: "OrgUnit", include_self: bool = True):
        return self.get_queryset().subtree_of(unit, include_self=include_self)


class OrgUnit(MP_Node):
    """A node of the municipal group: the municipality, its administrations,
    committees and companies, and their departments and units. Every report
    rolls up this tree by its materialised path."""

    row_access = RowAccess(unit_path="path", actions=("add", "change", "view"))  # never deleted: units hold history

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"),
        max_length=50,
        unique=True,
        help_text=_("The unit's code in the HR system; imports match units by it."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrgUnitKind.choices, default=OrgUnitKind.UNIT)
    # No node_order_by: sorted insertion would rewrite siblings' paths on every insert.

    objects = OrgUnitManager()

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")

    def __str__(self) -> str:
        return self.name

    @property
    def indented_name(self) -> str:
        """The name indented by depth, for choosers that show the tree in a flat list."""
        return "\u2003" * (self.depth - 1) + self.name


class Audience(models.TextChoices):
    STAFF = "staff", _("Staff")
    MANAGER = "manager", _("Manager")
    POLITICIAN = "politician", _("Elected politician")


class PersonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_subtree(self, unit: OrgUnit):
        return self.filter(org_unit__path__startswith=unit.path)


class Person(models.Model):
    """The profile of everyone who takes training: where they sit in the group,
    which audience they belong to and who their manager is. Leavers are
    deactivated, never deleted, so history and statistics keep them."""

    # Deactivated or erased, never deleted.
    row_access = RowAccess(unit_path="org_unit__path", actions=("add", "change", "view", "erase"))

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="person", verbose_name=_("user")
    )
    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="people", verbose_name=_("organisational unit")
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.STAFF)
    employee_number = models.CharField(
        _("employee number"),
        max_length=50,
        blank=True,
        null=True,
        unique=True,
        help_text=_("The number in the HR system; empty for elected politicians without employment."),
    )
    manager = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("manager"),
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LMS_INTERFACE_LANGUAGES,
        default="sv",
        help_text=_("The language of e-mails to this person."),
    )
    # The language the person reads courses in (lms.languages): their own choice first, then the HR file's.
    content_language = models.CharField(
        _("content language"),
        max_length=20,
        blank=True,
        help_text=_("The language the person chose to read courses in. Empty: not chosen."),
    )
    hr_content_language = models.CharField(
        _("content language in the HR file"),
        max_length=20,
        blank=True,
        help_text=_("From the HR import's language column, if the file has one: used until the person chooses."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)
    erased_at = models.DateTimeField(
        _("anonymised at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the person's personal data was erased; the row stays for the figures."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_active=True, deactivated_at__isnull=True)
                | Q(is_active=False, deactivated_at__isnull=False),
                name="person_deactivated_at_matches_active",
            ),
            models.CheckConstraint(condition=~Q(manager=models.F("pk")), name="person_not_own_manager"),
        ]
        indexes = [models.Index(fields=["org_unit", "audience", "is_active"])]
        permissions = [("erase_person", _("Can erase (anonymise) a person's personal data"))]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    full_name.fget.short_description = _("Name")  # the heading of the admin's column (else "Full name")
