"""The reports' filter form: course, audience, org unit (only units in the user's scope) and a period."""

import html
from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from lms.core.forms import BoundedIdMixin
from lms.courses.models import CoursePage
from lms.courses.selectors import courses_to_choose
from lms.organisation.models import Audience, OrgUnit

from . import selectors


class OptionsSelect(forms.Select):
    """A plain ``<select>`` (no option groups) whose options are written in Python. Django's own
    Select renders each option through a template of its own, which for the 400 units of a
    municipal group took longer than all the report's queries together. Same markup."""

    template_name = "reports/widgets/select.html"

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)
        selected = set(context["widget"]["value"])
        options = []
        for key, label in self.choices:
            key = str(key)
            mark = " selected" if key in selected else ""
            options.append(f'<option value="{html.escape(key)}"{mark}>{html.escape(str(label))}</option>')
        context["widget"]["options"] = mark_safe("".join(options))  # noqa: S308 - escaped above
        return context


# The dates a report may ask for: from 2000 (the platform's data start well after it) up to ten
# years ahead (targets and renewals are planned that far). The length of the period is limited by
# the chart of completions per month (selectors.MAX_SERIES_MONTHS).
EARLIEST_DATE = date(2000, 1, 1)
YEARS_AHEAD = 10


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def latest_date(today: date | None = None) -> date:
    return _years_later(today or timezone.localdate(), YEARS_AHEAD)


class UnitChoiceIterator(forms.models.ModelChoiceIterator):
    """(pk, indented name) straight from the database, as ``OrgUnit.indented_name`` writes it: the
    400 units of a group without a model instance (and a server-side cursor) for each."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, depth, name in self.queryset.values_list("pk", "depth", "name"):
            yield (pk, "\u2003" * (depth - 1) + name)


class UnitChoiceField(BoundedIdMixin, forms.ModelChoiceField):
    widget = OptionsSelect
    iterator = UnitChoiceIterator

    def label_from_instance(self, obj: OrgUnit) -> str:
        return obj.indented_name


class CourseChoiceIterator(forms.models.ModelChoiceIterator):
    """(pk, title) straight from the database: a course is a Wagtail page, costly to build."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "title")


class CourseChoiceField(BoundedIdMixin, forms.ModelChoiceField):
    widget = OptionsSelect
    iterator = CourseChoiceIterator


class ReportFilterForm(forms.Form):
    course = CourseChoiceField(
        label=_("Course"), queryset=CoursePage.objects.none(), required=False, empty_label=_("All courses")
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=[("", _("Everyone"))] + list(Audience.choices),
        required=False,
        widget=OptionsSelect,
    )
    unit = UnitChoiceField(
        label=_("Organisational unit"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("All units")
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text=_("YYYY-MM-DD")
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text=_("YYYY-MM-DD")
    )

    def __init__(self, *args, scope: selectors.Scope, with_unit: bool = True, with_dates: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses_to_choose()
        if with_unit:
            self.fields["unit"].queryset = selectors.scoped_units(scope=scope)
        else:
            del self.fields["unit"]
        if not with_dates:
            del self.fields["date_from"], self.fields["date_to"]

    def _clean_date(self, name: str) -> date | None:
        value = self.cleaned_data.get(name)
        if value is not None and not EARLIEST_DATE <= value <= latest_date():
            raise ValidationError(
                _("Choose a date between %(earliest)s and %(latest)s."),
                code="out_of_range",
                params={"earliest": EARLIEST_DATE.isoformat(), "latest": latest_date().isoformat()},
            )
        return value

    def clean_date_from(self):
        return self._clean_date("date_from")

    def clean_date_to(self):
        return self._clean_date("date_to")

    def clean(self):
        """The end not before the start, and the chart's months (an empty end is today, an empty
        start twelve months back, as in the chart) at most ``selectors.MAX_SERIES_MONTHS``."""
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period must not be before its start."))
        elif start or end:
            default_from, default_to = selectors.default_period()
            if selectors.months_in(start or default_from, end or default_to) > selectors.MAX_SERIES_MONTHS:
                self.add_error(
                    "date_from" if start else "date_to",
                    ValidationError(
                        _("The period may be at most %(years)s years long."),
                        code="too_long",
                        params={"years": selectors.MAX_SERIES_MONTHS // 12},
                    ),
                )
        return cleaned


@dataclass
class ReportFilters:
    course: CoursePage | None = None
    audience: str = ""
    unit: OrgUnit | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def course_id(self) -> int | None:
        return self.course.pk if self.course else None


def parse_filters(*, scope: selectors.Scope, data, with_unit: bool = True, with_dates: bool = True):
    """The form and the filters it gives. A unit outside the scope is a 404, like in a URL
    (``scoped_unit``); other invalid values are shown as form errors and ignored."""
    if with_unit and data.get("unit"):
        selectors.scoped_unit(scope=scope, unit_id=data.get("unit"))
    form = ReportFilterForm(data or None, scope=scope, with_unit=with_unit, with_dates=with_dates)
    filters = ReportFilters()
    if form.is_bound and form.is_valid():
        filters = ReportFilters(**{k: v for k, v in form.cleaned_data.items() if v not in (None, "")})
    elif form.is_bound:
        filters = ReportFilters(**{k: v for k, v in getattr(form, "cleaned_data", {}).items() if v not in (None, "")})
    return form, filters


def filters_to_params(filters: ReportFilters) -> dict:
    """Filters as plain values for a background export job (re-parsed, and re-scoped, by the worker)."""
    return {
        "course": filters.course.pk if filters.course else "",
        "audience": filters.audience,
        "unit": filters.unit.pk if filters.unit else "",
        "date_from": filters.date_from.isoformat() if filters.date_from else "",
        "date_to": filters.date_to.isoformat() if filters.date_to else "",
    }
