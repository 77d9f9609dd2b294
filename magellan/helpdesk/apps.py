from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpdeskConfig(AppConfig):
    name = "magellan.helpdesk"
    label = "helpdesk"
    verbose_name = _("Bureau d’aide")
