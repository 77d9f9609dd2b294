from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "magellan.recruitment"
    label = "recruitment"
    verbose_name = _("Recrutement et intégration")
