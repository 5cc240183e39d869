"""Plans whose records are stated several times over, as in a long document that restates its
figures (or several copies of a plan pasted together): the audit must give the same findings,
pair for pair, as on the short plan, in time linear in the records (see bench/audit.py)."""

from __future__ import annotations

import copy

from planwatch.extract.model import PlanExtraction

SHIFT = 100_000  # offset between repeats: beyond any plan text in the fixtures


def repeated(plan: PlanExtraction, times: int) -> PlanExtraction:
    """``plan`` with every target and fact stated ``times`` times, each repeat further on."""
    out = copy.copy(plan)
    out.targets, out.facts = [], []
    for k in range(times):
        for rec in plan.targets:
            t = copy.copy(rec)
            t.start, t.end = rec.start + k * SHIFT, rec.end + k * SHIFT
            out.targets.append(t)
        for rec in plan.facts:
            f = copy.copy(rec)
            f.start, f.end = rec.start + k * SHIFT, rec.end + k * SHIFT
            out.facts.append(f)
    return out
