"""The access rule's declarations are complete: every model of ours that holds rows about people
or units declares ``row_access``, and every admin viewset of such a model is built on the rule's
base, so nobody writes a scoped view by hand (DESIGN.md, "The access rule")."""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import get_resolver
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.viewsets import viewsets

from lms.access.rule import RowAccess
from lms.access.viewsets import RowScopedBulkActionMixin, RowScopedViewSetMixin
from lms.certificates.models import Certificate
from lms.organisation.models import OrgUnit, Person

# Models that point at people, units or accounts but hold no rows about anyone. Keep it short and
# say why; a model that lists people or their records belongs in no such list.
NO_PERSONAL_ROWS = {
    # The public page's figures: aggregates, groups under five people already suppressed.
    "reports.PublicFigure",
    # Content: a survey page; its unit says who is asked, and its answers and participations declare.
    "surveys.SurveyPage",
    # Content: a seminar offered to everyone; its organiser is staff, its registrations declare.
    "requirements.TrainingEvent",
    # Content: an uploaded SCORM/H5P package; its uploader is staff, the attempts at it declare.
    "packages.ContentPackage",
}


def _label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def _points_at(model, targets) -> list[str]:
    return [
        field.name
        for field in model._meta.get_fields(include_parents=False)  # Wagtail's Page owner/locked_by are not ours
        if isinstance(field, (models.ForeignKey, models.OneToOneField))
        and not field.auto_created
        and field.related_model in targets
    ]


def _lms_models():
    return [m for m in apps.get_models() if m.__module__.startswith("lms.")]


def test_every_model_with_rows_about_people_declares_row_access():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    declared = {m for m in _lms_models() if isinstance(getattr(m, "row_access", None), RowAccess)}
    # People, units and accounts; and whatever already declares (an enrolment's lesson progress
    # is the person's as much as the enrolment is).
    targets = {Person, OrgUnit, user_model, *declared}
    missing = []
    for model in _lms_models():
        fields = _points_at(model, targets)
        if not fields or _label(model) in NO_PERSONAL_ROWS:
            continue
        access = getattr(model, "row_access", None)
        if not isinstance(access, RowAccess):
            missing.append(f"{_label(model)} (via {', '.join(fields)}) declares no row_access: {access!r}")
    assert not missing, "\n".join(missing)


def test_the_allow_list_names_real_models_without_a_declaration():
    labels = {_label(m): m for m in _lms_models()}
    stale = [label for label in NO_PERSONAL_ROWS if label not in labels or hasattr(labels[label], "row_access")]
    assert not stale, f"remove from NO_PERSONAL_ROWS: {stale}"


def _registered_viewsets():
    get_resolver().resolve("/admin/")  # loading the admin's URLs fills the viewset registry
    return list(viewsets.viewsets)


def test_every_viewset_of_a_declaring_model_is_row_scoped():
    found = _registered_viewsets()
    models_with_viewsets = {getattr(vs, "model", None) for vs in found}
    # Snippet viewsets (certificates) and those inside groups (people, units) must be among them.
    assert {Person, OrgUnit, Certificate} <= models_with_viewsets, "the viewset registry was not walked whole"
    wrong = [
        f"{type(vs).__module__}.{type(vs).__name__} ({_label(vs.model)}) is not a RowScopedViewSetMixin"
        for vs in found
        if isinstance(getattr(getattr(vs, "model", None), "row_access", None), RowAccess)
        and not isinstance(vs, RowScopedViewSetMixin)
    ]
    assert not wrong, "\n".join(wrong)


def test_every_bulk_action_on_a_declaring_model_is_row_scoped():
    get_resolver().resolve("/admin/")
    bulk_action_registry._scan_for_bulk_actions()
    wrong = []
    for app_label, by_model in bulk_action_registry.actions.items():
        for model_name, actions in by_model.items():
            model = apps.get_model(app_label, model_name)
            if not isinstance(getattr(model, "row_access", None), RowAccess):
                continue
            wrong += [
                f"{cls.__module__}.{cls.__name__} ({app_label}.{model_name}: {action})"
                for action, cls in actions.items()
                if not issubclass(cls, RowScopedBulkActionMixin)
            ]
    assert not wrong, "bulk actions not built on RowScopedBulkActionMixin:\n" + "\n".join(wrong)
