from django.urls import path

import lms.core.converters  # noqa: F401 - registers <id:…>

from . import views

app_name = "paths"

urlpatterns = [
    path("intyg/utbildningsvag/<id:pk>/ladda-ner/", views.path_certificate_download_view, name="download"),
    path("utbildningsvag/<id:path_id>/intyg/", views.path_certificate_request_view, name="request_certificate"),
]
