from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "planwatch.web.plans"
    label = "plans"
    verbose_name = "规划 Plans"
