from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _register_fold(sender: Any, connection: Any, **kwargs: Any) -> None:
    """SQLite: MAGELLAN_FOLD(text), lower case without accents, for the search fallback."""
    if connection.vendor == "sqlite":
        from .highlight import fold

        connection.connection.create_function("MAGELLAN_FOLD", 1, fold, deterministic=True)


class SearchConfig(AppConfig):
    name = "magellan.search"
    label = "search"
    verbose_name = _("Recherche")

    def ready(self) -> None:
        connection_created.connect(_register_fold, dispatch_uid="magellan.search.fold")
