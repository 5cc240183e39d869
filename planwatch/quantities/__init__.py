"""Quantities layer: numbers, Chinese numerals, the unit catalog, ranges, comparators and time
expressions found in plan text. Offsets always refer to the original text.

Conventions (documented once, used everywhere):
- "more than" words (以上 超过 超 突破 不低于 不少于 至少 高于 逾, and 多/余 as in "100多万人")
  give comparator ">="; 以下 以内 不超过 不高于 控制在 give "<="; 低于 少于 不足 不到 give "<";
  约 大约 近 接近 将近 左右 上下 set ``approx`` and keep "="; a range gives "range".
- "两成" is value 2, unit "成", base value 20 in base unit "%".
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
