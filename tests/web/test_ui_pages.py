"""The browser application's pages through Django's test client: who may open what, the
approval flow, escaping, CSRF, uploads, the reader's links and query counts."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from planwatch.web.ledger.models import ProgressUpdate
from planwatch.web.plans.models import Plan, Target
from tests.web.ui_world import INTERNAL_PLAN_NOTE, INTERNAL_TASK_NOTE, PLAN_TEXT, build_world


@pytest.fixture
def world(org: dict[str, Any]) -> dict[str, Any]:
    return build_world(org)


def client_for(user: Any) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def page_urls(w: dict[str, Any]) -> dict[str, str]:
    return {
        "dashboard": reverse("ui:dashboard"), "plans": reverse("plans:plans"),
        "plan": reverse("plans:plan", args=[w["plan"].pk]), "reader": reverse("plans:reader", args=[w["plan"].pk]),
        "indicators": reverse("data:indicators"), "indicator": reverse("data:indicator", args=[w["indicator"].pk]),
        "ledger": reverse("ledger:ledger"), "export": reverse("ledger:ledger_export"),
        "task": reverse("ledger:task", args=[w["t_ind"].pk]), "audit": reverse("ui:audit"),
        "approvals": reverse("ledger:approvals"), "upload": reverse("plans:upload"), "import": reverse("data:import"),
        "review": reverse("plans:review", args=[w["draft"].pk]),
        "history": reverse("ui:history", args=["ledger.ledgertask", w["t_ind"].pk]),
        "portal": reverse("ui:portal"), "portal_plan": reverse("ui:portal_plan", args=[w["plan"].pk]),
    }


EXPECTED = {
    # page: (admin, reporter, leader, viewer)
    "dashboard": (200, 200, 200, 200), "plans": (200, 200, 200, 200), "plan": (200, 200, 200, 200),
    "reader": (200, 200, 200, 200), "indicators": (200, 200, 200, 200), "indicator": (200, 200, 200, 200),
    "ledger": (200, 200, 200, 200), "export": (200, 200, 200, 200), "task": (200, 200, 200, 200),
    "audit": (200, 403, 403, 200), "approvals": (403, 403, 200, 403), "upload": (200, 403, 403, 403),
    "import": (200, 200, 403, 403), "review": (200, 403, 403, 403), "history": (200, 200, 200, 200),
    "portal": (200, 200, 200, 200), "portal_plan": (200, 200, 200, 200),
}


def test_every_page_per_role(world: dict[str, Any]) -> None:
    urls = page_urls(world)
    roles = ("admin", "reporter", "leader", "viewer")
    for page, codes in EXPECTED.items():
        for role, code in zip(roles, codes, strict=True):
            r = client_for(world["users"][role]).get(urls[page])
            assert r.status_code == code, (page, role, r.status_code)


def test_anonymous_goes_to_login_except_portal(world: dict[str, Any]) -> None:
    c = Client()
    for page, url in page_urls(world).items():
        r = c.get(url)
        if page.startswith("portal"):
            assert r.status_code == 200
        else:
            assert r.status_code == 302 and r["Location"].startswith("/accounts/login/"), page
    assert c.get("/")["Location"] == reverse("ui:portal")


def test_objects_of_other_units_and_drafts_are_hidden(world: dict[str, Any]) -> None:
    rep = client_for(world["users"]["reporter"])
    assert rep.get(reverse("ledger:task", args=[world["t_zone"].pk])).status_code == 404
    assert rep.get(reverse("data:indicator", args=[world["other_indicator"].pk])).status_code == 404
    assert rep.get(reverse("data:observe", args=[world["other_indicator"].pk])).status_code == 404
    assert rep.get(reverse("ui:history", args=["ledger.ledgertask", world["t_zone"].pk])).status_code == 404
    pub = Client()
    assert pub.get(reverse("ui:portal_plan", args=[world["draft"].plan_id])).status_code == 404
    viewer = client_for(world["users"]["viewer"])
    assert viewer.get(reverse("data:observe", args=[world["indicator"].pk])).status_code == 403


def test_reporter_submits_leader_approves_office_sees(world: dict[str, Any], tmp_path: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    task = world["t_ind"]
    url = reverse("ledger:task", args=[task.pk])
    rep = client_for(world["users"]["reporter"])
    r = rep.post(url, {"text": "完成技术改造项目12个", "status": "in_progress", "percent": "40",
                       "evidence": SimpleUploadedFile("report.pdf", b"%PDF-1.4 evidence")})
    assert r.status_code == 302
    upd = ProgressUpdate.objects.get(task=task)
    assert upd.review == "pending" and upd.evidence.count() == 1
    office = client_for(world["users"]["admin"])
    assert "完成技术改造项目12个" not in office.get(reverse("ui:dashboard")).content.decode()
    # A reporter cannot approve; the other unit's leader does not even see it.
    assert rep.post(reverse("ledger:review_update", args=[upd.pk]), {"decision": "approve"}).status_code == 403
    other = client_for(world["users"]["other_leader"])
    assert other.post(reverse("ledger:review_update", args=[upd.pk]), {"decision": "approve"}).status_code == 404
    leader = client_for(world["users"]["leader"])
    assert "完成技术改造项目12个" in leader.get(reverse("ledger:approvals")).content.decode()
    r = leader.post(reverse("ledger:review_update", args=[upd.pk]), {"decision": "approve", "comment": "同意"})
    assert r.status_code == 302
    upd.refresh_from_db()
    assert upd.review == "approved"
    body = office.get(reverse("ui:dashboard")).content.decode()
    assert "完成技术改造项目12个" in body
    ev = upd.evidence.get()
    assert office.get(reverse("ledger:evidence", args=[ev.pk])).status_code == 200
    assert Client().get(reverse("ledger:evidence", args=[ev.pk])).status_code == 302  # login first
    assert client_for(world["users"]["other_reporter"]).get(reverse("ledger:evidence", args=[ev.pk])).status_code == 404


def test_evidence_type_and_size_checked(world: dict[str, Any], settings: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("ledger:task", args=[world["t_ind"].pk])
    rep = client_for(world["users"]["reporter"])
    r = rep.post(url, {"text": "x", "status": "in_progress", "percent": "10",
                       "evidence": SimpleUploadedFile("virus.exe", b"MZ...")})
    assert r.status_code == 200 and "不支持的文件类型" in r.content.decode()
    settings.PLANWATCH_MAX_UPLOAD_BYTES = 100
    r = rep.post(url, {"text": "x", "status": "in_progress", "percent": "10",
                       "evidence": SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 200)})
    assert r.status_code == 200 and "文件过大" in r.content.decode()
    assert ProgressUpdate.objects.count() == 0


def test_update_text_is_escaped(world: dict[str, Any]) -> None:
    task = world["t_ind"]
    rep = client_for(world["users"]["reporter"])
    rep.post(reverse("ledger:task", args=[task.pk]), {"text": "<script>alert('upd')</script>", "status": "in_progress",
                                                  "percent": "5"})
    body = rep.get(reverse("ledger:task", args=[task.pk])).content.decode()
    assert "<script>alert('upd')" not in body and "&lt;script&gt;alert(&#x27;upd&#x27;)" in body


def test_csrf_required_on_forms(world: dict[str, Any]) -> None:
    c = Client(enforce_csrf_checks=True)
    c.force_login(world["users"]["reporter"])
    r = c.post(reverse("ledger:task", args=[world["t_ind"].pk]), {"text": "x", "status": "in_progress", "percent": "1"})
    assert r.status_code == 403
    assert ProgressUpdate.objects.count() == 0


def test_upload_correct_save_and_escape(world: dict[str, Any], settings: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    office = client_for(world["users"]["admin"])
    r = office.post(reverse("plans:upload"), {"document": SimpleUploadedFile("plan.exe", b"x")})
    assert r.status_code == 200 and "不支持的文件类型" in r.content.decode()
    r = office.post(reverse("plans:upload"), {"document": SimpleUploadedFile("测试规划.txt", PLAN_TEXT.encode())})
    assert r.status_code == 302 and r["Location"].startswith("/jobs/")  # extraction runs as a job
    r = office.get(r["Location"])  # the finished job leads on to the review page
    plan = Plan.objects.get(title__startswith="测试市工业发展规划")
    version = plan.versions.get()
    review_url = r["Location"]
    assert review_url == reverse("plans:review", args=[version.pk])
    body = office.get(review_url).content.decode()
    assert "<script>alert" not in body
    target = version.targets.get(kind="level")
    r = office.post(review_url, {"action": "correct", "type": "target", "id": target.pk,
                                 "indicator_text": "规模以上工业增加值", "kind": "level", "comparator": ">=",
                                 "value": "3200", "unit": "亿元", "target_year": "2025"})
    assert r.status_code == 302
    target.refresh_from_db()
    assert target.value == 3200 and target.review_state == "corrected" and target.comparator == ">="
    assert version.corrections.filter(action="correct").exists()
    r = office.post(review_url, {"action": "approve", "publish": "1"})
    assert r.status_code == 302 and r["Location"] == reverse("plans:plan", args=[plan.pk]) + "#targets"
    page = office.get(r["Location"]).content.decode()
    assert "规模以上工业增加值" in page and "3200" in page
    reader = office.get(reverse("plans:reader", args=[plan.pk])).content.decode()
    assert '<script>alert("plan")' not in reader and "&lt;script&gt;alert(&quot;plan&quot;)&lt;/script&gt;" in reader
    assert "<script>alert" not in Client().get(reverse("ui:portal_plan", args=[plan.pk])).content.decode()
    # The reporter cannot upload; a too large file is refused before extraction.
    assert client_for(world["users"]["reporter"]).post(reverse("plans:upload"), {}).status_code == 403
    settings.PLANWATCH_MAX_UPLOAD_BYTES = 50
    r = office.post(reverse("plans:upload"), {"document": SimpleUploadedFile("p.txt", PLAN_TEXT.encode())})
    assert "文件过大" in r.content.decode()


def test_reader_links_both_ways(world: dict[str, Any]) -> None:
    office = client_for(world["users"]["admin"])
    body = office.get(reverse("plans:reader", args=[world["plan"].pk])).content.decode()
    for t in Target.objects.filter(version=world["live"], start__gte=0)[:20]:
        assert f'id="hl-target-{t.pk}"' in body
        assert f'href="#rec-target-{t.pk}"' in body or t.start == t.end
        assert f'<li id="rec-target-{t.pk}"' in body and f'href="#hl-target-{t.pk}"' in body
    plan_page = office.get(reverse("plans:plan", args=[world["plan"].pk])).content.decode()
    t = world["target"]
    assert f"#hl-target-{t.pk}" in plan_page
    # The highlighted text, tags stripped, is the document text.
    doc = re.search(r'<article class="doc card" id="doc">(.*?)</article>', body, re.S)
    assert doc is not None
    plain = html.unescape(re.sub(r"<[^>]+>", "", doc.group(1)))
    assert plain.replace("\n", "") == world["live"].text.replace("\n", "")


def test_portal_shows_nothing_internal(world: dict[str, Any]) -> None:
    c = Client()
    for url in (reverse("ui:portal"), reverse("ui:portal_plan", args=[world["plan"].pk])):
        body = c.get(url).content.decode()
        assert INTERNAL_PLAN_NOTE not in body and INTERNAL_TASK_NOTE not in body and "内部说明" not in body
        assert world["draft"].plan.title not in body
    assert world["plan"].title in c.get(reverse("ui:portal")).content.decode()
    # Staff see the internal note on the plan page.
    assert INTERNAL_PLAN_NOTE in client_for(world["users"]["admin"]).get(
        reverse("plans:plan", args=[world["plan"].pk])).content.decode()


def test_language_switch(world: dict[str, Any]) -> None:
    c = client_for(world["users"]["admin"])
    assert "实施监测总览" in c.get(reverse("ui:dashboard")).content.decode()
    c.post(reverse("set_language"), {"language": "en", "next": "/dashboard/"})
    body = c.get(reverse("ui:dashboard")).content.decode()
    assert "Implementation overview" in body and "实施监测总览" not in body


def test_ledger_filters_overdue_first_and_export(world: dict[str, Any]) -> None:
    c = client_for(world["users"]["admin"])
    body = c.get(reverse("ledger:ledger")).content.decode()
    assert body.index("推进工业技术改造") < body.index("开发区招商任务")  # overdue first
    body = c.get(reverse("ledger:ledger") + f"?unit={world['units']['zone'].pk}").content.decode()
    assert "开发区招商任务" in body and "推进工业技术改造" not in body
    body = c.get(reverse("ledger:ledger") + "?window=overdue").content.decode()
    assert "推进工业技术改造" in body and "开发区招商任务" not in body
    r = c.get(reverse("ledger:ledger_export") + "?window=overdue")
    import io

    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    titles = [row[1] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert titles == ["推进工业技术改造"]
    rep = client_for(world["users"]["reporter"]).get(reverse("ledger:ledger")).content.decode()
    assert "推进工业技术改造" in rep and "开发区招商任务" not in rep


def test_observation_entry_and_revision(world: dict[str, Any]) -> None:
    ind = world["indicator"]
    rep = client_for(world["users"]["reporter"])
    url = reverse("data:observe", args=[ind.pk])
    r = rep.post(url, {"year": "2008", "value": "123.5", "status": "final", "source": "统计年鉴"})
    assert r.status_code == 302
    r = rep.post(url, {"year": "2008", "value": "130", "status": "final", "source": "统计年鉴"})
    assert r.status_code == 200 and "修订需说明原因" in r.content.decode()
    r = rep.post(url, {"year": "2008", "value": "130", "status": "final", "source": "统计年鉴", "reason": "核实"})
    assert r.status_code == 302
    obs = ind.observations.get(year=2008)
    assert obs.value == 130 and list(obs.revisions.values_list("value", flat=True)) == [123.5, 130]
    page = rep.get(reverse("data:indicator", args=[ind.pk])).content.decode()
    assert "第1版: 123.5" in page and "第2版: 130" in page


def test_import_shows_row_errors_and_writes_nothing(world: dict[str, Any]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    ind = world["indicator"]
    before = ind.observations.count()
    csv = f"指标,年份,数值,单位,来源\n{ind.name},2009,10,亿元,公报\n不存在的指标,2009,abc,亿元,公报\n"
    c = client_for(world["users"]["admin"])
    r = c.post(reverse("data:import"), {"kind": "actuals", "table": SimpleUploadedFile("a.csv", csv.encode())},
               follow=True)  # the import runs as a job; its page shows the row errors
    body = r.content.decode()
    assert r.status_code == 200 and 'id="import-errors"' in body
    assert "不是数值" in body  # the unknown indicator is no error: it would wait on the mapping screen
    assert ind.observations.count() == before
    good = f"指标,年份,数值,单位,来源\n{ind.name},2009,10,亿元,公报\n"
    r = c.post(reverse("data:import"), {"kind": "actuals", "table": SimpleUploadedFile("a.csv", good.encode())},
               follow=True)
    assert 'id="import-ok"' in r.content.decode() and ind.observations.count() == before + 1


def test_indicator_page_has_chart_and_computation(world: dict[str, Any]) -> None:
    c = client_for(world["users"]["viewer"])
    body = c.get(reverse("data:indicator", args=[world["indicator"].pk])).content.decode()
    assert 'id="chart-data"' in body and "/static/vendor/echarts.min.js" in body
    assert "统计公报" in body  # the observation's source
    assert "内部说明" in body  # internal note visible to staff
    assert "cdn" not in body.lower()


def test_history_page_lists_workflow(world: dict[str, Any]) -> None:
    c = client_for(world["users"]["admin"])
    body = c.get(reverse("ui:history", args=["ledger.ledgertask", world["t_ind"].pk])).content.decode()
    assert "rep_ind" in body and "承办" in body and "accept" not in body


def test_task_actions_by_role(world: dict[str, Any]) -> None:
    t = world["t_zone"]
    office = client_for(world["users"]["admin"])
    r = office.post(reverse("ledger:task_action", args=[t.pk, "accept"]))
    assert r.status_code == 403
    zone = client_for(world["users"]["other_reporter"])
    assert zone.post(reverse("ledger:task_action", args=[t.pk, "accept"])).status_code == 302
    t.refresh_from_db()
    assert t.state == "accepted"
    assert zone.get(reverse("ledger:task_action", args=[t.pk, "accept"])).status_code == 405


@pytest.mark.parametrize("page", ["dashboard", "plan", "reader", "ledger", "indicator", "audit", "portal_plan"])
def test_query_counts_bounded(world: dict[str, Any], page: str, django_assert_max_num_queries: Any) -> None:
    c = client_for(world["users"]["admin"])
    url = page_urls(world)[page]
    c.get(url)  # warm the audit cache
    # a fixed budget per page (the plan page also shows the registers' roll-up and each target's
    # verdict with its doubts); test_query_counts_do_not_grow_with_rows keeps N+1 out
    with django_assert_max_num_queries(35):
        assert c.get(url).status_code == 200


def _count(c: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert c.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_rows(world: dict[str, Any]) -> None:
    """No N+1: ten times more tasks, updates and observations, the same number of queries."""
    import datetime as dt

    from planwatch.web.data.observations import record_observation
    from planwatch.web.ledger import workflow as W

    c = client_for(world["users"]["admin"])
    urls = [page_urls(world)[p] for p in ("dashboard", "plan", "ledger", "indicator", "portal_plan", "task")]
    for u in urls:
        c.get(u)  # warm caches (audits, verdicts)
    before = [_count(c, u) for u in urls]
    us, un = world["users"], world["units"]
    for i in range(10):
        t = W.create_task(us["admin"], title=f"新增任务{i}", lead_unit=un["ind"], plan=world["plan"],
                          supporting_units=[un["zone"]], deadline=dt.date(2001, 1, 1 + i))
        W.accept_task(us["reporter"], t)
        W.submit_update(us["reporter"], world["t_ind"], f"进展{i}", "in_progress", i)
        record_observation(us["admin"], world["indicator"], 2010 - i % 3, 1000 + i, source="公报", reason="修订")
    for u in urls:
        c.get(u)
    after = [_count(c, u) for u in urls]
    assert after == before


def test_extension_requested_by_unit_decided_by_office(world: dict[str, Any]) -> None:
    import datetime as dt

    task = world["t_ind"]
    rep = client_for(world["users"]["reporter"])
    url = reverse("ledger:request_extension", args=[task.pk])
    # Past the plan period (2006–2010): the unit confirms, then its leader agrees.
    rep.post(url, {"new_deadline": "2031-06-30", "reason": "资金未到位", "confirm": "1"})
    req = task.extension_requests.get()
    assert req.decision == "pending"
    client_for(world["users"]["leader"]).post(reverse("cycle:endorse_extension", args=[req.pk]),
                                              {"decision": "agree"})
    decide = reverse("ledger:decide_extension", args=[req.pk])
    assert rep.post(decide, {"decision": "grant"}).status_code == 403
    assert client_for(world["users"]["other_reporter"]).post(decide, {"decision": "grant"}).status_code == 404
    office = client_for(world["users"]["admin"])
    assert "资金未到位" in office.get(reverse("ledger:task", args=[task.pk])).content.decode()
    office.post(decide, {"decision": "grant", "comment": "同意", "confirm": "1"})
    task.refresh_from_db()
    assert task.deadline == dt.date(2031, 6, 30)
