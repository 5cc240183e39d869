"""Registers: enterprise imports (all or nothing), counting rules feeding observations, the project
register through the ledger's updates and approvals, roll-ups, and who may do what."""

from __future__ import annotations

from typing import Any

import pytest

from planwatch.web.accounts.permissions import PermissionDenied
from planwatch.web.data.models import Observation
from planwatch.web.errors import ImportRejected, InvalidInput, WorkflowError
from planwatch.web.ledger import workflow as W
from planwatch.web.registers import counting
from planwatch.web.registers.models import (
    CountRule,
    Enterprise,
    EnterpriseRevenue,
    EnterpriseTier,
    ProjectRecord,
)
from planwatch.web.registers.projects import (
    plan_project_rollup,
    record_investment,
    report_investment,
    sync_projects,
    update_project,
)
from planwatch.web.registers.tables import export_enterprises, import_enterprises
from tests.web.registers_world import build_register, code, live_plan, xlsx

HEADER = ["企业名称", "统一社会信用代码", "所有制", "区域", "规模", "成立日期", "高新技术企业认定日期",
          "营业收入2008", "营业收入2009"]


# ---- imports -----------------------------------------------------------------------------------------

def test_import_good_table_and_update(org: dict[str, Any]) -> None:
    admin = org["users"]["admin"]
    data = xlsx([HEADER, ["示例甲（示例数据）", code(1), "民营", "道里区", "小型", "2005-03-01", "2008年5月", 1200, "1,500"],
                 ["示例乙（示例数据）", code(2).lower(), "国有", "南岗区", "大型", None, None, 30000, None]])
    counts = import_enterprises(admin, "名录.xlsx", data)
    assert counts == {"created": 2, "updated": 0, "tiers": 1, "revenues": 3}
    a = Enterprise.objects.get(credit_code=code(1))
    assert (a.ownership, a.size, a.region) == ("nonpublic", "small", "道里区")
    assert a.tiers.get().start.isoformat() == "2008-05-31"
    assert EnterpriseRevenue.objects.get(enterprise=a, year=2009).revenue == 1500
    # the export is the import layout: importing it again updates, never duplicates
    again = import_enterprises(admin, "again.xlsx", export_enterprises(Enterprise.objects.all()))
    assert again["created"] == 0 and again["updated"] == 2
    assert Enterprise.objects.count() == 2 and EnterpriseTier.objects.count() == 1


def test_import_bad_rows_write_nothing(org: dict[str, Any]) -> None:
    admin = org["users"]["admin"]
    bad = code(3)[:-1] + ("0" if code(3)[-1] != "0" else "1")
    data = xlsx([HEADER, ["好企业", code(1), "民营", "", "", "", "", 10, ""],
                 ["坏代码", bad, "民营", "", "", "", "", "", ""],
                 ["", code(4), "其他", "", "巨型", "明年", "", "很多", ""],
                 ["重复", code(1), "民营", "", "", "", "", "", ""]])
    with pytest.raises(ImportRejected) as exc:
        import_enterprises(admin, "名录.xlsx", data)
    cols = {(r, c) for r, c, _ in exc.value.errors}
    assert {(3, "统一社会信用代码"), (4, "企业名称"), (4, "所有制"), (4, "规模"), (4, "成立日期"),
            (4, "营业收入2008"), (5, "统一社会信用代码")} <= cols
    assert "校验位" in str(exc.value)
    assert Enterprise.objects.count() == 0 and EnterpriseRevenue.objects.count() == 0


def test_import_missing_columns(org: dict[str, Any]) -> None:
    with pytest.raises(ImportRejected) as exc:
        import_enterprises(org["users"]["admin"], "x.csv", "企业名称,所有制\n甲,民营\n".encode())
    assert exc.value.errors[0][1] == "统一社会信用代码"


