from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "planwatch.web.history"
    label = "history"
    verbose_name = "审计记录 Audit trail"

    def ready(self) -> None:
        from planwatch.web.history import recorder

        recorder.connect()
