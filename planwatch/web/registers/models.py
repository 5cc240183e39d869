"""The enterprise register with dated tiers and yearly revenue, the project register, and the
counting rules that link a plan target to either register.

Revenue is in 万元, investment in 亿元 (the plans' unit). Tiers are dated spans: an enterprise holds
a tier at the end of a year when it entered on or before 31 December and left after it (or never).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from planwatch.registers.projects import MEASURES, STATES
from planwatch.registers.rules import MODES, OWNERSHIP, SIZES, TIERS


class Enterprise(models.Model):
    audited = True

    name = models.CharField(max_length=200)
    credit_code = models.CharField(max_length=18, unique=True)  # 统一社会信用代码, check digit verified
    region = models.CharField(max_length=100, blank=True, db_index=True)
    industry = models.CharField(max_length=100, blank=True)
    ownership = models.CharField(max_length=10, choices=list(OWNERSHIP.items()), db_index=True)
    size = models.CharField(max_length=10, choices=list(SIZES.items()), blank=True)
    established = models.DateField(null=True, blank=True)
    closed = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)  # internal

    class Meta:
        ordering = ["name"]
        verbose_name = "企业 enterprise"

    def __str__(self) -> str:
        return self.name


class EnterpriseTier(models.Model):
    """A tier or attribute held from ``start`` (certificate/入库 date) until ``end`` (exclusive)."""

    audited = True

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="tiers")
    tier = models.CharField(max_length=24, choices=list(TIERS.items()))
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    certificate = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["enterprise_id", "tier", "start"]
        indexes = [models.Index(fields=["tier", "start"])]
        verbose_name = "企业类别 enterprise tier"

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.get_tier_display()} {self.start}"


class EnterpriseRevenue(models.Model):
    audited = True

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="revenues")
    year = models.IntegerField()
    revenue = models.FloatField()  # 万元

    class Meta:
        ordering = ["enterprise_id", "year"]
        constraints = [models.UniqueConstraint(fields=["enterprise", "year"], name="uniq_enterprise_year")]
        # covering for the counting query (year IN …, revenue ≥ threshold → enterprise ids)
        indexes = [models.Index(fields=["year", "revenue", "enterprise"], name="registers_revenue_count")]
        verbose_name = "企业营业收入 enterprise revenue"


class ProjectRecord(models.Model):
    """A key project of a plan under monitoring. Made from an extracted project (专栏, list, prose);
    its yearly investment and milestones are reported through its ledger task."""

    audited = True

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="project_records")
    source = models.ForeignKey("plans.Project", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="register_records")
    key = models.CharField(max_length=300, db_index=True)  # the extracted record's key (stable across versions)
    name = models.CharField(max_length=300)
    group = models.CharField(max_length=300, blank=True)
    owner_unit = models.ForeignKey("accounts.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="project_records")
    location = models.CharField(max_length=200, blank=True)
    planned_investment = models.FloatField(null=True, blank=True)  # 亿元
    planned_start = models.DateField(null=True, blank=True)
    planned_completion = models.DateField(null=True, blank=True)
    task = models.OneToOneField("ledger.LedgerTask", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="project_record")
    note = models.TextField(blank=True)  # internal

    class Meta:
        ordering = ["plan_id", "group", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="uniq_plan_project_key")]
        verbose_name = "重点项目 project record"

    def __str__(self) -> str:
        return self.name


class InvestmentReport(models.Model):
    """Completed investment of one year. A unit's figure travels with a progress update of the
    project's ledger task and counts once the unit leader approves it; the office's own entries
    (``update`` empty) count at once."""

    audited = True

    project = models.ForeignKey(ProjectRecord, on_delete=models.CASCADE, related_name="investments")
    year = models.IntegerField()
    amount = models.FloatField()  # 亿元
    update = models.OneToOneField("ledger.ProgressUpdate", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="investment")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project_id", "year", "id"]
        verbose_name = "完成投资 investment report"


class CountRule(models.Model):
    """Links a count target to a register: its observations are computed, never typed."""

    REGISTERS = [("enterprise", "企业名录"), ("project", "重点项目库")]
    audited = True

    target = models.OneToOneField("plans.Target", on_delete=models.CASCADE, related_name="count_rule")
    register = models.CharField(max_length=10, choices=REGISTERS, default="enterprise")
    # enterprise register
    ownership = models.CharField(max_length=10, blank=True, choices=list(OWNERSHIP.items()))
    tiers = models.JSONField(default=list, blank=True)
    revenue_min = models.FloatField(null=True, blank=True)  # 万元
    region = models.CharField(max_length=100, blank=True)
    industry = models.CharField(max_length=100, blank=True)
    sizes = models.JSONField(default=list, blank=True)
    # project register
    measure = models.CharField(max_length=24, default="count", choices=list(MEASURES.items()))
    project_state = models.CharField(max_length=16, blank=True, choices=[(k, v) for k, v in STATES.items() if k])
    investment_min = models.FloatField(null=True, blank=True)  # 亿元
    project_plan = models.ForeignKey("plans.Plan", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")  # empty: every plan's projects
    # both
    mode = models.CharField(max_length=12, default="stock", choices=list(MODES.items()))
    since = models.IntegerField(null=True, blank=True)
    first_year = models.IntegerField(null=True, blank=True)  # first year to compute (default: plan start)
    published = models.BooleanField(default=False)  # counts shown on the public portal
    computed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = "计数规则 count rule"

    def __str__(self) -> str:
        return f"{self.target.indicator_text}"
