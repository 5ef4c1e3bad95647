"""Choosing a row by id in forms and list filters, safe from absurd ids.

A course is a page, keyed by its one-to-one link to Wagtail's page: Django's guard against
out-of-range integers does not cover such keys, and SQLite raises OverflowError (a 500) on a
larger value than its INTEGER holds. These fields make it an invalid choice with the usual
message, without a query. Every admin form field pointing to a page gets one through Wagtail's
form field overrides (registered from CoreConfig.ready())."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import AbstractPage

# The largest key a database integer column holds (PostgreSQL bigint, SQLite INTEGER).
MAX_ID = 2**63 - 1


def bounded_id(value) -> int | None:
    """The value as a key, or None if it is not a whole number in 1..MAX_ID."""
    try:
        key = int(str(value).strip())
    except ValueError:
        return None
    return key if 1 <= key <= MAX_ID else None


class BoundedIdMixin:
    """A model choice whose key is not a whole number in 1..MAX_ID is an invalid choice, without a query."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = bounded_id(value)
        if key is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(key)


class BoundedModelChoiceField(BoundedIdMixin, forms.ModelChoiceField):
    pass


class BoundedFilterField(BoundedIdMixin, django_filters.fields.ModelChoiceField):
    pass


class BoundedPageChooser(AdminPageChooser):
    """Wagtail's page chooser, showing the form again after an absurd id without looking it up."""

    def get_instance(self, value):
        if value is None or isinstance(value, self.model_class):
            return super().get_instance(value)
        key = bounded_id(value)
        return None if key is None else super().get_instance(key)


class PageChoiceFilter(django_filters.ModelChoiceFilter):
    """A list filter by page (e.g. by course) for Wagtail's viewsets."""

    field_class = BoundedFilterField


def register_page_choice_override() -> None:
    """Wagtail's own override for foreign keys to pages (the page chooser), with the bounded field."""
    register_form_field_override(
        models.ForeignKey,
        to=AbstractPage,
        override=lambda db_field: {
            "form_class": BoundedModelChoiceField,
            "widget": BoundedPageChooser(target_models=[db_field.remote_field.model]),
        },
    )
