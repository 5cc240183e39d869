from hypothesis import given
from hypothesis import strategies as st

from planwatch.extract.keys import (
    IndicatorKey,
    Scope,
    ScopeRelation,
    home_geography,
    indicator_key,
    is_part_of,
    measure_parent,
    scope_differences,
    scope_relation,
    share_keys,
    split_share,
    unit_dimension,
    unit_scale,
)


def test_scope_words_are_read_from_the_start_and_removed_from_the_measure():
    key = indicator_key("全市规模以上工业实现增加值", "亿元", "level")
    assert key.scope == Scope(geo="全市", size="规模以上")
    assert key.measure == "工业增加值"
    assert key.dimension == "money:CNY"


def test_full_scope_is_the_unstated_scope():
    assert indicator_key("全部工业增加值", "亿元", "level") == indicator_key("工业增加值", "万元", "level")


def test_ownership_value_added_is_that_slice_of_gdp():
    a = indicator_key("全市非公有制经济实现增加值", "亿元", "level")
    b = indicator_key("全市非公有制经济增加值", "亿元", "level")
    assert a == b
    assert a.scope.ownership == "非公有制"
    assert a.measure == "生产总值"
    gdp = indicator_key("全市GDP", "亿元", "level")
    assert gdp.measure == "生产总值" and gdp.scope.geo == "全市"
    assert is_part_of(a, gdp)


def test_words_inside_the_measure_are_not_scope():
    key = indicator_key("实际利用外资", "亿美元", "level")
    assert key.scope == Scope()
    assert key.measure == "实际利用外资"
    assert indicator_key("累计利用外资", "亿美元", "cumulative").measure == "实际利用外资"
    assert indicator_key("合同外资额", "亿美元", "level").measure == "合同利用外资"


def test_named_city_is_the_whole_city_but_city_words_are_not():
    assert indicator_key("哈尔滨市生产总值", "亿元", "level").scope.geo == "全市"
    assert indicator_key("城市居民人均可支配收入", "元", "level").scope.geo == ""
    assert indicator_key("市场主体", "户", "count").scope.geo == ""


def test_development_zone_aliases():
    assert indicator_key("经济技术开发区工业增加值", "亿元", "level").scope.geo == "开发区"
    assert indicator_key("高新区生产总值", "亿元", "level").scope.geo == "高新区"
    # 全区 means the plan's own area: left for the plan title to resolve.
    assert indicator_key("全区生产总值", "亿元", "level").scope.geo == ""


def test_unit_scale_and_dimension():
    assert unit_scale("亿元") == ("元", 1e8)
    assert unit_scale("万人") == ("人", 1e4)
    assert unit_scale("万") == ("", 1e4)
    assert unit_scale("个百分点") == ("个百分点", 1.0)
    assert unit_scale("平方公里") == ("平方米", 1e6)  # the quantities unit catalog folds areas
    assert unit_dimension("亿美元", "level") == "money:USD"
    assert unit_dimension("家", "count") == unit_dimension("万户", "level") == "count:户"
    assert unit_dimension("%", "growth") == "growth"
    assert unit_dimension("%", "share") == "share"
    assert unit_dimension("个百分点", "change") == "pp"
    assert unit_dimension("倍", "change") == "multiple"
    assert unit_dimension("万吨", "level") == unit_dimension("公斤", "level")  # mass, one base unit


def test_same_measure_in_different_units_has_the_same_key():
    assert indicator_key("工业增加值", "亿元", "level") == indicator_key("工业增加值", "万元", "level")
    assert indicator_key("工业增加值", "亿元", "level") != indicator_key("工业增加值", "亿美元", "level")


def test_scope_relation():
    city = Scope(geo="全市")
    assert scope_relation(city, city) is ScopeRelation.SAME
    assert scope_relation(Scope(geo="全市", size="规模以上"), city) is ScopeRelation.NARROWER
    assert scope_relation(city, Scope(geo="全市", size="规模以上")) is ScopeRelation.BROADER
    assert scope_relation(Scope(geo="开发区"), city) is ScopeRelation.NARROWER
    assert scope_relation(Scope(geo="集中区"), Scope(geo="全市")) is ScopeRelation.NARROWER
    assert scope_relation(Scope(geo="全市", ownership="私营"), Scope(geo="全市", ownership="非公有制")) is ScopeRelation.NARROWER
    assert scope_relation(Scope(geo="全市", ownership="民营"), Scope(geo="全市", ownership="非公有制")) is ScopeRelation.DIFFERENT
    assert scope_relation(Scope(geo="全市", price="现价"), Scope(geo="全市", price="可比价")) is ScopeRelation.DIFFERENT
    assert scope_relation(Scope(geo="开发区"), Scope(geo="新区")) is ScopeRelation.DIFFERENT
    # narrower on one axis and broader on another: not nested
    assert scope_relation(Scope(geo="开发区"), Scope(geo="全市", size="规模以上")) is ScopeRelation.DIFFERENT


def test_scope_differences_say_why():
    notes = scope_differences(Scope(geo="全市", ownership="民营"), Scope(geo="全市", ownership="非公有制"))
    assert len(notes) == 1 and "集体" in notes[0][0]
    notes = scope_differences(Scope(size="规模以上"), Scope())
    assert "规模以上" in notes[0][0] and "threshold" in notes[0][1]


def test_measure_hierarchy():
    assert measure_parent("机械制造业增加值") == "工业增加值"
    assert measure_parent("食品工业增加值") == "工业增加值"
    assert measure_parent("工业增加值") == "第二产业增加值"
    assert measure_parent("第三产业增加值") == "生产总值"
    assert measure_parent("出口总额") is None
    mech = indicator_key("规模以上机械制造业增加值", "亿元", "level")
    industry = indicator_key("工业增加值", "亿元", "level")
    assert is_part_of(mech, industry)
    assert not is_part_of(industry, mech)
    assert not is_part_of(mech, mech)


def test_split_share():
    assert split_share("非公有制经济增加值占全市GDP比重") == ("非公有制经济增加值", "全市GDP")
    assert split_share("高技术产业增加值占工业增加值的比重") == ("高技术产业增加值", "工业增加值")
    assert split_share("第三产业增加值所占份额") is None
    assert split_share("常住人口城镇化率") is None


def test_share_whole_named_only_by_area_takes_the_part_measure():
    keys = share_keys("开发区生产总值占哈尔滨市比重", "亿元")
    assert keys is not None
    part, whole = keys
    assert part == IndicatorKey(Scope(geo="开发区"), "生产总值", "money:CNY")
    assert whole == IndicatorKey(Scope(geo="全市"), "生产总值", "money:CNY")


def test_home_geography_from_title():
    assert home_geography("哈尔滨市开发区经济发展规划") == "开发区"
    assert home_geography("哈尔滨市非公有制经济发展规划") == "全市"
    assert home_geography("哈尔滨新区2023年政府工作报告") == "新区"
    assert home_geography("经济体制改革规划") == ""


_CHARS = st.sampled_from(list("全市规模以上非公有制经济工业增加值开发区民营的实现累计占比重GDP 123"))


@given(st.text(_CHARS, max_size=20), st.sampled_from(["亿元", "%", "户", "", "万人", "倍"]), st.sampled_from(["level", "growth", "share"]))
def test_indicator_key_is_total_and_deterministic(indicator, unit, kind):
    a = indicator_key(indicator, unit, kind)
    assert a == indicator_key(indicator, unit, kind)
    assert scope_relation(a, a) is ScopeRelation.SAME
