"""Which series a figure belongs to (指标序列): 口径 + measure + dimension, inside one region.

Built on the explicit key of ``planwatch.extract.keys``: the plan's own area (全市 in a city plan,
开发区 in a zone's plan, or no area word at all) is the region's standard 口径 ``""``; any other
area, ownership, enterprise size or price basis — read from the indicator's name and from a 口径
column — is part of the 口径 label, so a figure of another 口径 is a different (related) series.
Published statistics carry no kind: ``…增速/增长率`` with % is a growth rate, other % figures are
shares/rates, 百分点 are points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.extract.keys import home_geography, indicator_key, split_scope

_GROWTH_SUFFIX = re.compile(r"(年均)?(增速|增长率|增长|增幅)$")
_BRACKETS = re.compile(r"[(（][^)）]*[)）]")
_PERCENT = ("%", "％")


@dataclass(frozen=True, order=True)
class SeriesId:
    """The identity of a series inside a region."""

    caliber: str
    measure: str
    dimension: str

    def key(self, region: object) -> str:
        return f"{region or 0}|{self.caliber}|{self.measure}|{self.dimension}"[:200]


def guess_kind(name: str, unit: str) -> tuple[str, str]:
    """(kind, name without a growth suffix) of a published figure that states no kind."""
    clean = _BRACKETS.sub("", name.strip())
    u = (unit or "").strip()
    if u.startswith(_PERCENT) and _GROWTH_SUFFIX.search(clean):
        return "growth", _GROWTH_SUFFIX.sub("", clean)
    if u.startswith(_PERCENT):
        return "share", clean
    return "level", clean


def region_geo(region_name: str) -> str:
    """The area word a region's own plans use for themselves (哈尔滨市 → 全市, …开发区 → 开发区)."""
    return home_geography(region_name)


def series_id(name: str, unit: str, kind: str | None = None, caliber_text: str = "",
              home_geo: str = "全市") -> SeriesId:
    """The series of a figure named ``name`` in ``unit`` (``kind`` None: a published statistic),
    with an optional 口径 column ``caliber_text``, in a region whose own area word is ``home_geo``."""
    if kind is None:
        kind, name = guess_kind(name, unit)
    key = indicator_key(name, unit, kind)
    extra_scope, rest = split_scope((caliber_text or "").strip() + "·")
    geo = extra_scope.geo or key.scope.geo
    if geo == home_geo or (geo == "全市" and not home_geo):
        geo = ""
    leftover = _BRACKETS.sub("", rest).strip("·").strip()
    if leftover in ("工业", "企业", "经济", "全部", "全口径"):
        leftover = ""
    parts = [geo, extra_scope.ownership or key.scope.ownership, extra_scope.size or key.scope.size,
             extra_scope.price or key.scope.price, leftover]
    caliber = "·".join(p for p in parts if p)
    return SeriesId(caliber, key.measure, key.dimension)


_CITY = re.compile(r"^([\u4e00-\u9fff]{2,4}?)([市省县])")
_ZONE = re.compile(r"^(经济技术开发区|高新技术产业开发区|开发区|高新区|新区)")


def suggest_region_name(title: str, issuing_body: str = "") -> str:
    """The region a plan covers from its title or issuing body: the city (province, county) it
    starts with, or that city's zone when the title goes on with one (哈尔滨市开发区… → 哈尔滨开发区);
    ``""`` when neither says."""
    for part in (title, issuing_body):
        text = (part or "").strip().lstrip("#").strip()
        m = _CITY.match(text)
        if m is None:
            continue
        zone = _ZONE.match(text[m.end():])
        return m.group(1) + zone.group(1) if zone else m.group(0)
    return ""
