"""The 总体评价 sentences, built only from counts and figures computed from the report's own rows.

No adjectives beyond the status labels: the planning office writes its own judgement (and may
start from these sentences); these only state what the numbers are.
"""

from __future__ import annotations

from collections.abc import Sequence

from planwatch.reports.content import IndicatorRow, ReportContent, fmt_number

KEY_INDICATORS_NAMED = 6

# How the 总体评价 groups the grades (达到/快于/符合/滞后 expectations, then the rows without verdict).
VERDICT_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("已实现目标", frozenset({"achieved"})),
    ("快于预期", frozenset({"ahead"})),
    ("符合预期", frozenset({"on_track", "slightly_behind"})),
    ("滞后于预期", frozenset({"lagging", "seriously_lagging"})),
    ("逆向变化或目标未实现", frozenset({"regressing", "not_achieved"})),
    ("待核实", frozenset({"to_verify"})),
    ("暂无监测数据", frozenset({"no_data"})),
    ("无法测算", frozenset({"unassessed"})),
)


def _counted(parts: list[tuple[str, int]]) -> str:
    return "、".join(f"{label}{n}项" for label, n in parts if n)


def verdict_counts(rows: Sequence[IndicatorRow]) -> str:
    """'已实现目标2项、符合预期3项、暂无监测数据1项'"""
    return _counted([(label, sum(1 for r in rows if r.status in codes)) for label, codes in VERDICT_GROUPS])


def _key_rows(rows: Sequence[IndicatorRow]) -> list[IndicatorRow]:
    judged = [r for r in rows if r.latest_value is not None and r.status not in ("no_data", "unassessed")]
    judged.sort(key=lambda r: (not r.binding, r.status not in ("lagging", "seriously_lagging", "regressing",
                                                              "not_achieved")))
    return judged[:KEY_INDICATORS_NAMED]


def overall_sentences(content: ReportContent) -> list[str]:
    """The computed sentences of 一、总体评价, one per topic."""
    rows = content.rows
    elapsed = (f"，规划期（{content.period_text}）时间已过{content.time_share * 100:.0f}%"
               if content.time_share is not None else "")
    out = [f"截至{content.as_of_text}{elapsed}。"]
    if rows:
        text = f"规划确定的{len(rows)}项主要指标中，{verdict_counts(rows)}。"
        binding = [r for r in rows if r.binding]
        expected = [r for r in rows if not r.binding]
        if binding:
            text += f"约束性指标{len(binding)}项，{verdict_counts(binding)}"
            text += f"；预期性指标{len(expected)}项，{verdict_counts(expected)}。" if expected else "。"
        out.append(text)
        key = _key_rows(rows)
        if key:
            named = "；".join(_key_figure(r) for r in key)
            out.append(f"从主要指标看：{named}。")
    else:
        out.append("规划未设置可监测的量化指标。")
    if content.task_total:
        on_time = sum(1 for t in content.task_rows if t.status in ("in_progress", "not_started"))
        detail = _counted([("已完成", content.tasks_done), ("按期推进", on_time),
                           ("逾期未完成", sum(1 for t in content.task_rows if t.status == "overdue")),
                           ("未报送进展", sum(1 for t in content.task_rows if t.status == "unreported"))])
        out.append(f"规划部署重大任务{content.task_total}项，{detail}。")
    if content.projects:
        started, completed = content.projects_started, content.projects_completed
        known = len(content.projects) - content.projects_without_data
        text = f"规划列出重大项目{len(content.projects)}个"
        if known:
            text += f"，报送进展的{known}个中已开工{started}个" + (f"、已竣工{completed}个" if completed else "")
            units = {p.unit for p in content.projects if p.completed_investment is not None}
            if len(units) == 1:
                unit = units.pop()
                done = sum(p.completed_investment or 0 for p in content.projects)
                planned = sum(p.planned_investment or 0 for p in content.projects if p.completed_investment is not None)
                text += f"，累计完成投资{fmt_number(round(done, 2))}{unit}"
                if planned:
                    text += f"，占这些项目计划总投资的{done / planned * 100:.0f}%"
        if content.projects_without_data:
            text += f"，{content.projects_without_data}个尚无进展数据"
        out.append(text + "。")
    return out



def _key_figure(row: IndicatorRow) -> str:
    """'“地区生产总值”2008年为170亿元（目标200亿元），快于预期'; a growth target by its average rate."""
    if row.kind == "growth":
        return f"“{row.indicator}”{row.progress_measure}（目标年均增长{row.target_text}%），{row.status_label}"
    return (f"“{row.indicator}”{row.latest_year}年为{fmt_number(row.latest_value)}{row.unit}"
            f"（目标{row.target_text}{row.unit}），{row.status_label}")
