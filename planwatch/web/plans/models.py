"""Plans, their versions and the records extracted from each version, with provenance.

Each version keeps its own document text and its own records (quote + offsets into that text),
so nothing of an earlier version is ever rewritten by a later one. The records of a version in
review can be corrected, added or rejected; every correction is kept (``ReviewCorrection``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

REVIEW_STATES = [("pending", "待审 pending"), ("accepted", "通过 accepted"), ("corrected", "已更正 corrected"),
                 ("added", "人工新增 added"), ("rejected", "驳回 rejected")]


class Plan(models.Model):
    audited = True

    title = models.CharField(max_length=300)
    region = models.ForeignKey("data.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="plans")
    issuing_body = models.CharField(max_length=200, blank=True)  # 发文机关
    document_number = models.CharField(max_length=100, blank=True)  # 文号
    period_start = models.IntegerField(null=True, blank=True)
    period_end = models.IntegerField(null=True, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    level = models.CharField(max_length=50, blank=True)  # 市级 / 区县 / 专项 ...
    # An annual plan or government work report (年度计划、政府工作报告): its targets are for one year,
    # period_start = period_end = that year; its parent is the five-year plan whose period holds it.
    annual = models.BooleanField(default=False)
    published = models.BooleanField(default=False)
    current_version = models.ForeignKey("PlanVersion", null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    internal_note = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = "规划 plan"

    def __str__(self) -> str:
        period = f" ({self.period_start}–{self.period_end})" if self.period_start else ""
        return f"{self.title}{period}"


class PlanVersion(models.Model):
    STATUSES = [("review", "审核中 in review"), ("live", "已生效 live"), ("superseded", "已替代 superseded"),
                ("discarded", "已废弃 discarded")]
    audited = True

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=12, choices=STATUSES, default="review")
    doc_name = models.CharField(max_length=300)
    text = models.TextField()
    text_sha256 = models.CharField(max_length=64)
    extraction = models.JSONField(default=dict)  # the raw contract object as ingested
    diff = models.JSONField(null=True, blank=True)  # against the version that was live at ingest time
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan_id", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="uniq_plan_version")]
        verbose_name = "规划版本 plan version"

    def __str__(self) -> str:
        return f"{self.plan.title} v{self.number}"


class Section(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="sections")
    path = models.CharField(max_length=300)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["version_id", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "path"], name="uniq_section_path")]

    def __str__(self) -> str:
        return self.path


class Record(models.Model):
    """Common part of every extracted record: provenance and review state."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="%(class)ss")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    quote = models.TextField()
    start = models.IntegerField(default=-1)  # offsets into version.text; -1 when not located
    end = models.IntegerField(default=-1)
    review_state = models.CharField(max_length=10, choices=REVIEW_STATES, default="pending")
    key = models.CharField(max_length=300, db_index=True)  # identity across versions (diff)
    # The extractor's confidence in [0, 1] (planwatch.extract.confidence); 1 for records entered by hand.
    confidence = models.FloatField(default=1.0)

    class Meta:
        abstract = True


class Target(Record):
    audited = True

    indicator = models.ForeignKey("data.Indicator", on_delete=models.PROTECT, related_name="targets")
    indicator_text = models.CharField(max_length=200)
    kind = models.CharField(max_length=12)
    value = models.FloatField()
    value_high = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True)
    comparator = models.CharField(max_length=5, default="=")
    target_year = models.IntegerField(null=True, blank=True)
    annual = models.BooleanField(default=False)
    baseline_value = models.FloatField(null=True, blank=True)
    baseline_year = models.IntegerField(null=True, blank=True)
    binding = models.BooleanField(default=False)  # 约束性
    parent_target = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="child_targets")

    class Meta:
        ordering = ["version_id", "start", "id"]

    def __str__(self) -> str:
        return f"{self.indicator_text} {self.comparator} {self.value:g}{self.unit} ({self.target_year or ''})"


class Fact(Record):
    audited = True

    indicator = models.ForeignKey("data.Indicator", on_delete=models.PROTECT, related_name="facts")
    indicator_text = models.CharField(max_length=200)
    kind = models.CharField(max_length=12)
    value = models.FloatField()
    value_high = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True)
    year = models.IntegerField(null=True, blank=True)
    period_start = models.IntegerField(null=True, blank=True)
    period_end = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ["version_id", "start", "id"]

    def __str__(self) -> str:
        return f"{self.indicator_text} {self.value:g}{self.unit} ({self.year or ''})"


class PlanTask(Record):
    audited = True

    title = models.CharField(max_length=300)
    parent_title = models.CharField(max_length=300, blank=True)
    deadline_year = models.IntegerField(null=True, blank=True)
    responsible = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["version_id", "start", "id"]

    def __str__(self) -> str:
        return self.title


class Project(Record):
    audited = True

    name = models.CharField(max_length=300)
    group = models.CharField(max_length=300, blank=True)
    planned_investment = models.FloatField(null=True, blank=True)  # 亿元
    completed_investment = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["version_id", "start", "id"]

    def __str__(self) -> str:
        return self.name


class ReviewCorrection(models.Model):
    """What the planning office changed during extraction review, kept for learning and audit."""

    ACTIONS = [("correct", "更正 correct"), ("add", "新增 add"), ("reject", "驳回 reject"),
               ("accept", "通过 accept")]

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="corrections")
    record_type = models.CharField(max_length=20)
    record_id = models.BigIntegerField()
    action = models.CharField(max_length=10, choices=ACTIONS)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    comment = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
