"""Regions and the indicators (series) inside them: the one place that decides which indicator a
plan record or an imported figure belongs to.

A plan's region is suggested from its title and issuing body (the longest known region name in
them, else the city the title starts with) and can be changed in review. An indicator is found by
its identity in the region (``planwatch.progress.identity``), or by an alias confirmed on the
mapping screen; it is never taken from another region.
"""

from __future__ import annotations

import re
from typing import Any

from planwatch.progress.identity import SeriesId, region_geo, series_id, suggest_region_name
from planwatch.web.data.keys import indicator_key as legacy_key
from planwatch.web.data.models import Indicator, IndicatorAlias, Region
from planwatch.web.errors import InvalidInput

_CITY = re.compile(r"^([\u4e00-\u9fff]{2,4}?[市省县])")
_ZONE_WORDS = ("开发区", "高新区", "新区", "园区", "集中区", "自贸区")
_LOWER_IS_BETTER = re.compile(r"能耗|排放|污染|失业率|降低|下降|减少|压缩|事故|死亡率|贫困")


def guess_direction(indicator: str, comparator: str) -> str:
    if comparator in ("<=", "<") or _LOWER_IS_BETTER.search(indicator):
        return "lower"
    return "higher"


def get_region(name: str, parent: Region | None = None) -> Region:
    """The region called ``name``, created on first use (a zone if its name says so)."""
    name = (name or "").strip()
    if not name:
        raise InvalidInput("地区名称为空 empty region name")
    region = Region.objects.filter(name=name).first()
    if region is None:
        kind = "zone" if any(w in name for w in _ZONE_WORDS) else "admin"
        if parent is None and kind == "zone":
            parent = next((r for r in Region.objects.filter(kind="admin")
                           if r.name != name and name.startswith(r.name.rstrip("市县省"))), None)
        region = Region.objects.create(name=name[:100], kind=kind, parent=parent)
    return region


def suggest_region(title: str, issuing_body: str = "") -> str:
    """The region a plan most likely covers: the city (or the city's zone) its title or issuing
    body starts with, else the longest stored region named in them, else ""."""
    named = suggest_region_name(title, issuing_body)
    if named:
        return named
    text = f"{title} {issuing_body}"
    for name in sorted(Region.objects.values_list("name", flat=True), key=len, reverse=True):
        if name in text:
            return name
    return ""


def identity(region: Region | None, name: str, unit: str, kind: str | None, caliber_text: str = "") -> SeriesId:
    return series_id(name, unit, kind, caliber_text, region_geo(region.name) if region else "全市")


def find_indicator(region: Region | None, name: str, unit: str, kind: str | None,
                   caliber_text: str = "") -> Indicator | None:
    """The indicator of the region a figure belongs to: a confirmed alias first, else its identity
    (a figure of no region: the only region that has that series)."""
    alias = (IndicatorAlias.objects.filter(region=region, name=name.strip(), caliber_text=caliber_text.strip())
             .select_related("indicator").first())
    if alias is not None:
        return alias.indicator
    sid = identity(region, name, unit, kind, caliber_text)
    found = Indicator.objects.filter(key=sid.key(region.pk if region else 0)).first()
    if found is None and region is None:
        # A row that names no region: the one region that has this series, if only one has it.
        same = list(Indicator.objects.filter(key__endswith=sid.key(0)[1:], region__isnull=False)[:2])
        found = same[0] if len(same) == 1 else None
    if found is None:
        # An indicator stored before series identities (no measure): its key is the normalised name.
        found = Indicator.objects.filter(key=legacy_key(name), measure="").first()
    return found


def get_indicator(name: str, unit: str = "", comparator: str = "=", kind: str | None = "level",
                  region: Region | None = None, caliber_text: str = "") -> Indicator:
    """The indicator of a plan record (or an imported figure), created on first sight."""
    if not name.strip():
        raise InvalidInput("指标名称为空 empty indicator name")
    found = find_indicator(region, name, unit, kind, caliber_text)
    if found is not None:
        if not found.unit and unit and found.dimension not in ("growth", "share", "change", "pp", "percent"):
            found.unit = unit
            found.save(update_fields=["unit"])
        return found
    sid = identity(region, name, unit, kind, caliber_text)
    level = sid.dimension not in ("growth", "share", "change", "pp", "percent")
    return Indicator.objects.create(
        key=sid.key(region.pk if region else 0), name=name.strip()[:200], region=region, measure=sid.measure[:200],
        caliber=sid.caliber[:100], dimension=sid.dimension, unit=unit if level or kind == "share" else "",
        direction=guess_direction(name, comparator))


class IndicatorRow:
    """An indicator read with ``values()``: the fields asked for, and ``pk``; no model instance, so
    that the series of thousands of targets are read quickly."""

    def __init__(self, fields: dict[str, Any]) -> None:
        self.__dict__.update(fields)
        self.pk = fields["id"]


def indicator_rows(ids: Any, fields: tuple[str, ...]) -> dict[int, Any]:
    """The indicators of these ids as ``IndicatorRow``s with ``fields`` (``id`` among them)."""
    return {r["id"]: IndicatorRow(r) for r in Indicator.objects.filter(pk__in=ids).values(*fields)}


def related_indicators(indicators: list[Any], fields: tuple[str, ...] = ()) -> dict[int, list[Any]]:
    """For each indicator, every indicator of the same region and measure (its other dimensions —
    the level series of a growth rate — and its other 口径), itself included (``fields``: the
    related ones as ``IndicatorRow``s with these fields — ``id``, ``region_id`` and ``measure``
    among them — rather than model instances)."""
    wanted = {(i.region_id, i.measure) for i in indicators}
    regions = {r for r, _ in wanted}
    measures = {m for _, m in wanted}
    pool: dict[tuple[Any, str], list[Any]] = {}

    def read(qs: Any) -> Any:
        return (IndicatorRow(r) for r in qs.values(*fields)) if fields else qs

    if any(regions):
        for ind in read(Indicator.objects.filter(measure__in=measures).filter(
                region_id__in=[r for r in regions if r is not None])):
            pool.setdefault((ind.region_id, ind.measure), []).append(ind)
    if None in regions:
        for ind in read(Indicator.objects.filter(measure__in=measures, region__isnull=True)):
            pool.setdefault((None, ind.measure), []).append(ind)
    return {i.pk: pool.get((i.region_id, i.measure), [i]) if i.measure else [i] for i in indicators}
