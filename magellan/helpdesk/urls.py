from django.urls import path

from . import views

app_name = "helpdesk"

urlpatterns = [
    path("", views.home, name="home"),
    path("demander/", views.request_create, name="request_create"),
    path("file/", views.queue, name="queue"),
    path("aidants/", views.helpers, name="helpers"),
    path("mon-profil-aidant/", views.helper_profile, name="helper_profile"),
    path("demandes/<int:pk>/", views.request_detail, name="request_detail"),
    path("demandes/<int:pk>/message/", views.request_comment, name="request_comment"),
    path("demandes/<int:pk>/fichiers/", views.request_attach, name="request_attach"),
    path("demandes/<int:pk>/fichiers/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("demandes/<int:pk>/confier/", views.request_assign, name="request_assign"),
    path("demandes/<int:pk>/prendre/", views.request_take, name="request_take"),
    path("demandes/<int:pk>/seance/", views.request_plan, name="request_plan"),
    path("demandes/<int:pk>/resoudre/", views.request_resolve, name="request_resolve"),
    path("demandes/<int:pk>/clore/", views.request_close, name="request_close"),
    path("demandes/<int:pk>/retirer/", views.request_withdraw, name="request_withdraw"),
    path("demandes/<int:pk>/rouvrir/", views.request_reopen, name="request_reopen"),
]
