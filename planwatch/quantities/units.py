"""The unit catalog: every unit a plan writes after a number, with its dimension and scale.

Plans write multipliers into the unit ("2.38万亩", "1550亿元"), so the catalog holds the
multiplied forms too; ``base_value = value * scale`` in ``base_unit``. Per-unit forms
("万立方米/日", "元/吨") are resolved by :func:`unit_info`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class UnitInfo:
    unit: str  # as written: "万亩"
    dimension: str | None  # "money" "percent" "count" "area" ... ; None for a bare multiplier ("万")
    scale: float  # value * scale = value in base_unit
    base_unit: str | None  # "亩"; None for a bare multiplier
    currency: str | None = None  # "CNY" "USD" ... for money


# (unit, dimension, scale to base, base unit, currency, accepts 万/亿-style multipliers)
_BASE: list[tuple[str, str, float, str, str | None, bool]] = [
    # money
    ("元", "money", 1, "元", "CNY", True),
    ("元人民币", "money", 1, "元", "CNY", True),
    ("美元", "money", 1, "美元", "USD", True),
    ("欧元", "money", 1, "欧元", "EUR", True),
    ("日元", "money", 1, "日元", "JPY", True),
    ("港元", "money", 1, "港元", "HKD", True),
    ("港币", "money", 1, "港元", "HKD", True),
    ("卢布", "money", 1, "卢布", "RUB", True),
    ("英镑", "money", 1, "英镑", "GBP", True),
    ("韩元", "money", 1, "韩元", "KRW", True),
    ("瑞士法郎", "money", 1, "瑞士法郎", "CHF", True),
    ("瑞士法朗", "money", 1, "瑞士法郎", "CHF", True),
    # percent and friends
    ("%", "percent", 1, "%", None, False),
    ("‰", "percent", 0.1, "%", None, False),
    ("成", "percent", 10, "%", None, False),
    ("个百分点", "points", 1, "个百分点", None, False),
    ("百分点", "points", 1, "个百分点", None, False),
    ("倍", "multiple", 1, "倍", None, False),
    # people
    ("人", "people", 1, "人", None, True),
    ("人次", "people", 1, "人次", None, True),
    ("名", "people", 1, "人", None, True),
    ("位", "people", 1, "人", None, False),
    ("口人", "people", 1, "人", None, True),
    # counts of things
    *[
        (u, "count", 1, u, None, True)
        for u in (
            "户", "家", "个", "项", "件", "所", "支", "台", "辆", "套", "箱", "种", "座", "条", "处",
            "批", "张", "份", "部", "本", "栋", "幢", "间", "床", "张床", "只", "头", "株", "棵", "架",
            "艘", "列", "枚", "册", "篇", "场", "次", "宗", "笔", "颗", "锭", "标准箱", "家次", "户次",
            "起", "床位", "张床位", "辆次", "架次", "班次", "个次", "项次", "粒", "片", "瓶", "盒", "袋", "桶", "罐",
        )
    ],
    # area
    ("亩", "area", 1, "亩", None, True),
    ("公顷", "area", 15, "亩", None, True),
    ("平方米", "area", 1, "平方米", None, True),
    ("平米", "area", 1, "平方米", None, True),
    ("平方公里", "area", 1e6, "平方米", None, True),
    ("平方千米", "area", 1e6, "平方米", None, True),
    ("建筑平方米", "area", 1, "平方米", None, True),
    # length
    ("米", "length", 1, "米", None, True),
    ("公里", "length", 1000, "米", None, True),
    ("千米", "length", 1000, "米", None, True),
    ("延长米", "length", 1, "米", None, True),
    ("厘米", "length", 0.01, "米", None, False),
    ("毫米", "length", 0.001, "米", None, False),
    # mass
    ("吨", "mass", 1000, "千克", None, True),
    ("千克", "mass", 1, "千克", None, True),
    ("公斤", "mass", 1, "千克", None, True),
    ("克", "mass", 0.001, "千克", None, False),
    ("毫克", "mass", 1e-6, "千克", None, False),
    ("微克", "mass", 1e-9, "千克", None, False),
    ("斤", "mass", 0.5, "千克", None, True),
    ("担", "mass", 50, "千克", None, True),
    ("吨标准煤", "mass", 1000, "千克标准煤", None, True),
    ("吨标煤", "mass", 1000, "千克标准煤", None, True),
    ("千克标准煤", "mass", 1, "千克标准煤", None, True),
    ("吨标准煤/万元", "rate", 1, "吨标准煤/万元", None, False),
    # volume
    ("立方米", "volume", 1, "立方米", None, True),
    ("升", "volume", 0.001, "立方米", None, True),
    ("毫升", "volume", 1e-6, "立方米", None, False),
    ("吨水", "volume", 1, "立方米", None, True),
    # energy and power
    ("千瓦时", "energy", 1, "千瓦时", None, True),
    ("度电", "energy", 1, "千瓦时", None, True),
    ("瓦", "power", 0.001, "千瓦", None, True),
    ("千瓦", "power", 1, "千瓦", None, True),
    ("兆瓦", "power", 1000, "千瓦", None, True),
    ("伏", "voltage", 1, "伏", None, False),
    ("千伏", "voltage", 1000, "伏", None, False),
    ("千伏安", "power", 1, "千伏安", None, True),
    ("马力", "power", 0.7355, "千瓦", None, True),
    ("焦耳", "energy", 1, "焦耳", None, True),
    ("大卡", "energy", 1, "大卡", None, True),
    # time (durations; calendar years are time expressions, not quantities)
    ("年", "time", 1, "年", None, False),
    ("个月", "time", 1 / 12, "年", None, False),
    ("周", "time", 7, "天", None, False),
    ("周年", "time", 1, "年", None, False),
    ("天", "time", 1, "天", None, False),
    ("个工作日", "time", 1, "天", None, False),
    ("工作日", "time", 1, "天", None, False),
    ("小时", "time", 1, "小时", None, False),
    ("分钟", "time", 1 / 60, "小时", None, False),
    ("秒", "time", 1 / 3600, "小时", None, False),
    ("岁", "age", 1, "岁", None, False),
    # data and misc
    # Latin-letter units as written after Arabic numbers
    ("L", "volume", 0.001, "立方米", None, False),
    ("km", "length", 1000, "米", None, False),
    ("m", "length", 1, "米", None, False),
    ("kg", "mass", 1, "千克", None, False),
    ("t", "mass", 1000, "千克", None, False),
    ("kW", "power", 1, "千瓦", None, False),
    ("MW", "power", 1000, "千瓦", None, False),
    ("GW", "power", 1e6, "千瓦", None, False),
    ("kWh", "energy", 1, "千瓦时", None, False),
    ("kV", "voltage", 1000, "伏", None, False),
    ("ha", "area", 15, "亩", None, False),
    ("m²", "area", 1, "平方米", None, True),
    ("km²", "area", 1e6, "平方米", None, True),
    ("m³", "volume", 1, "立方米", None, True),
    ("Mbps", "data_rate", 1, "Mbps", None, False),
    ("TEU", "count", 1, "标准箱", None, True),
    ("Gbps", "data_rate", 1000, "Mbps", None, False),
    ("GB", "data", 1, "GB", None, False),
    ("TB", "data", 1024, "GB", None, False),
]

# Multipliers written in front of a unit ("万元", "亿美元", "万亩", "千万元").
UNIT_MULTIPLIERS: dict[str, float] = {
    "万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "千万": 1e7, "百万": 1e6, "十万": 1e5,
    "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2,
    "萬億": 1e12, "千萬": 1e7, "百萬": 1e6, "億": 1e8, "萬": 1e4,
}

# Units that a per-unit form can be divided by ("万立方米/日", "元/吨", "万元/人").
PER_DENOMINATORS: dict[str, str] = {
    "日": "日", "天": "天", "年": "年", "月": "月", "时": "时", "小时": "小时", "秒": "秒", "分钟": "分钟",
    "人": "人", "户": "户", "吨": "吨", "亩": "亩", "公顷": "公顷", "平方米": "平方米",
    "平方公里": "平方公里", "百平方公里": "百平方公里", "万平方公里": "万平方公里", "公里": "公里", "千瓦时": "千瓦时", "千瓦": "千瓦", "立方米": "立方米",
    "万元": "万元", "元": "元", "台": "台", "辆": "辆", "件": "件", "千克": "千克", "公斤": "公斤",
    "床": "床", "百人": "百人", "千人": "千人", "万人": "万人", "平方千米": "平方千米", "km": "km",
    "h": "h", "d": "d", "a": "a",
}


_TRADITIONAL = str.maketrans(
    "吨户个项台辆亩种条处张间头只栋万亿点时标准场岁电门车",
    "噸戶個項臺輛畝種條處張間頭隻棟萬億點時標準場歲電門車",
)


def _build_catalog() -> dict[str, UnitInfo]:
    catalog: dict[str, UnitInfo] = {}
    for unit, dim, scale, base, cur, multipliable in _BASE:
        catalog[unit] = UnitInfo(unit, dim, scale, base, cur)
        if multipliable:
            for prefix, factor in UNIT_MULTIPLIERS.items():
                written = prefix + unit
                # "千米"/"千克"/"千瓦" are units of their own; keep the explicit entry.
                if written not in catalog:
                    catalog[written] = UnitInfo(written, dim, scale * factor, base, cur)
    for prefix, factor in UNIT_MULTIPLIERS.items():
        catalog.setdefault(prefix, UnitInfo(prefix, None, factor, None, None))
    # Traditional-character spellings of the same units ("萬噸", "個百分點", "億美元").
    for written, info in list(catalog.items()):
        trad = written.translate(_TRADITIONAL)
        if trad != written:
            catalog.setdefault(trad, UnitInfo(trad, info.dimension, info.scale, info.base_unit, info.currency))
    return catalog


UNIT_CATALOG: dict[str, UnitInfo] = _build_catalog()
_SIMPLIFIED = {v: k for k, v in _TRADITIONAL.items()}


@lru_cache(maxsize=4096)
def unit_info(unit: str) -> UnitInfo | None:
    """Catalog entry for ``unit`` as written, including per-unit forms ("万立方米/日" is a rate of
    1e4 立方米 per 日); None when the unit is unknown."""
    info = UNIT_CATALOG.get(unit)
    if info is not None:
        return info
    head, sep, tail = unit.partition("/")
    if not sep or (tail not in PER_DENOMINATORS and tail.translate(_SIMPLIFIED) not in PER_DENOMINATORS):
        return None
    num = UNIT_CATALOG.get(head)
    if num is None:
        return None
    base = f"{num.base_unit}/{tail}" if num.base_unit else None
    return UnitInfo(unit, "rate", num.scale, base, num.currency)


def unit_strings() -> Iterable[str]:
    """Every unit string the catalog knows (without per-unit forms)."""
    return UNIT_CATALOG.keys()