@pytest.mark.parametrize("role", ["reporter", "leader", "viewer"])
def test_only_the_office_imports(org: dict[str, Any], role: str) -> None:
    with pytest.raises(PermissionDenied):
        import_enterprises(org["users"][role], "x.csv", "企业名称\n".encode())


# ---- counting rules ----------------------------------------------------------------------------------

def _target(plan: Any, text: str) -> Any:
    return plan.current_version.targets.get(indicator_text=text)


def test_revenue_rule_feeds_observations(org: dict[str, Any]) -> None:
    admin = org["users"]["admin"]
    plan = live_plan(admin)
    build_register()
    target = _target(plan, "销售收入20亿元以上的大型企业集团")
    rule = CountRule.objects.create(target=target, revenue_min=200_000, first_year=2006)
    s = counting.series(rule)
    assert list(s) == [2006, 2007]  # not past the register's latest data
    assert s[2006][0] == 1 and s[2007][0] == 2
    figures = counting.feed(admin, rule)
    assert figures == {2006: 1, 2007: 2}
    obs = Observation.objects.get(indicator=target.indicator, year=2007)
    assert obs.value == 2 and obs.source == counting.SOURCE_ENTERPRISES
    assert obs.source_url == f"/registers/rules/{rule.pk}/2007/"
    # recomputing after a change revises the observation (with a revision), never duplicates it
    EnterpriseRevenue.objects.filter(year=2007, revenue=250_000).update(revenue=100)
    counting.feed(admin, rule)
    obs.refresh_from_db()
    assert obs.value == 1 and obs.revision == 2


def test_ownership_tier_and_new_rules(org: dict[str, Any]) -> None:
    admin = org["users"]["admin"]
    plan = live_plan(admin)
    firms = build_register()
    target = _target(plan, "销售收入20亿元以上的大型企业集团")
    years = range(2006, 2009)

    def members(**kw: Any) -> dict[int, list[int]]:
        rule = CountRule(target=target, **kw)
        return {y: ids for y, (_, ids) in counting.series(rule, years).items()}

    ids = {k: e.pk for k, e in firms.items()}
    # 营业收入亿元以上的非公有制企业 (revenue ≥ 1亿元 = 10000万元)
    assert members(ownership="nonpublic", revenue_min=10000) == {
        2006: sorted([ids["乙"], ids["丙"], ids["己"]]), 2007: [ids["乙"]], 2008: []}
    # 高新技术企业 at year end (丙 left in 2008)
    assert members(tiers=["high_tech"]) == {2006: [ids["丙"]], 2007: sorted([ids["乙"], ids["丙"], ids["丁"]]),
                                           2008: sorted([ids["乙"], ids["丁"]])}
    # 新增高新技术企业: entered the tier during the year
    assert members(tiers=["high_tech"], mode="new") == {2006: [], 2007: sorted([ids["乙"], ids["丁"]]), 2008: []}
    # 创办小型民营企业 since 2006 (己 closed in 2007 but was founded in the window)
    assert members(ownership="nonpublic", sizes=["small"], mode="cumulative", since=2006) == {
        2006: sorted([ids["丁"], ids["己"]]), 2007: sorted([ids["丁"], ids["戊"], ids["己"]]),
        2008: sorted([ids["丁"], ids["戊"], ids["己"]])}
    # in the register at year end: 己 closed in 2007
    assert ids["己"] not in members(ownership="nonpublic", sizes=["small"])[2007]
    assert members(region="南岗区", tiers=["high_tech"])[2007] == sorted([ids["乙"], ids["丁"]])


def test_count_in_ten_thousands(org: dict[str, Any]) -> None:
    admin = org["users"]["admin"]
    plan = live_plan(admin, "harbin-nonpublic-economy-2006-2010")
    build_register()
    target = _target(plan, "创办小型民营企业")
    assert target.unit == "万户"
    rule = CountRule.objects.create(target=target, ownership="nonpublic", sizes=["small"], mode="cumulative",
                                    since=2006)
    assert counting.series(rule)[2007][0] == pytest.approx(3 / 10000)


