"""The overall-assessment paragraph, built only from counts computed from the report's own rows.

No adjectives, no judgement words beyond the status labels: the planning office writes the
analysis; this paragraph only states what the numbers are.
"""

from __future__ import annotations

from planwatch.reports.content import STATUS_LABELS, STATUS_ORDER, ReportContent


def _counted(parts: list[tuple[str, int]]) -> str:
    return "、".join(f"{label}{n}项" for label, n in parts if n)


def overall_summary(content: ReportContent) -> str:
    """E.g. '截至2011年1月1日，本规划共设置量化目标26项，其中已完成1项、…；共部署任务41项，…。'"""
    rows = content.rows
    counts = {code: sum(1 for r in rows if r.status == code) for code in STATUS_ORDER}
    sentences = [f"截至{content.as_of_text}，本规划（{content.period_text}）共设置量化目标{len(rows)}项"]
    if rows:
        detail = _counted([(STATUS_LABELS[c][0], counts[c]) for c in STATUS_ORDER])
        sentences[0] += f"，其中{detail}"
    binding = [r for r in rows if r.binding]
    if binding:
        met = sum(1 for r in binding if r.status == "achieved")
        sentences[0] += f"；约束性指标{len(binding)}项，已实现{met}项"
    overdue = len(content.overdue_tasks)
    unreported = sum(1 for t in content.overdue_tasks if t.status == "unreported")
    task_text = f"共部署任务{content.task_total}项"
    done = content.tasks_done
    if content.task_total:
        extra = _counted([("报送进展", content.tasks_reported), ("已完成", done),
                          ("已过期限未完成", overdue - unreported), ("已过期限未报送进展", unreported)])
        if extra:
            task_text += f"，其中{extra}"
    sentences.append(task_text)
    total_projects = len(content.projects) + content.projects_without_data
    if total_projects:
        with_data = f"其中{len(content.projects)}个有投资完成数据" if content.projects else "均暂无投资完成数据"
        sentences.append(f"列出重点项目{total_projects}个，{with_data}")
    if content.findings:
        errors = sum(1 for f in content.findings if f.severity == "error")
        sentences.append(f"规划数据核验未整改问题{len(content.findings)}个（其中错误{errors}个）")
    return "；".join(sentences) + "。"
