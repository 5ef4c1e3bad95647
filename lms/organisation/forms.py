"""Admin forms for the tree and its people. Saving goes through services.py.

Both offer only the units and people the signed-in user may see (selectors.units_in_scope_of,
people_in_scope_of): a user limited to part of the group cannot choose, and so cannot move a
person or unit to, anything outside it."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.access import roles

from . import selectors, services
from .models import OrgUnit, Person


class OrgUnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.indented_name


class OrgUnitForm(WagtailAdminModelForm):
    parent = OrgUnitChoiceField(
        queryset=OrgUnit.objects.order_by("path"),
        required=False,
        label=_("Parent unit"),
        help_text=_("Where the unit sits in the municipal group. Leave empty only for the municipality itself."),
    )

    class Meta:
        model = OrgUnit
        fields = ["name", "code", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = OrgUnit.objects.all()
        current_parent = self.instance.get_parent() if self.instance.pk else None
        if self.for_user is not None and selectors.user_is_limited_to_a_subtree(self.for_user):
            # Inside the scope only, and no new roots; the unit's own parent stays a choice (the
            # scope's top unit sits below a unit outside the scope, and may keep it).
            self.fields["parent"].required = True
            parents = selectors.units_in_scope_of(user=self.for_user)
            if current_parent is not None:
                parents = parents | OrgUnit.objects.filter(pk=current_parent.pk)
        if self.instance.pk:
            self.initial["parent"] = current_parent
            # A unit cannot be moved below itself or its descendants.
            parents = parents.exclude(path__startswith=self.instance.path)
        self.fields["parent"].queryset = parents.order_by("path")

    def save(self, commit=True):
        data = {f: self.cleaned_data[f] for f in self.Meta.fields}
        if self.instance.pk:
            return services.org_unit_update(unit=self.instance, parent=self.cleaned_data["parent"], **data)
        # Wagtail's create view reads the new object back from form.instance.
        self.instance = services.org_unit_create(parent=self.cleaned_data["parent"], **data)
        return self.instance


class PersonForm(WagtailAdminModelForm):
    """One form for the person and their user account, so HR never handles two records.

    A person whose account can do more than the signed-in user's (a superuser, or a group or
    permission they lack: selectors.protected_user_ids) is read-only here: every field is
    disabled and saving is refused. The services refuse it too.

    The e-mail address and username of a staff account (roles.staff_account_ids) are read-only for
    anyone but a superuser (roles.may_change_sign_in): a posted change is refused with a message, and
    the view writes the refusal to the audit log (``refused_sign_in``).
    """

    SIGN_IN_FIELDS = ("email", "username")

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    username = forms.CharField(label=_("Username"), max_length=150, help_text=_("What the person signs in with."))
    org_unit = OrgUnitChoiceField(queryset=OrgUnit.objects.order_by("path"), label=_("Organisational unit"))
    # Not a model field here: (de)activation goes through its own services, which also set the date.
    is_active = forms.BooleanField(
        label=_("Active"),
        required=False,
        initial=True,
        help_text=_("Untick when the person leaves. They keep their history but can no longer sign in."),
    )

    class Meta:
        model = Person
        fields = ["org_unit", "audience", "employee_number", "manager", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        managers = Person.objects.active()
        if self.for_user is not None:
            self.fields["org_unit"].queryset = selectors.units_in_scope_of(user=self.for_user)
            managers = selectors.people_in_scope_of(user=self.for_user, queryset=managers)
            if self.instance.pk and self.instance.manager_id:
                # The person's manager may sit above the scope; keeping them is not a new choice.
                managers = managers | Person.objects.filter(pk=self.instance.manager_id)
        self.fields["manager"].queryset = managers.select_related("user")
        if self.instance.pk:
            user = self.instance.user
            for name in ("first_name", "last_name", "email", "username"):
                self.initial[name] = getattr(user, name)
            self.initial["is_active"] = self.instance.is_active
            self.fields["manager"].queryset = self.fields["manager"].queryset.exclude(pk=self.instance.pk)
        self.protected = bool(
            self.instance.pk
            and self.for_user is not None
            and selectors.person_is_protected_from(person=self.instance, actor=self.for_user)
        )
        if self.protected:
            for field in self.fields.values():
                field.disabled = True
        self.sign_in_locked = bool(
            self.instance.pk and not roles.may_change_sign_in(actor=self.for_user, user=self.instance.user)
        )
        self.refused_sign_in: list[str] = []
        if self.sign_in_locked:
            for name in self.SIGN_IN_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = services.sign_in_protected_message(self.instance.user)

    def clean(self):
        cleaned_data = super().clean()
        if self.protected:
            raise forms.ValidationError(services.PROTECTED_MESSAGE % {"name": self.instance.full_name})
        if self.sign_in_locked:
            # A disabled field keeps its stored value whatever is posted: a posted change is an attempt
            # (a browser posts nothing for a disabled field), refused out loud rather than ignored.
            self.refused_sign_in = selectors.sign_in_fields_changed(
                user_id=self.instance.user_id,
                **{name: self.data.get(self.add_prefix(name)) for name in self.SIGN_IN_FIELDS},
            )
            if self.refused_sign_in:
                raise forms.ValidationError(services.sign_in_protected_message(self.instance.user))
        manager = cleaned_data.get("manager")
        if self.instance.pk and manager is not None:
            cycle = selectors.manager_cycle(person=self.instance, manager=manager)
            if cycle:
                self.add_error("manager", services.manager_cycle_message(cycle))
        return cleaned_data

    def clean_username(self):
        username = self.cleaned_data["username"]
        users = get_user_model().objects.filter(username__iexact=username)
        if self.instance.pk:
            users = users.exclude(pk=self.instance.user_id)
        if users.exists():
            raise forms.ValidationError(_("Another account already uses this username."))
        return username

    def clean_employee_number(self):
        return self.cleaned_data["employee_number"] or None

    def save(self, commit=True):
        d = self.cleaned_data
        if self.instance.pk:
            return services.person_update(
                person=self.instance,
                by=self.for_user,
                first_name=d["first_name"],
                last_name=d["last_name"],
                email=d["email"],
                username=d["username"],
                org_unit=d["org_unit"],
                audience=d["audience"],
                employee_number=d["employee_number"],
                manager=d["manager"],
                language=d["language"],
                is_active=d["is_active"],
            )
        person = services.person_create(
            username=d["username"],
            first_name=d["first_name"],
            last_name=d["last_name"],
            email=d["email"],
            org_unit=d["org_unit"],
            audience=d["audience"],
            employee_number=d["employee_number"],
            manager=d["manager"],
            language=d["language"],
        )
        if not d["is_active"]:
            services.person_deactivate(person=person)
        self.instance = person  # Wagtail's create view reads the new object back from form.instance
        return person
