"""Why a target's baseline or record cannot be trusted yet (its 待核实 reasons), decided once.

``target_doubts`` is the one function that states them; the database adapter
(``planwatch.web.data.verdicts``) and the file path (``planwatch.reports.assessment.file_verdicts``)
both call it and hand the reasons to the one verdict (``planwatch.progress.verdict.judge``), which
then says 待核实 instead of a confident verdict. The reasons:
- the target record is not yet reviewed by the planning office (the caller knows the review state);
- the plan text states the target's base-year value differently (another figure for that year);
- a plan-text audit error or warning concerns the target's sentence.
(A figure of another 统计范围 is the verdict's own doubt: it knows which figure it uses.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from planwatch.audit import Finding
from planwatch.extract.model import Fact, Target
from planwatch.reports.content import fmt_number

UNREVIEWED = "该目标记录尚未经规划处审核"


@dataclass(frozen=True)
class AuditFinding:
    """An open audit finding (rule name, severity 'error'|'warning'|'info', message, quote)."""

    rule: str
    severity: str
    message: str
    quote: str = ""
    quotes: tuple[str, ...] = ()  # quotes of every record the finding concerns


# "（据 harbin-industry-2006-2010.txt）": the audit names the document a figure came from; a report
# about that one plan has no use for its file name.
_DOC_REFERENCE = re.compile(r"[（(]\s*据\s*[^）)]*?\.(?:txt|md|docx?|pdf|html?)\s*[）)]")


def plain_message(message: str) -> str:
    """An audit message as the report states it: without file names."""
    return _DOC_REFERENCE.sub("", message).strip()


def findings_from_audit(findings: Sequence[Finding]) -> list[AuditFinding]:
    """The audit layer's findings as report inputs (Chinese message, quote of the first record)."""
    return [
        AuditFinding(f.rule, f.severity.value, plain_message(f.message_zh), f.records[0].quote if f.records else "",
                     tuple(r.quote for r in f.records if r.quote))
        for f in findings
    ]


def baseline_contradiction(target: Target, facts: Sequence[Fact]) -> str | None:
    """The note when the plan text states the target's base-year value differently, else None."""
    from planwatch.reports.actuals import conflicting_facts

    others = conflicting_facts(target, facts)
    if not others or target.baseline_value is None:
        return None
    listed = "、".join(f"{fmt_number(f.value)}{f.unit}" for f in others)
    return (f"基期值{fmt_number(target.baseline_value)}{target.unit}与规划文本所载同名指标{target.baseline_year}年"
            f"数值（{listed}）不一致，需核实")


def target_doubts(target: Target, facts: Sequence[Fact], findings: Sequence[AuditFinding],
                  unreviewed: str = "") -> tuple[str, ...]:
    """Why ``target``'s baseline or record is doubtful (empty: no doubt). ``facts``: the plan's
    statistics; ``findings``: the plan-text audit (only errors and warnings count); ``unreviewed``:
    the reason when the record awaits review."""
    doubts: list[str] = []
    if unreviewed:
        doubts.append(unreviewed)
    contradiction = baseline_contradiction(target, facts)
    if contradiction:
        doubts.append(contradiction)
    for finding in findings:
        if finding.severity not in ("error", "warning") or not target.quote:
            continue
        if any(q and (q in target.quote or target.quote in q) for q in finding.quotes or (finding.quote,)):
            doubts.append(f"规划文本核验发现：{plain_message(finding.message)}")
            break
    return tuple(doubts)
