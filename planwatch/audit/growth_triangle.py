"""Rule 1, growth triangle: a base-year level, an end-year level and a stated annual growth rate
must agree — base·(1+g)^n against the end level, and the implied rate (end/base)^(1/n) − 1
against g, all on intervals (written precision, 以上/左右/ranges).

Also checks a stated multiple against a stated rate over the same years ("是2000年末的3.5倍" with
"“十五”期间年均增长23.99%": 3.5^(1/5) − 1 = 28.5 %).
"""

from __future__ import annotations

import re
from dataclasses import replace

from planwatch.audit.figures import (
    Baseline,
    Figure,
    FigureIndex,
    find_baseline,
    is_level,
    multiple_of,
)
from planwatch.audit.findings import Finding, Severity
from planwatch.audit.grading import grade, pct, tolerance_text
from planwatch.audit.intervals import fmt_number
from planwatch.extract.keys import (
    Scope,
    ScopeRelation,
    is_real_growth_measure,
    scope_differences,
    scope_relation,
)

RULE = "growth_triangle"
PRICE_ALLOWANCE = 0.05  # up to 5 % a year of price rise may separate nominal levels from real rates
_PRICE_NOTE = (
    "增加值、产值的增速按可比价格计算，总量按现价；若差异来自价格变动，相当于年均价格上涨约{p}，请核实口径",
    "growth of value added and output is computed at comparable prices, levels at current prices;"
    " if the gap is price change it amounts to about {p} a year — check the price basis",
)
_AVERAGE = re.compile(r"年均|平均|年递增|每年")


def _span(g: Figure) -> tuple[int, int] | None:
    """(start year, end year) a growth figure covers."""
    if g.is_target:
        if g.year is None:
            return None
        if g.baseline_year is not None:
            return g.baseline_year, g.year
        if g.plan_period is not None:
            return g.plan_period[0] - 1, g.year
        return None
    if g.period is not None:
        return g.period[0] - 1, g.period[1]
    if g.year is not None:
        return g.year - 1, g.year
    return None


def _price_effect(measure: str, implied_pct: float, stated_pct: float, g: Figure, level: Figure) -> float | None:
    """The yearly price rise that would reconcile a nominal implied rate with a real stated rate,
    when that is plausible (a real-growth measure, bases not both stated, 0 < rise ≤ allowance)."""
    if not is_real_growth_measure(measure) or (g.price and level.price and g.price == level.price):
        return None
    rise = (1 + implied_pct / 100) / (1 + stated_pct / 100) - 1
    return rise if 0 < rise <= PRICE_ALLOWANCE else None


def _with_price_note(found: Finding, rise: float) -> Finding:
    p = f"{rise * 100:.1f}%"
    return replace(
        found,
        severity=Severity.WARNING,
        message_zh=found.message_zh + "（" + _PRICE_NOTE[0].format(p=p) + "）",
        message_en=found.message_en + " (" + _PRICE_NOTE[1].format(p=p) + ")",
    )


def _definition_note(a: Figure, b: Figure, g: Figure) -> tuple[str, str]:
    notes = scope_differences(a.key.scope, b.key.scope) if a is not b else []
    if g.price and b.price and g.price != b.price:
        notes += scope_differences(Scope(price=g.price), Scope(price=b.price))
    if not notes:
        return "", ""
    zh = "；".join(n[0] for n in notes)
    en = "; ".join(n[1] for n in notes)
    return f"（口径不同，可能不可比：{zh}）", f" (definitions differ, may not be comparable: {en})"


def _check_levels(g: Figure, base: Baseline, end: Figure, n: int) -> Finding | None:
    b_fig = base.figure
    ratio = g.interval.shift(100.0).scale(0.01)  # 1 + g
    projected = base.interval * ratio.pow(n)
    rel = scope_relation(b_fig.key, end.key) if not base.stated_in_target else ScopeRelation.SAME
    differ = rel is not ScopeRelation.SAME or bool(g.price and end.price and g.price != end.price)
    severity = grade(projected, end.interval, differ)
    if severity is None:
        return None
    b_value = base.interval.mid / end.factor
    if not base.stated_in_target:
        b_value = b_fig.value * b_fig.factor / end.factor
    proj_mid = b_value * (1 + g.value / 100) ** n
    implied = ((end.value / b_value) ** (1 / n) - 1) * 100 if b_value > 0 else float("nan")
    implied_iv = (end.interval / base.interval).pow(1 / n).shift(-1.0).scale(100.0)
    b_text = (
        f"{fmt_number(b_value, 4)}{end.unit}" if base.stated_in_target else b_fig.written()
    )
    name = end.indicator
    note_zh, note_en = _definition_note(b_fig, end, g) if differ else ("", "")
    zh = (
        f"{name}：{base.year}年基期 {b_text} ×(1+{g.written()})^{n} = {fmt_number(proj_mid, 2)}{end.unit}，"
        f"而{end.year}年{'目标' if end.is_target else '数值'}为 {end.written()}；"
        f"隐含年均增速 ({fmt_number(end.value, 4)}/{fmt_number(b_value, 4)})^(1/{n})−1 = {pct(implied)}，"
        f"规划写 {g.written()}。{note_zh}"
    )
    en = (
        f"{name}: base {base.year} {b_text} × (1+{g.written()})^{n} = {fmt_number(proj_mid, 2)}{end.unit},"
        f" but the {end.year} {'target' if end.is_target else 'figure'} is {end.written()};"
        f" implied annual growth ({fmt_number(end.value, 4)}/{fmt_number(b_value, 4)})^(1/{n}) − 1 = {pct(implied)}"
        f" vs stated {g.written()}.{note_en}"
    )
    refs = [b_fig.ref()] if not base.stated_in_target else []
    refs += [end.ref(), g.ref()]
    notes = [g.bounds.note_zh, end.bounds.note_zh]
    if not base.stated_in_target:
        notes.insert(0, b_fig.bounds.note_zh)
    found = Finding(
        rule=RULE,
        severity=severity,
        message_zh=zh,
        message_en=en,
        records=tuple(refs),
        tolerance=tolerance_text(
            *notes,
            f"推算目标区间 {projected.scale(1 / end.factor).fmt()}，规划值区间 {end.bounds.interval.fmt()}",
            f"隐含增速区间 {implied_iv.fmt()}%，规定增速区间 {g.interval.fmt()}%",
        ),
        details={
            "years": float(n),
            "projected": proj_mid,
            "stated_level": end.value,
            "implied_growth_pct": implied,
            "stated_growth_pct": g.value,
        },
    )
    rise = _price_effect(end.key.measure, implied, g.value, g, end)
    return _with_price_note(found, rise) if rise is not None and severity is Severity.ERROR else found


