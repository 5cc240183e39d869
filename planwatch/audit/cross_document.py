"""Rule 5, cross-document facts: the same indicator (same normalised key: area, ownership, size,
measure, dimension) for the same year stated with different values in different plans.

Facts are compared with facts and targets with targets. Only keys whose area is named (全市,
开发区 …, or the plans' own area read from their titles) are compared across plans.
"""

from __future__ import annotations

from collections import defaultdict

from planwatch.audit.figures import Figure, FigureIndex, is_level
from planwatch.audit.findings import Finding
from planwatch.audit.grading import grade, tolerance_text
from planwatch.extract.keys import IndicatorKey

RULE = "cross_document"
COMPARED_KINDS = ("level", "count", "share", "growth", "cumulative")


def check(index: FigureIndex) -> list[Finding]:
    groups: dict[tuple[IndicatorKey, int, str, str], list[Figure]] = defaultdict(list)
    for f in index.figures:
        if f.year is None or not f.key.scope.geo or f.kind not in COMPARED_KINDS:
            continue
        if f.kind in ("level", "count") and not is_level(f):
            continue
        span = f"{f.period[0]}-{f.period[1]}" if (f.period and not f.is_target) else ""
        kind = "level" if f.kind == "count" else f.kind  # a level and a period total share a key
        groups[(f.key, f.year, f.record_type, span + kind)].append(f)
    findings: list[Finding] = []
    for (key, year, record_type, _span), figs in groups.items():
        docs = {f.plan for f in figs}
        if len(docs) < 2:
            continue
        figs = sorted(figs, key=lambda f: f.order)
        for i, a in enumerate(figs):
            for b in figs[i + 1 :]:
                if a.plan == b.plan:
                    continue
                severity = grade(a.interval, b.interval)
                if severity is None:
                    continue
                what = "目标" if record_type == "target" else "数值"
                zh = (
                    f"{year}年 {key.scope.label()}{key.measure} 在不同规划中{what}不同："
                    f"{a.doc} 写 {a.written()}，{b.doc} 写 {b.written()}。"
                )
                en = (
                    f"{year} {key.scope.label()} {key.measure} differs between plans:"
                    f" {a.doc} states {a.written()}, {b.doc} states {b.written()}."
                )
                findings.append(
                    Finding(
                        RULE,
                        severity,
                        zh,
                        en,
                        (a.ref(), b.ref()),
                        tolerance_text(a.bounds.note_zh, b.bounds.note_zh),
                        {"a": a.value * a.factor, "b": b.value * b.factor},
                    )
                )
    return findings
