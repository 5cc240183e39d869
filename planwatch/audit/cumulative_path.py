"""Rule 4, cumulative vs path: a cumulative figure over a period ("累计实现实际利用外资14亿美元")
must equal the sum of the annual path implied by a level and the annual growth rate
("年均增长12.5%", from the base-year value 1.9亿美元: Σ 1.9·1.125^k, k = 1…5).

Targets: the path starts from the base-year fact (year before the plan period) and grows forward.
Facts: a period total ("“十五”期间累计…") is checked against the path ending at the period's last
year's level (or starting from the year before the period), grown at the period's stated rate.
"""

from __future__ import annotations

import math

from planwatch.audit.figures import Figure, FigureIndex, is_level
from planwatch.audit.findings import Finding
from planwatch.audit.grading import grade, tolerance_text
from planwatch.audit.intervals import Interval, fmt_number

RULE = "cumulative_path"


def path_sum(level: Interval, ratio: Interval, n: int, forward: bool) -> Interval:
    """Σ of an n-year geometric path on intervals. ``forward``: the level is the year before the
    path (Σ L·r^k, k=1…n); otherwise the level is the path's last year (Σ L/r^k, k=0…n−1)."""

    def total(l_value: float, r: float) -> float:
        if forward:
            return sum(l_value * r**k for k in range(1, n + 1)) if math.isfinite(r) else math.inf
        if math.isinf(r):
            return l_value
        return sum(l_value / r**k for k in range(n))

    if forward:
        return Interval(total(level.lo, ratio.lo), total(level.hi, ratio.hi))
    return Interval(total(level.lo, ratio.hi), total(level.hi, ratio.lo))


def _finding(c: Figure, g: Figure, level: Figure, n: int, forward: bool) -> Finding | None:
    ratio = g.interval.shift(100.0).scale(0.01)
    path = path_sum(level.interval, ratio, n, forward)
    severity = grade(path, c.interval)
    if severity is None:
        return None
    r = 1 + g.value / 100
    l_value = level.value * level.factor / c.factor
    if forward:
        terms = [l_value * r**k for k in range(1, n + 1)]
        formula = f"Σ {level.written()}×(1+{g.written()})^k, k=1…{n}"
    else:
        terms = [l_value / r**k for k in range(n)][::-1]
        formula = f"Σ {level.written()}÷(1+{g.written()})^k, k=0…{n - 1}"
    path_text = " + ".join(fmt_number(t, 2) for t in terms)
    total = sum(terms)
    span = f"{c.period[0]}–{c.period[1]}年" if c.period else ""
    zh = (
        f"{c.indicator}：按 {level.year}年 {level.written()} 与年均增长 {g.written()} 推算，"
        f"{span}逐年为 {path_text}，合计 {fmt_number(total, 2)}{c.unit}（{formula}），"
        f"而累计数为 {c.written()}。"
    )
    en = (
        f"{c.indicator}: from {level.year} {level.written()} growing {g.written()} a year the annual path"
        f" {span} is {path_text}, totalling {fmt_number(total, 2)}{c.unit} ({formula}),"
        f" but the cumulative figure is {c.written()}."
    )
    return Finding(
        RULE,
        severity,
        zh,
        en,
        (c.ref(), g.ref(), level.ref()),
        tolerance_text(
            level.bounds.note_zh,
            g.bounds.note_zh,
            c.bounds.note_zh,
            f"路径合计区间 {path.scale(1 / c.factor).fmt()}，累计数区间 {c.bounds.interval.fmt()}",
        ),
        {"path_total": total, "cumulative": c.value},
    )


def check(index: FigureIndex) -> list[Finding]:
    findings: list[Finding] = []
    for figs in index.by_plan.values():
        for c in figs:
            if c.kind != "cumulative":
                continue
            period = c.plan_period if c.is_target else c.period
            if c.is_target and c.year is not None and period is not None:
                period = (period[0], c.year)
            if period is None or period[1] < period[0]:
                continue
            a, b = period
            n = b - a + 1
            same_subject = index.plan_subject(c.plan, c.key.subject())
            growths = [
                g
                for g in same_subject
                if g.kind == "growth"
                and g.record_type == c.record_type
                and (c.is_target or g.period == c.period)
            ]
            if not growths:
                continue
            levels = [
                f for f in same_subject if f.record_type == "fact" and is_level(f) and f.key.dimension == c.key.dimension
            ]
            before = [f for f in levels if f.year == a - 1]
            last = [f for f in levels if f.year == b] if not c.is_target else []
            for g in growths:
                if before:
                    found = _finding(c, g, before[0], n, forward=True)
                elif last:
                    found = _finding(c, g, last[0], n, forward=False)
                else:
                    continue
                if found is not None:
                    findings.append(found)
    return findings
