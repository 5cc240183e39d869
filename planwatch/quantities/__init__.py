"""Quantities layer: numbers, Chinese numerals, the unit catalog, ranges, comparators and time
expressions found in plan text. Offsets always refer to the original text.

Conventions (documented once, used everywhere):

- ``Quantity.start/end`` span the number and its unit as written ("1550亿元", "15-20 支",
  "百分之二十"), never the comparator words; ``comparator_span`` holds those (the outer span for
  "控制在3%以内").
- "At least / more than" words give comparator ">=": 以上 超过 超 突破 不低于 不少于 至少 高于 逾,
  and 多/余 inside the quantity ("100多万人次", "1000余项"); this matches the gold files, which
  score 超300亿元 as ">=". 以下 以内 不超过 不高于 控制在 give "<="; 低于 少于 不足 不到 give "<".
  约 大约 近 接近 将近 左右 上下 set ``approx`` and keep "=". A range gives "range". A comparator
  after the last item of an enumeration with one unit applies to every item ("10%、20%以上").
- "两成" is value 2, unit "成", base value 20 in base unit "%"; ``parse_number("两成")`` is 20.
  "百分之二十" is value 20, unit "%"; "千分之五" is value 5, unit "‰".
- Multipliers belong to the unit as written: 2.38万亩 -> value 2.38, unit "万亩", base 23800 亩;
  "四万吨" -> 4 "万吨"; "达到2万" -> 2 "万" (dimension None, base unit None, base value 20000).
- Not quantities: calendar years and dates (find_times reports them), five-year-plan names,
  ordinals (第三), list labels (1、 (2) 3.), model codes glued to Latin letters (ERJ145, 4G1),
  numbers inside short quoted names (“4567”, “黄金30条”, 《中国制造2025》), product classes
  ("百万千瓦级", "125—280大马力"), formulas and ratios (7×24, 3+N, 1:1), Chinese numerals without
  a unit or with value 1 (一批, 一体化), estimates (三五年, 数十家) and vague words (百年老店).

TimeExpr kinds: year, year_month, date (year+month+day), month_day, period, period_end, annual,
previous_year, half (上半年/下半年), quarter (一季度, 前三季度). ``marker`` is the preposition before
the expression (到 至 截至 …, not inside the span) or else the suffix inside it (底 末 前 以来 期间
期末 …); ``prefix``/``suffix`` give both separately.
"""

from planwatch.quantities.format import format_number, format_quantity
from planwatch.quantities.numerals import parse_number
from planwatch.quantities.parse import Quantity, find_quantities
from planwatch.quantities.times import TimeExpr, find_times, five_year_plan_period
from planwatch.quantities.units import UNIT_CATALOG, UnitInfo, unit_info

__all__ = [
    "UNIT_CATALOG",
    "Quantity",
    "TimeExpr",
    "UnitInfo",
    "find_quantities",
    "find_times",
    "five_year_plan_period",
    "format_number",
    "format_quantity",
    "parse_number",
    "unit_info",
]
