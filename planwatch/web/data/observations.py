"""Recording observations: every new value becomes a revision; nothing is overwritten silently.

Changing the value, status or source of an existing observation requires a reason and appends a
revision; the earlier revisions stay readable (``observation.revisions``).
"""

from __future__ import annotations

import math
import re
from typing import Any

from django.db import transaction

from planwatch.web.accounts.permissions import can_edit_indicator_data, require
from planwatch.web.data.models import Indicator, Observation, ObservationRevision
from planwatch.web.errors import InvalidInput
from planwatch.web.safety.validators import check_source_url

STATUSES = ("preliminary", "final")
TRACKED = ("value", "comparator", "unit", "status", "source", "source_url", "quote", "note")


def check_period(period: str, year: int) -> None:
    """A period is START-END ending in ``year`` (a 时期 figure) or YYYY-MM of ``year`` with MM 01–11 (the
    1-MM月 cumulative figure; 1-12月 is the whole year's figure, stored without a period)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})", period)
    if m:
        if int(m[1]) != year or not 1 <= int(m[2]) <= 12:
            raise InvalidInput(f"累计期应为 年份-月份（01–11）且年份一致 a year-to-date period is YEAR-MM of the year: {period}")
        if int(m[2]) == 12:
            raise InvalidInput("1-12月累计即全年数，请按年度数录入（不填累计期） 1-12 is the whole year: enter it "
                               "without a period")
        return
    m = re.fullmatch(r"(\d{4})-(\d{4})", period)
    if not m or int(m[1]) >= int(m[2]) or int(m[2]) != year:
        raise InvalidInput(f"时期格式应为 起年-止年，且止年等于年份 period must be START-END ending in year: {period}")


@transaction.atomic
def record_observation(user: Any, indicator: Indicator, year: int, value: float, *, scope: str = "",
                       period: str = "", unit: str = "", comparator: str = "=", status: str = "preliminary",
                       source: str = "", source_url: str = "", quote: str = "", note: str = "",
                       reporting_unit: Any = None, reason: str = "", check_permission: bool = True
                       ) -> tuple[Observation, bool]:
    """Create or revise the observation of (indicator, year, scope, period).

    Returns (observation, changed). An identical resubmission changes nothing.
    """
    if check_permission:
        require(can_edit_indicator_data(user, indicator), "无权填报该指标 may not report this indicator")
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise InvalidInput(f"数值无效 value is not a finite number: {value!r}")
    if not 1900 <= int(year) <= 2100:
        raise InvalidInput(f"年份无效 year out of range: {year}")
    if period:
        check_period(period, int(year))
    source_url = check_source_url(source_url)
    if status not in STATUSES:
        raise InvalidInput(f"状态无效 status must be one of {STATUSES}: {status}")
    new = {"value": float(value), "comparator": comparator or "=", "unit": unit or indicator.unit,
           "status": status, "source": source, "source_url": source_url, "quote": quote, "note": note}
    obs = (Observation.objects.select_for_update()
           .filter(indicator=indicator, year=year, scope=scope, period=period).first())
    actor = user if getattr(user, "is_authenticated", False) else None
    if obs is None:
        obs = Observation.objects.create(indicator=indicator, year=year, scope=scope, period=period,
                                         reporting_unit=reporting_unit, revision=1, **new)
        ObservationRevision.objects.create(observation=obs, number=1, recorded_by=actor,
                                           reason=reason or "首次录入 first entry", **new)
        return obs, True
    if all(getattr(obs, k) == v for k, v in new.items()):
        return obs, False
    if not reason.strip():
        raise InvalidInput(
            f"{indicator.name} {year} 已有数值 {obs.value:g}{obs.unit}（第{obs.revision}版）；修订需说明原因 "
            "an observation exists: a revision needs a reason")
    obs.revision += 1
    for k, v in new.items():
        setattr(obs, k, v)
    if reporting_unit is not None:
        obs.reporting_unit = reporting_unit
    obs.save()
    ObservationRevision.objects.create(observation=obs, number=obs.revision, recorded_by=actor, reason=reason,
                                       **new)
    return obs, True


def record_series_observation(user: Any, region: Any, name: str, unit: str, year: int, value: float, *,
                              kind: str | None = None, caliber_text: str = "", **fields: Any
                              ) -> tuple[Observation, bool]:
    """Record a figure by the name of its series in a region (a register's count of enterprises, a
    statistic): the indicator is the region's series of that name, 口径 and unit
    (``planwatch.web.data.regions``), created on first use; then ``record_observation``."""
    from planwatch.web.data.regions import get_indicator

    indicator = get_indicator(name, unit, "=", kind, region, caliber_text)
    return record_observation(user, indicator, year, value, unit=unit, scope=caliber_text, **fields)
