"""Extraction review: the planning office corrects, adds or rejects records of a version in review,
then approves it; the version goes live and the ledger is carried over from the previous version.

Corrections are kept as ``ReviewCorrection`` rows (what the machine said, what the office decided).
Approval never drops anything linked: a ledger task or a target assignment whose record vanished in
the new version stays attached to the old record and is flagged / listed in the diff.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from planwatch.web.accounts.permissions import can_edit_plans, require
from planwatch.web.errors import InvalidInput, WorkflowError
from planwatch.web.history.recorder import record_action, snapshot
from planwatch.web.ledger.models import LedgerTask, TargetAssignment
from planwatch.web.plans.diff import diff_versions
from planwatch.web.plans.ingest import get_indicator, locate, target_key, task_key
from planwatch.web.plans.models import Fact, PlanTask, PlanVersion, Project, ReviewCorrection, Section, Target

EDITABLE = {
    "target": ("indicator_text", "kind", "value", "value_high", "unit", "comparator", "target_year", "annual",
               "baseline_value", "baseline_year", "binding", "quote", "parent_target_id"),
    "fact": ("indicator_text", "kind", "value", "value_high", "unit", "year", "quote"),
    "task": ("title", "parent_title", "deadline_year", "responsible", "quote"),
    "project": ("name", "group", "planned_investment", "completed_investment", "quote"),
}
MODELS: dict[str, type[models.Model]] = {"target": Target, "fact": Fact, "task": PlanTask, "project": Project}


def record_type(rec: models.Model) -> str:
    for name, m in MODELS.items():
        if isinstance(rec, m):
            return name
    raise InvalidInput(f"不可审核的记录 not a reviewable record: {rec!r}")


def _check_open(user: Any, version: PlanVersion) -> None:
    require(can_edit_plans(user))
    version.refresh_from_db(fields=["status"])
    if version.status != "review":
        raise WorkflowError(f"版本 {version.number} 不在审核中 version is {version.status}, not in review")


def _rekey(rtype: str, rec: Any) -> None:
    if rtype == "target":
        rec.key = target_key(rec.indicator_text, rec.kind, rec.target_year, rec.annual)
    elif rtype == "task":
        rec.key = task_key(rec.title)
    elif rtype == "project":
        rec.key = task_key(rec.name)


@transaction.atomic
def correct_record(user: Any, rec: Any, changes: dict[str, Any], comment: str = "") -> Any:
    rtype = record_type(rec)
    _check_open(user, rec.version)
    bad = sorted(set(changes) - set(EDITABLE[rtype]))
    if bad:
        raise InvalidInput(f"不可修改的字段 fields not editable: {', '.join(bad)}")
    before = snapshot(rec)
    for k, v in changes.items():
        setattr(rec, k, v)
    if {"indicator_text", "unit", "kind"} & set(changes) and rtype in ("target", "fact"):
        rec.indicator = get_indicator(rec.indicator_text, rec.unit, getattr(rec, "comparator", "="), rec.kind,
                                      rec.version.plan.region)
    if "quote" in changes:
        rec.start, rec.end = locate(rec.version.text, rec.quote, -1, -1)
        if rec.start < 0:
            raise InvalidInput("引文不在文档中 the quote is not in the document text")
    _rekey(rtype, rec)
    if rec.review_state != "added":
        rec.review_state = "corrected"
    rec.save()
    after = snapshot(rec)
    ReviewCorrection.objects.create(
        version=rec.version, record_type=rtype, record_id=rec.pk, action="correct", comment=comment, by=user,
        before={k: before[k] for k in after if before.get(k) != after[k]},
        after={k: after[k] for k in after if before.get(k) != after[k]})
    return rec


@transaction.atomic
def set_review_state(user: Any, rec: Any, state: str, comment: str = "") -> Any:
    """Accept or reject one record."""
    if state not in ("accepted", "rejected"):
        raise InvalidInput(f"未知审核状态 unknown review state: {state}")
    rtype = record_type(rec)
    _check_open(user, rec.version)
    old = rec.review_state
    rec.review_state = state
    rec.save(update_fields=["review_state"])
    ReviewCorrection.objects.create(version=rec.version, record_type=rtype, record_id=rec.pk,
                                    action="accept" if state == "accepted" else "reject",
                                    before={"review_state": old}, after={"review_state": state},
                                    comment=comment, by=user)
    return rec


@transaction.atomic
def add_record(user: Any, version: PlanVersion, rtype: str, fields: dict[str, Any], comment: str = "") -> Any:
    """A record the extractor missed, added by hand (its quote must be in the text)."""
    _check_open(user, version)
    if rtype not in MODELS:
        raise InvalidInput(f"未知记录类型 unknown record type: {rtype}")
    bad = sorted(set(fields) - set(EDITABLE[rtype]) - {"section"})
    if bad:
        raise InvalidInput(f"不可设置的字段 fields not settable: {', '.join(bad)}")
    quote = fields.get("quote") or ""
    start, end = locate(version.text, quote, -1, -1)
    if start < 0:
        raise InvalidInput("引文不在文档中 the quote is not in the document text")
    data = {k: v for k, v in fields.items() if k != "section"}
    model = MODELS[rtype]
    rec = model(version=version, start=start, end=end, review_state="added", **data)
    if fields.get("section"):
        rec.section = Section.objects.get_or_create(version=version, path=str(fields["section"])[:300],
                                                    defaults={"order": version.sections.count()})[0]
    if rtype in ("target", "fact"):
        if not rec.indicator_text:
            raise InvalidInput("缺少指标 indicator_text is required")
        rec.indicator = get_indicator(rec.indicator_text, rec.unit, getattr(rec, "comparator", "="), rec.kind,
                                      version.plan.region)
    if rtype == "fact":
        rec.key = f"{rec.indicator.key}|{rec.kind}|{rec.year or ''}"
    _rekey(rtype, rec)
    try:
        rec.full_clean(exclude=["section", "indicator", "parent_target"])
    except Exception as exc:
        raise InvalidInput(f"记录无效 invalid record: {exc}") from exc
    rec.save()
    ReviewCorrection.objects.create(version=version, record_type=rtype, record_id=rec.pk, action="add",
                                    after=snapshot(rec), comment=comment, by=user)
    return rec


def _carry_over(old: PlanVersion, new: PlanVersion) -> dict[str, int]:
    """Move ledger links from the old version's records to their matches in the new version."""
    counts = {"relinked_tasks": 0, "flagged_tasks": 0, "relinked_assignments": 0, "relinked_children": 0}
    new_tasks = {t.key: t for t in new.plantasks.exclude(review_state="rejected")}
    for lt in LedgerTask.objects.filter(plan_task__version=old).select_related("plan_task"):
        match = new_tasks.get(lt.plan_task.key)
        if match is not None:
            lt.plan_task = match
            lt.source_removed = False
            counts["relinked_tasks"] += 1
        else:
            lt.source_removed = True
            counts["flagged_tasks"] += 1
        lt.save()
    new_targets = {t.key: t for t in new.targets.exclude(review_state="rejected")}
    for a in TargetAssignment.objects.filter(target__version=old).select_related("target"):
        match = new_targets.get(a.target.key)
        if match is not None and not TargetAssignment.objects.filter(target=match, unit_id=a.unit_id).exists():
            a.target = match
            a.save()
            counts["relinked_assignments"] += 1
    for child in Target.objects.filter(parent_target__version=old).select_related("parent_target"):
        match = new_targets.get(child.parent_target.key)
        if match is not None:
            child.parent_target = match
            child.save()
            counts["relinked_children"] += 1
    return counts


