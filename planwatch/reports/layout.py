"""The report as an ordered list of blocks (headings, paragraphs, tables, charts).

Both writers render this same list, so the .docx (and the PDF made from it) and the .html always
carry the same headings, tables and numbers. Heading numbers follow official-document practice:
一、 for level 1, （一） for level 2, 1. for level 3.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from planwatch.labels import LOW_CONFIDENCE_MARK, LOW_CONFIDENCE_NOTE
from planwatch.reports.content import (
    NARRATIVE_SECTIONS,
    STATUS_LABELS,
    STATUS_ORDER,
    TO_BE_WRITTEN,
    ChartSeries,
    IndicatorRow,
    ProjectRow,
    ReportContent,
    TaskRow,
    fmt_date,
    fmt_number,
    status_thresholds,
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
    level: int  # 1 一、 | 2 （一） | 3 1. ; 0: an appendix mark (附件), flush left on a new page
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

INDICATOR_HEADER = ["序号", "指标", "属性", "单位", "基期值", "目标值", "最新实际值", "进度", "评价"]
INDICATOR_TEXT_COLUMNS = frozenset({1, 7})
INDICATOR_WIDTHS = [8.0, 31.0, 13.0, 10.0, 15.0, 18.0, 17.0, 24.0, 20.0]
TASK_HEADER = ["序号", "任务", "牵头单位", "完成期限", "状态", "最新进展"]
PROJECT_HEADER = ["序号", "项目", "类别", "计划投资", "完成投资", "完成比例"]
PROJECT_GROUP_HEADER = ["序号", "类别", "项目数", "报送进展", "计划投资", "完成投资"]
PROBLEM_HEADINGS = {"target": "指标进展", "task": "任务推进", "unit": "进展报送", "data": "监测数据"}
SEVERITY_WORDS = {"error": "错误", "warning": "疑点", "info": "提示"}


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
        Cell(marked(row.indicator, row.low_confidence)),
        Cell("约束性" if row.binding else "预期性"),
        Cell(row.unit or "—"),
        Cell(_year(row.baseline_value, row.baseline_year)),
        Cell(target),
        Cell(_year(row.latest_value, row.latest_year)),
        Cell(row.progress_measure),
        Cell(f"{row.status_symbol}{row.status_label}", row.status_colour),
    ]


def marked(name: str, low_confidence: bool) -> str:
    """A record's name in a table, with ※ when it is low-confidence and not reviewed by a person."""
    return name + LOW_CONFIDENCE_MARK if low_confidence else name


def _confidence_notes(rows: Sequence[IndicatorRow | TaskRow | ProjectRow]) -> list[str]:
    """The note explaining ※, under a table that has a marked row."""
    return [LOW_CONFIDENCE_NOTE] if any(r.low_confidence for r in rows) else []


def legend_text() -> str:
    """The legend under the indicator table: each symbol, its words and its threshold."""
    meaning = status_thresholds()
    return "评价图例：" + "；".join(f"{STATUS_LABELS[c][3]}{STATUS_LABELS[c][0]}——{meaning[c]}" for c in STATUS_ORDER) + "。"


def _narrative(content: ReportContent, key: str, computed: list[str]) -> list[Block]:
    """The office's text of a section if written, else the computed sentences, else 【待补充】."""
    written = content.written(key)
    if written:
        return [Para(p.strip()) for p in written.splitlines() if p.strip()]
    if computed:
        return [Para(text) for text in computed]
    return [Para(TO_BE_WRITTEN, "placeholder")]


def _indicator_table(content: ReportContent, number: str) -> Table:
    rows = sorted(content.rows, key=lambda r: not r.binding)  # 约束性 first, plan order kept within
    cells: list[list[Cell]] = []
    notes: list[str] = []
    for index, row in enumerate(rows, start=1):
        cells.append(indicator_cells(index, row))
        notes.extend(f"注{index}：{n}" for n in row.notes)
        if row.status == "to_verify":
            notes.extend(f"注{index}：待核实原因——{d}" for d in row.doubts if d not in row.notes)
    return Table(f"{number} 主要目标指标完成情况", INDICATOR_HEADER, cells, INDICATOR_WIDTHS, kind="indicators",
                 notes=[legend_text(), *notes, *_confidence_notes(rows)], text_columns=INDICATOR_TEXT_COLUMNS)


def _task_status(task: TaskRow) -> Cell:
    return Cell(("✕" if task.overdue else "") + task.status_label,
                STATUS_LABELS["not_achieved"][2] if task.overdue else None)


def deadline_text(day: date) -> str:
    """A deadline as plans write it: 2010年底 for the year's last day, else the full date."""
    return f"{day.year}年底" if (day.month, day.day) == (12, 31) else fmt_date(day)


