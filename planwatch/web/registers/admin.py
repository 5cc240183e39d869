from django.contrib import admin

from planwatch.web.registers.models import (
    CountRule,
    Enterprise,
    EnterpriseRevenue,
    EnterpriseTier,
    InvestmentReport,
    ProjectRecord,
)


class TierInline(admin.TabularInline):
    model = EnterpriseTier
    extra = 0


class RevenueInline(admin.TabularInline):
    model = EnterpriseRevenue
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ("name", "credit_code", "region", "industry", "ownership", "size")
    list_filter = ("ownership", "size", "region")
    search_fields = ("name", "credit_code")
    inlines = [TierInline, RevenueInline]


@admin.register(ProjectRecord)
class ProjectRecordAdmin(admin.ModelAdmin):
    list_display = ("name", "plan", "group", "owner_unit", "planned_investment")
    list_filter = ("plan",)
    search_fields = ("name",)


admin.site.register(InvestmentReport)
admin.site.register(CountRule)
