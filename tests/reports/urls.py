"""The project's URLs plus the public results page, as config/urls.py will include it."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("resultat/", include("lms.reports.urls")), *project_urlpatterns]
