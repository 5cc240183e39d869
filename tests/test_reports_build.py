"""The report builder: statuses, counts and texts follow from the inputs, and only from them."""

from __future__ import annotations

import csv
import json
import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from planwatch.errors import DocumentError, PlanWatchError
from planwatch.extract.model import PlanExtraction
from planwatch.reports.actuals import key_of_observation, match_observations, read_actuals_csv
from planwatch.reports.assessment import Observation
from planwatch.reports.build import ReportInputs, TaskStatus, build_report, group_title
from planwatch.reports.content import TO_BE_WRITTEN
from tests.reports_helpers import AS_OF, sample_inputs, target

HARBIN = Path(__file__).resolve().parent.parent / "examples" / "harbin"


def build(inputs: ReportInputs | None = None, as_of: date = AS_OF):  # type: ignore[no-untyped-def]
    return build_report(inputs or sample_inputs(), kind="progress", as_of=as_of, issuer="某市发展和改革委员会")


def test_level_target_compares_completion_with_time_elapsed() -> None:
    row = build().groups[0].rows[0]
    # base 100 (2005) -> target 200 (2010); 2008 actual 170. Levels compound, so the task share is
    # ln(1.7)/ln(2) = 77%, against 60% of the time: more than 10 points ahead.
    task = math.log(170 / 100) / math.log(200 / 100)
    assert (row.latest_value, row.latest_year, row.status) == (170.0, 2008, "ahead")
    assert f"任务完成{task * 100:.0f}%" in row.progress_measure and "时间进度60%" in row.progress_measure


def test_behind_when_completion_lags_time() -> None:
    row = build(sample_inputs(gdp_2008=140.0)).groups[0].rows[0]
    task = math.log(1.4) / math.log(2)  # 49%, 11 points behind 60%: lagging (10 to 30 points)
    assert row.status == "lagging"
    assert f"任务完成{task * 100:.0f}%" in row.progress_measure


def test_baseline_taken_from_plan_fact_when_target_has_none() -> None:
    share = build().groups[1].rows[0]
    assert (share.baseline_value, share.baseline_year) == (35.0, 2005)
    assert share.status == "lagging"  # 35 -> 45, 38 in 2008: 30% (shares move linearly) against 60%
    assert any("2005年" in n for n in share.notes)


def test_growth_target_uses_mean_observed_rate() -> None:
    growth = build().groups[0].rows[1]
    mean = math.sqrt(1.12 * 1.09) - 1  # geometric mean of 12% and 9%: 10.5% >= 10%
    assert growth.status == "on_track"
    assert f"年均增长{mean * 100:.1f}%（2007—2008年）" in growth.progress_measure
    inputs = sample_inputs()
    inputs.observations = [o for o in inputs.observations if not (o.indicator.endswith("增速") and o.year == 2007)]
    # Only 9% (2008): index 1.09^3 against the path 1.1^5 -> log share 54% after 60% of the time.
    assert 3 * math.log(1.09) / (5 * math.log(1.1)) == pytest.approx(0.5425, abs=1e-3)
    assert build(inputs).groups[0].rows[1].status == "slightly_behind"


def test_observations_after_as_of_are_ignored_and_no_data_is_honest() -> None:
    content = build()
    gdp = content.groups[0].rows[0]
    assert gdp.latest_year == 2008  # the 2010 figure lies after 2009-06-30
    count_row = content.groups[1].rows[1]
    assert count_row.status == "no_data" and count_row.latest_value is None


def test_due_target_is_judged_on_its_final_value() -> None:
    content = build(as_of=date(2011, 1, 1))
    assert content.groups[0].rows[0].status == "achieved"  # 260 >= 200 in 2010
    inputs = sample_inputs()
    inputs.observations = [replace(o, value=180.0) if o.year == 2010 else o for o in inputs.observations]
    assert build(inputs, as_of=date(2011, 1, 1)).groups[0].rows[0].status == "not_achieved"


