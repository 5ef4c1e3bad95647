from django.urls import path

from . import views

app_name = "requirements"

urlpatterns = [
    path("utbildningstillfallen/", views.events_view, name="events"),
    path("utbildningstillfallen/<int:event_id>/anmal/", views.event_sign_up_view, name="event_sign_up"),
    path("utbildningstillfallen/<int:event_id>/avanmal/", views.event_cancel_view, name="event_cancel"),
    path("min-grupp/", views.team_view, name="team"),
    path("mina-kurser/krav/", views.required_view, name="required"),
    path("mina-kurser/paminnelser/", views.mail_preferences_view, name="mail_preferences"),
]
