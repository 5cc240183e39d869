"""The mapping screen's rules: imported rows that matched no indicator, ranked suggestions for
them, and confirming a mapping (remembered as an alias, so the same table maps itself next time).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from django.db import transaction

from planwatch.web.accounts.permissions import can_supervise, require
from planwatch.web.data.models import Indicator, IndicatorAlias, UnmatchedActual
from planwatch.web.data.regions import get_indicator, identity
from planwatch.web.errors import InvalidInput


@dataclass(frozen=True)
class Suggestion:
    indicator: Indicator
    score: float
    why: str


@dataclass
class PendingGroup:
    """Unmatched rows of one name + 口径 + region (one mapping decision covers them all)."""

    key: tuple[Any, str, str]
    rows: list[UnmatchedActual]
    suggestions: list[Suggestion]

    @property
    def first(self) -> UnmatchedActual:
        return self.rows[0]


def suggestions_for(row: UnmatchedActual, limit: int = 5) -> list[Suggestion]:
    """Indicators of the row's region, best first: same measure and dimension, then same dimension
    with the most similar measure; other 口径 are marked (a related series, not the same one)."""
    sid = identity(row.region, row.name, row.unit, None, row.caliber_text)
    out = []
    for ind in Indicator.objects.filter(region=row.region):
        ratio = SequenceMatcher(None, sid.measure, ind.measure or ind.name).ratio()
        score = ratio + (1.0 if ind.dimension == sid.dimension else 0.0) + (0.5 if ind.caliber == sid.caliber else 0.0)
        why = "计量维度相同" if ind.dimension == sid.dimension else "计量维度不同"
        if ind.caliber != sid.caliber:
            why += f"；口径不同（{ind.caliber or '标准口径'}）"
        if ratio > 0.3 or ind.dimension == sid.dimension:
            out.append(Suggestion(ind, round(score, 3), why))
    out.sort(key=lambda s: (-s.score, s.indicator.name))
    return out[:limit]


def pending_groups(rows: Iterable[UnmatchedActual] | None = None) -> list[PendingGroup]:
    groups: dict[tuple[Any, str, str], list[UnmatchedActual]] = {}
    for r in rows if rows is not None else UnmatchedActual.objects.select_related("region").order_by("id"):
        groups.setdefault((r.region_id, r.name, r.caliber_text), []).append(r)
    return [PendingGroup(k, rs, suggestions_for(rs[0])) for k, rs in groups.items()]


@transaction.atomic
def confirm_mapping(user: Any, row: UnmatchedActual, indicator: Indicator | None) -> dict[str, int]:
    """Record every pending row of ``row``'s name + 口径 + region on ``indicator`` (None: a new
    indicator of that name) and remember the name as an alias of it."""
    from planwatch.web.data.tables import record_row

    require(can_supervise(user), "只有规划处可以确认指标匹配 only the planning office maps indicators")
    if indicator is None:
        indicator = get_indicator(row.name, row.unit, "=", None, row.region, row.caliber_text)
    elif indicator.region_id != row.region_id:
        raise InvalidInput("不能匹配到其他地区的指标 an indicator of another region cannot be chosen")
    if indicator.name != row.name or indicator.caliber != identity(row.region, row.name, row.unit, None,
                                                                    row.caliber_text).caliber:
        IndicatorAlias.objects.get_or_create(region=row.region, name=row.name, caliber_text=row.caliber_text,
                                             defaults={"indicator": indicator})
    counts = {"created": 0, "revised": 0, "unchanged": 0}
    group = list(UnmatchedActual.objects.filter(region=row.region, name=row.name, caliber_text=row.caliber_text)
                 .order_by("id"))
    for r in group:
        p = {"year": r.year, "value": r.value, "unit": r.unit, "scope": r.caliber_text, "comparator": r.comparator,
             "status": r.status, "source": r.source, "source_url": r.source_url, "quote": r.quote, "note": r.note}
        counts[record_row(user, indicator, p, r.file_name or "映射 mapping")] += 1
    UnmatchedActual.objects.filter(pk__in=[r.pk for r in group]).delete()
    return counts


def read_mapping_file(data: bytes, name: str = "mapping.csv") -> list[dict[str, str]]:
    """Rows of a mapping table (地区 / 指标 / 口径 / 规划指标; an empty 规划指标 = a new indicator)."""
    from planwatch.web.data.tables import read_table

    _, rows = read_table(name, data)
    return [{k: str(r.get(k) or "").strip() for k in ("地区", "指标", "口径", "规划指标")} for _, r in rows]


def apply_mapping_file(user: Any, data: bytes, name: str = "mapping.csv") -> int:
    """Confirm the mappings a table lists (what the office would pick on the mapping screen);
    returns how many pending groups were mapped."""
    from planwatch.web.plans.models import Target

    done = 0
    for m in read_mapping_file(data, name):
        row = (UnmatchedActual.objects.filter(region__name=m["地区"] or None, name=m["指标"], caliber_text=m["口径"])
               .select_related("region").first())
        if row is None:
            continue
        indicator = None
        if m["规划指标"]:
            t = (Target.objects.filter(version__plan__region=row.region, indicator_text=m["规划指标"])
                 .select_related("indicator").first())
            if t is None:
                raise InvalidInput(f"{m['地区']}没有规划指标“{m['规划指标']}” no such target indicator")
            indicator = t.indicator
        confirm_mapping(user, row, indicator)
        done += 1
    return done
