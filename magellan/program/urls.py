from django.urls import path

from . import calendar_views, views

app_name = "program"

urlpatterns = [
    path("", views.my_sessions, name="my_sessions"),
    path("calendrier/", calendar_views.program_calendar, name="calendar"),
    path("calendrier/modifier/", calendar_views.calendar_bulk, name="calendar_bulk"),
    path("dispositifs/", views.format_list, name="format_list"),
    path("dispositifs/ajouter/", views.format_create, name="format_create"),
    path("dispositifs/<slug:slug>/modifier/", views.format_edit, name="format_edit"),
    path("promotions/<slug:slug>/", views.cohort_calendar, name="cohort_calendar"),
    path("promotions/<slug:slug>/planifier/", views.cohort_plan, name="cohort_plan"),
    path("promotions/<slug:slug>/ajouter/", views.session_create, name="session_create"),
    path("promotions/<slug:slug>/presences/", views.attendance_report, name="attendance_report"),
    path("seances/<int:pk>/", views.session_detail, name="session_detail"),
    path("seances/<int:pk>/modifier/", views.session_edit, name="session_edit"),
    path("seances/<int:pk>/annuler/", views.session_cancel, name="session_cancel"),
    path("seances/<int:pk>/inscription/", views.session_register, name="session_register"),
    path("seances/<int:pk>/desinscription/", views.session_unregister, name="session_unregister"),
    path("seances/<int:pk>/presences/", views.session_attendance, name="session_attendance"),
    path("seances/<int:pk>/liste-attente/", views.session_waitlist, name="session_waitlist"),
    path("seances/<int:pk>/avis/", views.session_feedback, name="session_feedback"),
    path("seances/<int:pk>/seance.ics", views.session_ics, name="session_ics"),
    path("agenda/", views.feed_settings, name="feed_settings"),
    path("agenda/renouveler/", views.feed_renew, name="feed_renew"),
    path("ical/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("ical/<str:token>/<slug:slug>.ics", views.cohort_feed, name="cohort_feed"),
]
