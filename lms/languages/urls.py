from django.urls import path

from . import views

app_name = "languages"
urlpatterns = [path("", views.choose_language_view, name="choose")]
