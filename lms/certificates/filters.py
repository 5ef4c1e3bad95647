"""The issued certificates' list filters (unit, course, period, PDF, template), shared by the admin list
and the ZIP of the listed certificates (lms.reports' background export), so the ZIP holds exactly the
list HR was looking at. Every choice of unit is one the user's scope holds (the access rule)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from lms.access.rule import OrgScope, rows_in_scope, rows_within
from lms.core.forms import BoundedFilterField
from lms.courses.models import CoursePage
from lms.languages.selectors import in_source_language
from lms.organisation.models import OrgUnit

from .models import Certificate, CertificateTemplate


class UnitFilterField(BoundedFilterField):
    def label_from_instance(self, obj):
        return obj.indented_name


class UnitFilter(django_filters.ModelChoiceFilter):
    field_class = UnitFilterField


class CourseFilter(django_filters.ModelChoiceFilter):
    field_class = BoundedFilterField


def units_in_scope(request):
    """The units inside the user's scope (none without a request: the worker filters by id)."""
    units = OrgUnit.objects.order_by("path")
    return rows_in_scope(request.user, units) if request is not None else units


def courses_with_certificates(request):
    return CoursePage.objects.filter(certificates__isnull=False).distinct().order_by("title")


class CertificateFilterSet(WagtailFilterSet):
    unit = UnitFilter(queryset=units_in_scope, label=_("Unit (with the units below it)"), method="filter_unit")
    course = CourseFilter(queryset=courses_with_certificates, label=_("Course"))
    completed_on = django_filters.DateFromToRangeFilter(label=_("Completed between"), widget=DateRangePickerWidget)
    render_status = django_filters.ChoiceFilter(choices=Certificate._meta.get_field("render_status").choices)
    # Courses name the source templates (a translation prints under its source: CertificateTemplate.in_language).
    template = django_filters.ModelChoiceFilter(
        queryset=in_source_language(CertificateTemplate.objects.order_by("name"))
    )

    class Meta:
        model = Certificate
        fields = ["unit", "course", "completed_on", "render_status", "template"]

    def filter_unit(self, queryset, name, value):
        return rows_within(OrgScope(unit=value), queryset)


# The query parameters the filters read: what the ZIP of the list keeps of the list's URL.
FILTER_PARAMS = ("unit", "course", "completed_on_from", "completed_on_to", "render_status", "template")


def filtered_certificates(*, queryset, params: dict):
    """``queryset`` narrowed by the list's filters as given in ``params`` (invalid ones are ignored,
    as the list ignores them)."""
    filterset = CertificateFilterSet(data={k: v for k, v in params.items() if k in FILTER_PARAMS}, queryset=queryset)
    return filterset.qs if filterset.is_valid() else queryset
