"""A small store for the web UI tests: a live published plan with an internal note, a draft plan,
a task of the reporter's unit already accepted, another unit's task, indicators with observations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planwatch.web.data.models import Indicator
from planwatch.web.data.observations import record_observation
from planwatch.web.history.context import acting_as
from planwatch.web.ledger import workflow as W
from planwatch.web.plans.ingest import ingest_extraction
from planwatch.web.plans.review import approve_version
from tests.web.conftest import gold

INTERNAL_PLAN_NOTE = "内部意见不得公开XYZ"
INTERNAL_TASK_NOTE = "任务内部备注QRS"

PLAN_TEXT = """测试市工业发展规划（2021—2025年）

一、发展目标
到2025年，全市规模以上工业增加值达到3000亿元，年均增长8%。<script>alert("plan")</script>
二、主要任务
（一）加快推进产业转型升级。实施技术改造工程，推动传统产业数字化。
"""


def build_world(org: dict[str, Any]) -> dict[str, Any]:
    us, un = org["users"], org["units"]
    data, text = gold("harbin-industry-2006-2010")
    live = ingest_extraction(data, text, doc_name=data["doc"])
    approve_version(us["admin"], live)
    plan = live.plan
    plan.published = True
    plan.internal_note = INTERNAL_PLAN_NOTE
    plan.save()
    draft_text = "某区招商引资规划（2021—2025年）\n到2025年，实际利用内资达到100亿元。\n"
    draft = ingest_extraction({"doc": "draft.txt", "title": "某区招商引资规划", "period": [2021, 2025], "targets": [
        {"quote": "实际利用内资达到100亿元", "start": -1, "end": -1, "indicator": "实际利用内资", "kind": "level",
         "value": 100, "value_high": None, "unit": "亿元", "comparator": "=", "target_year": 2025}],
        "facts": [], "tasks": [], "projects": []}, draft_text, doc_name="draft.txt")
    t_ind = W.create_task(us["admin"], title="推进工业技术改造", lead_unit=un["ind"], plan=plan,
                          deadline=dt.date(2000, 1, 1), internal_note=INTERNAL_TASK_NOTE)
    with acting_as(us["reporter"]):
        W.accept_task(us["reporter"], t_ind)
    t_zone = W.create_task(us["admin"], title="开发区招商任务", lead_unit=un["zone"], plan=plan,
                           deadline=dt.date(2099, 1, 1))
    target = live.targets.order_by("start", "id").first()
    ind = target.indicator
    ind.responsible_unit = un["ind"]
    ind.public = True
    ind.save()
    record_observation(us["admin"], ind, 2007, (target.value or 1) * 0.8, source="统计公报", note="内部说明")
    other = Indicator.objects.create(key="zone-only", name="开发区指标", responsible_unit=un["zone"])
    return {**org, "live": live, "plan": plan, "draft": draft, "t_ind": t_ind, "t_zone": t_zone,
            "target": target, "indicator": ind, "other_indicator": other}
