from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "almen.core"
    label = "core"
    verbose_name = "Almen"