def test_stale_data_after_the_target_year_is_not_called_on_track() -> None:
    inputs = sample_inputs()
    inputs.observations = [o for o in inputs.observations if o.year != 2010]
    row = build(inputs, as_of=date(2011, 6, 1)).groups[0].rows[0]
    assert row.status == "unassessed"
    assert "2010年实际值暂缺" in row.progress_measure


def test_groups_follow_plan_sections_without_plan_numbering() -> None:
    content = build()
    assert [g.title for g in content.groups] == ["主要目标", "产业结构"]
    assert [len(g.rows) for g in content.groups] == [3, 2]
    assert group_title(target("x", "level", 1, "个", "第二章 第一节 目标")) == "第二章"
    sentence = "二、（四）3、重点构筑现代商服业产业集群，打响本埠大型企业品牌"
    assert group_title(target("x", "level", 1, "个", sentence)) == "重点构筑现代商服业产业集群"
    assert group_title(target("x", "level", 1, "个", "四、(二)1、——汽车制造")) == "汽车制造"


def test_binding_flag_from_plan_wording() -> None:
    rows = build().rows
    assert [r.indicator for r in rows if r.binding] == ["单位GDP能耗降低"]


def test_tasks_overdue_and_scorecard() -> None:
    content = build()
    assert [t.title for t in content.overdue_tasks] == ["建设物流园区"]
    assert content.overdue_tasks[0].status == "overdue"
    assert (content.task_total, content.tasks_done, content.tasks_reported) == (3, 1, 2)
    units = {u.unit: (u.tasks, u.done, u.overdue) for u in content.scorecard}
    assert units == {"市商务局": (1, 0, 1), "市国资委": (1, 1, 0)}
    later = build(as_of=date(2011, 1, 1))  # the unreported 2010 task is now past its deadline too
    assert {t.title: t.status for t in later.overdue_tasks} == {"建设物流园区": "overdue", "完善创业服务体系": "unreported"}


def test_problems_are_implementation_problems() -> None:
    """Lagging indicators, overdue tasks, units that never reported, indicators without data —
    not the plan text's arithmetic (that goes to the appendix)."""
    content = build()
    kinds = [p.kind for p in content.problems]
    assert kinds == ["target", "task", "unit", "data"]
    assert "服务业增加值占GDP比重" in content.problems[0].text
    assert "建设物流园区" in content.problems[1].text and "市商务局" in content.problems[1].text
    assert "1项任务尚未报送进展" in content.problems[2].text
    missing = content.problems[3].text
    assert "监测数据缺失" in missing and "单位GDP能耗降低" in missing and "高新技术企业" in missing
    assert not any("101%" in p.text for p in content.problems)
    assert content.narrative == {}
    assert TO_BE_WRITTEN == "【待补充】"


def test_no_data_at_all_is_a_problem_not_a_clean_bill() -> None:
    inputs = sample_inputs()
    inputs.observations = []
    content = build(inputs)
    assert any(p.kind == "data" and "5项指标" in p.text and "100%" in p.text for p in content.problems)


def test_overall_sentences_state_computed_counts() -> None:
    summary = build().summary
    assert "规划确定的5项主要指标中" in summary
    assert "快于预期1项" in summary and "符合预期1项" in summary and "滞后于预期1项" in summary
    assert "暂无监测数据2项" in summary and "约束性指标1项" in summary and "预期性指标4项" in summary
    assert "“全市地区生产总值”2008年为170亿元（目标200亿元），快于预期" in summary  # key ones with figures
    assert "规划部署重大任务3项" in summary and "已完成1项" in summary and "逾期未完成1项" in summary
    assert "规划列出重大项目2个" in summary and "已开工1个" in summary
    assert "累计完成投资9亿元，占这些项目计划总投资的75%" in summary
    assert "截至2009年6月30日" in summary and "时间已过70%" in summary


