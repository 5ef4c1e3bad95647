"""The admin's viewset base for models that declare ``row_access`` (access.py): every view a
viewset builds sees only the rows the user may see, from that one declaration.

``ScopedModelViewSet`` and ``ScopedSnippetViewSet`` wrap every view class they construct (index,
search, export, inspect, edit, history, usage, delete, copy, revisions, and the chooser's views)
in ``RowScopedViewMixin``: listings are narrowed with ``access.visible_rows`` and one object outside
them is a 404, so a viewset only declares its model and columns. ``RowScopedBulkActionMixin``
does the same for bulk actions, ``ScopedLogEntriesView`` for Wagtail's site history. Their
exports are on the CSV-safe base (lms.core.spreadsheets).
"""

from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import Http404
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.models import ModelLogEntry

from lms.access.rule import declared_models, get_visible_or_404, policy_for, scope_of, visible_rows
from lms.core.spreadsheets import SafeModelViewSet, SafeSnippetViewSet, safe_export_view


class RowScopedViewMixin:
    """Any of Wagtail's generic views of a declaring model, limited to the rows the user may see."""

    def _visible(self, queryset):
        return visible_rows(self.request.user, queryset)

    def get_base_queryset(self):  # listings (the history view's is of log entries: left alone)
        queryset = super().get_base_queryset()
        return self._visible(queryset) if queryset.model is self.model else queryset

    def get_object_list(self):  # the chooser's listing
        return self._visible(super().get_object_list())

    def get_objects(self, pks):  # the chooser's multiple choice
        return self._visible(super().get_objects(pks))

    def get_object(self, *args, **kwargs):  # every view of one object
        try:
            obj = super().get_object(*args, **kwargs)
        except PermissionDenied:
            # Wagtail's copy view asks the policy itself: a row the user may not see is still a
            # 404 there, not "no permission".
            get_visible_or_404(self.request.user, self.model._default_manager.all(), self._url_pk())
            raise
        if isinstance(obj, self.model) and not policy_for(self.model).is_visible(self.request.user, obj):
            raise Http404
        return obj

    def _url_pk(self):
        return unquote(str(self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"), "")))


class RowScopedViewSetMixin:
    """Builds every view from the model's declaration (see module docstring)."""

    def construct_view(self, view_class, **kwargs):
        policy_for(self.model)  # a model without a declaration cannot have such a viewset
        scoped = type(f"RowScoped{view_class.__name__}", (RowScopedViewMixin, view_class), {})
        return super().construct_view(scoped, **kwargs)


class ScopedChooserViewSet(RowScopedViewSetMixin, ChooserViewSet):
    pass


class ScopedModelViewSet(RowScopedViewSetMixin, SafeModelViewSet):
    """A ModelViewSet for a model with ``row_access``. Copying is off: Wagtail's copy view hands the
    original to the form, whose save() would update it (services write, not the form)."""

    copy_view_enabled = False


class ScopedSnippetViewSet(RowScopedViewSetMixin, SafeSnippetViewSet):
    """A SnippetViewSet for a model with ``row_access``; no chooser (people's rows are not chosen
    from content), no copy."""

    copy_view_enabled = False

    def register_chooser_viewset(self):
        pass


class RowScopedBulkActionMixin:
    """Bulk actions on a declaring model act on, and name, only the rows the user may see; the
    others do not exist for them (not even as "no permission" rows). None left: 404."""

    def get_all_objects_in_listing_query(self, parent_id):
        return visible_rows(self.request.user, self.model._default_manager.all()).values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        listed = [obj.pk for obj in [*objects, *extra["items_with_no_access"]]]
        allowed = set(
            visible_rows(self.request.user, self.model._default_manager.filter(pk__in=listed)).values_list(
                "pk", flat=True
            )
        )
        objects = [obj for obj in objects if obj.pk in allowed]
        no_access = [obj for obj in extra["items_with_no_access"] if obj.pk in allowed]
        if not objects and not no_access:
            raise Http404
        return objects, {**extra, "items_with_no_access": no_access}


class ScopedLogEntriesView(safe_export_view(LogEntriesView)):
    """Wagtail's site history: page entries as usual (pages are not people's data); entries of a
    declaring model only for rows the user may see, and for a user limited to part of the group
    no other model's entries at all. Wagtail itself filters the log by content-type permission
    only, so a scoped HR user would read the names of everyone in the group."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if queryset.model is not ModelLogEntry:
            return queryset
        declared = declared_models()
        limited = scope_of(self.request.user).is_limited
        if limited:
            allowed = Q(pk__in=[])  # fail closed: of the other models, nothing
        else:
            allowed = ~Q(content_type__in=[ContentType.objects.get_for_model(model) for model in declared])
        for model, access in declared.items():
            content_type = ContentType.objects.get_for_model(model)
            if not limited and access.owner is None and policy_for(model).may_see_any(self.request.user):
                allowed |= Q(content_type=content_type)  # every row: no subquery over a big table
                continue
            keys = visible_rows(self.request.user, model._default_manager.all())
            keys = keys.annotate(key=Cast("pk", CharField())).values("key")
            allowed |= Q(content_type=content_type, object_id__in=keys)
        return queryset.filter(allowed)
