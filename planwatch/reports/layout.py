"""The report as an ordered list of blocks (headings, paragraphs, tables, charts).

Both writers render this same list, so the .docx (and the PDF made from it) and the .html always
carry the same headings, tables and numbers. Heading numbers follow official-document practice:
一、 for level 1, （一） for level 2, 1. for level 3.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planwatch.labels import label
from planwatch.reports.content import (
    STATUS_LABELS,
    ChartSeries,
    IndicatorRow,
    ReportContent,
    fmt_date,
    fmt_number,
)

CN_NUMERALS = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 20 -> 二十 (enough for section numbering)."""
    if n <= 10:
        return CN_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_NUMERALS[tens - 1]) + "十" + (CN_NUMERALS[ones - 1] if ones else "")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "body"  # body | placeholder | note


@dataclass(frozen=True)
class Cell:
    text: str
    colour: str | None = None


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[Cell]]
    widths_mm: list[float]
    kind: str = ""
    notes: list[str] = field(default_factory=list)
    text_columns: frozenset[int] = frozenset()  # left-aligned (prose) columns; the others are centred


@dataclass(frozen=True)
class Chart:
    series: ChartSeries
    caption: str


Block = Heading | Para | Table | Chart

INDICATOR_HEADER = ["序号", "指标", "单位", "基期值", "目标值", "最新实际值", "进度", "状态", "属性"]
INDICATOR_TEXT_COLUMNS = frozenset({1, 6})
INDICATOR_WIDTHS = [10.0, 30.0, 10.0, 15.0, 15.0, 15.0, 29.0, 17.0, 14.0]


def _year(value: float | None, year: int | None) -> str:
    if value is None:
        return "—"
    return f"{fmt_number(value)}\n{year}年" if year else fmt_number(value)


def indicator_cells(number: int, row: IndicatorRow) -> list[Cell]:
    """One table row of an indicator, in INDICATOR_HEADER order."""
    target = row.target_text + (f"\n{row.target_year}年" if row.target_year else "")
    if row.kind == "growth":
        target = "年均" + target
    return [
        Cell(str(number)),
        Cell(row.indicator),
        Cell(row.unit or "—"),
        Cell(_year(row.baseline_value, row.baseline_year)),
        Cell(target),
        Cell(_year(row.latest_value, row.latest_year)),
        Cell(row.progress_measure),
        Cell(row.status_label, row.status_colour),
        Cell("约束性" if row.binding else "预期性"),
    ]


