from django.apps import AppConfig


class DataConfig(AppConfig):
    name = "planwatch.web.data"
    label = "data"
    verbose_name = "指标与实际值 Indicators and observations"
