"""Mina intyg, downloads and the public verification page (included at /intyg/)."""

from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("", views.my_certificates_view, name="mine"),
    path("<int:pk>/ladda-ner/", views.certificate_download_view, name="download"),
    path("verifiera/", views.verify_view, name="verify"),
    path("verifiera/<str:code>/", views.verify_code_view, name="verify_code"),
]
