"""The one verdict (planwatch.progress.verdict): which figure is used, and why the others are not."""

from datetime import date

from planwatch.progress.identity import series_id, suggest_region_name
from planwatch.progress.verdict import PlanFigure, Reading, TargetSpec, judge

LEVEL = TargetSpec(target_id=1, indicator="工业增加值", kind="level", value=1050, unit="亿元", target_year=2010,
                   baseline_value=490.9, baseline_year=2005, dimension="money:CNY", period=(2006, 2010))
GROWTH = TargetSpec(target_id=2, indicator="工业增加值", kind="growth", value=16.5, unit="%", target_year=2010,
                    dimension="growth", period=(2006, 2010))


def level(year: int, value: float, **kw: object) -> Reading:
    return Reading(year=year, value=value, unit="亿元", dimension="money:CNY", series="全部工业增加值", **kw)  # type: ignore[arg-type]


def test_level_target_uses_the_latest_figure_in_the_period() -> None:
    v = judge(LEVEL, [level(2007, 689.9)], date(2011, 1, 1))
    assert v.status == "on_track" and v.observed_value == 689.9 and v.observed_year == 2007
    assert v.baseline_value == 490.9 and "2007年实际值689.9" in v.reason


def test_growth_target_is_derived_from_the_level_series() -> None:
    figures = [PlanFigure(2005, 490.9, "亿元", "money:CNY")]
    rate = Reading(year=2007, value=17.0, unit="%", dimension="growth", series="工业增加值增速")
    v = judge(GROWTH, [level(2007, 689.9), rate], date(2011, 1, 1), figures)
    assert v.derived and v.observed_value is not None and abs(v.observed_value - 18.55) < 0.01
    assert "推算" in v.reason and v.status in ("ahead", "on_track")
    assert [u.reading.dimension for u in v.unused] == ["growth"]


def test_other_caliber_is_shown_not_used() -> None:
    above = Reading(year=2008, value=600, unit="亿元", dimension="money:CNY", caliber="规模以上", series="规模以上工业增加值")
    v = judge(LEVEL, [above], date(2011, 1, 1))
    assert v.status == "no_data" and v.observed is None
    assert len(v.unused) == 1 and "口径不同" in v.unused[0].reason


def test_outside_period_future_and_superseded() -> None:
    prelim = level(2008, 800, status="preliminary")
    final = level(2008, 790, status="final")
    v = judge(LEVEL, [level(2012, 677.4), level(2009, 900), prelim, final], date(2009, 6, 30))
    reasons = {(u.reading.year, u.reading.value): u.reason for u in v.unused}
    assert "规划期" in reasons[(2012, 677.4)]
    assert "尚未结束" in reasons[(2009, 900)]
    assert "取代" in reasons[(2008, 800)]
    assert v.observed_value == 790


def test_unit_conversion_and_no_baseline_at_the_target_year() -> None:
    share = TargetSpec(target_id=3, indicator="第三产业增加值所占份额", kind="share", value=60, unit="%", comparator=">=",
                       target_year=2010, dimension="share", period=(2006, 2010))
    v = judge(share, [Reading(2010, 50.9, "%", "share")], date(2011, 1, 1))
    assert v.status == "not_achieved"
    wan = Reading(2007, 6899000, "万元", "money:CNY")
    assert judge(LEVEL, [wan], date(2011, 1, 1)).observed_value == 689.9


def test_series_identity() -> None:
    assert series_id("全部工业增加值", "亿元", None, "全市") == series_id("工业增加值", "亿元", "level")
    assert series_id("规模以上工业增加值", "亿元", None, "规模以上工业").caliber == "规模以上"
    assert series_id("地区生产总值增速", "%", None).dimension == "growth"
    zone = series_id("实际利用外资", "亿美元", None, "开发区(哈经开区+哈高新区合署)", home_geo="开发区")
    assert zone.caliber == ""
    assert series_id("实际利用外资", "亿美元", None, "开发区(哈经开区+哈高新区合署)").caliber == "开发区"
    assert suggest_region_name("哈尔滨市开发区经济发展规划") == "哈尔滨开发区"
    assert suggest_region_name("天津市国民经济和社会发展第十二个五年规划纲要") == "天津市"
    assert suggest_region_name("加快构建现代产业体系") == ""


