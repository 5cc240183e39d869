"""The one verdict on an annual (全年) target tracked through its year by year-to-date figures
(1-3月、1-6月、1-9月累计, period "YYYY-MM"): cumulative figure against the share of the year elapsed."""

from datetime import date

from planwatch.progress.verdict import Reading, TargetSpec, cumulative_month, judge, month_end, period_zh

ANNUAL = TargetSpec(target_id=1, indicator="新增高新技术企业", kind="count", value=100, unit="家", target_year=2023,
                    comparator=">=", annual=True, dimension="count")
FIVE_YEAR = TargetSpec(target_id=2, indicator="新增高新技术企业", kind="cumulative", value=500, unit="家",
                       target_year=2025, baseline_value=0, baseline_year=2020, dimension="count", period=(2021, 2025))


def ytd(year: int, month: int | None, value: float, **kw: object) -> Reading:
    return Reading(year=year, value=value, unit="家", dimension="count", series="新增高新技术企业",
                   period=f"{year}-{month:02d}" if month else "", **kw)  # type: ignore[arg-type]


def test_period_helpers() -> None:
    assert cumulative_month("2023-09") == 9 and cumulative_month("2023-12") is None
    assert cumulative_month("2001-2005") is None and cumulative_month("") is None
    assert month_end(2024, 2) == date(2024, 2, 29) and month_end(2023, 12) == date(2023, 12, 31)
    assert period_zh(2023, "2023-06") == "2023年1-6月累计" and period_zh(2023, "") == "2023年"


def test_latest_year_to_date_figure_against_time_elapsed() -> None:
    readings = [ytd(2023, 3, 20), ytd(2023, 6, 45), ytd(2023, 9, 68)]
    v = judge(ANNUAL, readings, date(2023, 10, 15))
    assert v.observed_value == 68 and v.observed is not None and v.observed.period == "2023-09"
    a = v.assessment
    assert a is not None and abs(a.time_share - 273 / 365) < 1e-9 and abs(a.task_share - 0.68) < 1e-9
    assert v.status == "slightly_behind"  # 68% of the task, 75% of the year
    assert judge(ANNUAL, [*readings[:2], ytd(2023, 9, 60)], date(2023, 10, 15)).status == "lagging"
    assert "2023年1-9月累计实际值68" in v.reason and "1-9月累计数与全年时间进度" in v.reason


def test_a_quarter_not_yet_over_is_not_used() -> None:
    readings = [ytd(2023, 3, 40), ytd(2023, 6, 70)]
    v = judge(ANNUAL, readings, date(2023, 5, 1))
    assert v.observed_value == 40 and v.status == "ahead"
    assert [u.reason for u in v.unused] == ["评估日2023-05-01时2023年1-6月尚未结束"]


def test_whole_year_figure_decides_once_the_year_is_over() -> None:
    readings = [ytd(2023, 9, 60), ytd(2023, None, 96)]
    v = judge(ANNUAL, readings, date(2024, 3, 1))
    assert v.observed_value == 96 and v.observed is not None and v.observed.period == ""
    assert v.assessment is not None and v.assessment.time_share == 1.0


def test_year_over_without_whole_year_figure_says_so() -> None:
    v = judge(ANNUAL, [ytd(2023, 9, 80)], date(2024, 6, 1))
    assert v.observed_value == 80 and "2023年全年实际值暂缺" in v.reason


def test_other_years_and_sub_year_figures_of_multi_year_targets_are_not_used() -> None:
    v = judge(ANNUAL, [ytd(2022, None, 90), ytd(2022, 9, 70)], date(2023, 12, 31))
    assert v.status == "no_data"
    assert sorted(u.reason for u in v.unused) == ["2022年1-9月累计数，不是全年数", "2022年数值，年度目标只评估2023年"]
    # A five-year target is judged on whole years only: a 1-9月 figure is shown, not used.
    w = judge(FIVE_YEAR, [ytd(2022, None, 110), ytd(2023, 9, 150)], date(2024, 1, 1))
    assert w.observed_year == 2022 and w.observed_value == 110
    assert [u.reason for u in w.unused] == ["2023年1-9月累计数，不是全年数"]


def test_five_year_path_by_year() -> None:
    from planwatch.progress.path import five_year_path

    steps = five_year_path("cumulative", 2020, None, 2025, 500)
    assert [(p.year, p.value, p.step) for p in steps][:2] == [(2021, 100.0, 100.0), (2022, 200.0, 100.0)]
    gdp = five_year_path("level", 2020, 600, 2025, 800)
    assert abs(gdp[-1].value - 800) < 1e-9 and gdp[0].step is None  # type: ignore[operator]
    assert abs(gdp[2].value - 600 * (800 / 600) ** 0.6) < 1e-9  # type: ignore[operator]
    assert [p.value for p in five_year_path("growth", 2020, None, 2025, 7)] == [7] * 5
    assert five_year_path("level", 2020, None, 2025, 800)[0].value is None
