"""Public URLs of the reports app. Included at /resultat/ in config/urls.py:

path("resultat/", include("lms.reports.urls")),
"""

from django.urls import path

from . import views

urlpatterns = [path("", views.public_results_view, name="public_results")]
