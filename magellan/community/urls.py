from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("", views.question_list, name="question_list"),
    path("poser/", views.question_create, name="question_create"),
    path("questions/<int:pk>/", views.question_detail, name="question_detail"),
    path("questions/<int:pk>/modifier/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/historique/", views.question_history, name="question_history"),
    path("questions/<int:pk>/suivre/", views.question_follow, name="question_follow"),
    path("questions/<int:pk>/voter/", views.question_vote, name="question_vote"),
    path("questions/<int:pk>/repondre/", views.answer_create, name="answer_create"),
    path("questions/<int:pk>/commenter/", views.comment_create, name="comment_create"),
    path("questions/<int:pk>/demande-aide/", views.question_escalate, name="question_escalate"),
    path("partager-demande/<int:pk>/", views.share_help_request, name="share_help_request"),
    path("reponses/<int:pk>/modifier/", views.answer_edit, name="answer_edit"),
    path("reponses/<int:pk>/voter/", views.answer_vote, name="answer_vote"),
    path("reponses/<int:pk>/accepter/", views.answer_accept, name="answer_accept"),
    path("reponses/<int:pk>/verifier/", views.answer_verify, name="answer_verify"),
    path("moderer/<str:kind>/<int:pk>/", views.moderate, name="moderate"),
]
