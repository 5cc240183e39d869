"""The report content model: everything a progress or mid-term report shows, already computed.

Writers (.docx, .html, .pdf) only lay this out; they never compute or phrase facts themselves,
so every number in every format comes from one place and can be traced to the builder's inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from planwatch.progress.model import Thresholds

ReportKind = Literal["progress", "midterm"]
StatusCode = Literal[
    "achieved", "ahead", "on_track", "slightly_behind", "lagging", "seriously_lagging", "regressing",
    "not_achieved", "to_verify", "no_data", "unassessed",
]

KIND_TITLES: dict[str, tuple[str, str]] = {
    "progress": ("实施进展情况报告", "progress report"),
    "midterm": ("中期评估报告", "mid-term evaluation report"),
}

# The sections the planning office writes (key -> heading); the report offers computed text as a start.
NARRATIVE_SECTIONS: dict[str, str] = {
    "overall": "总体评价",
    "indicators": "主要目标指标完成情况",
    "tasks": "重大任务推进情况",
    "projects": "重大项目建设情况",
    "problems": "存在的主要问题",
    "measures": "对策建议和下一步工作",
}

# code -> (zh label, en label, colour as #rrggbb, symbol). The codes and wording of the first seven
# are those of planwatch.progress (the grading planning offices use); the report adds the rest.
# The symbol carries the status in black-and-white print, where the colour is lost.
STATUS_LABELS: dict[str, tuple[str, str, str, str]] = {
    "achieved": ("已实现", "achieved", "#2e7d32", "★"),
    "ahead": ("快于预期", "ahead of schedule", "#2e7d32", "▲"),
    "on_track": ("符合预期", "on track", "#1565c0", "●"),
    "slightly_behind": ("基本符合预期", "slightly behind", "#00838f", "◐"),
    "lagging": ("滞后", "lagging", "#ef6c00", "▽"),
    "seriously_lagging": ("严重滞后", "seriously lagging", "#c62828", "▼"),
    "regressing": ("逆向变化", "moving away from the target", "#c62828", "✕"),
    "not_achieved": ("未实现", "not achieved", "#c62828", "✕"),
    "to_verify": ("待核实", "to be verified", "#6a1b9a", "？"),
    "no_data": ("暂无数据", "no data", "#757575", "○"),
    "unassessed": ("无法测算", "not assessable", "#5d4037", "◇"),
}
STATUS_ORDER: tuple[str, ...] = tuple(STATUS_LABELS)
GOOD_STATUSES: frozenset[str] = frozenset({"achieved", "ahead", "on_track", "slightly_behind"})
PROBLEM_STATUSES: frozenset[str] = frozenset({"lagging", "seriously_lagging", "regressing", "not_achieved"})
NO_VERDICT_STATUSES: frozenset[str] = frozenset({"no_data", "unassessed", "to_verify"})


def status_thresholds(th: Thresholds | None = None) -> dict[str, str]:
    """What each grade means, for the report's legend: the thresholds planwatch.progress grades with
    (completion share of the way from baseline to target against the share of the period elapsed)."""
    th = th or Thresholds()
    ahead, slight, serious = (round(x * 100) for x in (th.ahead_margin, th.slightly_behind_gap,
                                                        th.seriously_lagging_gap))
    return {
        "achieved": "已达到目标值",
        "ahead": f"完成进度快于时间进度{ahead}个百分点及以上（约束性指标最高计为符合预期）",
        "on_track": f"完成进度不慢于时间进度，快出不足{ahead}个百分点",
        "slightly_behind": f"完成进度慢于时间进度不足{slight}个百分点",
        "lagging": f"完成进度慢于时间进度{slight}至{serious}个百分点",
        "seriously_lagging": f"完成进度慢于时间进度{serious}个百分点以上",
        "regressing": "实际值向偏离目标的方向变化",
        "not_achieved": "目标年已到而未达到目标值",
        "to_verify": "基期值或实际值存疑（未经审核、与规划文本不一致或统计口径不同），暂不作判断",
        "no_data": "尚无报告期内的实际值",
        "unassessed": "缺基期或目标年份等，无法测算进度",
    }


TASK_STATUS_LABELS: dict[str, str] = {
    "done": "已完成",
    "in_progress": "推进中",
    "not_started": "未启动",
    "overdue": "逾期未完成",
    "unreported": "未报送进展",
}

TO_BE_WRITTEN = "【待补充】"  # marks a section the planning office has not written yet
COMPARATOR_SIGNS: dict[str, str] = {"=": "", ">=": "≥", ">": ">", "<=": "≤", "<": "<", "range": ""}


def fmt_date(day: date) -> str:
    """2010年12月31日"""
    return f"{day.year}年{day.month}月{day.day}日"


def fmt_number(value: float | None) -> str:
    """Numbers as the plan writes them: no trailing zeros, thousands not grouped."""
    if value is None:
        return "—"
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class Figure:
    """One overall figure in the summary block (label, value, optional unit)."""

    label: str
    value: str


@dataclass
class IndicatorRow:
    """One target of the plan, with its latest actual value and its assessed status."""

    indicator: str
    kind: str
    unit: str
    baseline_value: float | None
    baseline_year: int | None
    target_value: float
    target_value_high: float | None
    target_year: int | None
    comparator: str
    latest_value: float | None
    latest_year: int | None
    progress_measure: str
    status: StatusCode
    binding: bool = False
    quote: str = ""
    notes: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)  # why the figures are doubtful (status to_verify)
    low_confidence: bool = False  # extracted with low confidence and not reviewed by a person (marked ※)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status][0]

    @property
    def status_symbol(self) -> str:
        return STATUS_LABELS[self.status][3]

    @property
    def status_label_en(self) -> str:
        return STATUS_LABELS[self.status][1]

    @property
    def status_colour(self) -> str:
        return STATUS_LABELS[self.status][2]

    @property
    def target_text(self) -> str:
        """The target as written in a table cell: '≥60', '15-20', '1550'."""
        if self.comparator == "range" and self.target_value_high is not None:
            return f"{fmt_number(self.target_value)}-{fmt_number(self.target_value_high)}"
        return COMPARATOR_SIGNS.get(self.comparator, "") + fmt_number(self.target_value)


@dataclass
class IndicatorGroup:
    """Targets grouped as the plan groups them (by the section they stand in)."""

    title: str
    rows: list[IndicatorRow] = field(default_factory=list)


@dataclass
class ChartSeries:
    """Data of one key-indicator chart: the target path against what actually happened."""

    indicator: str
    unit: str
    baseline: tuple[int, float] | None
    target: tuple[int, float]
    path_straight: list[tuple[int, float]] = field(default_factory=list)
    path_compound: list[tuple[int, float]] = field(default_factory=list)
    actuals: list[tuple[int, float]] = field(default_factory=list)
    forecast: list[tuple[int, float]] = field(default_factory=list)


@dataclass
class UnitScore:
    """One responsible unit's task record."""

    unit: str
    tasks: int
    done: int
    overdue: int
    unreported: int

    @property
    def completion_rate(self) -> float | None:
        return self.done / self.tasks if self.tasks else None


