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
from planwatch.web.reports.inputs import db_assessor, report_inputs_from_db
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


def build_content(plan: Plan, kind: str, as_of: date, issuer: str | None = None) -> ReportContent:
    inputs = report_inputs_from_db(plan, as_of)
    return build_report(inputs, kind=parse_kind(kind), as_of=as_of, issuer=issuer or default_issuer(),  # type: ignore[arg-type]
                        assessor=db_assessor(plan, inputs.plan, as_of))


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
