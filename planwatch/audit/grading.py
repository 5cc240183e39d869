"""How far apart two intervals may be before a rule calls it an error.

Intervals already carry each figure's written precision. If they still miss each other, the
numbers cannot all be true as written; but plan figures are sometimes rounded twice (a target
computed from a rounded rate, then rounded again), so a miss by at most :data:`SLACK` (2 %,
relative) is reported as a ``warning`` ("very likely inconsistent") and only a larger miss as
an ``error``. A comparison across different definitions (scopes) is never more than a warning.
"""

from __future__ import annotations

from planwatch.audit.findings import Severity
from planwatch.audit.intervals import Interval, fmt_number

SLACK = 0.02

TOLERANCE_RULE_ZH = "各数按书写精度取区间；区间不相交且相差不超过2%记为警告，超过2%记为错误"
TOLERANCE_RULE_EN = (
    "each figure taken as the interval its written precision allows; intervals that miss by"
    " at most 2% are a warning, by more an error"
)


def grade(a: Interval, b: Interval, definitions_differ: bool = False) -> Severity | None:
    """None if the intervals meet; else warning or error by the relative gap."""
    if a.overlaps(b):
        return None
    if definitions_differ or a.relative_gap(b) <= SLACK:
        return Severity.WARNING
    return Severity.ERROR


def tolerance_text(*notes: str) -> str:
    """The tolerance field of a finding: each figure's precision note plus the grading rule."""
    return "；".join([*notes, TOLERANCE_RULE_ZH]) + " | " + TOLERANCE_RULE_EN


def pct(x: float, digits: int = 2) -> str:
    """A percentage as a string ("16.42%")."""
    return fmt_number(x, digits) + "%"
