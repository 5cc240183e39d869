"""Progress and mid-term evaluation reports (.docx per GB/T 9704-2012, .html, .pdf).

``build_report`` computes a ``ReportContent`` from plain inputs (plan model, actual values, task and
project progress, audit findings; statuses from ``planwatch.progress``); ``write_report`` lays it
out in one of the formats. Importing this package does not import matplotlib or python-docx.
"""

from planwatch.reports.assessment import Observation
from planwatch.reports.build import (
    ProjectProgress,
    ReportInputs,
    TaskStatus,
    build_report,
)
from planwatch.reports.content import ReportContent
from planwatch.reports.doubts import AuditFinding, findings_from_audit

__all__ = [
    "AuditFinding",
    "Observation",
    "ProjectProgress",
    "ReportContent",
    "ReportInputs",
    "TaskStatus",
    "build_report",
    "findings_from_audit",
]
