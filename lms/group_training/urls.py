from django.urls import path

import lms.core.converters  # noqa: F401 - registers <id:…>

from . import views

app_name = "group_training"

urlpatterns = [
    path("", views.sessions_view, name="sessions"),
    path("<id:session_id>/", views.session_view, name="session"),
    path("<id:session_id>/visa/<int:number>/", views.present_view, name="present"),
    path("<id:session_id>/narvaro/", views.attendance_view, name="attendance"),
    path("<id:session_id>/intyg/", views.certificates_pdf_view, name="certificates"),
]