def test_doubts_turn_a_verdict_into_to_verify_but_not_missing_data() -> None:
    from dataclasses import replace

    doubtful = replace(LEVEL, doubts=("该目标记录尚未经规划处审核",))
    v = judge(doubtful, [level(2007, 689.9)], date(2011, 1, 1))
    assert (v.status, v.status_zh, v.light) == ("to_verify", "待核实", "grey")
    assert v.reason.startswith("待核实：该目标记录尚未经规划处审核") and "2007年实际值689.9" in v.reason
    assert v.as_dict()["doubts"] == ["该目标记录尚未经规划处审核"] and v.observed_value == 689.9
    assert judge(doubtful, [], date(2011, 1, 1)).status == "no_data"  # nothing to doubt: no figure
    # a figure of a partial 统计范围 is the verdict's own doubt; a whole-area one is not
    assert judge(LEVEL, [level(2007, 689.9, scope="市区")], date(2011, 1, 1)).status == "to_verify"
    assert judge(LEVEL, [level(2007, 689.9, scope="全市")], date(2011, 1, 1)).status == "on_track"


def test_target_doubts_name_review_audit_and_a_contradicted_baseline() -> None:
    from planwatch.extract.model import Fact, Target
    from planwatch.reports.doubts import AuditFinding, target_doubts

    quote = "工业增加值达到1050亿元"
    target = Target(quote=quote, start=0, end=len(quote), indicator="工业增加值", kind="level", value=1050, value_high=None,
                    unit="亿元", comparator=">=", target_year=2010, baseline_value=490.9, baseline_year=2005)
    fact = Fact(quote="2005年工业增加值500亿元", start=0, end=1, indicator="工业增加值", kind="level", value=500, value_high=None,
                unit="亿元", year=2005)
    assert target_doubts(target, [], []) == ()
    info = AuditFinding("x", "info", "提示", quote, (quote,))
    assert target_doubts(target, [], [info]) == ()  # only errors and warnings count
    doubts = target_doubts(target, [fact], [AuditFinding("x", "warning", "分项之和不符（据 a.txt）", quote, (quote,))],
                           "该目标记录尚未经规划处审核")
    assert doubts[0] == "该目标记录尚未经规划处审核" and "不一致" in doubts[1]
    assert doubts[2] == "规划文本核验发现：分项之和不符"


def test_a_count_target_without_a_verb_is_a_floor() -> None:
    """培育2户…企业: the first count seen (3) is above the target; 6 in the target year reaches it
    (never 逆向变化); with a verb of decrease (减少到2个) the count must come down."""
    from planwatch.extract.keys import unit_dimension

    dim = unit_dimension("户", "count")
    floor = TargetSpec(target_id=3, indicator="销售收入200亿元以上企业", kind="count", value=2, unit="户",
                       target_year=2010, region="哈尔滨市", quote="培育2户销售收入200亿元以上企业", period=(2006, 2010),
                       dimension=dim)
    counts = [Reading(year=y, value=v, unit="户", dimension=dim, series="企业名录") for y, v in
              ((2006, 3), (2008, 3), (2010, 6))]
    assert judge(floor, counts, date(2011, 6, 30)).status == "achieved"
    fewer = TargetSpec(target_id=4, indicator="高耗能企业", kind="count", value=2, unit="户", target_year=2010,
                       region="哈尔滨市", quote="高耗能企业减少到2户", period=(2006, 2010), dimension=dim)
    assert judge(fewer, counts, date(2011, 6, 30)).status != "achieved"