def _task_table(tasks: list[TaskRow], number: str, caption: str) -> Table:
    return Table(
        f"{number} {caption}", TASK_HEADER,
        [[Cell(str(i)), Cell(marked(t.title, t.low_confidence)), Cell("、".join(t.owners) or "未明确"),
          Cell((deadline_text(t.deadline) if t.deadline else "—")
               + (f"\n（节点{fmt_date(t.missed_milestone)}逾期）" if t.missed_milestone else "")),
          _task_status(t),
          Cell((f"{fmt_date(t.latest_update_on)}：" if t.latest_update_on else "") + t.latest_update
               if t.latest_update else "—")]
         for i, t in enumerate(tasks, start=1)],
        [10.0, 36.0, 26.0, 31.0, 22.0, 31.0], kind="tasks", text_columns=frozenset({1, 2, 5}),
        notes=_confidence_notes(tasks))


def _money(value: float | None, unit: str) -> str:
    return f"{fmt_number(value)}{unit}" if value is not None else "—"


def _project_table(projects: list[ProjectRow], caption: str) -> Table:
    return Table(
        caption, PROJECT_HEADER,
        [[Cell(str(i)), Cell(marked(p.name, p.low_confidence)), Cell(p.group or "—"),
          Cell(_money(p.planned_investment, p.unit)),
          Cell(_money(p.completed_investment, p.unit)),
          Cell(f"{p.completion_share * 100:.0f}%" if p.completion_share is not None else "暂无数据")]
         for i, p in enumerate(projects, start=1)],
        [10.0, 54.0, 32.0, 20.0, 20.0, 20.0], kind="projects", text_columns=frozenset({1, 2}),
        notes=_confidence_notes(projects))


def _reported(p: ProjectRow) -> bool:
    return p.reported


def _project_group_table(content: ReportContent, number: str) -> Table:
    """One row per project group (专栏): how many projects, how many reported, investment so far."""
    groups: dict[str, list[ProjectRow]] = {}
    for p in content.projects:
        groups.setdefault(p.group or "其他", []).append(p)
    rows = []
    for i, (group, items) in enumerate(groups.items(), start=1):
        units = {p.unit for p in items}
        unit = units.pop() if len(units) == 1 else ""
        planned = [p.planned_investment for p in items if p.planned_investment is not None]
        done = [p.completed_investment for p in items if p.completed_investment is not None]
        rows.append([Cell(str(i)), Cell(group), Cell(str(len(items))), Cell(str(sum(map(_reported, items)))),
                     Cell(_money(sum(planned), unit) if planned and unit else "—"),
                     Cell(_money(sum(done), unit) if done and unit else "—")])
    return Table(f"{number} 重大项目分类汇总", PROJECT_GROUP_HEADER, rows, [10.0, 62.0, 18.0, 22.0, 22.0, 22.0],
                 kind="project-groups", text_columns=frozenset({1}))


def _task_sentences(content: ReportContent) -> list[str]:
    if not content.task_total:
        return ["规划未列出可跟踪的任务。"]
    overdue = sum(1 for t in content.task_rows if t.status == "overdue")
    unreported = sum(1 for t in content.task_rows if t.status == "unreported")
    return [f"规划部署任务{content.task_total}项，已报送进展{content.tasks_reported}项，其中已完成{content.tasks_done}项；"
            f"逾期未完成{overdue}项，未报送进展{unreported}项。"]


def _project_sentences(content: ReportContent) -> list[str]:
    if not content.projects:
        return ["规划未列出重大项目。"]
    known = len(content.projects) - content.projects_without_data
    text = (f"规划列出重大项目{len(content.projects)}个，其中{known}个已报送投资完成数据，"
            f"{content.projects_without_data}个暂无数据")
    started, completed = content.projects_started, content.projects_completed
    if started or completed:
        text += f"；已开工{started}个、已竣工{completed}个"
    return [text + "。分类汇总见下表" + ("，已报送进展的项目逐项列后" if known else "")
            + ("，尚无进展数据的项目清单见附件3" if content.projects_without_data else "") + "。"]


def _indicator_sentences(content: ReportContent) -> list[str]:
    rows = content.rows
    if not rows:
        return ["规划未设置可监测的量化指标。"]
    binding = sum(1 for r in rows if r.binding)
    return [f"规划共设置主要目标指标{len(rows)}项，其中约束性指标{binding}项、预期性指标{len(rows) - binding}项，"
            "完成情况见下表（约束性指标在前）。"]