@dataclass
class TaskRow:
    """A task with its owners and status (overdue tasks are also listed apart). ``missed_milestone``:
    the due date of a milestone passed undone while the task's own deadline is still ahead;
    ``latest_update``: the latest approved progress update by the report date."""

    title: str
    section: str
    owners: list[str]
    deadline: date | None
    status: str
    missed_milestone: date | None = None
    latest_update: str = ""
    latest_update_on: date | None = None
    overdue: bool = False
    low_confidence: bool = False  # extracted with low confidence and not reviewed by a person (marked ※)

    @property
    def status_label(self) -> str:
        return TASK_STATUS_LABELS.get(self.status, self.status)


@dataclass
class ProjectRow:
    """A key project: planned against completed investment."""

    name: str
    group: str
    planned_investment: float | None
    completed_investment: float | None
    unit: str = "亿元"
    started: int | None = None  # year of the 开工 milestone
    completed: int | None = None  # year of the 竣工 milestone
    low_confidence: bool = False  # extracted with low confidence and not reviewed by a person (marked ※)

    @property
    def reported(self) -> bool:
        """Progress is known: investment completed or a milestone reached."""
        return self.completed_investment is not None or self.started is not None or self.completed is not None

    @property
    def completion_share(self) -> float | None:
        if self.planned_investment and self.completed_investment is not None:
            return self.completed_investment / self.planned_investment
        return None


@dataclass
class FindingRow:
    """An open audit finding about the plan's arithmetic."""

    rule: str
    severity: str
    message: str
    quote: str = ""


@dataclass
class Problem:
    """An automatically detected problem: a sentence built from computed facts only."""

    kind: Literal["target", "task", "unit", "data"]
    text: str


@dataclass
class SourceNote:
    """Where an actual value came from, and what the source says about its definition."""

    indicator: str
    year: int
    value: float
    unit: str
    source: str
    note: str


@dataclass
class ReportContent:
    """A whole report, ready to be written in any format."""

    plan_title: str
    period: tuple[int, int] | None
    kind: ReportKind
    as_of: date
    issuer: str
    recipient: str = ""  # 主送机关
    issued_on: date | None = None  # 成文日期 (the as-of date when not given)
    narrative: dict[str, str] = field(default_factory=dict)  # section key -> the office's text
    time_share: float | None = None
    overall: list[Figure] = field(default_factory=list)
    overall_sentences: list[str] = field(default_factory=list)
    summary: str = ""
    groups: list[IndicatorGroup] = field(default_factory=list)
    charts: list[ChartSeries] = field(default_factory=list)
    scorecard: list[UnitScore] = field(default_factory=list)
    overdue_tasks: list[TaskRow] = field(default_factory=list)
    task_rows: list[TaskRow] = field(default_factory=list)
    silent_units: list[str] = field(default_factory=list)  # units with tasks but no report at all
    task_total: int = 0
    tasks_done: int = 0
    tasks_reported: int = 0
    projects: list[ProjectRow] = field(default_factory=list)
    projects_without_data: int = 0
    findings: list[FindingRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sources: list[SourceNote] = field(default_factory=list)

    @property
    def projects_started(self) -> int:
        """Projects whose 开工 milestone is reached by the report date."""
        return sum(1 for p in self.projects if p.started is not None)

    @property
    def projects_completed(self) -> int:
        """Projects whose 竣工 milestone is reached by the report date."""
        return sum(1 for p in self.projects if p.completed is not None)

    @property
    def title(self) -> str:
        return f"《{self.plan_title}》{KIND_TITLES[self.kind][0]}"

    @property
    def title_en(self) -> str:
        return KIND_TITLES[self.kind][1]

    @property
    def issued_text(self) -> str:
        """成文日期 in Arabic numerals (GB/T 9704-2012 7.3.5.1)."""
        return fmt_date(self.issued_on or self.as_of)

    def written(self, section: str) -> str:
        """The office's text of a narrative section ('' when it has not written it)."""
        return self.narrative.get(section, "").strip()
    @property
    def rows(self) -> list[IndicatorRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def period_text(self) -> str:
        return f"{self.period[0]}—{self.period[1]}年" if self.period else "规划期未载明"

    @property
    def as_of_text(self) -> str:
        return f"{self.as_of.year}年{self.as_of.month}月{self.as_of.day}日"
