"""Open Badges (included at /intyg/open-badges/)."""

from django.urls import path

import lms.core.converters  # noqa: F401 - registers <id:…>

from . import views

app_name = "badges"

urlpatterns = [
    path("verifiera/", views.verify_view, name="verify"),
    path("utfardare/", views.issuer_view, name="issuer"),
    path("nycklar/", views.jwks_view, name="jwks"),
    path("nycklar/<str:kid>/", views.key_view, name="key"),
    path("status/<str:code>/", views.status_view, name="status"),
    path("<slug:kind>/<id:pk>/ladda-ner/", views.badge_download_view, name="download"),
]
