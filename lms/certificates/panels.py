"""The certificate a course gives, in the course's editor: registered by this app in the course's
"Completion and certificate" group (courses.extensions), so the editor picks it while editing the
course though the row (``CourseCertificate``) is this app's."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel


class CourseCertificatePanel(InlinePanel):
    """At most one certificate per course; a new course starts with the template most courses give
    (``CertificateTemplate.default_for_new_courses``), which the editor may change or remove."""

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            form = kwargs.get("form")
            if form is not None and not form.is_bound and form.instance._state.adding:
                self._preset(form.formsets[kwargs["panel"].relation_name])
            super().__init__(**kwargs)

        @staticmethod
        def _preset(formset):
            from .models import CertificateTemplate

            template = CertificateTemplate.default_for_new_courses()
            if template is not None and "forms" not in formset.__dict__:  # before the forms are made
                formset.extra = 1
                formset.initial_extra = [{"template": template.pk}]


def course_certificate_panel() -> CourseCertificatePanel:
    return CourseCertificatePanel("certificate_terms", label=_("certificate"), min_num=0, max_num=1)