@transaction.atomic
def approve_version(user: Any, version: PlanVersion, comment: str = "") -> dict[str, Any]:
    """Make a reviewed version live. Pending records count as accepted; rejected ones stay out."""
    _check_open(user, version)
    plan = version.plan
    old = plan.current_version
    report: dict[str, Any] = {}
    if old is not None and old.pk != version.pk:
        version.diff = diff_versions(old, version)
        report = _carry_over(old, version)
        old.status = "superseded"
        old.save(update_fields=["status"])
    for model in MODELS.values():
        model.objects.filter(version=version, review_state="pending").update(review_state="accepted")
    version.status = "live"
    version.approved_at = timezone.now()
    version.save()
    plan.current_version = version
    plan.save()
    record_action(version, "approve_version", comment, **report)
    return {"diff": version.diff, **report}


@transaction.atomic
def discard_version(user: Any, version: PlanVersion, comment: str = "") -> None:
    _check_open(user, version)
    version.status = "discarded"
    version.save()
    record_action(version, "discard_version", comment)


@transaction.atomic
def link_target(user: Any, target: Target, parent: Target | None) -> Target:
    """Plan cascade: link a target to the higher-level plan's target it serves."""
    require(can_edit_plans(user))
    if parent is not None:
        if parent.version.plan_id == target.version.plan_id:
            raise InvalidInput("上级目标须属于另一规划 the parent target must belong to another plan")
        node: Target | None = parent
        while node is not None:
            if node.pk == target.pk:
                raise InvalidInput("目标链接成环 the link would make a cycle")
            node = node.parent_target
    target.parent_target = parent
    target.save()
    return target


PLAN_DETAILS = ("title", "issuing_body", "document_number", "period_start", "period_end", "region")


@transaction.atomic
def set_plan_details(user: Any, plan: Any, changes: dict[str, Any]) -> Any:
    """Correct a plan's title, issuing body, document number, period or region (during review).

    A new region moves the records of every version onto that region's indicators, so nothing of
    the plan stays attached to another place's series."""
    from planwatch.web.data.regions import get_region

    require(can_edit_plans(user), "只有规划处可以修改规划信息 only the planning office edits plans")
    bad = sorted(set(changes) - set(PLAN_DETAILS))
    if bad:
        raise InvalidInput(f"不可修改的字段 fields not editable: {', '.join(bad)}")
    if "title" in changes and not str(changes["title"] or "").strip():
        raise InvalidInput("规划标题为空 the plan has no title")
    start = changes.get("period_start", plan.period_start)
    end = changes.get("period_end", plan.period_end)
    if start and end and start > end:
        raise InvalidInput("规划期起年晚于止年 the period starts after it ends")
    region = changes.pop("region", None)
    for k, v in changes.items():
        setattr(plan, k, v.strip() if isinstance(v, str) else v)
    moved = region is not None and str(region).strip() and (plan.region is None or plan.region.name != region.strip())
    if moved:
        plan.region = get_region(str(region))
    plan.save()
    if moved:
        for model in (Target, Fact):
            for rec in model.objects.filter(version__plan=plan):
                rec.indicator = get_indicator(rec.indicator_text, rec.unit, getattr(rec, "comparator", "="), rec.kind,
                                              plan.region)
                rec.save(update_fields=["indicator"])
    return plan
