"""`planwatch report-file`: a progress or mid-term report straight from a plan file and an actuals CSV."""

from __future__ import annotations

import json
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from planwatch.cli.app import app
from planwatch.errors import DocumentError, PlanWatchError
from planwatch.extract.model import PlanExtraction


def load_plan(path: Path) -> PlanExtraction:
    """A plan model from an extraction/gold JSON file, or by extracting a plan document."""
    if path.suffix.lower() == ".json":
        try:
            return PlanExtraction.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except OSError as exc:
            raise DocumentError(str(path), f"cannot read: {exc.strerror}") from exc
        except (ValueError, TypeError, KeyError) as exc:
            raise DocumentError(str(path), f"not a plan extraction JSON: {exc}") from exc
    from planwatch.documents import load_document
    from planwatch.extract import extract_plan

    return extract_plan(load_document(path))


@app.command("report-file")
def report_file(
    document: Path = typer.Argument(..., help="plan document, or its extraction .json"),
    actuals: Path | None = typer.Option(None, "--actuals", help="CSV of actual values (indicator, scope, year, value, comparator, unit, source_url, quote, note)"),
    kind: str = typer.Option("progress", "--kind", help="progress | midterm"),
    as_of: str = typer.Option(..., "--as-of", help="report date, YYYY-MM-DD"),
    fmt: str = typer.Option("docx", "--format", help="docx | pdf | html"),
    out: Path = typer.Option(..., "--out", help="output file"),
    issuer: str = typer.Option("（编制单位）", "--issuer", help="name of the issuing unit, e.g. 市发展和改革委员会"),
    audit: bool = typer.Option(True, "--audit/--no-audit", help="check the plan's arithmetic and list the findings"),
    method: str = typer.Option("cn", "--method", help="assessment method: cn (时间过半、任务过半) | statcan"),
    mapping: Path | None = typer.Option(None, "--mapping", help="confirmed mappings CSV (地区, 指标, 口径, 规划指标), as on the mapping screen"),
    region: str = typer.Option("", "--region", help="the plan's region (default: suggested from the title)"),
    data_region: str = typer.Option("", "--data-region", help="region of the actual values (default: the plan's); another region's figures are not used"),
    year: int | None = typer.Option(None, "--year", help="the year of an annual plan or work report whose text does not state it (its 全年 targets are for that year)"),
) -> None:
    """Write a progress (进展) or mid-term evaluation (中期评估) report. 生成规划实施进展/中期评估报告。"""
    try:
        when = date.fromisoformat(as_of)
    except ValueError as exc:
        raise PlanWatchError(f"--as-of must be a date YYYY-MM-DD, not {as_of!r}") from exc
    if method not in ("cn", "statcan"):
        raise PlanWatchError(f"--method must be cn or statcan, not {method!r}")
    if kind not in ("progress", "midterm"):
        raise PlanWatchError(f"--kind must be progress or midterm, not {kind!r}")
    from planwatch.reports.generate import write_report

    content = report_file_content(document, actuals, kind, when, issuer, audit=audit, method=method,
                                  mapping=mapping, region=region, data_region=data_region, year=year)
    written = write_report(content, fmt, out)
    console = Console()
    console.print(f"[green]已生成 written:[/] {written}")
    console.print(content.summary, highlight=False)


def read_aliases(path: Path) -> dict[tuple[str, str], str]:
    """(published name, 口径) → plan indicator name from a mapping CSV (rows without one are skipped)."""
    import csv

    try:
        rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    except OSError as exc:
        raise DocumentError(str(path), f"cannot read: {exc.strerror}") from exc
    if rows and not {"指标", "规划指标"} <= set(rows[0]):
        raise DocumentError(str(path), "mapping CSV needs the columns 指标, 口径, 规划指标")
    return {((r.get("指标") or "").strip(), (r.get("口径") or "").strip()): (r.get("规划指标") or "").strip()
            for r in rows if (r.get("规划指标") or "").strip()}


def report_file_content(document: Path, actuals: Path | None, kind: str, when: date, issuer: str, *,
                        audit: bool = True, method: str = "cn", mapping: Path | None = None,
                        region: str = "", data_region: str = "", year: int | None = None) -> Any:
    """The report content ``planwatch report-file`` writes: the plan file, the actuals file and the
    one verdict (``planwatch.reports.assessment.file_verdicts``) of each target."""
    from planwatch.audit import audit_plans
    from planwatch.reports.actuals import read_actuals_csv
    from planwatch.reports.assessment import assess_target, file_verdicts, verdict_assessor
    from planwatch.reports.build import ReportInputs, build_report
    from planwatch.reports.doubts import findings_from_audit

    plan = load_plan(document)
    if year is not None and plan.period is None:
        plan.period = (year, year)  # an annual plan of that year, as the office sets it in review
    observations = read_actuals_csv(actuals) if actuals else []
    findings = findings_from_audit(audit_plans([plan])) if audit else []
    assessor: Any
    if method == "statcan":
        assessor = partial(assess_target, method="statcan")
    else:
        aliases = read_aliases(mapping) if mapping else {}
        # the verdicts' doubts read the plan-text audit whether or not the report lists its findings
        assessor = verdict_assessor(file_verdicts(plan, observations, when, aliases, region, data_region,
                                                  findings=findings if audit else None))
    return build_report(ReportInputs(plan, observations, findings=findings), kind=kind,  # type: ignore[arg-type]
                        as_of=when, issuer=issuer, assessor=assessor)
