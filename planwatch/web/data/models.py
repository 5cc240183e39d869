"""Indicators and their observed (actual) values with an append-only revision history."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class Indicator(models.Model):
    """A measured quantity. ``key`` is the normalised name (planwatch.web.data.keys)."""

    DIRECTIONS = [("higher", "越高越好 higher is better"), ("lower", "越低越好 lower is better"),
                  ("neutral", "无方向 neutral")]
    TYPES = [("expected", "预期性 expected"), ("binding", "约束性 binding")]
    audited = True

    key = models.CharField(max_length=200, unique=True)
    name = models.CharField(max_length=200)
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
