"""Repeated figures: one plan states the same indicator (same key, year and kind) twice with values
that cannot both be true. The audit keeps the first statement for the other rules (a later
repeat is usually a sub-topic whose subject the sentence leaves out, "…实现工业增加值145亿元"),
and reports the pair as ``info`` so a reader can check which is meant.
"""

from __future__ import annotations

from planwatch.audit.figures import Figure, FigureIndex
from planwatch.audit.findings import Finding, Severity
from planwatch.audit.grading import tolerance_text

RULE = "repeated_figure"


def _identity(f: Figure) -> tuple[object, ...]:
    """What makes two statements of one plan the same figure."""
    return (f.plan, f.key, f.year, f.kind, f.record_type, f.period if not f.is_target else None)


def check(index: FigureIndex) -> list[Finding]:
    out: list[Finding] = []
    firsts: dict[tuple[object, ...], Figure] = {}
    for f in index.figures:
        firsts.setdefault(_identity(f), f)
    for later in index.set_aside:
        first = firsts.get(_identity(later))
        if first is None:
            continue
        year = f"{later.year}年 " if later.year else ""
        zh = (
            f"同一规划两次给出 {year}{first.indicator}：先写 {first.written()}，后写 {later.written()}；"
            f"后一处可能省略了主语（如某一行业），审计按第一处计算。"
        )
        en = (
            f"The plan states {later.year or ''} {first.indicator} twice: first {first.written()}, later"
            f" {later.written()}; the later sentence may leave out its subject (a sector, say); the audit"
            " uses the first."
        )
        out.append(
            Finding(
                RULE,
                Severity.INFO,
                zh,
                en,
                (first.ref(), later.ref()),
                tolerance_text(first.bounds.note_zh, later.bounds.note_zh),
                {"first": first.value, "later": later.value * later.factor / first.factor},
            )
        )
    return out
