from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThreeCaresConfig(AppConfig):
    name = "gonghui.threecares"
    label = "threecares"
    verbose_name = _("Three Cares programme")
