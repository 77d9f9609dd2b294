from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupingConfig(AppConfig):
    name = "magellan.grouping"
    label = "grouping"
    verbose_name = _("Groupes")

    def ready(self) -> None:
        from magellan.program.extensions import register_session_panel

        from . import panels

        register_session_panel(
            template_name="grouping/_session_panel.html", get_context=panels.session_panel
        )
