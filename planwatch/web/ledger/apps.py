from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "planwatch.web.ledger"
    label = "ledger"
    verbose_name = "工作台账 Ledger"