def report_blocks(content: ReportContent) -> list[Block]:
    """The whole report body (after the title block and 主送机关), in reading order."""
    if content.kind == "progress":
        return _progress_blocks(content)
    blocks: list[Block] = []
    chapter = 0
    table_no = 0

    def h1(text: str) -> None:
        nonlocal chapter
        chapter += 1
        blocks.append(Heading(1, f"{cn_number(chapter)}、{text}"))

    def table_number() -> str:
        nonlocal table_no
        table_no += 1
        return f"表{table_no}"

    h1(NARRATIVE_SECTIONS["overall"])
    blocks.extend(_narrative(content, "overall", content.overall_sentences))

    h1(NARRATIVE_SECTIONS["indicators"])
    blocks.extend(_narrative(content, "indicators", _indicator_sentences(content)))
    if content.rows:
        blocks.append(_indicator_table(content, table_number()))
    for c_index, series in enumerate(content.charts, start=1):
        blocks.append(Chart(series, f"图{c_index} {series.indicator}：基期值、目标路径与实际值"))

    h1(NARRATIVE_SECTIONS["tasks"])
    blocks.extend(_narrative(content, "tasks", _task_sentences(content)))
    if content.task_rows:
        blocks.append(_task_table(content.task_rows, table_number(), "重大任务推进情况"))

    h1(NARRATIVE_SECTIONS["projects"])
    blocks.extend(_narrative(content, "projects", _project_sentences(content)))
    if content.projects:
        blocks.append(_project_group_table(content, table_number()))
        reported = [p for p in content.projects if _reported(p)]
        if reported:
            blocks.append(_project_table(reported, f"{table_number()} 已报送进展的重大项目"))

    h1(NARRATIVE_SECTIONS["problems"])
    blocks.extend(_problem_blocks(content))

    h1(NARRATIVE_SECTIONS["measures"])
    blocks.extend(_narrative(content, "measures", []))

    blocks.extend(_appendix(content))
    return blocks


def _problem_paragraphs(content: ReportContent) -> list[str]:
    if not content.problems:
        return ["根据现有监测数据，未发现进展滞后的指标、逾期任务或数据缺失。"]
    by_kind: dict[str, list[str]] = {}
    for problem in content.problems:
        by_kind.setdefault(problem.kind, []).append(problem.text)
    return [f"（{cn_number(index)}）{PROBLEM_HEADINGS[kind]}方面。{''.join(texts)}"
            for index, (kind, texts) in enumerate(by_kind.items(), start=1)]


def computed_sections(content: ReportContent) -> dict[str, list[str]]:
    """The computed paragraphs of each narrative section: what the report shows where the office has
    written nothing, and what the editor offers as a start ('measures' has none)."""
    return {
        "overall": list(content.overall_sentences),
        "indicators": _indicator_sentences(content),
        "tasks": _task_sentences(content),
        "projects": _project_sentences(content),
        "problems": _problem_paragraphs(content),
        "measures": [],
    }


def _problem_blocks(content: ReportContent) -> list[Block]:
    if content.written("problems"):
        return _narrative(content, "problems", [])
    blocks: list[Block] = [Para(text) for text in _problem_paragraphs(content)]
    blocks.append(Para(TO_BE_WRITTEN, "placeholder"))  # the causes: only the office can write them
    return blocks


def _appendix(content: ReportContent) -> list[Block]:
    """附件说明 at the end of the body, then the appendix itself (the writers start it on a new page)."""
    blocks: list[Block] = [Para("附件：1．主要指标数据来源"), Para("　　　2．规划文本数据核验情况")]
    silent = [p for p in content.projects if not p.reported] if content.kind == "midterm" else []
    if silent:
        blocks.append(Para("　　　3．尚无进展数据的重大项目"))
    blocks.append(Heading(0, "附件"))
    blocks.append(Heading(2, "1．主要指标数据来源"))
    if content.sources:
        for s_index, src in enumerate(content.sources, start=1):
            text = f"{s_index}．{src.indicator}：{src.year}年{fmt_number(src.value)}{src.unit}，来源：{src.source or '未注明'}"
            if src.note:
                text += f"（{src.note}）"
            blocks.append(Para(text + "。", "note"))
    else:
        blocks.append(Para("报告期内尚无录入的指标实际值。", "note"))
    blocks.append(Heading(2, "2．规划文本数据核验情况"))
    if content.findings:
        for f_index, finding in enumerate(content.findings, start=1):
            quote = f"原文：“{finding.quote}”" if finding.quote else ""
            words = SEVERITY_WORDS.get(finding.severity, "提示")
            blocks.append(Para(f"{f_index}．（{words}）{finding.message}{'。' if not finding.message.endswith('。') else ''}{quote}",
                               "note"))
    else:
        blocks.append(Para("规划文本的数据核验未发现问题。", "note"))
    if silent:
        blocks.append(Heading(2, "3．尚无进展数据的重大项目"))
        blocks.append(_project_table(silent, "附表 尚无进展数据的重大项目"))
    return blocks


def _progress_blocks(content: ReportContent) -> list[Block]:
    """The shorter periodic form: overall, indicators, overdue tasks, problems, next steps."""
    blocks: list[Block] = []
    blocks.append(Heading(1, "一、总体进展"))
    blocks.extend(_narrative(content, "overall", content.overall_sentences))
    blocks.append(Heading(1, "二、主要指标和任务进展"))
    blocks.extend(_narrative(content, "indicators", _indicator_sentences(content)))
    if content.rows:
        blocks.append(_indicator_table(content, "表1"))
    blocks.extend(_narrative(content, "tasks", _task_sentences(content)))
    if content.overdue_tasks:
        blocks.append(_task_table(content.overdue_tasks, "表2" if content.rows else "表1", "逾期未完成的任务"))
    blocks.append(Heading(1, "三、存在的主要问题"))
    blocks.extend(_problem_blocks(content))
    blocks.append(Heading(1, "四、下一步工作"))
    blocks.extend(_narrative(content, "measures", []))
    return blocks
