"""Audit a plan's numbers: do its targets and facts agree with each other and with other plans
of the same place? One module per rule; :func:`audit_plans` runs them all."""

from planwatch.audit.findings import Finding, RecordRef, Severity
from planwatch.audit.runner import RULES, audit_plans

__all__ = ["RULES", "Finding", "RecordRef", "Severity", "audit_plans"]
