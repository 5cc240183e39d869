"""Key-indicator charts as PNG (matplotlib, Agg backend, no display needed).

Chinese labels need a font with CJK glyphs; without one matplotlib draws empty boxes (tofu). So the
font is looked up among the installed fonts (Noto CJK first, then any font known to cover Chinese),
and if none is installed the chart is drawn with English labels only, never with tofu.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from planwatch.reports.content import ChartSeries

PREFERRED_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Noto Sans SC", "Noto Serif SC")
# Other families that cover simplified Chinese, tried when Noto CJK is not installed.
OTHER_CJK_FAMILIES = (
    "Source Han Sans SC", "Source Han Serif SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "AR PL UMing CN", "AR PL UKai CN", "Droid Sans Fallback", "SimHei", "SimSun", "Microsoft YaHei",
    "FangSong", "KaiTi", "Noto Sans CJK JP", "Noto Sans CJK TC",
)
PROBE = "规划指标实际值"


@dataclass(frozen=True)
class ChartFont:
    """The font family used for labels, and whether it can show Chinese."""

    family: str
    chinese: bool


def _covers_chinese(path: str) -> bool:
    try:
        from matplotlib.ft2font import FT2Font

        font = FT2Font(path)
        charmap = font.get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(ch) in charmap for ch in PROBE)


@lru_cache(maxsize=1)
def find_cjk_font() -> ChartFont:
    """The best installed font for Chinese labels, or DejaVu Sans with ``chinese=False``."""
    by_family: dict[str, str] = {}
    for entry in font_manager.fontManager.ttflist:
        by_family.setdefault(entry.name, entry.fname)
    for family in PREFERRED_FAMILIES + OTHER_CJK_FAMILIES:
        path = by_family.get(family)
        if path and _covers_chinese(path):
            return ChartFont(family, True)
    return ChartFont("DejaVu Sans", False)


def chart_labels(chinese: bool) -> dict[str, str]:
    """Legend and axis texts in the language the font can show."""
    if chinese:
        return {"baseline": "基期值", "straight": "目标路径（线性）", "compound": "目标路径（复合增长）",
                "actual": "实际值", "forecast": "趋势预测", "target": "目标值", "year": "年份"}
    return {"baseline": "baseline", "straight": "target path (linear)", "compound": "target path (compound)",
            "actual": "actual", "forecast": "trend forecast", "target": "target", "year": "year"}


def chart_title(series: ChartSeries, chinese: bool) -> str:
    """The indicator name, or a neutral English title when Chinese cannot be drawn."""
    if chinese:
        return f"{series.indicator}（{series.unit}）" if series.unit else series.indicator
    return "Key indicator: baseline, target path and actuals"


def render_chart(series: ChartSeries, font: ChartFont | None = None, dpi: int = 130) -> bytes:
    """One chart as PNG bytes: target paths, actual values, forecast, target point."""
    fig = draw_chart(series, font or find_cjk_font(), dpi)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def draw_chart(series: ChartSeries, font: ChartFont, dpi: int = 150) -> Figure:
    """The chart as a matplotlib Figure (not attached to any GUI backend)."""
    labels = chart_labels(font.chinese)
    fig = Figure(figsize=(6.2, 3.1), dpi=dpi)
    ax = fig.add_subplot()
    rc = {"family": font.family}
    if series.path_straight:
        xs, ys = zip(*series.path_straight, strict=True)
        ax.plot(xs, ys, linestyle="--", color="#1565c0", linewidth=1.2, label=labels["straight"])
    if series.path_compound:
        xs, ys = zip(*series.path_compound, strict=True)
        ax.plot(xs, ys, linestyle=":", color="#6a1b9a", linewidth=1.2, label=labels["compound"])
    if series.actuals:
        xs, ys = zip(*series.actuals, strict=True)
        ax.plot(xs, ys, marker="o", color="#c62828", linewidth=1.8, label=labels["actual"])
    if series.forecast:
        xs, ys = zip(*series.forecast, strict=True)
        ax.plot(xs, ys, linestyle="-.", color="#ef6c00", linewidth=1.2, label=labels["forecast"])
    ax.scatter([series.target[0]], [series.target[1]], marker="*", s=110, color="#2e7d32", zorder=5,
               label=labels["target"])
    ax.set_title(chart_title(series, font.chinese), fontdict=rc, fontsize=11)
    ax.set_xlabel(labels["year"], fontdict=rc, fontsize=9)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(True, linewidth=0.4, alpha=0.5)
    ax.legend(prop={"family": font.family, "size": 8}, loc="best", frameon=False)
    for tick in ax.get_xticklabels() + ax.get_yticklabels():
        tick.set_fontsize(8)
    fig.subplots_adjust(left=0.1, right=0.98, top=0.9, bottom=0.16)
    return fig
