"""One truth per target: regions, series identity with 口径, the mapping screen, and the same
verdict on the web page, the API, both report commands and `planwatch status`."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.cli.report import report_file_content
from planwatch.web.data.mapping import confirm_mapping, pending_groups
from planwatch.web.data.models import Indicator, IndicatorAlias, UnmatchedActual
from planwatch.web.data.tables import import_actuals
from planwatch.web.data.verdicts import plan_verdicts
from planwatch.web.data.views import chart_data
from planwatch.web.plans.ingest import ingest_extraction
from planwatch.web.plans.models import Plan, Target
from planwatch.web.plans.review import approve_version, set_review_state
from planwatch.web.reports.service import build_content
from tests.web.conftest import HARBIN

runner = CliRunner()
AS_OF = dt.date(2022, 1, 1)


def _plan(title: str, target: dict[str, Any]) -> dict[str, Any]:
    text = f"{title}\n{target['quote']}。"
    return {"doc": f"{title}.txt", "title": title, "period": [2011, 2015], "targets": [target], "facts": [],
            "tasks": [], "projects": []}, text


def _target(value: float) -> dict[str, Any]:
    return {"quote": f"工业增加值达到{value:g}亿元", "start": -1, "end": -1, "section": "", "indicator": "工业增加值",
            "kind": "level", "value": value, "value_high": None, "unit": "亿元", "comparator": ">=", "target_year": 2015,
            "annual": False, "baseline_value": value / 2, "baseline_year": 2010}


def _live(data: dict[str, Any], text: str, user: Any, region: str | None = None) -> Plan:
    v = ingest_extraction(data, text, doc_name=data["doc"], user=user, region=region)
    approve_version(user, v)
    return Plan.objects.get(pk=v.plan_id)


def test_regions_never_cross_and_other_caliber_is_reported_not_used(org: dict[str, Any]) -> None:
    admin = org["users"]["admin"]
    harbin = _live(*_plan("哈尔滨市工业发展规划", _target(1000)), admin)
    tianjin = _live(*_plan("天津市工业发展规划", _target(9000)), admin)
    assert harbin.region.name == "哈尔滨市" and tianjin.region.name == "天津市"
    h_ind, t_ind = (Target.objects.get(version__plan=p).indicator for p in (harbin, tianjin))
    assert h_ind != t_ind and h_ind.region == harbin.region
    table = ("地区,指标,口径,年份,数值,单位,来源\n"
             "哈尔滨市,全部工业增加值,全市,2013,800,亿元,公报\n"
             "天津市,工业增加值,,2013,7000,亿元,公报\n"
             "天津市,规模以上工业增加值,规模以上,2014,8800,亿元,公报\n")
    counts = import_actuals(admin, "a.csv", table.encode())
    assert counts["created"] == 2 and counts["unmatched"] == 1
    # the 规模以上 row is another series: kept for mapping, then created as a related series
    row = UnmatchedActual.objects.get()
    confirm_mapping(admin, row, None)
    h, = plan_verdicts(harbin, AS_OF)
    t, = plan_verdicts(tianjin, AS_OF)
    assert (h.observed_value, t.observed_value) == (800, 7000)
    assert all(u.reading.value not in (7000, 8800) for u in h.unused)
    assert [u.reading.value for u in t.unused] == [8800] and "口径不同" in t.unused[0].reason
    assert Indicator.objects.get(caliber="规模以上").region == tianjin.region


def test_mapping_screen_remembers_an_alias(org: dict[str, Any], client: Any) -> None:
    admin = org["users"]["admin"]
    share = {"quote": "第三产业增加值所占份额要达到60%以上", "start": -1, "end": -1, "section": "",
             "indicator": "第三产业增加值所占份额", "kind": "share", "value": 60, "value_high": None, "unit": "%", "comparator": ">=",
             "target_year": 2015, "annual": False, "baseline_value": 40, "baseline_year": 2010}
    plan = _live(*_plan("哈尔滨市服务业规划", share), admin)
    table = "地区,指标,口径,年份,数值,单位,来源\n哈尔滨市,第三产业增加值占GDP比重,全市,2013,50,%,公报\n"
    assert import_actuals(admin, "s.csv", table.encode())["unmatched"] == 1
    group, = pending_groups()
    assert group.suggestions[0].indicator.name == "第三产业增加值所占份额"
    client.force_login(admin)
    page = client.get("/mapping/")
    assert page.status_code == 200 and "第三产业增加值占GDP比重" in page.content.decode()
    r = client.post("/mapping/", {"row": group.first.pk, "indicator": group.suggestions[0].indicator.pk})
    assert r.status_code == 302
    assert IndicatorAlias.objects.filter(name="第三产业增加值占GDP比重").exists()
    v, = plan_verdicts(plan, AS_OF)
    assert v.observed_value == 50 and v.status != "no_data"
    # next year's table maps itself
    again = table.replace("2013,50", "2014,55")
    assert import_actuals(admin, "s2.csv", again.encode())["created"] == 1
    assert not UnmatchedActual.objects.exists()
    # forbidden for a unit reporter
    client.force_login(org["users"]["reporter"])
    assert client.get("/mapping/").status_code == 403


def test_rejected_targets_are_not_counted_and_the_chart_axis_is_sane(org: dict[str, Any], client: Any) -> None:
    admin = org["users"]["admin"]
    data, text = _plan("哈尔滨市工业发展规划", _target(1000))
    data["targets"].append({**_target(500), "indicator": "食品工业增加值", "quote": "食品工业增加值达到500亿元"})
    v = ingest_extraction(data, text + "食品工业增加值达到500亿元。", doc_name="x.txt", user=admin)
    rejected = v.targets.get(indicator_text="食品工业增加值")
    set_review_state(admin, rejected, "rejected")
    approve_version(admin, v)
    v.plan.published = True
    v.plan.save()
    client.force_login(admin)
    page = client.get(f"/plans/{v.plan_id}/")
    assert [tv.target.pk for tv in page.context["tviews"]] == [v.targets.get(indicator_text="工业增加值").pk]
    client.logout()
    portal = client.get(f"/portal/plans/{v.plan_id}/")
    assert len(portal.context["views"]) == 1
    view = page.context["tviews"][0]
    chart = chart_data(view, v.plan, [])
    assert chart["years"] == [2010, 2015]


@pytest.mark.slow
def test_every_demo_target_has_one_verdict_everywhere(org: dict[str, Any], client: Any, tmp_path: Path) -> None:
    from planwatch.web.demo import DEMO_REGIONS, DEMO_YEARS, setup_demo

    setup_demo(HARBIN)
    from django.contrib.auth import get_user_model

    office = get_user_model().objects.get(username="demo_office")
    client.force_login(office)
    # report-file reads a CSV: the published statistics plus the figures the demo's registers computed
    # (counting rules write them to the store), so that it is offered the same figures as the store.
    from planwatch.web.data.models import Observation
    from planwatch.web.registers.counting import SOURCE_ENTERPRISES, SOURCE_PROJECTS

    actuals = tmp_path / "actuals.csv"
    lines = (HARBIN / "harbin-actuals.csv").read_text(encoding="utf-8").rstrip("\n").split("\n")
    for o in Observation.objects.filter(source__in=(SOURCE_ENTERPRISES, SOURCE_PROJECTS)).select_related("indicator"):
        lines.append(f"{o.indicator.name},,{o.year},{o.value},=,{o.unit},,,")
    actuals.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assessed = []
    for plan in Plan.objects.exclude(current_version=None).order_by("pk"):
        targets = {t.pk: t for t in plan.current_version.targets.exclude(review_state="rejected")}

        def key(t: Any, plan: Plan = plan) -> tuple[Any, ...]:
            return (t.indicator_text, t.kind, t.value, t.target_year or plan.period_end)

        # 1. the web page
        html = client.get(f"/plans/{plan.pk}/?as_of={AS_OF.isoformat()}").content.decode()
        web = Counter((key(targets[int(pk)]), st) for pk, st in
                      re.findall(r'<tr id="rec-target-(\d+)".*?data-status="(\w+)"', html, re.S))
        # 2. the API
        api = client.get(f"/api/plans/{plan.pk}/status?as_of={AS_OF.isoformat()}").json()
        api_c = Counter((key(targets[r["target_id"]]), r["status"]) for r in api)
        # 3. planwatch status
        r = runner.invoke(app, ["status", "--plan", str(plan.pk), "--as-of", AS_OF.isoformat(), "--json"])
        assert r.exit_code == 0, r.output
        cli = Counter((key(targets[r["target_id"]]), r["status"]) for r in json.loads(r.output))
        # 4. planwatch report (database)
        content = build_content(plan, "progress", AS_OF)
        db_report = Counter(((row.indicator, row.kind, row.target_value, row.target_year), row.status)
                            for row in content.rows)
        # 5. planwatch report-file (plan file + actuals CSV + the confirmed mappings)
        doc = plan.current_version.doc_name
        gold = HARBIN / "gold" / f"{Path(doc).stem}.json"
        file_content = report_file_content(gold if gold.is_file() else HARBIN / doc, actuals,
                                           "progress", AS_OF, "x", audit=False,
                                           mapping=HARBIN / "actuals-mapping.csv", region=DEMO_REGIONS.get(doc, ""),
                                           data_region="哈尔滨市",  # as the demo imports the file
                                           year=DEMO_YEARS.get(doc))  # the annual plan's year, as set in review
        file_report = Counter(((row.indicator, row.kind, row.target_value, row.target_year), row.status)
                              for row in file_content.rows)
        assert len(targets) == sum(web.values())
        assert web == api_c == cli == db_report == file_report, plan.title
        assessed += [(plan.title, k[0], s) for (k, s) in cli.elements() if s != "no_data"]
    names = {a[1] for a in assessed}
    assert {"工业增加值", "常住人口城镇化率", "户籍人口城镇化率", "第三产业增加值所占份额"} <= names
    # the first page shows assessed targets
    dash = client.get("/dashboard/").content.decode()
    assert "符合预期" in dash or "已实现" in dash


def test_cli_ingest_json_and_status(org: dict[str, Any], tmp_path: Path) -> None:
    r = runner.invoke(app, ["ingest", str(HARBIN / "gold" / "harbin-industry-2006-2010.json"), "--region", "哈尔滨市",
                            "--approve", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["region"] == "哈尔滨市" and Plan.objects.get(pk=out["plan_id"]).region.name == "哈尔滨市"
    r = runner.invoke(app, ["status", "--plan", str(out["plan_id"]), "--as-of", "2011-01-01", "--json"])
    rows = json.loads(r.output)
    assert rows and set(rows[0]) >= {"target_id", "indicator", "region", "quote", "value", "unit", "target_year",
                                     "status", "observed_value", "observed_year", "baseline_value",
                                     "baseline_year", "reason"}
    r = runner.invoke(app, ["status", "--plan", "999", "--as-of", "2011-01-01"])
    assert r.exit_code != 0


def test_review_corrects_plan_details_and_moves_records_to_the_new_region(org: dict[str, Any], client: Any) -> None:
    admin = org["users"]["admin"]
    data, text = _plan("source: http://example.org/plan", _target(100))
    v = ingest_extraction(data, text, doc_name="page.html", user=admin)
    assert v.plan.region is None
    client.force_login(org["users"]["reporter"])
    assert client.post(f"/review/{v.pk}/", {"action": "plan", "title": "x"}).status_code == 403
    client.force_login(admin)
    r = client.post(f"/review/{v.pk}/", {"action": "plan", "title": "哈尔滨新区产业发展规划", "issuing_body": "哈尔滨新区管委会",
                                          "document_number": "哈新管发〔2021〕1号", "period_start": "2021",
                                          "period_end": "2025", "region": "哈尔滨新区"})
    assert r.status_code == 302
    plan = Plan.objects.get(pk=v.plan_id)
    assert (plan.title, plan.document_number, plan.period_end, plan.region.name) == (
        "哈尔滨新区产业发展规划", "哈新管发〔2021〕1号", 2025, "哈尔滨新区")
    assert v.targets.get().indicator.region == plan.region
    bad = client.post(f"/review/{v.pk}/", {"action": "plan", "title": "t", "period_start": "2030", "period_end": "2025"})
    assert bad.status_code == 302 and Plan.objects.get(pk=v.plan_id).period_start == 2021


def test_a_register_records_a_count_on_the_regions_series(org: dict[str, Any]) -> None:
    from planwatch.web.data.observations import record_series_observation
    from planwatch.web.data.regions import get_region

    admin = org["users"]["admin"]
    count = {"quote": "高新技术企业达到500户", "start": -1, "end": -1, "section": "", "indicator": "高新技术企业",
             "kind": "count", "value": 500, "value_high": None, "unit": "户", "comparator": ">=", "target_year": 2015,
             "annual": False, "baseline_value": 200, "baseline_year": 2010}
    plan = _live(*_plan("哈尔滨市科技规划", count), admin)
    obs, _ = record_series_observation(admin, get_region("哈尔滨市"), "高新技术企业", "家", 2013, 380, status="final")
    assert obs.indicator == Target.objects.get(version__plan=plan).indicator
    other, _ = record_series_observation(admin, get_region("天津市"), "高新技术企业", "家", 2013, 999, status="final")
    assert other.indicator != obs.indicator
    v, = plan_verdicts(plan, AS_OF)
    assert v.observed_value == 380 and v.status != "no_data"


def test_api_status_and_plan_details(org: dict[str, Any], client: Any) -> None:
    admin = org["users"]["admin"]
    plan = _live(*_plan("哈尔滨市工业发展规划", _target(1000)), admin)
    assert client.get(f"/api/plans/{plan.pk}/status").status_code == 404  # unpublished: not visible to the public
    client.force_login(admin)
    rows = client.get(f"/api/plans/{plan.pk}/status?as_of=2016-01-01").json()
    assert [r["status"] for r in rows] == ["no_data"] and rows[0]["region"] == "哈尔滨市"
    assert client.get(f"/api/plans/{plan.pk}/status?as_of=soon").status_code == 400
    r = client.patch(f"/api/plans/{plan.pk}", {"region": "哈尔滨新区", "document_number": "哈政发〔2011〕1号"},
                     content_type="application/json")
    assert r.status_code == 200 and r.json()["document_number"] == "哈政发〔2011〕1号"
    assert Target.objects.get(version__plan=plan).indicator.region.name == "哈尔滨新区"
    client.force_login(org["users"]["reporter"])
    r = client.patch(f"/api/plans/{plan.pk}", {"region": "天津市"}, content_type="application/json")
    assert r.status_code in (403, 404)


def test_stored_verdicts_follow_their_inputs(org: dict[str, Any]) -> None:
    from planwatch.web.data.models import StoredVerdict
    from planwatch.web.data.observations import record_series_observation
    from planwatch.web.data.verdicts import stored_verdicts, verdicts_for
    from planwatch.web.store import DERIVED

    admin = org["users"]["admin"]
    plan = _live(*_plan("哈尔滨市工业发展规划", _target(1000)), admin)
    targets = list(plan.current_version.targets.all())
    plan_of = {plan.current_version_id: plan}
    first, = stored_verdicts(targets, plan_of, AS_OF)
    assert first.status == "no_data" and StoredVerdict.objects.count() == 1
    record_series_observation(admin, plan.region, "工业增加值", "亿元", 2013, 800, status="final")
    again, = stored_verdicts(targets, plan_of, AS_OF)
    live, = verdicts_for(targets, plan_of, AS_OF)
    assert (again.status, again.observed_value) == (live.status, live.observed_value) and live.observed_value == 800
    assert StoredVerdict.objects.get().observed_value == 800
    assert "data.storedverdict" in DERIVED


def test_a_doubtful_target_says_to_verify_everywhere(org: dict[str, Any], client: Any, tmp_path: Path) -> None:
    from planwatch.reports.doubts import UNREVIEWED
    from planwatch.web.data.observations import record_series_observation
    from planwatch.web.data.verdicts import stored_verdicts

    admin = org["users"]["admin"]
    data, text = _plan("哈尔滨市工业发展规划", _target(1000))  # baseline 500 in 2010
    fact = {"quote": "2010年工业增加值600亿元", "start": -1, "end": -1, "section": "", "indicator": "工业增加值",
            "kind": "level", "value": 600, "value_high": None, "unit": "亿元", "year": 2010, "period": None}
    data["facts"].append(fact)
    plan = _live(data, text + fact["quote"] + "。", admin)
    record_series_observation(admin, plan.region, "工业增加值", "亿元", 2013, 800, status="final")
    client.force_login(admin)

    def everywhere() -> list[str]:
        html = client.get(f"/plans/{plan.pk}/?as_of={AS_OF.isoformat()}").content.decode()
        page, = re.findall(r'<tr id="rec-target-\d+".*?data-status="(\w+)"', html, re.S)
        assert page != "to_verify" or "待核实" in html
        api, = client.get(f"/api/plans/{plan.pk}/status?as_of={AS_OF.isoformat()}").json()
        r = runner.invoke(app, ["status", "--plan", str(plan.pk), "--as-of", AS_OF.isoformat(), "--json"])
        cli, = json.loads(r.output)
        assert api["status_zh"] == cli["status_zh"] and api["doubts"] == cli["doubts"]
        row, = build_content(plan, "progress", AS_OF).rows
        assert row.status != "to_verify" or row.doubts == api["doubts"]
        return [page, api["status"], cli["status"], row.status]

    # the plan text states 600 for the base year 2010, the target 500: no confident verdict anywhere
    assert everywhere() == ["to_verify"] * 4
    api, = client.get(f"/api/plans/{plan.pk}/status?as_of={AS_OF.isoformat()}").json()
    assert api["status_zh"] == "待核实" and "不一致" in api["doubts"][0] and api["reason"].startswith("待核实：")
    # the report from files says the same
    doc = tmp_path / "plan.json"
    doc.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    csv = tmp_path / "actuals.csv"
    csv.write_text("indicator,scope,year,value,comparator,unit,source_url,quote,note\n"
                   "工业增加值,,2013,800,=,亿元,,,\n", encoding="utf-8")
    row, = report_file_content(doc, csv, "progress", AS_OF, "x", audit=False, region="哈尔滨市").rows
    assert row.status == "to_verify" and "不一致" in row.doubts[0]

    # without the contradiction the verdict is confident; an unreviewed record makes it doubtful again
    from planwatch.web.plans.models import Fact

    Fact.objects.filter(version__plan=plan).update(value=500)
    assert "to_verify" not in everywhere()
    target = Target.objects.get(version__plan=plan)
    targets = [target]
    assert stored_verdicts(targets, {plan.current_version_id: plan})[0].status != "to_verify"
    Target.objects.filter(pk=target.pk).update(review_state="pending")
    assert everywhere() == ["to_verify"] * 4
    targets = [Target.objects.get(pk=target.pk)]
    stored, = stored_verdicts(targets, {plan.current_version_id: plan})  # the dashboard's stored verdict follows
    assert stored.status == "to_verify" and UNREVIEWED in stored.reason
    dash = client.get("/dashboard/").content.decode()
    assert "st-to_verify" in dash and "待核实" in dash
