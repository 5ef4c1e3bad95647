from django.urls import path

import lms.core.converters  # noqa: F401 - registers <id:…>

from . import views

app_name = "packages"

urlpatterns = [
    # The package's own files: a path of their own, confined by views.frame_policy.
    path("paket/spela/<str:token>/h5p/", views.h5p_player_view, name="h5p_player"),
    path("paket/spela/<str:token>/filer/<path:path>", views.file_view, name="file"),
    path("kurser/lektion/<id:lesson_id>/paket/", views.commit_view, name="commit"),
]
