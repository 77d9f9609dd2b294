from django.urls import path

from . import edit_views, views

app_name = "directory"

urlpatterns = [
    path("promotions/", views.cohort_list, name="cohort_list"),
    path("promotions/ajouter/", edit_views.cohort_create, name="cohort_create"),
    path("promotions/<slug:slug>/", views.cohort_detail, name="cohort_detail"),
    path("promotions/<slug:slug>/modifier/", edit_views.cohort_edit, name="cohort_edit"),
    path("promotions/<slug:slug>/phases/ajouter/", edit_views.phase_create, name="phase_create"),
    path(
        "promotions/<slug:slug>/phases/<int:pk>/modifier/",
        edit_views.phase_edit,
        name="phase_edit",
    ),
    path(
        "promotions/<slug:slug>/phases/<int:pk>/supprimer/",
        edit_views.phase_delete,
        name="phase_delete",
    ),
    path("defis/", views.challenge_list, name="challenge_list"),
    path("defis/ajouter/", edit_views.challenge_create, name="challenge_create"),
    path("defis/<slug:slug>/", views.challenge_detail, name="challenge_detail"),
    path("defis/<slug:slug>/modifier/", edit_views.challenge_edit, name="challenge_edit"),
    path("defis/<slug:slug>/equipe/", edit_views.challenge_team, name="challenge_team"),
    path(
        "defis/<slug:slug>/equipe/<int:pk>/retirer/",
        edit_views.membership_delete,
        name="membership_delete",
    ),
    path("personnes/", views.person_list, name="person_list"),
    path("personnes/import/", views.people_import, name="people_import"),
    path("personnes/ajouter/", edit_views.person_create, name="person_create"),
    path("mon-profil/", views.profile_edit, name="profile_edit"),
    path("personnes/import/<int:pk>/", views.import_result, name="import_result"),
    path("personnes/<slug:slug>/", views.person_detail, name="person_detail"),
    path("personnes/<slug:slug>/modifier/", edit_views.person_edit, name="person_edit"),
    path("personnes/<slug:slug>/roles/", edit_views.person_roles, name="person_roles"),
    path(
        "personnes/<slug:slug>/roles/<int:pk>/retirer/",
        edit_views.role_delete,
        name="role_delete",
    ),
    path("administrations/", views.administration_list, name="administration_list"),
    path(
        "administrations/ajouter/",
        edit_views.administration_create,
        name="administration_create",
    ),
    path("administrations/<slug:slug>/", views.administration_detail, name="administration_detail"),
    path(
        "administrations/<slug:slug>/modifier/",
        edit_views.administration_edit,
        name="administration_edit",
    ),
    path(
        "administrations/<slug:slug>/autres-noms/",
        edit_views.administration_aliases,
        name="administration_aliases",
    ),
    path(
        "administrations/<slug:slug>/autres-noms/<int:pk>/supprimer/",
        edit_views.alias_delete,
        name="alias_delete",
    ),
]
