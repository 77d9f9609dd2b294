from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("", views.home, name="home"),
    path("parrains-marraines/", views.offer_list, name="offer_list"),
    path("mon-offre/", views.offer_edit, name="offer_edit"),
    path("besoins/nouveau/", views.need_create, name="need_create"),
    path("besoins/<int:pk>/", views.need_detail, name="need_detail"),
    path("besoins/<int:pk>/modifier/", views.need_edit, name="need_edit"),
    path("besoins/<int:pk>/retirer/", views.need_withdraw, name="need_withdraw"),
    path("promotions/<slug:slug>/", views.cohort, name="cohort"),
    path("promotions/<slug:slug>/mentorat.csv", views.cohort_export, name="cohort_export"),
    path("promotions/<slug:slug>/besoins/nouveau/", views.need_file, name="need_file"),
    path("promotions/<slug:slug>/tours/nouveau/", views.round_open, name="round_open"),
    path("tours/<int:pk>/", views.round_detail, name="round_detail"),
    path("tours/<int:pk>/calculer/", views.round_run, name="round_run"),
    path("tours/<int:pk>/imposer/", views.round_pin, name="round_pin"),
    path("tours/<int:pk>/interdire/", views.round_forbid, name="round_forbid"),
    path("tours/<int:pk>/echanger/", views.round_swap, name="round_swap"),
    path("tours/<int:pk>/confirmer/", views.round_confirm, name="round_confirm"),
    path("propositions/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("propositions/<int:pk>/accepter/", views.proposal_accept, name="proposal_accept"),
    path("propositions/<int:pk>/decliner/", views.proposal_decline, name="proposal_decline"),
    path("propositions/<int:pk>/retirer/", views.proposal_withdraw, name="proposal_withdraw"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/planifier/", views.cycle_schedule, name="cycle_schedule"),
    path("cycles/<int:pk>/creneaux/", views.cycle_slots, name="cycle_slots"),
    path("cycles/<int:pk>/choisir/", views.cycle_pick, name="cycle_pick"),
    path("cycles/<int:pk>/notes/", views.cycle_note, name="cycle_note"),
    path("cycles/<int:pk>/avis/", views.cycle_feedback, name="cycle_feedback"),
    path("cycles/<int:pk>/clore/", views.cycle_close, name="cycle_close"),
    path("cycles/<int:pk>/suite/", views.cycle_follow_up, name="cycle_follow_up"),
]
