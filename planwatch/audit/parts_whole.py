"""Rule 3, parts and whole: a part may not exceed its whole, disjoint parts may not add up to
more than the whole, complete partitions (轻工业 + 重工业 = 工业; 三次产业 = 生产总值) must add up
to it, shares of one whole along one breakdown may not sum above 100 %, and a share of several
named sectors ("机械、食品、医药和石化工业占全市工业增加值60%以上") must be reachable from those
sectors' own levels.

What is part of what comes from :func:`planwatch.extract.keys.is_part_of` (scope nesting and the
measure hierarchy); cross-cutting categories (高技术产业, 主导产业 …) are never summed with sectors.
"""

from __future__ import annotations

import re
from collections import defaultdict

from planwatch.audit.figures import Figure, FigureIndex, resolved_share_keys
from planwatch.audit.findings import Finding, Severity
from planwatch.audit.grading import grade, tolerance_text
from planwatch.audit.intervals import Interval, fmt_number
from planwatch.extract.keys import (
    COMPLETE_PARTITIONS,
    IndicatorKey,
    Scope,
    ScopeRelation,
    is_overlapping_sector,
    is_part_of,
    measure_ancestors,
    measure_parent,
    scope_differences,
    scope_relation,
    split_scope,
    split_share,
)

RULE = "parts_whole"
_PARTITION_MEMBERS = frozenset(m for members in COMPLETE_PARTITIONS.values() for m in members)
_LIST_SPLIT = re.compile(r"[、和及与,，]")


def _comparable(a: Figure, b: Figure) -> bool:
    return a.record_type == b.record_type and a.year == b.year and (a.plan == b.plan or bool(b.key.scope.geo))


def _sum(figs: list[Figure]) -> Interval:
    total = Interval.point(0.0)
    for f in figs:
        total = total + f.interval
    return total


def _u(x: float, f: Figure) -> str:
    return fmt_number(x / f.factor, 2) + f.unit


def _part_exceeds_whole(levels: list[Figure]) -> list[Finding]:
    out: list[Finding] = []
    by_measure = _by_measure(levels)
    for p in levels:
        candidates = [
            w
            for m in (p.key.measure, *measure_ancestors(p.key.measure))
            for w in by_measure.get((p.year, p.record_type, p.key.dimension, m), [])
        ]
        for w in candidates:
            if p is w or not _comparable(p, w) or not is_part_of(p.key, w.key):
                continue
            if p.interval.lo <= w.interval.hi:
                continue
            severity = grade(p.interval, w.interval) or Severity.ERROR
            zh = f"{p.year}年 {p.indicator} {p.written()} 是 {w.indicator} 的一部分，却大于后者 {w.written()}。"
            en = f"{p.year} {p.indicator} {p.written()} is part of {w.indicator} but exceeds it ({w.written()})."
            out.append(
                Finding(
                    RULE,
                    severity,
                    zh,
                    en,
                    (p.ref(), w.ref()),
                    tolerance_text(p.bounds.note_zh, w.bounds.note_zh),
                    {"part": p.value * p.factor / w.factor, "whole": w.value},
                )
            )
    return out


def _by_measure(levels: list[Figure]) -> dict[tuple[int | None, str, str, str], list[Figure]]:
    """Levels grouped by year, record type, dimension and measure (to keep comparisons linear)."""
    groups: dict[tuple[int | None, str, str, str], list[Figure]] = defaultdict(list)
    for f in levels:
        groups[(f.year, f.record_type, f.key.dimension, f.key.measure)].append(f)
    return groups


