from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("promotions/", views.cohort_list, name="cohort_list"),
    path("promotions/<slug:slug>/", views.cohort_detail, name="cohort_detail"),
    path("defis/", views.challenge_list, name="challenge_list"),
    path("defis/<slug:slug>/", views.challenge_detail, name="challenge_detail"),
    path("personnes/", views.person_list, name="person_list"),
    path("personnes/import/", views.people_import, name="people_import"),
    path("mon-profil/", views.profile_edit, name="profile_edit"),
    path("personnes/import/<int:pk>/", views.import_result, name="import_result"),
    path("personnes/<slug:slug>/", views.person_detail, name="person_detail"),
    path("administrations/", views.administration_list, name="administration_list"),
    path("administrations/<slug:slug>/", views.administration_detail, name="administration_detail"),
]
