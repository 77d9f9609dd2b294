"""The API tokens pages (under /jetons-api/) and the API itself (under /api/), one namespace
`api`: django-ninja's operations keep their names (`api:list_people`…) beside `api:tokens`."""

from django.urls import include, path

from . import views
from .api import api

app_name = "api"

urlpatterns = [
    path("jetons-api/", views.tokens, name="tokens"),
    path("jetons-api/integration/", views.service_token_create, name="service_token_create"),
    path("jetons-api/<int:pk>/revoquer/", views.token_revoke, name="token_revoke"),
    path("api/", include(api.urls[0])),
]