def _check_multiple(g: Figure, m: Figure, ratio_value: float, n: int, ref_year: int) -> Finding | None:
    ratio_iv = m.interval
    if abs(ratio_value - m.value) > 1e-12:  # "增长1.1倍" = 2.1 times the reference level
        ratio_iv = ratio_iv.shift(ratio_value - m.value)
    growth_ratio = g.interval.shift(100.0).scale(0.01).pow(n)
    severity = grade(growth_ratio, ratio_iv)
    if severity is None:
        return None
    implied = (ratio_value ** (1 / n) - 1) * 100
    stated_ratio = (1 + g.value / 100) ** n
    zh = (
        f"{g.indicator}：{m.year}年为{ref_year}年的 {fmt_number(ratio_value, 4)} 倍，"
        f"隐含年均增速 {fmt_number(ratio_value, 4)}^(1/{n})−1 = {pct(implied)}，"
        f"而规划写年均增长 {g.written()}（(1+{g.written()})^{n} = {fmt_number(stated_ratio, 3)} 倍）。"
    )
    en = (
        f"{g.indicator}: the {m.year} level is {fmt_number(ratio_value, 4)} times {ref_year}'s,"
        f" implying annual growth {fmt_number(ratio_value, 4)}^(1/{n}) − 1 = {pct(implied)},"
        f" but the plan states {g.written()} a year ((1+{g.written()})^{n} = {fmt_number(stated_ratio, 3)} times)."
    )
    found = Finding(
        rule=RULE,
        severity=severity,
        message_zh=zh,
        message_en=en,
        records=(m.ref(), g.ref()),
        tolerance=tolerance_text(
            m.bounds.note_zh,
            g.bounds.note_zh,
            f"倍数区间 {ratio_iv.fmt(3)}，增速推算倍数区间 {growth_ratio.fmt(3)}",
        ),
        details={"years": float(n), "implied_growth_pct": implied, "stated_growth_pct": g.value},
    )
    rise = _price_effect(g.key.measure, implied, g.value, g, m)
    return _with_price_note(found, rise) if rise is not None and severity is Severity.ERROR else found


def check(index: FigureIndex) -> list[Finding]:
    findings: list[Finding] = []
    for plan_figs in index.by_plan.values():
        growths = [f for f in plan_figs if f.kind == "growth" and f.key.dimension == "growth"]
        multiples = _multiples_by_subject(index, plan_figs)
        for g in growths:
            span = _span(g)
            if span is None or span[1] <= span[0]:
                continue
            y0, y1 = span
            n = y1 - y0
            for end in index.plan_subject(g.plan, g.key.subject()):
                if end.record_type != g.record_type or not is_level(end) or end.year != y1:
                    continue
                base = _base_for(index, g, end, y0)
                if base is None:
                    continue
                found = _check_levels(g, base, end, n)
                if found is not None:
                    findings.append(found)
            if not g.is_target:
                findings.extend(_check_multiples(g, multiples, y0, y1))
    return findings


def _multiples_by_subject(index: FigureIndex, plan_figs: list[Figure]) -> dict[tuple[object, ...], list[Figure]]:
    """Facts of one plan grouped by (subject as :func:`subject_of` reads it, year), in order."""
    groups: dict[tuple[object, ...], list[Figure]] = {}
    for m in plan_figs:
        if m.record_type == "fact" and m.key.dimension == "multiple":
            groups.setdefault((index.subject(m), m.year), []).append(m)
    return groups


def _check_multiples(
    g: Figure, multiples: dict[tuple[object, ...], list[Figure]], y0: int, y1: int
) -> list[Finding]:
    """A stated multiple over years against the growth fact of the same subject. A 年均 rate
    without a stated period is taken to span the multiple's years, but then the finding is at most
    a warning (the rate may cover other years)."""
    out: list[Finding] = []
    inferred_span = g.period is None and _AVERAGE.search(g.context + g.quote) is not None
    for m in multiples.get((g.key.subject(), y1), []):
        mult = multiple_of(m)
        if mult is None:
            continue
        ratio, ref_year = mult
        if ref_year != y0 and not (inferred_span and ref_year < y1 - 1):
            continue
        found = _check_multiple(g, m, ratio, y1 - ref_year, ref_year)
        if found is None:
            continue
        if inferred_span and ref_year != y0 and found.severity is Severity.ERROR:
            found = replace(found, severity=Severity.WARNING)
        out.append(found)
    return out


def _base_for(index: FigureIndex, g: Figure, end: Figure, y0: int) -> Baseline | None:
    if end.is_target:
        base = find_baseline(index, end)
        return base if base is not None and base.year == y0 else None
    for f in index.fact_levels(end.plan, y0, end.key.subject()):
        if f.key.dimension == end.key.dimension:
            return Baseline(f, f.interval, y0, False)
    return None

