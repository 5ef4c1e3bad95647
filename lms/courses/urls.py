from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("mina-kurser/", views.my_courses_view, name="my_courses"),
    path("kurser/lektion/<int:lesson_id>/klar/", views.lesson_mark_done_view, name="lesson_mark_done"),
    path("kurser/<int:course_id>/starta/", views.course_start_view, name="course_start"),
]
