from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "planwatch.web.registers"
    label = "registers"
    verbose_name = "名录与项目库 Registers"

    def ready(self) -> None:
        from planwatch.web.registers.signals import connect

        connect()
