"""Charts: Chinese labels with a CJK font when one is installed, English labels (no tofu) otherwise."""

from __future__ import annotations

import pytest
from matplotlib import font_manager
from matplotlib.text import Text

from planwatch.reports import charts
from planwatch.reports.charts import ChartFont, draw_chart, find_cjk_font, render_chart
from planwatch.reports.content import ChartSeries

SERIES = ChartSeries(
    indicator="工业增加值", unit="亿元", baseline=(2005, 490.9), target=(2010, 1050.0),
    path_straight=[(2005, 490.9), (2010, 1050.0)], path_compound=[(2005, 490.9), (2010, 1050.0)],
    actuals=[(2005, 490.9), (2007, 689.9)], forecast=[(2007, 689.9), (2010, 987.0)],
)


def _texts(font: ChartFont) -> list[str]:
    fig = draw_chart(SERIES, font, dpi=40)
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def test_png_is_produced() -> None:
    png = render_chart(SERIES, dpi=40)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_chinese_labels_with_cjk_font() -> None:
    font = find_cjk_font()
    if not font.chinese:
        pytest.skip("no CJK font installed (Debian: fonts-noto-cjk)")
    texts = _texts(font)
    assert any("工业增加值" in t for t in texts) and "实际值" in texts


def test_fallback_without_cjk_font_uses_english_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(font_manager.fontManager, "ttflist",
                        [f for f in font_manager.fontManager.ttflist if "CJK" not in f.name])
    charts.find_cjk_font.cache_clear()
    try:
        monkeypatch.setattr(charts, "_covers_chinese", lambda path: False)
        font = find_cjk_font()
        assert font == ChartFont("DejaVu Sans", False)
        texts = _texts(font)
        assert texts and all(t.isascii() for t in texts), texts
        assert render_chart(SERIES, font, dpi=40)[:4] == b"\x89PNG"
    finally:
        charts.find_cjk_font.cache_clear()
