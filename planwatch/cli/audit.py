"""``planwatch audit FILE... [--json OUT]``: check that the plans' numbers agree.

Each FILE is a plan document (.txt .md .docx .pdf .html; loaded and extracted) or a plan-model
JSON file as written by ``planwatch extract --json``. All plans are audited together, so figures
of different plans of the same place are compared too. Findings are shown as a Rich table
(severity, rule, Chinese explanation, quotes with offsets); ``--json OUT`` writes them to OUT
("-" for standard output) as ``{"summary": {...}, "findings": [...]}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from planwatch.cli.app import app
from planwatch.cli.rows import ALL_OPTION, capped, notice
from planwatch.errors import DocumentError

_console = Console()
_COLOURS = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _load(path: Path) -> tuple[Any, str | None]:
    """(plan model, document text or None) for one FILE."""
    from planwatch.extract.model import PlanExtraction

    if path.suffix.lower() == ".json":
        if not path.is_file():
            raise DocumentError(str(path), "文件不存在 file not found")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DocumentError(str(path), f"不是有效的 JSON not valid JSON ({exc})") from exc
        if not isinstance(data, dict) or not ("targets" in data or "facts" in data):
            raise DocumentError(str(path), "不是规划抽取结果 not a plan-model JSON object (no targets/facts)")
        plan = PlanExtraction.from_dict(data)
        if not plan.doc:
            plan.doc = path.name
        return plan, None
    from planwatch.documents import load_document
    from planwatch.extract import extract_plan

    doc = load_document(path)
    plan = extract_plan(doc)
    return plan, doc.text


@app.command()
def audit(
    files: list[Path] = typer.Argument(..., help="规划文件或抽取结果 JSON plan documents or plan-model JSON"),
    json_out: str | None = typer.Option(None, "--json", help="写出 JSON write findings to OUT (file or -)"),
    show_all: bool = ALL_OPTION,
) -> None:
    """审计规划数字是否自洽 Audit whether the plans' numbers agree with each other."""
    from planwatch.audit import audit_plans

    plans = []
    texts: dict[str, str] = {}
    for path in files:
        plan, text = _load(path)
        plans.append(plan)
        if text is not None:
            texts[plan.doc] = text
    findings = audit_plans(plans, texts=texts)
    summary = {sev: sum(1 for f in findings if f.severity.value == sev) for sev in ("error", "warning", "info")}
    if json_out is not None:
        payload = {
            "summary": {"plans": [p.doc for p in plans], **summary},
            "findings": [f.to_dict() for f in findings],
        }
        text_out = json.dumps(payload, ensure_ascii=False, indent=1)
        if json_out == "-":
            sys.stdout.write(text_out + "\n")
            return
        Path(json_out).write_text(text_out, encoding="utf-8")
    _render(findings, summary, len(plans), show_all)


def _render(findings: list[Any], summary: dict[str, int], n_plans: int, show_all: bool = False) -> None:
    _console.print(
        f"审计 {n_plans} 个规划 audited {n_plans} plan(s): "
        f"[bold red]错误 error {summary['error']}[/]  [yellow]警告 warning {summary['warning']}[/]  "
        f"[cyan]提示 info {summary['info']}[/]",
        highlight=False,
    )
    if not findings:
        _console.print("未发现数字不一致 no inconsistencies found")
        return
    table = Table(show_lines=True, expand=True)
    table.add_column("级别 severity", no_wrap=True)
    table.add_column("规则 rule", no_wrap=True, style="dim")
    table.add_column("说明 explanation", ratio=3, overflow="fold")
    table.add_column("出处 records", ratio=2, overflow="fold")
    for f in capped(findings, show_all):
        sev = f.severity.value
        records = "\n".join(f"{r.doc}@{r.start}: “{r.quote}”" for r in f.records)
        table.add_row(
            f"[{_COLOURS[sev]}]{f.severity.label_zh} {sev}[/]",
            f.rule,
            f.message_zh,
            records,
        )
    _console.print(table)
    notice(_console, len(findings), show_all)
