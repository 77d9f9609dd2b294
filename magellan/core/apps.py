from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "magellan.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db import connections

        from .sorting import register_collation

        connection_created.connect(register_collation, dispatch_uid="magellan_names_collation")
        # A connection opened before the apps were ready (a management command's checks).
        for connection in connections.all(initialized_only=True):
            if connection.connection is not None:
                register_collation(sender=type(connection), connection=connection)
