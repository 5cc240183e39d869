"""Indicator tables (主要指标表) in text/markdown and in .docx files."""

from __future__ import annotations

from pathlib import Path

from planwatch.documents import document_from_text, load_document
from planwatch.extract import extract_plan

MARKDOWN = """# 某市“十四五”规划纲要

## 第二章 主要目标

专栏1 “十四五”经济社会发展主要指标

| 类别 | 指标 | 2020年 | 2025年 | 年均增长（%） | 属性 |
|---|---|---|---|---|---|
| 经济发展 | 地区生产总值（亿元） | 5000 | 7000 | 7左右 | 预期性 |
| 经济发展 | 常住人口城镇化率（%） | 65.2 | 70 | — | 预期性 |
| 绿色生态 | 单位地区生产总值能耗降低（%） | — | — | [13.5] | 约束性 |
| 民生福祉 | 城镇调查失业率（%） | 4.8 | <5.5 | — | 预期性 |
"""


def test_markdown_indicator_table() -> None:
    doc = document_from_text(MARKDOWN, name="plan.md", format="md")
    result = extract_plan(doc)
    assert result.period == (2021, 2025)
    targets = {(t.indicator, t.kind): t for t in result.targets}
    gdp = targets[("地区生产总值", "level")]
    assert (gdp.value, gdp.unit, gdp.target_year) == (7000, "亿元", 2025)
    assert (gdp.baseline_value, gdp.baseline_year) == (5000, 2020)
    assert targets[("地区生产总值", "growth")].value == 7
    assert targets[("常住人口城镇化率", "share")].value == 70
    assert targets[("单位地区生产总值能耗降低", "change")].value == 13.5
    assert targets[("城镇调查失业率", "share")].comparator == "<="
    assert sorted(f.value for f in result.facts) == [4.8, 65.2, 5000]
    for rec in [*result.targets, *result.facts]:
        assert MARKDOWN[rec.start : rec.end] == rec.quote


def test_docx_indicator_table(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("某县“十四五”农业农村发展规划")
    d.add_paragraph("第二章 发展目标")
    rows = [
        ("指标", "单位", "2020年", "2025年", "属性"),
        ("粮食综合生产能力", "万吨", "52", "55以上", "约束性"),
        ("农村居民人均可支配收入", "元", "16800", "23000", "预期性"),
    ]
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "plan.docx"
    d.save(str(path))
    doc = load_document(path)
    result = extract_plan(doc)
    grain = next(t for t in result.targets if t.indicator == "粮食综合生产能力")
    assert (grain.value, grain.unit, grain.comparator, grain.target_year) == (55, "万吨", ">=", 2025)
    assert grain.baseline_value == 52
    income = next(t for t in result.targets if t.indicator == "农村居民人均可支配收入")
    assert income.value == 23000 and income.unit == "元"
    for rec in [*result.targets, *result.facts]:
        assert doc.text[rec.start : rec.end] == rec.quote


def test_table_without_years_is_left_to_prose() -> None:
    text = "项目  单位  数量\n农田  亩  2.38\n道路  公里  15\n"
    result = extract_plan(document_from_text(text))
    assert result.targets == [] and result.facts == []
