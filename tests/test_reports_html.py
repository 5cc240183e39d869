"""The standalone HTML report: escaped, self-contained, same content as the .docx."""

from __future__ import annotations

import re
from dataclasses import replace

from bs4 import BeautifulSoup

from planwatch.reports.build import build_report
from planwatch.reports.html_writer import render_html
from planwatch.reports.layout import INDICATOR_HEADER
from tests.reports_helpers import AS_OF, sample_inputs, tiny_chart


def html_for(inputs=None) -> str:  # type: ignore[no-untyped-def]
    content = build_report(inputs or sample_inputs(), kind="midterm", as_of=AS_OF, issuer="某市发改委")
    return render_html(content, chart_renderer=tiny_chart)


def test_input_text_is_escaped() -> None:
    inputs = sample_inputs()
    evil = "<script>alert(1)</script>"
    inputs.plan.title = f"规划{evil}"
    inputs.plan.targets[0] = replace(inputs.plan.targets[0], indicator=f"指标&{evil}")
    html = html_for(inputs)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert soup.title is not None and evil in soup.title.text


def test_self_contained_with_inline_charts_and_print_css() -> None:
    html = html_for()
    assert not re.search(r"""(src|href)=["']https?:""", html)
    soup = BeautifulSoup(html, "html.parser")
    images = soup.find_all("img")
    assert len(images) == 2 and all(i["src"].startswith("data:image/png;base64,") for i in images)
    css = soup.style.text if soup.style else ""
    assert "@page" in css and "size: A4" in css and "@media print" in css


def test_tables_and_headings_match_content() -> None:
    soup = BeautifulSoup(html_for(), "html.parser")
    headings = [h.text for h in soup.find_all("h2")]
    assert headings[0] == "一、总体评价" and "五、存在的主要问题" in headings
    indicator_tables = [t for t in soup.find_all("table")
                        if [th.text for th in t.find_all("th")] == INDICATOR_HEADER]
    rows = [tr for t in indicator_tables for tr in t.find("tbody").find_all("tr")]
    assert len(rows) == len(sample_inputs().plan.targets)
    gdp = [td.get_text("\n") for td in rows[1].find_all("td")]  # after the one 约束性 row
    assert gdp[6] == "170\n2008年"
    assert rows[1].find("td", class_="status").text == "▲快于预期"


def test_html_changes_with_an_observation() -> None:
    inputs = sample_inputs(gdp_2008=123.4)
    assert "123.4" in html_for(inputs) and "123.4" not in html_for()
