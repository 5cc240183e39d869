"""Indicators and their observed (actual) values with an append-only revision history."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from planwatch.web.accounts.models import Hierarchy


class Region(Hierarchy, models.Model):
    """A place plans and statistics belong to: an administrative division or a zone, in a hierarchy
    (哈尔滨市 ⊃ 哈尔滨新区 ⊃ 松北区). Indicators never cross regions."""

    KINDS = [("admin", "行政区划 administrative division"), ("zone", "功能区 zone")]
    audited = True

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=KINDS, default="admin")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")

    class Meta:
        ordering = ["name"]
        verbose_name = "地区 region"

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """A series: region + measure + 口径 (caliber) + dimension (``planwatch.progress.identity``);
    ``key`` holds that identity. ``name`` is how it was first written; ``aliases`` the other names
    a confirmed mapping attached to it."""

    DIRECTIONS = [("higher", "越高越好 higher is better"), ("lower", "越低越好 lower is better"),
                  ("neutral", "无方向 neutral")]
    TYPES = [("expected", "预期性 expected"), ("binding", "约束性 binding")]
    audited = True

    key = models.CharField(max_length=200, unique=True)
    name = models.CharField(max_length=200)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="indicators")
    measure = models.CharField(max_length=200, blank=True, db_index=True)
    caliber = models.CharField(max_length=100, blank=True)  # 口径; "" = the region's standard one
    dimension = models.CharField(max_length=40, blank=True)
    unit = models.CharField(max_length=40, blank=True)
    direction = models.CharField(max_length=10, choices=DIRECTIONS, default="higher")
    type = models.CharField(max_length=10, choices=TYPES, default="expected")
    definition = models.TextField(blank=True)
    responsible_unit = models.ForeignKey("accounts.Unit", null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="indicators")
    public = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "指标 indicator"

    def __str__(self) -> str:
        return self.name


class IndicatorAlias(models.Model):
    """A name (with its 口径 column) under which a data table reported this indicator, confirmed on
    the mapping screen, so the next import of the same table maps itself."""

    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    caliber_text = models.CharField(max_length=100, blank=True)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "name", "caliber_text"], name="uniq_alias")]
        verbose_name = "指标别名 indicator alias"

    def __str__(self) -> str:
        return f"{self.name} → {self.indicator}"


class UnmatchedActual(models.Model):
    """An imported row that matched no indicator of its region: waits on the mapping screen."""

    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    caliber_text = models.CharField(max_length=100, blank=True)
    year = models.IntegerField()
    value = models.FloatField()
    unit = models.CharField(max_length=40, blank=True)
    comparator = models.CharField(max_length=5, default="=")
    status = models.CharField(max_length=12, default="preliminary")
    source = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    quote = models.TextField(blank=True)
    note = models.TextField(blank=True)
    file_name = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "待匹配实际值 unmatched actual"

    def __str__(self) -> str:
        return f"{self.name} {self.year}: {self.value:g}{self.unit}"


class Observation(models.Model):
    """The current actual value of an indicator for one year (or period) and scope.

    Every value ever recorded is an ``ObservationRevision``; this row mirrors the latest one.
    """

    STATUSES = [("preliminary", "初步 preliminary"), ("final", "最终 final")]
    audited = True

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="observations")
    year = models.IntegerField(db_index=True)
    # A period figure ("十五"期间 2001–2005) is stored at its last year with period "2001-2005".
    period = models.CharField(max_length=9, blank=True, default="")
    scope = models.CharField(max_length=100, blank=True, default="")
    value = models.FloatField()
    comparator = models.CharField(max_length=5, default="=")
    unit = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=12, choices=STATUSES, default="preliminary")
    source = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    quote = models.TextField(blank=True)
    note = models.TextField(blank=True)  # internal; never shown to the public
    reporting_unit = models.ForeignKey("accounts.Unit", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="observations")
    revision = models.PositiveIntegerField(default=1)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator_id", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year", "scope", "period"],
                                               name="uniq_observation")]
        # covers the stored verdicts' per-series stamp (count, last change, last id per indicator)
        indexes = [models.Index(fields=["indicator", "updated"], name="obs_indicator_updated")]
        verbose_name = "实际值 observation"

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value:g}{self.unit}"


class ObservationRevision(models.Model):
    """One recorded value of an observation; never updated, never deleted by the application."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    value = models.FloatField()
    comparator = models.CharField(max_length=5, default="=")
    unit = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=12)
    source = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    quote = models.TextField(blank=True)
    note = models.TextField(blank=True)
    reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["observation_id", "number"]
        verbose_name = "实际值修订 observation revision"
        constraints = [models.UniqueConstraint(fields=["observation", "number"], name="uniq_obs_revision")]

    def __str__(self) -> str:
        return f"{self.observation_id} r{self.number}: {self.value:g}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("实际值修订记录不可修改 a recorded revision cannot be changed; record a new one")
        super().save(*args, **kwargs)


class StoredVerdict(models.Model):
    """The last verdict on a target (``planwatch.web.data.verdicts``), kept for the pages over many
    targets only (dashboard, portal, search, 考核): ``fingerprint`` covers the target's figures and
    review state, its plan and the version's records and text its doubts read, the as-of day and the
    observations of its series; a different fingerprint means recompute (``stored_verdicts``).
    Derived data: left out of backups, recomputed on the next read."""

    target = models.OneToOneField("plans.Target", on_delete=models.CASCADE, related_name="stored_verdict")
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(max_length=20)
    observed_value = models.FloatField(null=True, blank=True)
    observed_year = models.IntegerField(null=True, blank=True)
    derived = models.BooleanField(default=False)
    reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"target {self.target_id}: {self.status}"
