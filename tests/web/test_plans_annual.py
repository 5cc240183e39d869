"""Annual plans (issue 16.3): a work report is stored as an annual plan under the five-year plan
of its region, its 全年 targets are offered the five-year targets of the same series and linked by
the office, and tracked by quarter (1-N月 cumulative figures) through the one verdict."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from planwatch.web.data.models import Observation
from planwatch.web.errors import InvalidInput
from planwatch.web.plans import annual as A
from planwatch.web.plans.ingest import ingest_extraction
from planwatch.web.plans.models import Plan, Target
from planwatch.web.plans.review import approve_version
from tests.web.conftest import gold

NEW_AREA = "哈尔滨新区"
FIVE_YEAR_TEXT = ("哈尔滨新区“十四五”规划纲要\n主要目标：到2025年，累计新增高新技术企业500家，"
                  "地区生产总值达到1000亿元。\n")


def five_year_extraction() -> dict[str, Any]:
    quote1 = "累计新增高新技术企业500家"
    quote2 = "地区生产总值达到1000亿元"
    target = {"indicator": "新增高新技术企业", "kind": "cumulative", "value": 500, "unit": "家", "comparator": "=",
              "target_year": 2025, "annual": False, "quote": quote1, "section": "主要目标", "value_high": None,
              "baseline_value": None, "baseline_year": None}
    gdp = {"indicator": "地区生产总值", "kind": "level", "value": 1000, "unit": "亿元", "comparator": "=",
           "target_year": 2025, "annual": False, "baseline_value": 600, "baseline_year": 2020, "quote": quote2,
           "section": "主要目标", "value_high": None}
    return {"doc": "new-area-14th.txt", "title": "哈尔滨新区“十四五”规划纲要", "period": [2021, 2025],
            "targets": [target, gdp], "facts": [], "tasks": [], "projects": []}


@pytest.fixture
def annual_world(org: dict[str, Any]) -> dict[str, Any]:
    office = org["users"]["admin"]
    five = ingest_extraction(five_year_extraction(), FIVE_YEAR_TEXT, doc_name="new-area-14th.txt", user=office,
                             region=NEW_AREA)
    approve_version(office, five, "测试")
    data, text = gold("harbin-new-area-work-report-excerpt")
    v = ingest_extraction(data, text, doc_name=data["doc"], user=office, region=NEW_AREA, year=2023)
    approve_version(office, v, "测试")
    plan = Plan.objects.get(pk=v.plan_id)
    hte = Target.objects.get(version=v, indicator_text="新增高新技术企业")
    hte.indicator.responsible_unit = org["units"]["ind"]
    hte.indicator.save()
    return {"org": org, "five": Plan.objects.get(pk=five.plan_id), "plan": plan, "target": hte,
            "parent_target": Target.objects.get(version=five, indicator_text="新增高新技术企业")}


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_work_report_is_an_annual_plan_under_its_five_year_plan(annual_world: dict[str, Any]) -> None:
    plan, five = annual_world["plan"], annual_world["five"]
    assert plan.annual and (plan.period_start, plan.period_end) == (2023, 2023)
    assert plan.parent_id == five.pk and not five.annual
    # Suggested by indicator identity (same region, same measure): the five-year 新增高新技术企业 target only.
    t = annual_world["target"]
    suggestions = A.parent_suggestions(A.annual_targets(plan), plan.parent)
    assert [s.pk for s in suggestions[t.pk]] == [annual_world["parent_target"].pk]
    assert all(not s for pk, s in suggestions.items() if pk != t.pk)


def test_year_set_in_review_finds_the_parent(org: dict[str, Any]) -> None:
    office = org["users"]["admin"]
    five = ingest_extraction(five_year_extraction(), FIVE_YEAR_TEXT, doc_name="f.txt", user=office, region=NEW_AREA)
    data, text = gold("harbin-new-area-work-report-excerpt")
    v = ingest_extraction(data, text, doc_name=data["doc"], user=office, region=NEW_AREA)
    plan = Plan.objects.get(pk=v.plan_id)
    assert plan.annual and plan.period_end is None and plan.parent is None
    A.set_plan_year(office, plan, 2024)
    assert plan.parent_id == five.plan_id and plan.period_start == 2024
    with pytest.raises(Exception, match="规划处"):
        A.set_plan_year(org["users"]["reporter"], plan, 2023)
    with pytest.raises(InvalidInput, match="不是年度计划"):
        A.set_plan_year(office, Plan.objects.get(pk=five.plan_id), 2023)
    assert 'id="not-annual"' in client_for(office).get(f"/plans/{five.plan_id}/annual/").content.decode()


def test_office_confirms_the_link_other_roles_are_refused(annual_world: dict[str, Any]) -> None:
    t, parent = annual_world["target"], annual_world["parent_target"]
    users = annual_world["org"]["users"]
    url = f"/targets/{t.pk}/parent/"
    for role in ("reporter", "leader", "other_reporter", "viewer"):
        r = client_for(users[role]).post(url, {"parent": parent.pk})
        assert r.status_code in (403, 404), role
        t.refresh_from_db()
        assert t.parent_target_id is None, role
    r = client_for(users["admin"]).post(url, {"parent": parent.pk})
    assert r.status_code == 302
    t.refresh_from_db()
    assert t.parent_target_id == parent.pk
    # A target of another plan than the parent plan is refused.
    stranger = Target.objects.filter(version__plan=annual_world["plan"]).exclude(pk=t.pk).first()
    with pytest.raises(InvalidInput):
        A.confirm_parent_target(users["admin"], t, stranger)


def test_quarterly_entry_by_the_responsible_unit_only(annual_world: dict[str, Any]) -> None:
    t = annual_world["target"]
    users = annual_world["org"]["users"]
    url = f"/targets/{t.pk}/year-to-date/"
    for role in ("other_reporter", "leader", "viewer"):
        r = client_for(users[role]).post(url, {"month": "3", "value": "30"})
        assert r.status_code in (403, 404), role
    assert not Observation.objects.filter(indicator=t.indicator).exists()
    rep = client_for(users["reporter"])
    for month, value in (("3", "26"), ("6", "52"), ("9", "68")):
        assert rep.post(url, {"month": month, "value": value, "source": "区科技局"}).status_code == 302
    periods = sorted(Observation.objects.filter(indicator=t.indicator).values_list("period", "value"))
    assert periods == [("2023-03", 26.0), ("2023-06", 52.0), ("2023-09", 68.0)]
    # The page: each quarter's figure and the verdict as of the quarter's end, from the one verdict.
    page = client_for(users["admin"]).get(f"/plans/{annual_world['plan'].pk}/annual/?as_of=2023-10-10")
    html = page.content.decode()
    assert page.status_code == 200 and "前三季度（1-9月）" in html and "2023年1-9月累计实际值68" in html
    rows = A.tracking(annual_world["plan"], [t], dt.date(2023, 10, 10))
    assert [q.verdict.status if q.verdict else None for q in rows[0].quarters] == [
        "on_track", "on_track", "slightly_behind", None]
    # 1-12月 is the whole year's figure (no period); a bad month is refused with a message.
    assert rep.post(url, {"month": "12", "value": "104"}).status_code == 302
    assert Observation.objects.get(indicator=t.indicator, period="").value == 104
    r = rep.post(url, {"month": "13", "value": "1"}, follow=True)
    assert "月份应为1到12" in r.content.decode()


def test_indicator_page_shows_annual_steps_against_the_five_year_path(annual_world: dict[str, Any]) -> None:
    t, parent = annual_world["target"], annual_world["parent_target"]
    A.confirm_parent_target(annual_world["org"]["users"]["admin"], t, parent)
    steps = A.annual_steps(t)
    assert steps is not None and steps.five_year.pk == parent.pk
    row = next(r for r in steps.rows if r.year == 2023)
    assert row.path_value == 300 and row.path_step == 100 and [a.pk for a in row.annual] == [t.pk]
    html = client_for(annual_world["org"]["users"]["admin"]).get(
        f"/indicators/{parent.indicator_id}/?target={parent.pk}").content.decode()
    assert 'id="annual-steps"' in html and "2023" in html


def test_review_page_offers_the_suggestion_with_a_confirm_button(org: dict[str, Any]) -> None:
    office = org["users"]["admin"]
    five = ingest_extraction(five_year_extraction(), FIVE_YEAR_TEXT, doc_name="f.txt", user=office, region=NEW_AREA)
    approve_version(office, five, "测试")
    data, text = gold("harbin-new-area-work-report-excerpt")
    v = ingest_extraction(data, text, doc_name=data["doc"], user=office, region=NEW_AREA, year=2023)
    c = client_for(office)
    html = c.get(f"/review/{v.pk}/").content.decode()
    t = Target.objects.get(version=v, indicator_text="新增高新技术企业")
    parent = Target.objects.get(version=five, indicator_text="新增高新技术企业")
    assert f'id="links-{t.pk}"' in html and "确认衔接" in html and f'value="{parent.pk}"' in html
    assert 'id="annual-year-form"' in html
    r = c.post(f"/targets/{t.pk}/parent/", {"parent": parent.pk, "next": f"/review/{v.pk}/#rec-target-{t.pk}"})
    assert r.status_code == 302 and r["Location"].startswith(f"/review/{v.pk}/")
    t.refresh_from_db()
    assert t.parent_target_id == parent.pk
    # An off-site "next" is not followed.
    r = c.post(f"/targets/{t.pk}/parent/", {"parent": parent.pk, "next": "https://evil.example/"})
    assert r["Location"] == f"/plans/{v.plan_id}/annual/"
    # Only the office sets the year.
    r = client_for(org["users"]["leader"]).post(f"/plans/{v.plan_id}/annual/year/", {"year": "2020"})
    assert r.status_code in (403, 404) and Plan.objects.get(pk=v.plan_id).period_end == 2023


def test_demo_tracks_the_work_report_by_quarter_with_labelled_sample_figures(db: Any) -> None:
    from planwatch.web.demo import setup_demo
    from tests.web.conftest import HARBIN

    setup_demo(HARBIN)
    plan = Plan.objects.get(title="哈尔滨新区政府工作报告（节选）")
    assert plan.annual and plan.period_end == 2023 and plan.parent is None  # no five-year plan of 新区 is loaded
    sample = Observation.objects.filter(source__startswith=A.SAMPLE_SOURCE)
    assert sample.count() == 6 and {o.indicator.region.name for o in sample} == {NEW_AREA}
    assert not Observation.objects.filter(period__regex=r"^\d{4}-\d{2}$").exclude(
        source__startswith=A.SAMPLE_SOURCE).exists()  # every year-to-date figure of the demo is labelled
    assert sorted({o.period for o in sample}) == ["2023-03", "2023-06", "2023-09"]
    from django.contrib.auth import get_user_model

    html = client_for(get_user_model().objects.get(username="demo_office")).get(
        f"/plans/{plan.pk}/annual/").content.decode()
    assert 'id="sample-note"' in html and "示例数据" in html and "一季度（1-3月）" in html
    assert setup_demo(HARBIN)["annual_sample_figures"] == 0  # idempotent


def test_api_ingests_a_work_report_as_an_annual_plan_of_its_year(org: dict[str, Any]) -> None:
    office = org["users"]["admin"]
    five = ingest_extraction(five_year_extraction(), FIVE_YEAR_TEXT, doc_name="f.txt", user=office, region=NEW_AREA)
    data, text = gold("harbin-new-area-work-report-excerpt")
    c = client_for(office)
    r = c.post("/api/plans/ingest", {"extraction": data, "text": text, "doc_name": data["doc"], "region": NEW_AREA,
                                     "year": 2023}, content_type="application/json")
    assert r.status_code == 201, r.content
    plan = c.get(f"/api/plans/{r.json()['plan_id']}").json()
    assert plan["annual"] is True and plan["period_end"] == 2023 and plan["parent_id"] == five.plan_id
    bad = c.post("/api/plans/ingest", {"extraction": data, "text": text + "。", "doc_name": "x.txt", "year": 99},
                 content_type="application/json")
    assert bad.status_code == 400 and "年份无效" in bad.content.decode()


def test_annual_pages_show_no_english(annual_world: dict[str, Any]) -> None:
    from tests.web.latin_words import latin_words, visible_text

    t, users = annual_world["target"], annual_world["org"]["users"]
    A.record_year_to_date(users["admin"], t, 6, 52.0, source="区科技局")
    for role in ("admin", "reporter", "leader", "viewer"):
        c = client_for(users[role])
        for url in (f"/plans/{annual_world['plan'].pk}/annual/", f"/indicators/{t.indicator_id}/?target={t.pk}",
                    f"/indicators/{t.indicator_id}/?target={annual_world['parent_target'].pk}"):
            r = c.get(url)
            assert r.status_code == 200, (role, url)
            assert latin_words(visible_text(r.content.decode()), {u.username for u in users.values()}) == [], (role, url)
    html = client_for(users["admin"]).get(f"/indicators/{t.indicator_id}/?target={t.pk}").content.decode()
    assert "2023年1-6月累计" in html


def test_year_to_date_periods_are_checked(annual_world: dict[str, Any]) -> None:
    from planwatch.web.data.observations import record_observation

    t, office = annual_world["target"], annual_world["org"]["users"]["admin"]
    for period, message in (("2023-12", "1-12月累计即全年数"), ("2022-03", "累计期应为"), ("2023-00", "累计期应为"),
                            ("2023-3", "时期格式")):
        with pytest.raises(InvalidInput, match=message):
            record_observation(office, t.indicator, 2023, 10.0, period=period)
    obs, _ = record_observation(office, t.indicator, 2023, 10.0, period="2023-03")
    assert obs.period == "2023-03"
    # the anonymous are sent to sign in; nothing is recorded or linked
    anon = Client()
    r = anon.post(f"/targets/{t.pk}/year-to-date/", {"month": "6", "value": "50"})
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    r = anon.post(f"/targets/{t.pk}/parent/", {"parent": annual_world["parent_target"].pk})
    assert r.status_code == 302
    t.refresh_from_db()
    assert t.parent_target_id is None and Observation.objects.filter(indicator=t.indicator).count() == 1


def test_office_chooses_the_parent_when_two_plans_hold_the_year(org: dict[str, Any]) -> None:
    office = org["users"]["admin"]
    first = ingest_extraction(five_year_extraction(), FIVE_YEAR_TEXT, doc_name="a.txt", user=office, region=NEW_AREA)
    other = five_year_extraction() | {"title": "哈尔滨新区科技创新专项规划", "period": [2022, 2026]}
    second = ingest_extraction(other, FIVE_YEAR_TEXT + "专项", doc_name="b.txt", user=office, region=NEW_AREA)
    data, text = gold("harbin-new-area-work-report-excerpt")
    v = ingest_extraction(data, text, doc_name=data["doc"], user=office, region=NEW_AREA, year=2023)
    plan = Plan.objects.get(pk=v.plan_id)
    assert plan.parent is None  # two plans hold 2023: the office chooses
    c = client_for(office)
    page = c.get(f"/plans/{plan.pk}/annual/").content.decode()
    assert "哈尔滨新区科技创新专项规划（2022–2026）" in page
    r = c.post(f"/plans/{plan.pk}/annual/year/", {"year": "2023", "parent": second.plan_id}, follow=True)
    assert "上级规划：哈尔滨新区科技创新专项规划" in r.content.decode()
    plan.refresh_from_db()
    assert plan.parent_id == second.plan_id and plan.parent_id != first.plan_id
    r = c.post(f"/plans/{plan.pk}/annual/year/", {"year": "二〇二三"}, follow=True)
    assert "请填写四位年份" in r.content.decode()
