"""Audit findings: what a rule reports, with the records (quotes and offsets) it is about.

Severity says how sure the audit is that something is wrong:
``error`` — the numbers, at the precision they are written, cannot all be true;
``warning`` — very likely inconsistent (they miss each other by only a little) or the figures
compared are defined differently (规模以上 vs 全部, 民营 vs 非公有制, …);
``info`` — worth a look (e.g. what an unstated figure would have to be).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]

    @property
    def label_zh(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True)
class RecordRef:
    """One plan record a finding is about, with its provenance."""

    doc: str
    record: str  # "target" or "fact"
    indicator: str
    quote: str
    start: int
    end: int
    value: float
    value_high: float | None
    unit: str
    year: int | None


_RECORD_FIELDS = tuple(f.name for f in fields(RecordRef))


@dataclass(frozen=True)
class Finding:
    """One inconsistency (or point worth a look) found by an audit rule."""

    rule: str
    severity: Severity
    message_zh: str
    message_en: str
    records: tuple[RecordRef, ...]
    tolerance: str  # the precision intervals and slack used, in words
    details: dict[str, float] = field(default_factory=dict)  # the computed figures, for machines

    def sort_key(self) -> tuple[int, str, int, str, str]:
        first = self.records[0] if self.records else None
        return (
            self.severity.rank,
            first.doc if first else "",
            first.start if first else -1,
            self.rule,
            self.message_en,
        )

    def identity(self) -> tuple[str, frozenset[tuple[str, str, int, str]]]:
        """Rule plus the set of records involved: two findings with the same identity say the
        same thing (used to drop duplicates)."""
        return (self.rule, frozenset((r.doc, r.record, r.start, r.quote) for r in self.records))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (fields in declaration order; built directly, as
        ``dataclasses.asdict`` deep-copies and is slow on audits with many findings)."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "records": [{name: getattr(r, name) for name in _RECORD_FIELDS} for r in self.records],
            "tolerance": self.tolerance,
            "details": dict(self.details),
        }


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Deterministic order: severity, then document, then offset of the first record."""
    seen: set[tuple[str, frozenset[tuple[str, str, int, str]]]] = set()
    unique: list[Finding] = []
    for f in sorted(findings, key=Finding.sort_key):
        ident = f.identity()
        if ident in seen:
            continue
        seen.add(ident)
        unique.append(f)
    return unique
