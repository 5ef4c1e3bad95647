"""Yes and no in the admin's lists, in the reader's language: Wagtail prints a boolean field of a
listing as "True"/"False" and an active boolean filter as "Aktiv: True". Every viewset of the project
is built on ``spreadsheets.SafeModelViewSet`` / ``SafeSnippetViewSet``, which turn such columns into
``YesNoColumn``; the filter's label is Wagtail's public ``register_filter_adapter_class``."""

import django_filters
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.admin.active_filters import ActiveFilter, BaseFilterAdapter, register_filter_adapter_class
from wagtail.admin.ui.tables import Column


def yes_no(value) -> str:
    """ "Ja"/"Nej" (Django's own words), an empty string for None."""
    if value is None:
        return ""
    return _("Yes") if value else _("No")


class YesNoColumn(Column):
    def get_value(self, instance):
        return yes_no(super().get_value(instance))


def yes_no_columns(model, list_display):
    """``list_display`` with each name of a boolean field of ``model`` as a ``YesNoColumn``."""
    if not isinstance(list_display, (list, tuple)):
        return list_display
    shown = []
    for i, item in enumerate(list_display):
        field = _boolean_field(model, item) if isinstance(item, str) and i > 0 else None
        shown.append(YesNoColumn(item, label=capfirst(field.verbose_name), sort_key=item) if field else item)
    return shown


def _boolean_field(model, name: str):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a method, a property or a relation path: Wagtail's own column
        return None
    return field if isinstance(field, models.BooleanField) else None


class YesNoFilterAdapter(BaseFilterAdapter):
    def get_active_filters(self):
        yield ActiveFilter(
            self.bound_field.auto_id,
            self.filter.label,
            yes_no(self.value),
            self.get_url_without_filter_param(self.name),
        )


class YesNoColumnsViewSetMixin:
    """For a Wagtail model or snippet viewset: boolean fields listed as "Ja"/"Nej"."""

    def get_index_view_kwargs(self, **kwargs):
        view_kwargs = super().get_index_view_kwargs(**kwargs)
        view_kwargs["list_display"] = yes_no_columns(self.model, view_kwargs.get("list_display"))
        return view_kwargs


register_filter_adapter_class(django_filters.BooleanFilter, YesNoFilterAdapter)
