"""``planwatch eval GOLD_DIR DOC...``: score extraction against gold annotations.

Predictions come from ``--pred-dir/<stem>.json`` or, without it, from running the extractor.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from planwatch.cli.app import app
from planwatch.documents import Document, load_document
from planwatch.errors import DocumentError, PlanWatchError
from planwatch.evaluation import RECORD_TYPES, aggregate, score

# Accuracy columns of the table; "year" is target_year_acc for targets and year_acc for facts.
_ACCURACY_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kind", ("kind_acc",)),
    ("ind", ("indicator_char_f1",)),
    ("year", ("target_year_acc", "year_acc")),
    ("cmp", ("comparator_acc",)),
    ("base", ("baseline_acc",)),
)


def read_json(path: Path, what: str) -> dict[str, Any]:
    """A JSON object from ``path``; a missing or malformed file is a one-line error."""
    if not path.is_file():
        raise DocumentError(str(path), f"找不到{what}文件 {what} file not found")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DocumentError(str(path), f"{what}文件无法读取 cannot read {what} JSON ({exc})") from None
    if not isinstance(data, dict):
        raise DocumentError(str(path), f"{what}文件不是 JSON 对象 {what} file is not a JSON object")
    return data


def predict(doc: Document) -> dict[str, Any]:
    """Run the extractor on ``doc`` (imported only when needed: scoring files does not need it)."""
    module = importlib.import_module("planwatch.extract")
    extract_plan = getattr(module, "extract_plan", None)
    if extract_plan is None:
        raise PlanWatchError("抽取引擎不可用 planwatch.extract.extract_plan is not available; use --pred-dir")
    result: dict[str, Any] = extract_plan(doc).to_dict()
    return result


def _row(key: str, res: dict[str, Any]) -> list[str]:
    cells = [key, f"{res['precision']:.3f}", f"{res['recall']:.3f}", f"{res['f1']:.3f}"]
    cells += [str(res["gold"]), str(res["pred"]), str(res["matched"])]
    for _, names in _ACCURACY_COLUMNS:
        value = next((res[n] for n in names if n in res), None)
        cells.append("" if value is None else f"{value:.3f}")
    return cells


def render(per_doc: dict[str, dict[str, Any]], overall: dict[str, Any], console: Console) -> None:
    """One table per document, then the micro-averaged total when there are several."""
    tables = list(per_doc.items())
    if len(per_doc) > 1:
        tables.append(("总计 overall (micro)", overall))
    for name, result in tables:
        table = Table(title=name, box=box.SIMPLE_HEAD, padding=(0, 0))
        table.add_column("type")
        for col in ("P", "R", "F1", "gold", "pred", "match"):
            table.add_column(col, justify="right")
        for col, _ in _ACCURACY_COLUMNS:
            table.add_column(col, justify="right")
        for key in RECORD_TYPES:
            table.add_row(*_row(key, result[key]))
        console.print(table)
    console.print(
        "kind/ind/year/cmp/base: 匹配项中类型、指标名字符F1、年份、比较符、基期值的准确率 (of matched pairs)"
    )


@app.command("eval")
def eval_command(
    gold_dir: Path = typer.Argument(..., help="金标准目录 directory of gold <doc stem>.json files"),
    docs: list[Path] = typer.Argument(..., help="文档 documents to score"),
    pred_dir: Path | None = typer.Option(
        None, "--pred-dir", help="预测目录 read predictions <stem>.json here"
    ),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON print JSON"),
    show_errors: int = typer.Option(
        0, "--show-errors", metavar="N", help="每类显示 N 条漏检/误检 show N misses"
    ),
) -> None:
    """评测抽取结果 Score extraction against gold annotations (P/R/F1 per record type)."""
    per_doc: dict[str, dict[str, Any]] = {}
    per_doc_errors: dict[str, dict[str, Any]] = {}
    for path in docs:
        doc = load_document(path)
        gold = read_json(gold_dir / f"{path.stem}.json", "gold")
        pred = read_json(pred_dir / f"{path.stem}.json", "prediction") if pred_dir else predict(doc)
        per_doc[doc.name], per_doc_errors[doc.name] = score(gold, pred, doc.text)
    overall = aggregate(list(per_doc.values()))
    console = Console()
    if as_json:
        out: dict[str, Any] = {"documents": per_doc, "overall": overall}
        if show_errors > 0:  # kept inside the JSON so the output stays one parseable object
            out["errors"] = {
                name: {
                    key: {label: err[label][:show_errors] for label in ("missed", "spurious")}
                    for key, err in errors.items()
                }
                for name, errors in per_doc_errors.items()
            }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    render(per_doc, overall, console)
    if show_errors > 0:
        for name, errors in per_doc_errors.items():
            for key, err in errors.items():
                for label in ("missed", "spurious"):
                    for rec in err[label][:show_errors]:
                        line = json.dumps(rec, ensure_ascii=False)[:200]
                        console.print(
                            f"{name} {key} {label}: {line}", markup=False, highlight=False, soft_wrap=True
                        )
