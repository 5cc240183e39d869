from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "planwatch.web.ui"
    label = "ui"
    verbose_name = "网页界面 web UI"
    default_auto_field = "django.db.models.BigAutoField"

