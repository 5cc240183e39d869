"""Ingest, versions and diff, review, observations with revisions, and the audit trail."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from planwatch.web.accounts.permissions import PermissionDenied
from planwatch.web.data.keys import indicator_key
from planwatch.web.data.models import Indicator, Observation
from planwatch.web.data.observations import record_observation
from planwatch.web.errors import InvalidInput, WorkflowError
from planwatch.web.history.context import acting_as
from planwatch.web.history.models import AuditEntry, AuditTrailIsReadOnly
from planwatch.web.history.recorder import history_of
from planwatch.web.ledger.models import LedgerTask, TargetAssignment
from planwatch.web.ledger.workflow import create_task
from planwatch.web.plans.ingest import ingest_extraction
from planwatch.web.plans.models import PlanTask, ReviewCorrection, Target
from planwatch.web.plans.review import add_record, approve_version, correct_record, set_review_state
from tests.web.conftest import gold


def test_indicator_key_folds_typography_not_scope() -> None:
    assert indicator_key("工业 增加值") == indicator_key("工业增加值")
    assert indicator_key("ＧＤＰ（亿元）") == indicator_key("gdp(亿元)")
    assert indicator_key("规模以上工业增加值") != indicator_key("工业增加值")


def test_ingest_gold_keeps_quotes_and_offsets(org: dict[str, Any]) -> None:
    data, text = gold("harbin-industry-2006-2010")
    v = ingest_extraction(data, text, doc_name=data["doc"])
    assert v.number == 1 and v.status == "review"
    assert v.plan.title == data["title"] and v.plan.period_start == 2006
    assert v.targets.count() == len(data["targets"])
    assert v.facts.count() == len(data["facts"])
    assert v.plantasks.count() == len(data["tasks"])
    located = 0
    for t in list(v.targets.all()) + list(v.facts.all()) + list(v.plantasks.all()):
        if t.start >= 0:
            located += 1
            assert v.text[t.start:t.end] == t.quote
    assert located >= 0.9 * (len(data["targets"]) + len(data["facts"]) + len(data["tasks"]))
    # sections come from the records' section paths
    assert v.sections.filter(path=data["targets"][0]["section"]).exists()
    # the growth target and the level target of one indicator are two related series of one measure
    level, growth = (v.targets.get(indicator_text=data["targets"][0]["indicator"], kind=k).indicator
                     for k in ("level", "growth"))
    assert level != growth and (level.region, level.measure) == (growth.region, growth.measure)
    assert (level.dimension, growth.dimension) == ("money:CNY", "growth")


def test_reingest_makes_version_with_diff_and_keeps_links(org: dict[str, Any]) -> None:
    admin = org["users"]["admin"]
    data, text = gold("harbin-industry-2006-2010")
    v1 = ingest_extraction(data, text)
    approve_version(admin, v1)
    t0 = v1.targets.get(key__startswith=indicator_key(data["targets"][0]["indicator"]) + "|level")
    TargetAssignment.objects.create(target=t0, unit=org["units"]["ind"], value=500)
    removed_task = v1.plantasks.order_by("id").last()
    kept_task = v1.plantasks.order_by("id").first()
    lt_removed = create_task(admin, title="A", lead_unit=org["units"]["ind"], plan=v1.plan, plan_task=removed_task)
    lt_kept = create_task(admin, title="B", lead_unit=org["units"]["ind"], plan=v1.plan, plan_task=kept_task)

    revised = copy.deepcopy(data)
    revised["targets"][0]["value"] = 1100  # changed number
    revised["targets"].append({**revised["targets"][1], "indicator": "新指标", "quote": revised["targets"][1]["quote"]})
    revised["tasks"] = [t for t in revised["tasks"] if t["title"] != removed_task.title]
    v2 = ingest_extraction(revised, text)
    assert v2.plan_id == v1.plan_id and v2.number == 2 and v2.status == "review"
    assert v2.diff is not None
    changed = v2.diff["targets"]["changed"]
    assert any(c["before"] == {"value": 1050} and c["after"] == {"value": 1100} for c in changed)
    assert [a["label"].split(" ")[0] for a in v2.diff["targets"]["added"]] == ["新指标"]
    assert [r["id"] for r in v2.diff["tasks"]["removed"]] == [removed_task.pk]
    assert v2.diff["linked_removed"][0]["id"] == removed_task.pk  # flagged: linked to the ledger

    report = approve_version(admin, v2)
    assert report["relinked_tasks"] == 1 and report["flagged_tasks"] == 1
    lt_removed.refresh_from_db()
    lt_kept.refresh_from_db()
    assert lt_removed.plan_task_id == removed_task.pk and lt_removed.source_removed  # not dropped
    assert lt_kept.plan_task.version_id == v2.pk and not lt_kept.source_removed
    assert TargetAssignment.objects.get(unit=org["units"]["ind"]).target.version_id == v2.pk
    v1.refresh_from_db()
    assert v1.status == "superseded" and v1.targets.count() == len(data["targets"])  # v1 untouched


def test_review_corrections_are_kept_and_rejections_excluded(org: dict[str, Any]) -> None:
    admin, viewer = org["users"]["admin"], org["users"]["viewer"]
    data, text = gold("harbin-nonpublic-economy-2006-2010")
    v = ingest_extraction(data, text)
    t = v.targets.order_by("id").first()
    correct_record(admin, t, {"value": 1600.0}, comment="原文为1600")
    corr = ReviewCorrection.objects.get(record_id=t.pk, action="correct")
    assert corr.before == {"value": float(data["targets"][0]["value"]), "review_state": "pending"}
    assert corr.after == {"value": 1600.0, "review_state": "corrected"}
    t.refresh_from_db()
    assert t.review_state == "corrected"
    bad = v.targets.order_by("id")[1]
    set_review_state(admin, bad, "rejected", "不是目标")
    with pytest.raises(InvalidInput):
        add_record(admin, v, "task", {"title": "x", "quote": "这句话不在文档里面"})
    added = add_record(admin, v, "task", {"title": "手工任务", "quote": text[100:130]})
    assert added.review_state == "added" and text[added.start:added.end] == added.quote
    with pytest.raises(PermissionDenied):
        correct_record(viewer, t, {"value": 1.0})
    approve_version(admin, v)
    assert not Target.objects.filter(version=v, review_state="pending").exists()
    with pytest.raises(WorkflowError):  # live versions are not edited in review any more
        correct_record(admin, t, {"value": 1.0})
    assert PlanTask.objects.filter(pk=added.pk).exists()


def test_observation_revisions_never_overwrite(org: dict[str, Any]) -> None:
    admin, reporter = org["users"]["admin"], org["users"]["reporter"]
    ind = Indicator.objects.create(key="gdp", name="地区生产总值", unit="亿元", responsible_unit=org["units"]["ind"])
    other = Indicator.objects.create(key="x", name="其他", unit="亿元", responsible_unit=org["units"]["zone"])
    obs, changed = record_observation(reporter, ind, 2008, 2800, source="工作报告", status="preliminary")
    assert changed and obs.revision == 1
    assert record_observation(reporter, ind, 2008, 2800, source="工作报告")[1] is False
    with pytest.raises(InvalidInput, match="reason"):
        record_observation(reporter, ind, 2008, 2814.5, source="统计公报", status="final")
    obs, _ = record_observation(admin, ind, 2008, 2814.5, source="统计公报", status="final", reason="公报终值")
    assert obs.revision == 2 and obs.value == 2814.5
    revs = list(obs.revisions.values_list("number", "value", "status", "source"))
    assert revs == [(1, 2800.0, "preliminary", "工作报告"), (2, 2814.5, "final", "统计公报")]
    with pytest.raises(PermissionDenied):
        record_observation(reporter, other, 2008, 1.0)
    with pytest.raises(InvalidInput):
        record_observation(admin, ind, 2009, float("nan"))
    assert Observation.objects.count() == 1


def test_audit_trail_records_who_and_before_after_and_is_read_only(org: dict[str, Any]) -> None:
    admin = org["users"]["admin"]
    with acting_as(admin):
        task = create_task(admin, title="建设工业园", lead_unit=org["units"]["ind"])
        task.title = "建设工业园区"
        task.save()
    entries = list(history_of(task).order_by("id"))
    assert entries[0].action == "create" and entries[0].actor == admin
    upd = next(e for e in entries if e.action == "update")
    assert upd.before == {"title": "建设工业园"} and upd.after["title"] == "建设工业园区"
    assert upd.actor_name == "office"
    e = entries[0]
    e.comment = "tamper"
    with pytest.raises(AuditTrailIsReadOnly):
        e.save()
    with pytest.raises(AuditTrailIsReadOnly):
        e.delete()
    with pytest.raises(AuditTrailIsReadOnly):
        AuditEntry.objects.all().delete()
    with pytest.raises(AuditTrailIsReadOnly):
        AuditEntry.objects.filter(pk=e.pk).update(comment="x")
    pk = task.pk
    with acting_as(admin):
        LedgerTask.objects.get(pk=pk).delete()
    gone = AuditEntry.objects.get(model="ledger.ledgertask", object_id=str(pk), action="delete")
    assert gone.before["title"] == "建设工业园区" and gone.after is None


def test_trail_covers_m2m_users_and_redacts_secrets(org: dict[str, Any]) -> None:
    admin = org["users"]["admin"]
    with acting_as(admin):
        task = create_task(admin, title="带配合单位的任务", lead_unit=org["units"]["ind"],
                           supporting_units=[org["units"]["zone"]])
        task.supporting_units.set([org["units"]["zone_sub"]])
    m2m = [e for e in history_of(task).order_by("id") if e.action == "update" and "supporting_units" in (e.after or {})]
    assert m2m[0].after == {"supporting_units": [org["units"]["zone"].pk]}
    # set() = remove then add: both steps are in the trail
    assert any(e.before == {"supporting_units": [org["units"]["zone"].pk]} and e.after == {"supporting_units": []}
               for e in m2m)
    assert m2m[-1].after == {"supporting_units": [org["units"]["zone_sub"].pk]}
    rep = org["users"]["reporter"]
    rep.set_password("new-secret-123")
    rep.save()
    e = history_of(rep).filter(action="update").first()
    assert "password" in e.after and "new-secret" not in str(e.after) and "pbkdf2" not in str(e.after)


def test_recorded_revision_cannot_be_rewritten(org: dict[str, Any]) -> None:
    ind = Indicator.objects.create(key="k", name="K")
    obs, _ = record_observation(org["users"]["admin"], ind, 2010, 1.0)
    rev = obs.revisions.get()
    rev.value = 2.0
    with pytest.raises(ValueError):
        rev.save()


def test_period_observations(org: dict[str, Any]) -> None:
    ind = Indicator.objects.create(key="p", name="年均增速", unit="%")
    admin = org["users"]["admin"]
    obs, _ = record_observation(admin, ind, 2005, 15.7, period="2001-2005")
    single, _ = record_observation(admin, ind, 2005, 12.0)
    assert obs.pk != single.pk  # a period figure and the year figure coexist
    for bad in ("2001-2004", "2005-2001", "十五"):
        with pytest.raises(InvalidInput):
            record_observation(admin, ind, 2005, 1.0, period=bad)