def _siblings_exceed_whole(levels: list[Figure]) -> list[Finding]:
    out: list[Finding] = []
    children_of: dict[tuple[int | None, str, str, str], list[Figure]] = defaultdict(list)
    for c in levels:
        parent = measure_parent(c.key.measure)
        if parent is not None:
            children_of[(c.year, c.record_type, c.key.dimension, parent)].append(c)
    for w in levels:
        children: dict[IndicatorKey, Figure] = {}
        for c in children_of.get((w.year, w.record_type, w.key.dimension, w.key.measure), []):
            if c is w or not _comparable(c, w) or c.key.dimension != w.key.dimension:
                continue
            if measure_parent(c.key.measure) != w.key.measure or is_overlapping_sector(c.key.measure):
                continue
            if c.key.measure in _PARTITION_MEMBERS:
                continue  # 轻/重工业, 三次产业: another breakdown, checked as a complete partition
            if scope_relation(c.key.scope, w.key.scope) not in (ScopeRelation.SAME, ScopeRelation.NARROWER):
                continue
            children.setdefault(c.key, c)
        parts = sorted(children.values(), key=lambda f: f.order)
        if len(parts) < 2:
            continue
        total = _sum(parts)
        if total.lo <= w.interval.hi:
            continue
        severity = grade(total, w.interval) or Severity.ERROR
        terms = " + ".join(p.written() for p in parts)
        zh = f"{w.year}年 {terms} = {_u(total.mid, w)}，超过其总量 {w.indicator} {w.written()}。"
        en = f"{w.year} {terms} = {_u(total.mid, w)}, more than the whole {w.indicator} {w.written()}."
        out.append(
            Finding(
                RULE,
                severity,
                zh,
                en,
                (*(p.ref() for p in parts), w.ref()),
                tolerance_text(*(p.bounds.note_zh for p in parts), w.bounds.note_zh),
                {"sum": total.mid / w.factor, "whole": w.value},
            )
        )
    return out


def _complete_partitions(levels: list[Figure]) -> list[Finding]:
    out: list[Finding] = []
    groups: dict[tuple[int, int | None, str], list[Figure]] = defaultdict(list)
    for f in levels:
        groups[(f.plan, f.year, f.record_type)].append(f)
    for figs in groups.values():
        for whole_measure, members in COMPLETE_PARTITIONS.items():
            by_scope: dict[tuple[object, str], dict[str, Figure]] = defaultdict(dict)
            for f in figs:
                if f.key.measure in members:
                    by_scope[(f.key.scope, f.key.dimension)].setdefault(f.key.measure, f)
            for (scope, dimension), found in by_scope.items():
                if len(found) != len(members):
                    continue
                parts = [found[m] for m in members]
                total = _sum(parts)
                wholes = [f for f in figs if f.key.measure == whole_measure and f.key.dimension == dimension]
                same = [w for w in wholes if w.key.scope == scope]
                for w in same:
                    severity = grade(total, w.interval)
                    if severity is None:
                        continue
                    others = [o for o in wholes if o.key.scope != scope and grade(total, o.interval) is None]
                    terms = " + ".join(p.written() for p in parts)
                    zh = f"{w.year}年 {terms} = {_u(total.mid, w)}，应等于 {w.indicator} {w.written()}。"
                    en = f"{w.year} {terms} = {_u(total.mid, w)}, which should equal {w.indicator} {w.written()}."
                    refs = [*(p.ref() for p in parts), w.ref()]
                    if others:
                        o = others[0]
                        why = scope_differences(o.key.scope, w.key.scope)
                        zh += f"但其和等于 {o.indicator} {o.written()}：这些分项很可能是该口径的数字，口径标注不一致"
                        en += f" The sum equals {o.indicator} {o.written()}: the parts are probably on that scope, labelled inconsistently"
                        if why:
                            zh += "（" + "；".join(x[0] for x in why) + "）"
                            en += " (" + "; ".join(x[1] for x in why) + ")"
                        zh += "。"
                        en += "."
                        severity = Severity.WARNING
                        refs.append(o.ref())
                    out.append(
                        Finding(
                            RULE,
                            severity,
                            zh,
                            en,
                            tuple(refs),
                            tolerance_text(*(p.bounds.note_zh for p in parts), w.bounds.note_zh),
                            {"sum": total.mid / w.factor, "whole": w.value},
                        )
                    )
    return out


def _axis(part: IndicatorKey, whole: IndicatorKey) -> str:
    """Along which breakdown a share's part differs from its whole."""
    if part.measure != whole.measure:
        return "sector"
    for name in ("geo", "ownership", "size"):
        if getattr(part.scope, name) != getattr(whole.scope, name):
            return name
    return "same"