def test_invalid_rule_refused(org: dict[str, Any]) -> None:
    admin = org["users"]["admin"]
    plan = live_plan(admin)
    rule = CountRule.objects.create(target=_target(plan, "销售收入20亿元以上的大型企业集团"), mode="cumulative")
    with pytest.raises(InvalidInput):
        counting.feed(admin, rule)


@pytest.mark.parametrize("role", ["reporter", "leader", "viewer"])
def test_only_the_office_feeds(org: dict[str, Any], role: str) -> None:
    plan = live_plan(org["users"]["admin"])
    rule = CountRule.objects.create(target=_target(plan, "销售收入20亿元以上的大型企业集团"), revenue_min=1)
    with pytest.raises(PermissionDenied):
        counting.feed(org["users"][role], rule)


# ---- projects ------------------------------------------------------------------------------------------

def _projects(org: dict[str, Any]) -> tuple[Any, ProjectRecord]:
    admin = org["users"]["admin"]
    plan = live_plan(admin)
    assert sync_projects(admin, plan) == 281
    assert sync_projects(admin, plan) == 0  # idempotent
    p = ProjectRecord.objects.filter(plan=plan).order_by("id").first()
    import datetime as dt

    update_project(admin, p, owner_unit=org["units"]["ind"], planned_investment=10.0, location="平房区",
                   planned_start=dt.date(2007, 3, 1), planned_completion=dt.date(2009, 12, 31))
    p.refresh_from_db()
    return plan, p


def test_project_goes_through_the_ledger(org: dict[str, Any]) -> None:
    import datetime as dt

    us = org["users"]
    plan, p = _projects(org)
    assert p.task is not None and p.task.lead_unit == org["units"]["ind"]
    assert sorted(p.task.milestones.values_list("title", flat=True)) == sorted(["开工", "投产", "竣工"])
    W.accept_task(us["reporter"], p.task)
    inv = report_investment(us["reporter"], p, 2007, 4.0, "主体厂房封顶")
    assert inv.update.text.startswith("2007年完成投资4亿元（累计4亿元，占计划40%）")
    assert plan_project_rollup(plan).completed_investment == 0  # not approved yet
    W.review_update(us["leader"], inv.update, True)
    started = p.task.milestones.get(title="开工")
    W.complete_milestone(us["reporter"], started, dt.date(2007, 4, 1))
    r = plan_project_rollup(plan)
    assert (r.projects, r.with_owner, r.started, r.completed) == (281, 1, 1, 0)
    assert r.planned_investment == 10 and r.completed_investment == 4 and r.by_year == {2007: 4.0}
    # a returned update never counts
    bad = report_investment(us["reporter"], p, 2008, 99.0)
    W.review_update(us["leader"], bad.update, False, "数字有误")
    assert plan_project_rollup(plan).completed_investment == 4
    # the office's direct figure counts at once and replaces its own earlier figure for the year
    record_investment(us["admin"], p, 2008, 3.0)
    record_investment(us["admin"], p, 2008, 2.5)
    assert plan_project_rollup(plan).completed_investment == 6.5


def test_project_count_rule(org: dict[str, Any]) -> None:
    import datetime as dt

    us = org["users"]
    plan, p = _projects(org)
    W.complete_milestone(us["admin"], p.task.milestones.get(title="开工"), dt.date(2008, 5, 1))
    target = _target(plan, "投资在5000万元以上的规划工业项目")
    rule = CountRule.objects.create(target=target, register="project", project_plan=plan, project_state="started",
                                    investment_min=0.5, first_year=2006)
    s = counting.series(rule)
    assert {y: v for y, (v, _) in s.items()} == {2006: 0, 2007: 0, 2008: 1}
    assert s[2008][1] == [p.pk]
    counting.feed(us["admin"], rule)
    assert Observation.objects.get(indicator=target.indicator, year=2008).source == counting.SOURCE_PROJECTS


