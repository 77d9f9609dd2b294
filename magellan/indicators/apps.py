from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "magellan.indicators"
    label = "indicators"
    verbose_name = _("Indicateurs et suivi des alumni")

    def ready(self) -> None:
        # Each app declares its indicators in its own `indicators.py` (registry.py explains).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("indicators")
