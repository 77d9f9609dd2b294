from django.urls import path

from .views import board

app_name = "indicators"

urlpatterns: list = [
    # The coaches' indicators pages (views/board.py)
    path("indicateurs/", board.indicator_list, name="list"),
    # One indicator and its CSV: after every other `indicateurs/…` path (a slug would match them).
    path("indicateurs/<slug:slug>/", board.indicator_detail, name="detail"),
    path("indicateurs/<slug:slug>/export.csv", board.indicator_csv, name="csv"),
]