def test_changing_an_observation_changes_the_report() -> None:
    a, b = build(sample_inputs(170.0)), build(sample_inputs(130.0))
    assert a.groups[0].rows[0].latest_value == 170.0 and b.groups[0].rows[0].latest_value == 130.0
    assert a.summary != b.summary
    assert [p.text for p in a.problems] != [p.text for p in b.problems]


def test_bad_kind_and_task_status_rejected() -> None:
    with pytest.raises(PlanWatchError):
        build_report(sample_inputs(), kind="yearly", as_of=AS_OF, issuer="x")  # type: ignore[arg-type]
    with pytest.raises(PlanWatchError):
        TaskStatus("finished")


def test_matching_keeps_definitions_apart() -> None:
    level = target("工业增加值", "level", 1050, "亿元", "s", baseline=(490.9, 2005))
    obs = [
        Observation("全部工业增加值", 2007, 689.9, "亿元", scope="全市"),
        Observation("规模以上工业增加值", 2007, 500.0, "亿元", scope="规模以上工业"),
        Observation("工业增加值", 2007, 70.0, "亿美元"),
        Observation("工业增加值增速", 2007, 16.0, "%"),
    ]
    matched = match_observations(level, obs)
    assert [o.value for o in matched.observations] == [689.9]
    share = target("第三产业增加值所占份额", "share", 60, "%", "s", comparator=">=")
    m2 = match_observations(share, [Observation("第三产业增加值占GDP比重", 2010, 50.9, "%")])
    assert len(m2.observations) == 1 and "表述不同" in m2.notes[0]
    scoped = match_observations(level, [Observation("工业增加值", 2010, 44.3, "亿元", scope="高新区")])
    assert any("统计范围" in n for n in scoped.notes)
    assert key_of_observation(Observation("万元增加值能耗降低率", 2010, 3.5, "% (同比下降)")).kind == "rate"


