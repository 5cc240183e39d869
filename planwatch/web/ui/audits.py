"""Audit findings of stored plan versions, computed by ``planwatch.audit`` and cached in ``AuditRun``.

The extraction the version stores is audited together with its text (rules read the words before a
quote). The records a finding names are mapped back to stored rows by their offsets, so the pages
can link a finding to the highlight in the plan reader.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from planwatch.audit import audit_plans
from planwatch.extract.model import PlanExtraction
from planwatch.web.plans.models import PlanVersion
from planwatch.web.ui.models import AuditRun


def _sha(version: PlanVersion) -> str:
    """Fingerprint of what the audit reads: the live records (corrections included) and the text."""
    payload = json.dumps(version.extraction, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256((payload + version.text_sha256).encode()).hexdigest()


def current_extraction(version: PlanVersion) -> PlanExtraction:
    """The version's extraction with the office's review applied (rejected records left out,
    corrected values used) — what the plan now says."""
    base = dict(version.extraction)
    base["targets"] = [
        {"quote": t.quote, "start": t.start, "end": t.end, "indicator": t.indicator_text, "kind": t.kind,
         "value": t.value, "value_high": t.value_high, "unit": t.unit, "comparator": t.comparator,
         "target_year": t.target_year, "annual": t.annual, "baseline_value": t.baseline_value,
         "baseline_year": t.baseline_year, "section": ""}
        for t in version.targets.exclude(review_state="rejected")]
    base["facts"] = [
        {"quote": f.quote, "start": f.start, "end": f.end, "indicator": f.indicator_text, "kind": f.kind,
         "value": f.value, "value_high": f.value_high, "unit": f.unit, "year": f.year,
         "period": [f.period_start, f.period_end] if f.period_start and f.period_end else None, "section": ""}
        for f in version.facts.exclude(review_state="rejected")]
    base.setdefault("doc", version.doc_name)
    base["doc"] = base.get("doc") or version.doc_name
    return PlanExtraction.from_dict(base)


def run_audit(version: PlanVersion) -> AuditRun:
    """Audit one version now and store the result."""
    ex = current_extraction(version)
    findings = [f.to_dict() for f in audit_plans([ex], texts={ex.doc: version.text})]
    sha = hashlib.sha256(f"{_sha(version)}|{len(ex.targets)}|{len(ex.facts)}".encode()).hexdigest()
    run, _ = AuditRun.objects.update_or_create(
        version=version,
        defaults={"extraction_sha": sha, "findings": findings,
                  "errors": sum(1 for f in findings if f["severity"] == "error"),
                  "warnings": sum(1 for f in findings if f["severity"] == "warning")})
    return run


def audit_of(version: PlanVersion) -> AuditRun:
    """The stored audit of a version, computed on first use."""
    run = AuditRun.objects.filter(version=version).first()
    return run if run is not None else run_audit(version)


def ensure_audits(versions: list[PlanVersion]) -> dict[int, AuditRun]:
    """Audits of several versions in one query, computing only the missing ones."""
    runs = {r.version_id: r for r in AuditRun.objects.filter(version__in=versions)}
    for v in versions:
        if v.pk not in runs:
            runs[v.pk] = run_audit(v)
    return runs


def record_links(version: PlanVersion, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each finding's records with the stored row they are (``kind`` and ``id``) for links."""
    targets = {(t.start, t.quote): t.pk for t in version.targets.only("id", "version", "start", "quote")}
    facts = {(f.start, f.quote): f.pk for f in version.facts.only("id", "version", "start", "quote")}
    out = []
    for f in findings:
        recs = []
        for r in f.get("records", []):
            table = targets if r.get("record") == "target" else facts
            recs.append({**r, "kind": r.get("record"), "id": table.get((r.get("start"), r.get("quote")))})
        out.append({**f, "records": recs})
    return out
