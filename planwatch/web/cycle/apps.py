from django.apps import AppConfig


class CycleConfig(AppConfig):
    """The monitoring cycle around the ledger: reporting rounds, 考核, 整改, self-evaluation, to-dos."""

    name = "planwatch.web.cycle"
    label = "cycle"
    verbose_name = "监测周期 monitoring cycle"
