from django.contrib import admin

from planwatch.web.accounts.models import ApiToken, Membership, Unit

admin.site.register(Unit)
admin.site.register(Membership)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created", "revoked")
    readonly_fields = ("key_hash", "prefix", "created", "last_used")
