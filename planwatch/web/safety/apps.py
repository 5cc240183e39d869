from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "planwatch.web.safety"
    label = "safety"
    verbose_name = "安全 safety"
    default_auto_field = "django.db.models.BigAutoField"
