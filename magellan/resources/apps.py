from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "magellan.resources"
    label = "resources"
    verbose_name = _("Ressources")

    def ready(self) -> None:
        from magellan.program.extensions import register_session_panel

        from . import panels

        register_session_panel(
            template_name="resources/_session_panel.html", get_context=panels.session_panel
        )
