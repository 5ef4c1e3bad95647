from django.urls import path

import lms.core.converters  # noqa: F401 - registers <id:…>

from . import views

app_name = "courses"

urlpatterns = [
    path("mina-kurser/", views.my_courses_view, name="my_courses"),
    path("kurser/lektion/<id:lesson_id>/klar/", views.lesson_mark_done_view, name="lesson_mark_done"),
    path("kurser/lektion/<id:lesson_id>/svara/", views.lesson_poll_vote_view, name="lesson_poll_vote"),
    path("kurser/<id:course_id>/starta/", views.course_start_view, name="course_start"),
]
