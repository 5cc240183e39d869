"""Write a stored plan's progress or mid-term report: the CLI and the download view call this.

``generate_report(plan, kind, as_of, fmt, out)`` reads the store (``inputs.report_inputs_from_db``),
builds the content with ``planwatch.reports.build_report`` and writes .docx / .html / .pdf.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from planwatch.errors import PlanWatchError
from planwatch.reports.build import build_report
from planwatch.reports.content import ReportContent
from planwatch.reports.generate import write_report
from planwatch.web.accounts.models import ROLE_ADMIN, Membership
from planwatch.web.plans.models import Plan
from planwatch.web.reports.inputs import report_inputs_from_db
from planwatch.web.reports.models import ReportDraft
from planwatch.web.reports.options import ascii_file_name, parse_format, parse_kind

DEFAULT_ISSUER = "（编制单位）"


def find_plan(ident: str | int) -> Plan:
    """A plan by its database id (plans have no other code in the store)."""
    text = str(ident).strip()
    if not text.isdigit():
        raise PlanWatchError(f"规划编号应为数字 / the plan id must be a number, not {text!r}")
    plan = Plan.objects.select_related("current_version").filter(pk=int(text)).first()
    if plan is None:
        raise PlanWatchError(f"没有编号为 {text} 的规划 / no plan with id {text}")
    return plan


def default_issuer() -> str:
    """The planning office's unit (that of the first office admin with a unit), as the issuer."""
    m = (Membership.objects.filter(role=ROLE_ADMIN, unit__isnull=False).select_related("unit")
         .order_by("id").first())
    return m.unit.name if m is not None and m.unit is not None else DEFAULT_ISSUER


@dataclass
class GeneratedReport:
    path: Path
    content: ReportContent


def latest_draft(plan: Plan, kind: str) -> ReportDraft | None:
    """The office's latest saved text of this kind of report, if any."""
    return ReportDraft.objects.filter(plan=plan, kind=kind).order_by("-number").first()


def build_content(plan: Plan, kind: str, as_of: date, issuer: str | None = None) -> ReportContent:
    """The report content, with the office's latest saved narrative, 主送机关 and 成文日期."""
    inputs = report_inputs_from_db(plan, as_of)
    draft = latest_draft(plan, parse_kind(kind))
    return build_report(inputs, kind=kind, as_of=as_of, issuer=issuer or default_issuer(),  # type: ignore[arg-type]
                        recipient=draft.recipient if draft else "",
                        issued_on=draft.issued_on if draft else None,
                        narrative=draft.narrative() if draft else None)


def generate_report(plan: Plan, kind: str, as_of: date, fmt: str, out: str | Path,
                    issuer: str | None = None) -> GeneratedReport:
    """Write the report of ``plan`` to ``out``."""
    parse_kind(kind)
    parse_format(fmt)
    content = build_content(plan, kind, as_of, issuer)
    return GeneratedReport(write_report(content, fmt, out), content)


def report_bytes(plan: Plan, kind: str, as_of: date, fmt: str, issuer: str | None = None) -> bytes:
    """The report file's bytes (the download view streams these)."""
    with tempfile.TemporaryDirectory(prefix="planwatch-report-") as tmp:
        done = generate_report(plan, kind, as_of, fmt, Path(tmp) / ascii_file_name(plan.pk, kind, as_of, fmt), issuer)
        return done.path.read_bytes()
