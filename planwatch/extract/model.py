"""The plan model: what extraction produces and every later layer consumes.

The field names and JSON shape are the extraction contract of DESIGN.md ("Extraction output"),
the same as the gold annotations (examples/harbin/gold/SCHEMA.md) plus character offsets:
``text[start:end] == quote`` for every record, and ``confidence`` in [0, 1]: the share of records
with the same evidence that were right on the development corpus (planwatch.extract.confidence).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

Kind = Literal["level", "growth", "share", "change", "count", "cumulative"]
Comparator = Literal["=", ">=", ">", "<=", "<", "range"]

KINDS: tuple[str, ...] = ("level", "growth", "share", "change", "count", "cumulative")
COMPARATORS: tuple[str, ...] = ("=", ">=", ">", "<=", "<", "range")


@dataclass
class Target:
    """A forward-looking quantitative goal (目标值)."""

    quote: str
    start: int
    end: int
    indicator: str
    kind: str
    value: float
    value_high: float | None
    unit: str
    comparator: str
    target_year: int | None
    annual: bool = False
    baseline_value: float | None = None
    baseline_year: int | None = None
    section: str = ""
    confidence: float = 1.0
    evidence: str = field(default="", repr=False, compare=False)


@dataclass
class Fact:
    """A backward-looking statistic stated in the plan (统计事实), e.g. a base-year value."""

    quote: str
    start: int
    end: int
    indicator: str
    kind: str
    value: float
    value_high: float | None
    unit: str
    year: int | None
    period: tuple[int, int] | None = None
    section: str = ""
    confidence: float = 1.0
    evidence: str = field(default="", repr=False, compare=False)


@dataclass
class Task:
    """A measure the plan assigns (任务/举措)."""

    title: str
    quote: str
    start: int
    end: int
    section: str = ""
    parent: str | None = None
    deadline_year: int | None = None
    responsible: list[str] = field(default_factory=list)
    confidence: float = 1.0
    evidence: str = field(default="", repr=False, compare=False)


@dataclass
class Project:
    """A named key project (重点项目), usually listed in a 专栏 box."""

    name: str
    group: str | None
    quote: str
    start: int
    end: int
    confidence: float = 1.0
    evidence: str = field(default="", repr=False, compare=False)


@dataclass
class PlanExtraction:
    """Everything extracted from one document."""

    doc: str
    title: str
    period: tuple[int, int] | None
    targets: list[Target] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready contract object (tuples become lists)."""
        d = asdict(self)
        d["period"] = list(self.period) if self.period else None
        for key in ("targets", "facts", "tasks", "projects"):
            for rec in d[key]:
                rec.pop("evidence", None)  # internal: the calibration bucket of the confidence
        for f in d["facts"]:
            f["period"] = list(f["period"]) if f["period"] else None
        return d

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PlanExtraction:
        """Build from a contract object (also reads gold files, whose records lack offsets:
        offsets are then located in ``text`` by the caller, or left at -1)."""

        def build(klass: type[Any], rec: dict[str, Any]) -> Any:
            names = {f.name for f in fields(klass)}
            kw = {k: v for k, v in rec.items() if k in names}
            kw.setdefault("start", -1)
            kw.setdefault("end", -1)
            if "period" in kw and kw["period"] is not None:
                kw["period"] = tuple(kw["period"])
            if klass is Project:
                kw.setdefault("quote", rec.get("name", ""))
                kw.setdefault("group", None)
            return klass(**kw)

        period = d.get("period")
        return cls(
            doc=d.get("doc", ""),
            title=d.get("title", ""),
            period=tuple(period) if period else None,
            targets=[build(Target, r) for r in d.get("targets") or []],
            facts=[build(Fact, r) for r in d.get("facts") or []],
            tasks=[build(Task, r) for r in d.get("tasks") or []],
            projects=[build(Project, r) for r in d.get("projects") or []],
        )
