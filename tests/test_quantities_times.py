"""Time expressions and five-year-plan periods."""

from __future__ import annotations

import pytest

from planwatch.quantities import find_times, five_year_plan_period


@pytest.mark.parametrize(
    ("name", "period"),
    [
        ("十一五", (2006, 2010)), ("“十一五”", (2006, 2010)), ("第十一个五年", (2006, 2010)),
        ("十五", (2001, 2005)), ("十二五", (2011, 2015)), ("十三五", (2016, 2020)),
        ("十四五", (2021, 2025)), ("十五五", (2026, 2030)), ("九五", (1996, 2000)),
    ],
)
def test_five_year_plan_period(name: str, period: tuple[int, int]) -> None:
    assert five_year_plan_period(name) == period


@pytest.mark.parametrize("name", ["十一", "五", "十一五五", "abc", ""])
def test_five_year_plan_period_rejects(name: str) -> None:
    assert five_year_plan_period(name) is None


@pytest.mark.parametrize(
    ("text", "expr", "kind", "year", "period", "marker"),
    [
        ("到2010年，全市", "2010年", "year", 2010, None, "到"),
        ("2010年前建成", "2010年前", "year", 2010, None, "前"),
        ("2010年以前建成", "2010年以前", "year", 2010, None, "以前"),
        ("截至2005年底，", "2005年底", "year", 2005, None, "截至"),
        ("“十一五”期间，", "“十一五”期间", "period", None, (2006, 2010), "期间"),
        ("“十一五”时期", "“十一五”时期", "period", None, (2006, 2010), "时期"),
        ("到“十一五”期末，", "“十一五”期末", "period_end", 2010, (2006, 2010), "到"),
        ("“十二五”末", "“十二五”末", "period_end", 2015, (2011, 2015), "末"),
        ("十五期间平均增长", "十五期间", "period", None, (2001, 2005), "期间"),
        ("“十五” 期间有34个项目", "“十五” 期间", "period", None, (2001, 2005), "期间"),
        ("2016 年至 2020 年", "2016 年至 2020 年", "period", None, (2016, 2020), None),
        ("2006-2010年", "2006-2010年", "period", None, (2006, 2010), None),
        ("2006年—2010年", "2006年—2010年", "period", None, (2006, 2010), None),
        ("全年新增", "全年", "annual", None, None, None),
        ("今年要", "今年", "annual", None, None, None),
        ("比上年增长12%", "比上年", "previous_year", None, None, None),
        ("同比增长", "同比", "previous_year", None, None, None),
        ("二〇〇五年", "二〇〇五年", "year", 2005, None, None),
        ("第十一个五年规划纲要", "第十一个五年规划", "period", None, (2006, 2010), "规划"),
        ("2001年以来", "2001年以来", "year", 2001, None, "以来"),
    ],
)
def test_find_times(text: str, expr: str, kind: str, year: int | None, period: tuple[int, int] | None,
                    marker: str | None) -> None:
    ts = find_times(text)
    assert len(ts) == 1, [t.text for t in ts]
    t = ts[0]
    assert (t.text, t.kind, t.year, t.period, t.marker) == (expr, kind, year, period, marker)
    assert text[t.start : t.end] == t.text


def test_months_and_dates() -> None:
    (ym,) = find_times("2004年7月，")
    assert (ym.kind, ym.year, ym.month) == ("year_month", 2004, 7)
    (md,) = find_times("自7月1日起施行")
    assert (md.kind, md.month, md.day) == ("month_day", 7, 1)
    (d,) = find_times("2004年7月1日")
    assert (d.kind, d.year, d.month, d.day) == ("date", 2004, 7, 1)
    (h,) = find_times("上半年完成")
    assert h.kind == "half"


@pytest.mark.parametrize("text", ["十五个", "增长15年", "3000吨", "20世纪80年代", "1550亿元", "5年内"])
def test_not_times(text: str) -> None:
    assert [t for t in find_times(text) if t.kind in ("year", "period", "period_end")] == []


def test_real_document_years() -> None:
    from pathlib import Path

    text = Path("examples/harbin/harbin-nonpublic-economy-2006-2010.txt").read_text(encoding="utf-8")
    ts = find_times(text)
    assert all(text[t.start : t.end] == t.text for t in ts)
    years = {t.year for t in ts if t.kind == "year"}
    assert {2005, 2010} <= years
    assert any(t.period == (2006, 2010) for t in ts)


@pytest.mark.parametrize(
    ("text", "quarter", "marker"),
    [("一季度", 1, None), ("前三季度增长5%", 3, "前"), ("第四季度", 4, None), ("2季度", 2, None)],
)
def test_quarters(text: str, quarter: int, marker: str | None) -> None:
    (t,) = find_times(text)
    assert (t.kind, t.quarter, t.marker) == ("quarter", quarter, marker)


def test_year_lists() -> None:
    ts = find_times("2005、2006和2007年分别增长")
    assert [(t.text, t.year) for t in ts] == [("2005", 2005), ("2006", 2006), ("2007年", 2007)]


def test_bare_plan_names() -> None:
    (t,) = find_times("实施十一五规划，")
    assert (t.kind, t.period) == ("period", (2006, 2010))
    (t,) = find_times("十三五以来")
    assert (t.kind, t.period, t.marker) == ("period", (2016, 2020), "以来")
    assert find_times("二十一五") == []


def test_bare_year_ranges() -> None:
    from planwatch.quantities import find_quantities

    (t,) = find_times("规划期（2006-2010）")
    assert (t.text, t.kind, t.period) == ("2006-2010", "period", (2006, 2010))
    assert find_quantities("规划期（2006-2010）") == []
    # followed by a unit, or too long for a plan period: a range of amounts
    assert find_times("2000-2100元") == []
    assert [q.value_high for q in find_quantities("2000-2100元")] == [2100]


@pytest.mark.parametrize("text", ["两年内完成", "十年内", "5年内"])
def test_durations_ending_in_nian_nei_are_not_annual(text: str) -> None:
    from planwatch.quantities import find_quantities

    assert [t for t in find_times(text) if t.kind == "annual"] == []
    assert len(find_quantities(text)) == 1


def test_yishang_before_nian_is_not_previous_year() -> None:
    assert find_times("规模以上年均增长10%") == []
    assert [t.kind for t in find_times("上年同期")] == ["previous_year"]


@pytest.mark.parametrize("text", ["降低成本年均10%", "相当年产100万吨", "健全年度考核制度", "安全年检"])
def test_annual_words_inside_other_words(text: str) -> None:
    assert [t for t in find_times(text) if t.kind == "annual"] == []