def _shares_over_100(index: FigureIndex) -> list[Finding]:
    out: list[Finding] = []
    groups: dict[tuple[int, int, str, Scope, str, str], dict[tuple[Scope, str], Figure]] = defaultdict(dict)
    for s in index.figures:
        if s.kind != "share" or s.year is None:
            continue
        split = split_share(s.indicator)
        keys = resolved_share_keys(s, None)
        if split is None or keys is None or _LIST_SPLIT.search(split[0]):
            continue
        part, whole = keys
        if is_overlapping_sector(part.measure):
            continue
        axis = _axis(part, whole)
        if axis == "same":
            continue
        gkey = (s.plan, s.year, s.record_type, whole.scope, whole.measure, axis)
        groups[gkey].setdefault(part.subject(), s)
    for gkey, members in groups.items():
        shares = sorted(members.values(), key=lambda f: f.order)
        if len(shares) < 2:
            continue
        total = _sum(shares)
        if total.lo <= 100.0:
            continue
        sector_axis = gkey[5] == "sector"
        severity = Severity.ERROR if sector_axis else Severity.WARNING
        terms = " + ".join(s.written() for s in shares)
        zh = f"{shares[0].year}年 同一总量的各部分占比之和 {terms} = {fmt_number(total.mid, 2)}%，超过100%"
        en = f"{shares[0].year}: shares of one whole add up to {terms} = {fmt_number(total.mid, 2)}%, above 100%"
        if not sector_axis:
            zh += "（除非各部分相互重叠）"
            en += " (unless the parts overlap)"
        out.append(
            Finding(
                RULE,
                severity,
                zh + "。",
                en + ".",
                tuple(s.ref() for s in shares),
                tolerance_text(*(s.bounds.note_zh for s in shares), f"占比之和区间 {total.fmt()}%"),
                {"sum_pct": total.mid},
            )
        )
    return out


def _listed_sectors_share(index: FigureIndex) -> list[Finding]:
    out: list[Finding] = []
    for s in index.figures:
        if s.kind != "share" or s.year is None:
            continue
        split = split_share(s.indicator)
        if split is None:
            continue
        part_text = split[0]
        items_text, _, suffix = part_text.rpartition("的")
        if not items_text:
            continue
        items = [i for i in _LIST_SPLIT.split(items_text) if i]
        if len(items) < 2:
            continue
        measure_tail = "增加值" if suffix.endswith("增加值") else ("产值" if suffix.endswith("产值") else suffix)
        plan_levels = index.plan_levels(s.plan, s.year, s.record_type)
        keys = resolved_share_keys(s, None)
        if keys is None:
            continue
        whole_key = keys[1]
        wholes = [f for f in plan_levels if f.key.subject() == whole_key.subject()]
        if not wholes:
            continue
        whole = wholes[0]
        found: list[Figure] = []
        missing: list[str] = []
        for item in items:
            item_rest = split_scope(item)[1]
            hits = [
                f
                for f in plan_levels
                if f.key.dimension == whole.key.dimension
                and f.key.measure.startswith(item_rest)
                and f.key.measure.endswith(measure_tail)
                and f is not whole
            ]
            if hits:
                found.append(hits[0])
            else:
                missing.append(item)
        if not found:
            continue
        required = whole.interval * s.interval.scale(0.01)
        known = _sum(found)
        terms = " + ".join(f.written() for f in found)
        refs = (s.ref(), whole.ref(), *(f.ref() for f in found))
        tol = tolerance_text(s.bounds.note_zh, whole.bounds.note_zh, *(f.bounds.note_zh for f in found))
        req_text = f"{s.written()} × {whole.written()} = {_u(required.lo, whole)}"
        if not missing:
            severity = grade(known, required)
            if severity is None:
                continue
            zh = f"{s.year}年 {terms} = {_u(known.mid, whole)}，而占比目标要求 {req_text}{'以上' if required.hi == float('inf') else ''}。"
            en = f"{s.year} {terms} = {_u(known.mid, whole)}, but the share requires {req_text}."
            out.append(Finding(RULE, severity, zh, en, refs, tol, {"sum": known.mid / whole.factor}))
        elif known.hi < required.lo:
            need = (required.lo - known.hi) / whole.factor
            names = "、".join(missing)
            zh = (
                f"{s.year}年 已列目标 {terms} = {_u(known.mid, whole)}，占比要求至少 {req_text}，"
                f"未给目标的 {names} 需至少达到 {fmt_number(need, 2)}{whole.unit}。"
            )
            en = (
                f"{s.year} the stated targets {terms} = {_u(known.mid, whole)}; the share needs at least {req_text},"
                f" so {names} (no target given) must reach at least {fmt_number(need, 2)}{whole.unit}."
            )
            out.append(Finding(RULE, Severity.INFO, zh, en, refs, tol, {"remaining_at_least": need}))
    return out


def check(index: FigureIndex) -> list[Finding]:
    levels = index.levels()
    findings = _part_exceeds_whole(levels)
    findings += _siblings_exceed_whole(levels)
    findings += _complete_partitions(levels)
    findings += _shares_over_100(index)
    findings += _listed_sectors_share(index)
    return findings

