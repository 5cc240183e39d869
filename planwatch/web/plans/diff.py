"""Differences between two versions of a plan: added / removed / changed targets and tasks.

Records are matched by ``key`` (normalised indicator + kind + year for targets, normalised title
for tasks), so a reworded quote with the same number is "unchanged" and a new number is "changed".
"""

from __future__ import annotations

from typing import Any

from planwatch.web.plans.models import PlanTask, PlanVersion, Target

TARGET_FIELDS = ("value", "value_high", "unit", "comparator", "target_year", "annual", "kind")
TASK_FIELDS = ("deadline_year", "responsible", "parent_title")


def _live(qs: Any) -> Any:
    return qs.exclude(review_state="rejected")


def _summary(rec: Any) -> dict[str, Any]:
    label = rec.title if isinstance(rec, PlanTask) else str(rec)
    return {"id": rec.pk, "key": rec.key, "label": label, "quote": rec.quote}


def _is_linked(rec: Any) -> bool:
    if isinstance(rec, Target):
        return rec.assignments.exists() or rec.child_targets.exists()
    return rec.ledger_tasks.exists()


def _diff(old_qs: Any, new_qs: Any, fields: tuple[str, ...]) -> dict[str, list[dict[str, Any]]]:
    old = {r.key: r for r in _live(old_qs)}
    new = {r.key: r for r in _live(new_qs)}
    added = [_summary(new[k]) for k in new if k not in old]
    removed = []
    for k in old:
        if k not in new:
            item = _summary(old[k])
            item["linked"] = _is_linked(old[k])
            removed.append(item)
    changed = []
    for k in new:
        if k in old:
            before = {f: getattr(old[k], f) for f in fields}
            after = {f: getattr(new[k], f) for f in fields}
            if before != after:
                changed.append({**_summary(new[k]), "old_id": old[k].pk,
                                "before": {f: v for f, v in before.items() if after[f] != v},
                                "after": {f: v for f, v in after.items() if before[f] != v}})
    return {"added": added, "removed": removed, "changed": changed}


def diff_versions(old: PlanVersion, new: PlanVersion) -> dict[str, Any]:
    targets = _diff(old.targets.all(), new.targets.all(), TARGET_FIELDS)
    tasks = _diff(old.plantasks.all(), new.plantasks.all(), TASK_FIELDS)
    linked = [i for i in targets["removed"] + tasks["removed"] if i["linked"]]
    return {"from": old.number, "to": new.number, "targets": targets, "tasks": tasks,
            "linked_removed": linked}