def test_project_permissions(org: dict[str, Any]) -> None:
    us = org["users"]
    plan, p = _projects(org)
    W.accept_task(us["reporter"], p.task)
    for role in ("reporter", "leader", "viewer"):
        with pytest.raises(PermissionDenied):
            update_project(us[role], p, location="x")
        with pytest.raises(PermissionDenied):
            sync_projects(us[role], plan)
        with pytest.raises(PermissionDenied):
            record_investment(us[role], p, 2007, 1.0)
    for role in ("other_reporter", "leader", "viewer", "admin"):
        with pytest.raises(PermissionDenied):
            report_investment(us[role], p, 2007, 1.0)
    with pytest.raises(InvalidInput):
        report_investment(us["reporter"], p, 2007, -1.0)
    other = ProjectRecord.objects.filter(plan=plan, task__isnull=True).first()
    other.owner_unit = org["units"]["ind"]
    other.save()
    with pytest.raises(WorkflowError):
        report_investment(us["reporter"], other, 2007, 1.0)


def test_cli_import(org: dict[str, Any], tmp_path: Any) -> None:
    from typer.testing import CliRunner

    from planwatch.cli import app

    good = tmp_path / "e.csv"
    good.write_text(f"企业名称,统一社会信用代码,所有制,营业收入2007\n示例（示例数据）,{code(5)},民营,300000\n",
                    encoding="utf-8")
    r = CliRunner().invoke(app, ["import-enterprises", str(good)])
    assert r.exit_code == 0, r.output
    assert Enterprise.objects.count() == 1
    bad = tmp_path / "b.csv"
    bad.write_text("企业名称,统一社会信用代码,所有制\n坏,123,民营\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["import-enterprises", str(bad)])
    assert isinstance(r.exception, ImportRejected) and Enterprise.objects.count() == 1


def test_project_rule_follows_approvals(org: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    import datetime as dt

    us = org["users"]
    plan, p = _projects(org)
    target = _target(plan, "规划工业项目固定资产投资")
    rule = CountRule.objects.create(target=target, register="project", project_plan=plan,
                                    measure="completed_investment", first_year=2006)
    W.accept_task(us["reporter"], p.task)
    inv = report_investment(us["reporter"], p, 2007, 4.0)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        W.review_update(us["leader"], inv.update, True)
    assert callbacks
    assert Observation.objects.get(indicator=target.indicator, year=2007).value == 4
    with django_capture_on_commit_callbacks(execute=True):
        W.complete_milestone(us["reporter"], p.task.milestones.get(title="开工"), dt.date(2008, 1, 2))
        record_investment(us["admin"], p, 2008, 1.0)
    assert Observation.objects.get(indicator=target.indicator, year=2008).value == 5
    rule.refresh_from_db()
    assert rule.computed_at is not None


def test_report_projects_come_from_the_register(org: dict[str, Any]) -> None:
    """The mid-term report's 重大项目 section states the register's figures as of the report date."""
    import datetime as dt

    from planwatch.reports.build import build_report
    from planwatch.web.reports.inputs import report_inputs_from_db

    us = org["users"]
    plan, p = _projects(org)
    W.complete_milestone(us["admin"], p.task.milestones.get(title="开工"), dt.date(2007, 4, 1))
    record_investment(us["admin"], p, 2007, 4.0)
    record_investment(us["admin"], p, 2009, 5.0)  # after the report date: not counted
    content = build_report(report_inputs_from_db(plan, dt.date(2008, 12, 31)), kind="midterm",
                           as_of=dt.date(2008, 12, 31), issuer="市发展和改革委员会")
    row = next(r for r in content.projects if r.name == p.name)
    assert (row.planned_investment, row.completed_investment, row.started, row.completed) == (10.0, 4.0, 2007, None)
    assert content.projects_without_data == 280
    assert "已开工1个" in content.summary
