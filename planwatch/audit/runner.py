"""Run every audit rule over a set of plans and return their findings in a stable order."""

from __future__ import annotations

from collections.abc import Callable

from planwatch.audit import (
    cross_document,
    cumulative_path,
    definitions,
    growth_triangle,
    parts_whole,
    repeated,
    share_total,
)
from planwatch.audit.figures import FigureIndex
from planwatch.audit.findings import Finding, sort_findings
from planwatch.extract.model import PlanExtraction

RULES: dict[str, Callable[[FigureIndex], list[Finding]]] = {
    growth_triangle.RULE: growth_triangle.check,
    share_total.RULE: share_total.check,
    parts_whole.RULE: parts_whole.check,
    cumulative_path.RULE: cumulative_path.check,
    cross_document.RULE: cross_document.check,
    definitions.RULE: definitions.check,
    repeated.RULE: repeated.check,
}


def audit_plans(
    plans: list[PlanExtraction],
    rules: list[str] | None = None,
    texts: dict[str, str] | None = None,
) -> list[Finding]:
    """Audit the plans together (one plan, or several plans of the same place).

    ``rules`` limits the run to some rule ids (default: all of :data:`RULES`). ``texts`` maps a
    plan's ``doc`` to its document text; with it, rules can read the words just before a quote
    (e.g. the reference year of "…是2000年末的3.5倍" when the quote is only "3.5倍").

    Findings are sorted by severity, document and offset of their first record; a finding that
    repeats another (same rule, same records) is dropped.
    """
    index = FigureIndex(plans, texts)
    findings: list[Finding] = []
    for name, rule in RULES.items():
        if rules is None or name in rules:
            findings.extend(rule(index))
    return sort_findings(findings)
