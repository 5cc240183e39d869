"""Rule 6, definition warnings: figures that a plan (or a reader) compares although their scopes
differ — a target measured from a base-year figure of another scope (全市 target, 规模以上 base),
a share target whose base-year share divides by a differently scoped whole, or the same measure
stated in two plans for 民营经济 and 非公有制经济. Never an error: the numbers may all be right,
but the comparison is not like with like, and the finding says why.
"""

from __future__ import annotations

from collections import defaultdict

from planwatch.audit.figures import (
    Figure,
    FigureIndex,
    base_year,
    find_baseline,
    is_level,
    resolved_share_keys,
)
from planwatch.audit.findings import Finding, Severity
from planwatch.audit.grading import grade, tolerance_text
from planwatch.extract.keys import IndicatorKey, Scope, ScopeRelation, scope_differences, scope_relation

RULE = "definitions"

_RELATION_EN = {
    ScopeRelation.NARROWER: "narrower than",
    ScopeRelation.BROADER: "broader than",
    ScopeRelation.DIFFERENT: "defined differently from",
}
_RELATION_ZH = {
    ScopeRelation.NARROWER: "窄于",
    ScopeRelation.BROADER: "宽于",
    ScopeRelation.DIFFERENT: "不同于",
}


def _why(a: Scope, b: Scope) -> tuple[str, str]:
    notes = scope_differences(a, b)
    return "；".join(n[0] for n in notes), "; ".join(n[1] for n in notes)


def _baseline_mismatches(index: FigureIndex) -> list[Finding]:
    out: list[Finding] = []
    with_growth = {(g.plan, g.key.subject()) for g in index.figures if g.kind == "growth" and g.is_target}
    for t in index.figures:
        if not t.is_target or not is_level(t):
            continue
        if t.baseline_value is None and (t.plan, t.key.subject()) not in with_growth:
            continue
        base = find_baseline(index, t)
        if base is None or base.stated_in_target:
            continue
        b = base.figure
        rel = scope_relation(t.key.scope, b.key.scope)
        if rel is ScopeRelation.SAME:
            continue
        why_zh, why_en = _why(t.key.scope, b.key.scope)
        zh = (
            f"目标 {t.describe()} 的口径（{t.key.scope.label()}）{_RELATION_ZH[rel]}其基期值 {b.describe()}"
            f"（{b.key.scope.label()}），据此计算的增速或完成度不是同口径比较：{why_zh}。"
        )
        en = (
            f"The target {t.describe()} ({t.key.scope.label()}) is {_RELATION_EN[rel]} its base-year figure"
            f" {b.describe()} ({b.key.scope.label()}); growth or progress computed across them mixes"
            f" definitions: {why_en}."
        )
        out.append(
            Finding(RULE, Severity.WARNING, zh, en, (t.ref(), b.ref()), tolerance_text("口径比较，不涉及数值误差"), {})
        )
    return out


def _share_denominators(index: FigureIndex) -> list[Finding]:
    out: list[Finding] = []
    # Base-year shares of each plan and year by (part measure, whole measure), in document order.
    fact_shares: dict[tuple[int, int | None, str, str], list[tuple[Figure, IndicatorKey, IndicatorKey]]] = defaultdict(list)
    for f in index.figures:
        if f.is_target or f.kind != "share":
            continue
        fkeys = resolved_share_keys(f, None)
        if fkeys is not None:
            fact_shares[(f.plan, f.year, fkeys[0].measure, fkeys[1].measure)].append((f, *fkeys))
    for s in index.figures:
        if not s.is_target or s.kind != "share":
            continue
        keys = resolved_share_keys(s, None)
        y0 = base_year(s)
        if keys is None or y0 is None:
            continue
        part, whole = keys
        for f, fpart, fwhole in fact_shares.get((s.plan, y0, part.measure, whole.measure), []):
            if fpart.scope == part.scope and fwhole.scope == whole.scope:
                continue
            why_zh, why_en = _why(whole.scope if whole.scope != fwhole.scope else part.scope,
                                  fwhole.scope if whole.scope != fwhole.scope else fpart.scope)
            zh = (
                f"占比目标 {s.describe()} 与基期占比 {f.describe()} 的分子或分母口径不同"
                f"（{part.scope.label()}/{whole.scope.label()} 对 {fpart.scope.label()}/{fwhole.scope.label()}），"
                f"两者不能直接比较：{why_zh}。"
            )
            en = (
                f"The share target {s.describe()} and the base-year share {f.describe()} use different scopes"
                f" for part or whole ({part.scope.label()}/{whole.scope.label()} vs"
                f" {fpart.scope.label()}/{fwhole.scope.label()}); they are not comparable: {why_en}."
            )
            out.append(
                Finding(RULE, Severity.WARNING, zh, en, (s.ref(), f.ref()), tolerance_text("口径比较，不涉及数值误差"), {})
            )
    return out


def _cross_plan_definitions(index: FigureIndex) -> list[Finding]:
    out: list[Finding] = []
    groups: dict[tuple[int | None, str, str, str, str], list[Figure]] = defaultdict(list)
    for f in index.figures:
        if is_level(f) and f.year is not None and f.key.scope.geo:
            groups[(f.year, f.record_type, f.key.measure, f.key.dimension, f.key.scope.geo)].append(f)
    pairs = [
        (a, b)
        for figs in groups.values()
        if len({f.plan for f in figs}) > 1  # only figures of different plans are compared
        for i, a in enumerate(figs)
        for b in figs[i + 1 :]
    ]
    for a, b in pairs:
        if a.plan == b.plan or scope_relation(a.key.scope, b.key.scope) is not ScopeRelation.DIFFERENT:
            continue
        differ = grade(a.interval, b.interval) is not None
        why_zh, why_en = _why(a.key.scope, b.key.scope)
        verb_zh = "数值不同，差异可能来自口径" if differ else "数值相同但口径标注不同，应核实是否为同一统计口径"
        verb_en = "differ; the gap may come from definitions" if differ else "agree although labelled with different definitions; check which is meant"
        zh = f"{a.doc} 的 {a.describe()} 与 {b.doc} 的 {b.describe()} {verb_zh}：{why_zh}。"
        en = f"{a.doc}'s {a.describe()} and {b.doc}'s {b.describe()} {verb_en}: {why_en}."
        out.append(
            Finding(
                RULE,
                Severity.WARNING if differ else Severity.INFO,
                zh,
                en,
                (a.ref(), b.ref()),
                tolerance_text(a.bounds.note_zh, b.bounds.note_zh),
                {},
            )
        )
    return out


def check(index: FigureIndex) -> list[Finding]:
    return _baseline_mismatches(index) + _share_denominators(index) + _cross_plan_definitions(index)