def report_blocks(content: ReportContent) -> list[Block]:
    """The whole report body (after the title block), in reading order."""
    blocks: list[Block] = []
    chapter = 0

    def h1(text: str) -> None:
        nonlocal chapter
        chapter += 1
        blocks.append(Heading(1, f"{cn_number(chapter)}、{text}"))

    h1("总体情况")
    blocks.append(Para(content.summary))
    blocks.append(Table("表1 总体情况", ["项目", "数值"],
                        [[Cell(f.label), Cell(f.value)] for f in content.overall], [80.0, 76.0], kind="overall",
                        text_columns=frozenset({0})))

    h1("目标指标完成情况")
    counter = 0
    table_no = 1
    for g_index, group in enumerate(content.groups, start=1):
        blocks.append(Heading(2, f"（{cn_number(g_index)}）{group.title}"))
        rows: list[list[Cell]] = []
        notes: list[str] = []
        for row in group.rows:
            counter += 1
            rows.append(indicator_cells(counter, row))
            notes.extend(f"注{counter}：{n}" for n in row.notes)
        table_no += 1
        blocks.append(Table(f"表{table_no} {group.title}指标完成情况", INDICATOR_HEADER, rows, INDICATOR_WIDTHS,
                            kind="indicators", notes=notes, text_columns=INDICATOR_TEXT_COLUMNS))
    if content.charts:
        blocks.append(Heading(2, f"（{cn_number(len(content.groups) + 1)}）重点指标走势"))
        for c_index, series in enumerate(content.charts, start=1):
            blocks.append(Chart(series, f"图{c_index} {series.indicator}：基期值、目标路径与实际值"))

    h1("重点任务推进情况")
    blocks.append(Para(_task_sentence(content)))
    sub = 0
    if content.overdue_tasks:
        sub += 1
        late = ("已过期限或节点逾期未完成的任务" if any(t.missed_milestone for t in content.overdue_tasks)
                else "已过期限未完成的任务")
        blocks.append(Heading(2, f"（{cn_number(sub)}）{late}"))
        table_no += 1
        blocks.append(Table(
            f"表{table_no} {late}", ["序号", "任务", "所在章节", "责任单位", "完成期限", "状态"],
            [[Cell(str(i)), Cell(t.title), Cell(t.section), Cell("、".join(t.owners) or "未明确"),
              Cell((fmt_date(t.deadline) if t.deadline else "—")
                   + (f"\n（节点{fmt_date(t.missed_milestone)}逾期）" if t.missed_milestone else "")),
              Cell(t.status_label, STATUS_LABELS["not_achieved"][2] if t.status == "overdue" else None)]
             for i, t in enumerate(content.overdue_tasks, start=1)],
            [10.0, 54.0, 30.0, 22.0, 26.0, 14.0], kind="tasks", text_columns=frozenset({1, 2, 3})))
    if content.scorecard:
        sub += 1
        blocks.append(Heading(2, f"（{cn_number(sub)}）责任单位任务完成情况"))
        table_no += 1
        blocks.append(Table(
            f"表{table_no} 责任单位任务完成情况", ["责任单位", "任务数", "已完成", "逾期", "未报送", "完成率"],
            [[Cell(u.unit), Cell(str(u.tasks)), Cell(str(u.done)), Cell(str(u.overdue)), Cell(str(u.unreported)),
              Cell(f"{u.completion_rate * 100:.0f}%" if u.completion_rate is not None else "—")]
             for u in content.scorecard],
            [50.0, 20.0, 20.0, 20.0, 22.0, 24.0], kind="scorecard", text_columns=frozenset({0})))

    h1("重点项目建设情况")
    total = len(content.projects) + content.projects_without_data
    if total == 0:
        blocks.append(Para("本规划未列出重点项目。"))
    else:
        blocks.append(Para(f"本规划列出重点项目{total}个，其中{len(content.projects)}个已报送投资完成数据，"
                           f"{content.projects_without_data}个暂无数据。"))
    if content.projects:
        table_no += 1
        blocks.append(Table(
            f"表{table_no} 重点项目投资完成情况", ["序号", "项目", "类别", "计划投资", "完成投资", "完成比例"],
            [[Cell(str(i)), Cell(p.name), Cell(p.group or "—"),
              Cell(f"{fmt_number(p.planned_investment)}{p.unit}" if p.planned_investment is not None else "—"),
              Cell(f"{fmt_number(p.completed_investment)}{p.unit}" if p.completed_investment is not None else "—"),
              Cell(f"{p.completion_share * 100:.0f}%" if p.completion_share is not None else "—")]
             for i, p in enumerate(content.projects, start=1)],
            [10.0, 54.0, 32.0, 20.0, 20.0, 20.0], kind="projects", text_columns=frozenset({1, 2})))

    h1("规划数据核验发现")
    if content.findings:
        table_no += 1
        blocks.append(Table(
            f"表{table_no} 未整改的核验发现", ["序号", "规则", "级别", "说明", "原文"],
            [[Cell(str(i)), Cell(label("rule", f.rule)), Cell({"error": "错误", "warning": "警告", "info": "提示"}.get(f.severity, f.severity)),
              Cell(f.message), Cell(f.quote or "—")] for i, f in enumerate(content.findings, start=1)],
            [10.0, 28.0, 13.0, 59.0, 46.0], kind="findings", text_columns=frozenset({1, 3, 4})))
    else:
        blocks.append(Para("未发现未整改的规划数据核验问题。"))

    h1("存在的主要问题")
    if content.problems:
        for p_index, problem in enumerate(content.problems, start=1):
            blocks.append(Para(f"{p_index}.{problem.text}"))
    else:
        blocks.append(Para("根据现有数据，未自动识别出进度滞后的指标、逾期任务或核验错误。"))
    blocks.append(Para(content.analysis, "placeholder"))

    h1("下一步工作")
    blocks.append(Para(content.next_steps, "placeholder"))

    if content.sources:
        h1("数据来源与口径说明")
        for s_index, src in enumerate(content.sources, start=1):
            text = f"{s_index}.{src.indicator}：{src.year}年{fmt_number(src.value)}{src.unit}。来源：{src.source or '未注明'}"
            if src.note:
                text += f"。来源说明：{src.note}"
            blocks.append(Para(text, "note"))
    return blocks


def _task_sentence(content: ReportContent) -> str:
    if not content.task_total:
        return "本规划未列出可跟踪的任务。"
    text = (f"本规划共部署任务{content.task_total}项，已报送进展{content.tasks_reported}项，"
            f"其中已完成{content.tasks_done}项；已过完成期限而未完成或未报送进展的{len(content.overdue_tasks)}项。")
    return text