def test_actuals_csv_errors_are_user_errors(tmp_path: Path) -> None:
    bad = tmp_path / "a.csv"
    bad.write_text("indicator,year\nx,2001\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="value"):
        read_actuals_csv(bad)
    bad.write_text("indicator,year,value,unit\nx,two,1,%\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="line 2"):
        read_actuals_csv(bad)
    with pytest.raises(DocumentError):
        read_actuals_csv(tmp_path / "missing.csv")


def _harbin(name: str) -> PlanExtraction:
    return PlanExtraction.from_dict(json.loads((HARBIN / "gold" / f"{name}.json").read_text(encoding="utf-8")))


def _csv_value(indicator: str, year: int) -> float:
    with (HARBIN / "harbin-actuals.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["indicator"] == indicator and int(row["year"]) == year:
                return float(row["value"])
    raise AssertionError(f"{indicator} {year} not in the CSV")


def test_harbin_industry_as_of_2008() -> None:
    plan = _harbin("harbin-industry-2006-2010")
    obs = read_actuals_csv(HARBIN / "harbin-actuals.csv")
    content = build_report(ReportInputs(plan, obs), kind="midterm", as_of=date(2008, 1, 1), issuer="哈尔滨市发改委")
    assert len(content.rows) == len(plan.targets)
    industry = next(r for r in content.rows if r.indicator == "工业增加值" and r.kind == "level")
    actual = _csv_value("全部工业增加值", 2007)
    assert (industry.latest_value, industry.latest_year) == (actual, 2007)
    completion = math.log(actual / 490.9) / math.log(1050 / 490.9)  # levels compound: log share
    assert f"任务完成{completion * 100:.0f}%/时间进度40%（2007年）" == industry.progress_measure
    assert industry.status == "on_track"
    assert content.task_total == len(plan.tasks)
    assert content.projects_without_data == len(plan.projects)


def test_harbin_nonpublic_as_of_2011() -> None:
    plan = _harbin("harbin-nonpublic-economy-2006-2010")
    obs = read_actuals_csv(HARBIN / "harbin-actuals.csv")
    content = build_report(ReportInputs(plan, obs), kind="midterm", as_of=date(2011, 1, 1), issuer="哈尔滨市发改委")
    tertiary = next(r for r in content.rows if r.indicator == "第三产业增加值所占份额")
    assert tertiary.latest_value == _csv_value("第三产业增加值占GDP比重", 2010)
    assert tertiary.status == "not_achieved"
    assert any("表述不同" in n for n in tertiary.notes)
    # 2020 figures for the non-public economy lie after the as-of date and must not appear.
    assert all(r.latest_year is None or r.latest_year <= 2010 for r in content.rows)
    assert all(s.year <= 2010 for s in content.sources)


def test_ambiguous_plan_baseline_is_not_used() -> None:
    inputs = sample_inputs()
    fact = inputs.plan.facts[0]
    inputs.plan.facts.append(replace(fact, value=40.0, quote="另一处同名指标40%"))
    share = build(inputs).groups[1].rows[0]
    assert share.baseline_value is None
    assert share.status == "unassessed"  # one 2008 figure and no baseline: no progress share


def test_target_baseline_contradicted_by_a_plan_fact_is_flagged() -> None:
    inputs = sample_inputs()
    gdp_fact = replace(inputs.plan.facts[0], indicator="地区生产总值", kind="level", value=98.0, unit="亿元")
    inputs.plan.facts.append(gdp_fact)
    row = build(inputs).groups[0].rows[0]
    assert row.baseline_value == 100.0
    assert any("98亿元" in n and "不一致" in n for n in row.notes)
    assert not any("不一致" in n for n in build().groups[0].rows[0].notes)


def test_audit_findings_become_report_rows_and_problems() -> None:
    from planwatch.audit import Finding, RecordRef, Severity
    from planwatch.reports.doubts import findings_from_audit

    ref = RecordRef("p.txt", "fact", "三次产业比重", "三次产业比重为10:45:46", 0, 10, 101.0, None, "%", 2005)
    finding = Finding("shares-sum", Severity.ERROR, "三次产业比重之和为101%", "shares add up to 101%", (ref,), "±0.5")
    inputs = sample_inputs()
    inputs.findings = findings_from_audit([finding])
    content = build(inputs)
    assert [(f.rule, f.severity, f.quote) for f in content.findings] == [("shares-sum", "error", "三次产业比重为10:45:46")]
    assert not any("101%" in p.text for p in content.problems)  # the plan's arithmetic is in the appendix


def test_sources_list_each_figure_once_under_its_own_name() -> None:
    content = build()
    keys = [(s.indicator, s.year, s.value) for s in content.sources]
    assert len(keys) == len(set(keys))
    assert ("地区生产总值", 2008, 170.0) in keys and ("地区生产总值增速", 2008, 9.0) in keys
    assert all(s.year <= 2009 for s in content.sources)


def test_projects_summarised_by_group_reported_ones_named_the_others_in_the_appendix() -> None:
    from planwatch.reports.layout import Heading, Table, report_blocks

    content = build_report(sample_inputs(), kind="midterm", as_of=AS_OF, issuer="某市发展和改革委员会")
    blocks = report_blocks(content)
    tables = [b for b in blocks if isinstance(b, Table)]
    groups = next(t for t in tables if t.kind == "project-groups")
    assert [[c.text for c in row] for row in groups.rows] == [
        ["1", "专栏1 物流", "1", "1", "12亿元", "9亿元"], ["2", "专栏2 科技", "1", "0", "—", "—"]]
    named = [t for t in tables if t.kind == "projects"]
    assert named[0].caption.endswith("已报送进展的重大项目") and [r[1].text for r in named[0].rows] == ["物流园区一期"]
    appendix = blocks.index(next(b for b in blocks if isinstance(b, Heading) and b.level == 0))
    assert blocks.index(named[1]) > appendix and [r[1].text for r in named[1].rows] == ["科技孵化基地"]
