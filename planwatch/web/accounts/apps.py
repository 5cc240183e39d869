from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "planwatch.web.accounts"
    label = "accounts"
    verbose_name = "单位与用户 Units and users"
