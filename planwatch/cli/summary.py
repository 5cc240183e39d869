"""``planwatch summary [FILE|DIR ...]``: read plans, extract, audit, and print a readable overview.

With no argument it reads the built-in Harbin example plans (examples/harbin/), so a newcomer sees
what PlanWatch does in one command (the README's main job)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from planwatch.cli.app import app
from planwatch.errors import PlanWatchError

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples" / "harbin"
PLAN_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
_console = Console()


def plan_files(paths: list[Path]) -> list[Path]:
    """Expand directories into the plan documents they hold (sorted); keep files as given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in PLAN_SUFFIXES))
        else:
            files.append(path)
    return files


@app.command()
def summary(
    paths: list[Path] = typer.Argument(None, help="规划文件或目录 plan files or folders (default: Harbin examples)"),
    top: int = typer.Option(5, help="每个规划显示的目标数 targets shown per plan"),
) -> None:
    """读取规划并输出概览 Read plans, extract and audit them, print an overview."""
    from planwatch.audit import Severity, audit_plans
    from planwatch.documents import load_document
    from planwatch.extract import extract_plan

    files = plan_files(paths or [EXAMPLES_DIR])
    if not files:
        raise PlanWatchError("没有找到规划文件 no plan documents found")
    plans, texts = [], {}
    overview = Table(title="规划概览 Plans", show_lines=False)
    for col in ("文件 file", "标题 title", "规划期 period", "目标 targets", "事实 facts", "任务 tasks", "项目 projects"):
        overview.add_column(col)
    for path in files:
        doc = load_document(path)
        plan = extract_plan(doc)
        plans.append(plan)
        texts[plan.doc] = doc.text
        period = f"{plan.period[0]}–{plan.period[1]}" if plan.period else "—"
        overview.add_row(path.name, plan.title, period, str(len(plan.targets)), str(len(plan.facts)),
                         str(len(plan.tasks)), str(len(plan.projects)))
    _console.print(overview)

    for plan in plans:
        if not plan.targets:
            continue
        table = Table(title=f"{plan.title}: 主要目标 main targets", title_justify="left")
        for col in ("指标 indicator", "目标 target", "年份 year", "基期 baseline", "原文 quote"):
            table.add_column(col, overflow="fold")
        for t in plan.targets[:top]:
            high = f"–{t.value_high:g}" if t.value_high is not None else ""
            base = f"{t.baseline_value:g} ({t.baseline_year})" if t.baseline_value is not None else "—"
            year = "全年" if t.annual else (str(t.target_year) if t.target_year else "—")
            table.add_row(t.indicator, f"{t.comparator} {t.value:g}{high} {t.unit}", year, base, t.quote)
        _console.print(table)

    findings = audit_plans(plans, texts=texts)
    counts = Counter(f.severity for f in findings)
    lines = [f"错误 errors: {counts.get(Severity.ERROR, 0)}   警告 warnings: {counts.get(Severity.WARNING, 0)}"
             f"   提示 info: {counts.get(Severity.INFO, 0)}"]
    for f in findings[:top * 2]:
        lines.append(escape(f"[{f.severity.value}] {f.rule}: {f.message_zh}"))
    _console.print(Panel("\n".join(lines), title="数字核查 Audit of the plans' arithmetic", title_align="left"))
