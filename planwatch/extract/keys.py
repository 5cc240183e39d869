"""Normalised indicator keys: deciding when two sentences talk about "the same indicator".

Plans name one indicator many ways ("全市非公有制经济增加值", "非公有制经济实现增加值",
"非公有制经济增加值占全市GDP比重" — its part before 占). Audit rules and baseline linking compare
figures only through an :class:`IndicatorKey` = (scope, measure, dimension):

* **scope** (:class:`Scope`) — *whose* figure it is, one value per axis:
  ``geo`` (全市 / 开发区 / 高新区 / 新区 / 集中区 / 市区 / 县域 / 全省 / 全国; ``""`` = the plan's own
  area, resolved later with :func:`home_geography` of the plan title), ``ownership`` (非公有制 /
  民营 / 私营 / 国有 / 外资; ``""`` = all), ``size`` (规模以上; ``""`` = all enterprises, also written
  全部 / 全口径) and ``price`` (现价 / 可比价; ``""`` = not stated).
  Scope words are read from the *start* of the indicator (possibly several, e.g. 全市规模以上),
  so that "实际利用外资" keeps 外资 in its measure.
* **measure** — *what* is measured: the rest after removing scope words, filler (实现 完成 的 累计
  全年 达到) and the spaces; synonyms are folded (GDP / 地区生产总值 → 生产总值; 利用外资 →
  实际利用外资; 社会投资总额 / 全社会固定资产投资 → 固定资产投资; 工业企业 → 工业). The value
  added of an ownership scope *is* its slice of GDP, so 非公有制经济增加值 → (非公有制, 生产总值).
* **dimension** — what the number is, from ``planwatch.quantities.UNIT_CATALOG``: ``money:CNY`` /
  ``money:USD`` (any 万/亿 prefix), ``people``, ``count:户`` (家 ≡ 户), ``unit:<base unit>`` (吨,
  平方米 …), ``growth`` / ``share`` / ``change`` (percent kinds), ``pp`` (个百分点), ``multiple``
  (倍), ``number`` (no unit).

:func:`scope_relation` tells whether one scope is the same as, narrower or broader than another,
or a different definition; :func:`scope_differences` says why in Chinese and English (used by
the definition warnings). :func:`measure_parent` knows the few statistical hierarchies audits
need (sector value added ⊂ 工业增加值 ⊂ 第二产业增加值 ⊂ 生产总值).

Everything here is pure string work (no I/O; results cached per string) so the extractor can call
it for every record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from planwatch.quantities.units import unit_info

# ---------------------------------------------------------------------------------------------
# Units: planwatch.quantities owns the unit catalog; a few prefixes cover units it does not know.

_SCALE_PREFIXES: tuple[tuple[str, float], ...] = (
    ("万亿", 1e12),
    ("亿", 1e8),
    ("千万", 1e7),
    ("百万", 1e6),
    ("十万", 1e5),
    ("万", 1e4),
)
_COUNT_SYNONYMS: dict[str, str] = {"家": "户"}


@lru_cache(maxsize=65536)
def unit_scale(unit: str | None) -> tuple[str, float]:
    """Split a unit as written into (base unit, factor): 亿元 → (元, 1e8), 万人 → (人, 1e4),
    万 → ("", 1e4), % → (%, 1)."""
    u = (unit or "").strip()
    if not u:
        return "", 1.0
    info = unit_info(u)
    if info is not None:
        return info.base_unit or "", info.scale
    for prefix, factor in _SCALE_PREFIXES:
        if u.startswith(prefix) and len(u) > len(prefix):
            return u[len(prefix) :], factor
    return u, 1.0


@lru_cache(maxsize=65536)
def unit_dimension(unit: str | None, kind: str) -> str:
    """The dimension of a figure from its unit and kind (see the module docstring)."""
    u = (unit or "").strip()
    info = unit_info(u) if u else None
    if info is None or info.dimension is None:
        base, _ = unit_scale(u)
        return "unit:" + base if base else "number"
    dim = info.dimension
    if dim == "percent":
        return kind if kind in ("growth", "share", "change") else "percent"
    if dim == "points":
        return "pp"
    if dim == "multiple":
        return "multiple"
    if dim == "money":
        return "money:" + (info.currency or "CNY")
    if dim == "people":
        return "people" if info.base_unit != "人次" else "people:人次"
    base = info.base_unit or ""
    if dim == "count":
        return "count:" + _COUNT_SYNONYMS.get(base, base)
    return "unit:" + base


# ---------------------------------------------------------------------------------------------
# Scope.

_GEO_WORDS: tuple[tuple[str, str], ...] = (
    ("经济技术开发区", "开发区"),
    ("高新技术产业开发区", "高新区"),
    ("高新技术开发区", "高新区"),
    ("高新区", "高新区"),
    ("高开区", "高新区"),
    ("经开区", "开发区"),
    ("开发区", "开发区"),
    ("工业集中区", "集中区"),
    ("集中区", "集中区"),
    ("新区", "新区"),
    ("全市", "全市"),
    ("市本级", "全市"),
    ("我市", "全市"),
    ("市区", "市区"),
    ("县域", "县域"),
    ("全省", "全省"),
    ("我省", "全省"),
    ("全国", "全国"),
    ("全区", ""),
    ("区内", ""),
    ("本区", ""),
)
# A named city at the start ("哈尔滨市…") is the whole city.
_CITY_NAME = re.compile(r"^[\u4e00-\u9fff]{2,3}市(?!场)")
_GEO_PARENT: dict[str, str] = {
    "开发区": "全市",
    "高新区": "全市",
    "新区": "全市",
    "集中区": "开发区",
    "市区": "全市",
    "县域": "全市",
    "全市": "全省",
    "全省": "全国",
}

_OWNERSHIP_WORDS: tuple[tuple[str, str], ...] = (
    ("非公有制经济", "非公有制"),
    ("非公有制", "非公有制"),
    ("非公经济", "非公有制"),
    ("非公", "非公有制"),
    ("民营经济", "民营"),
    ("民营", "民营"),
    ("民间", "民营"),
    ("个体私营", "私营"),
    ("私营", "私营"),
    ("市属国有", "国有"),
    ("国有", "国有"),
    ("外商投资", "外资"),
    ("外资企业", "外资"),
)
# ownership -> broader ownership it is part of ("" = the whole economy).
_OWNERSHIP_PARENT: dict[str, str] = {"私营": "非公有制", "非公有制": "", "民营": "", "国有": "", "外资": "非公有制"}

_SIZE_WORDS: tuple[tuple[str, str], ...] = (
    ("规模以上", "规模以上"),
    ("规上", "规模以上"),
    ("全部", ""),
    ("全口径", ""),
)

_PRICE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("可比价", "可比价"),
    ("不变价", "可比价"),
    ("可比口径", "可比价"),
    ("现价", "现价"),
    ("当年价", "现价"),
)


@dataclass(frozen=True, order=True)
class Scope:
    """Whose figure: geography, ownership, enterprise size, price basis (``""`` = unstated/all)."""

    geo: str = ""
    ownership: str = ""
    size: str = ""
    price: str = ""

    def label(self) -> str:
        parts = [self.geo or "本地区", self.ownership or "", self.size or "", self.price or ""]
        return "·".join(p for p in parts if p)


@dataclass(frozen=True, order=True)
class IndicatorKey:
    """The normalised identity of an indicator (see the module docstring)."""

    scope: Scope
    measure: str
    dimension: str

    def subject(self) -> tuple[Scope, str]:
        """Scope and measure without the dimension: a level, its growth rate and its share
        share a subject."""
        return (self.scope, self.measure)

    def label(self) -> str:
        return f"{self.scope.label()}|{self.measure}|{self.dimension}"

    def with_geo(self, geo: str) -> IndicatorKey:
        s = self.scope
        return IndicatorKey(Scope(geo, s.ownership, s.size, s.price), self.measure, self.dimension)


class ScopeRelation(StrEnum):
    """How scope A relates to scope B."""

    SAME = "same"
    NARROWER = "narrower"  # A is part of B
    BROADER = "broader"  # B is part of A
    DIFFERENT = "different definition"  # overlapping or differently defined (民营 vs 非公有制)


_FILLERS: tuple[str, ...] = ("实现", "完成", "累计", "全年", "达到", "总计", "合计", "的")
_MEASURE_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("地区生产总值", "生产总值"),
    ("国内生产总值", "生产总值"),
    ("GDP", "生产总值"),
    ("全社会固定资产投资", "固定资产投资"),
    ("社会投资总额", "固定资产投资"),
    ("固定资产投资总额", "固定资产投资"),
    ("实际使用外资", "实际利用外资"),
    ("合同外资额", "合同利用外资"),
    ("合同外资", "合同利用外资"),
    ("工业企业", "工业"),
    ("总额", "额"),
)
# Whole-measure synonyms (applied after the substring folding above).
_MEASURE_EXACT: dict[str, str] = {"利用外资": "实际利用外资", "外资": "实际利用外资"}
_SPACES = re.compile(r"[\s\u3000]+")
_PUNCT_EDGES = "，,。；;：:、“”\"'（）() "


def _take_prefix(text: str, table: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    for word, canon in table:
        if text.startswith(word):
            return canon, text[len(word) :]
    return None


@lru_cache(maxsize=65536)
def split_scope(indicator: str) -> tuple[Scope, str]:
    """Read scope words from the start of an indicator; return the scope and the rest."""
    text = _SPACES.sub("", indicator).strip(_PUNCT_EDGES)
    geo = ownership = size = price = ""
    changed = True
    while changed and text:
        changed = False
        if (hit := _take_prefix(text, _GEO_WORDS)) is not None:
            geo = hit[0] or geo
            text, changed = hit[1], True
            continue
        if (m := _CITY_NAME.match(text)) is not None:
            geo, text, changed = "全市", text[m.end() :], True
            continue
        if (hit := _take_prefix(text, _OWNERSHIP_WORDS)) is not None:
            ownership, text, changed = hit[0], hit[1], True
            continue
        if (hit := _take_prefix(text, _SIZE_WORDS)) is not None:
            size, text, changed = hit[0] or size, hit[1], True
            continue
        if text.startswith("的"):
            text, changed = text[1:], True
    for word, canon in _PRICE_PATTERNS:
        if word in indicator:
            price = canon
            break
    return Scope(geo, ownership, size, price), text


def normalize_measure(rest: str, ownership: str = "") -> str:
    """Fold filler words and synonyms out of the measure part of an indicator."""
    m = rest
    for word, canon in _MEASURE_SYNONYMS:
        m = m.replace(word, canon)
    for filler in _FILLERS:
        m = m.replace(filler, "")
    m = m.strip(_PUNCT_EDGES)
    m = _MEASURE_EXACT.get(m, m)
    if m.startswith("经济"):
        m = m[2:]
    if ownership and m in ("", "增加值"):
        # The value added of an ownership slice of the economy is that slice of GDP.
        m = "生产总值"
    return m


@lru_cache(maxsize=65536)
def indicator_key(indicator: str, unit: str | None, kind: str) -> IndicatorKey:
    """The normalised key of an indicator as written, its unit as written and its kind."""
    scope, rest = split_scope(indicator)
    return IndicatorKey(scope, normalize_measure(rest, scope.ownership), unit_dimension(unit, kind))


def price_basis(text: str) -> str:
    """现价 / 可比价 if the text (a quote) says which prices a figure uses, else ``""``."""
    for word, canon in _PRICE_PATTERNS:
        if word in text:
            return canon
    return ""


_HOME_GEO_WORDS: tuple[tuple[str, str], ...] = (
    ("经济技术开发区", "开发区"),
    ("高新技术产业开发区", "高新区"),
    ("高新区", "高新区"),
    ("开发区", "开发区"),
    ("新区", "新区"),
    ("集中区", "集中区"),
    ("县", "县域"),
    ("省", "全省"),
    ("市", "全市"),
)


def home_geography(title: str) -> str:
    """The area a plan covers, from its title (哈尔滨市开发区… → 开发区; 哈尔滨市…规划 → 全市).
    ``""`` when the title does not say."""
    for word, canon in _HOME_GEO_WORDS:
        if word in title:
            return canon
    return ""


# ---------------------------------------------------------------------------------------------
# Scope relations.


def _geo_ancestors(geo: str) -> list[str]:
    chain = []
    seen = {geo}
    while geo in _GEO_PARENT:
        geo = _GEO_PARENT[geo]
        if geo in seen:
            break
        seen.add(geo)
        chain.append(geo)
    return chain


def _axis_geo(a: str, b: str) -> ScopeRelation:
    if a == b:
        return ScopeRelation.SAME
    if not a or not b:
        return ScopeRelation.DIFFERENT  # an unresolved home area cannot be compared
    if b in _geo_ancestors(a):
        return ScopeRelation.NARROWER
    if a in _geo_ancestors(b):
        return ScopeRelation.BROADER
    return ScopeRelation.DIFFERENT


def _ownership_ancestors(o: str) -> list[str]:
    chain = []
    while o:
        o = _OWNERSHIP_PARENT.get(o, "")
        chain.append(o)
    return chain


def _axis_ownership(a: str, b: str) -> ScopeRelation:
    if a == b:
        return ScopeRelation.SAME
    if b in _ownership_ancestors(a):
        return ScopeRelation.NARROWER
    if a in _ownership_ancestors(b):
        return ScopeRelation.BROADER
    return ScopeRelation.DIFFERENT


def _axis_size(a: str, b: str) -> ScopeRelation:
    if a == b:
        return ScopeRelation.SAME
    return ScopeRelation.NARROWER if a == "规模以上" else ScopeRelation.BROADER


def _axis_price(a: str, b: str) -> ScopeRelation:
    return ScopeRelation.SAME if (a == b or not a or not b) else ScopeRelation.DIFFERENT


@lru_cache(maxsize=65536)
def scope_relation(a: Scope | IndicatorKey, b: Scope | IndicatorKey) -> ScopeRelation:
    """Relation of scope ``a`` to scope ``b``: SAME, NARROWER (a ⊂ b), BROADER (b ⊂ a) or
    DIFFERENT (differently defined or overlapping, e.g. 民营 vs 非公有制, 现价 vs 可比价)."""
    sa = a.scope if isinstance(a, IndicatorKey) else a
    sb = b.scope if isinstance(b, IndicatorKey) else b
    rels = {
        _axis_geo(sa.geo, sb.geo),
        _axis_ownership(sa.ownership, sb.ownership),
        _axis_size(sa.size, sb.size),
        _axis_price(sa.price, sb.price),
    }
    rels.discard(ScopeRelation.SAME)
    if not rels:
        return ScopeRelation.SAME
    if len(rels) == 1:
        return next(iter(rels))
    return ScopeRelation.DIFFERENT


_OWNERSHIP_NOTES: dict[frozenset[str], tuple[str, str]] = {
    frozenset({"非公有制", "民营"}): (
        "民营经济通常指除国有及国有控股以外的全部经济（含集体经济），非公有制经济只含个体、私营和外资经济",
        "'private economy' (民营) usually covers everything not state-controlled, collectives"
        " included; the non-public economy (非公有制) covers only individual, private and foreign firms",
    ),
}


def scope_differences(a: Scope, b: Scope) -> list[tuple[str, str]]:
    """Why two scopes differ, one (zh, en) sentence per axis that differs."""
    out: list[tuple[str, str]] = []
    if a.size != b.size:
        out.append(
            (
                "规模以上只统计达到规模标准（年主营业务收入500万元，2011年起2000万元）的企业，全部口径还包括规模以下企业",
                "规模以上 counts only enterprises above the size threshold (annual revenue of"
                " 5 million yuan, 20 million from 2011); the full scope also counts smaller ones",
            )
        )
    if a.ownership != b.ownership:
        pair = frozenset({a.ownership, b.ownership})
        if pair in _OWNERSHIP_NOTES:
            out.append(_OWNERSHIP_NOTES[pair])
        else:
            oa, ob = a.ownership or "全部所有制", b.ownership or "全部所有制"
            out.append((f"所有制口径不同：{oa} 与 {ob}", f"ownership scopes differ: {oa} vs {ob}"))
    if a.geo != b.geo:
        ga, gb = a.geo or "本规划地区", b.geo or "本规划地区"
        out.append((f"地域范围不同：{ga} 与 {gb}", f"areas differ: {ga} vs {gb}"))
    if a.price and b.price and a.price != b.price:
        out.append(
            (
                "现价包含价格变动，可比价（不变价）剔除了价格因素，两者增速不能直接比较",
                "current prices include price changes, comparable (constant) prices do not;"
                " their growth rates cannot be compared directly",
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Measure hierarchy (what is part of what).

_SECTOR_VA = re.compile(r"^(.+?)(工业|制造业|产业)增加值$")
# Categories that cut across sectors: never summed with sectors as if disjoint.
OVERLAPPING_SECTORS: tuple[str, ...] = (
    "高技术",
    "高新技术",
    "战略性新兴",
    "新兴",
    "主导",
    "优势",
    "支柱",
    "先进制造",
    "装备制造",
    "三个主导",
)
# Partitions that are complete by definition: the parts must add up to the whole.
COMPLETE_PARTITIONS: dict[str, tuple[str, ...]] = {
    "工业增加值": ("轻工业增加值", "重工业增加值"),
    "生产总值": ("第一产业增加值", "第二产业增加值", "第三产业增加值"),
}


def measure_parent(measure: str) -> str | None:
    """The measure this one is a part of, or None: 机械制造业增加值 → 工业增加值,
    工业增加值 → 第二产业增加值, 第二产业增加值 → 生产总值."""
    if measure in ("工业增加值", "建筑业增加值"):
        return "第二产业增加值"
    if measure in ("第一产业增加值", "第二产业增加值", "第三产业增加值"):
        return "生产总值"
    if measure in ("轻工业增加值", "重工业增加值"):
        return "工业增加值"
    m = _SECTOR_VA.match(measure)
    if m is not None and not m.group(1).startswith("第") and m.group(1) not in ("", "规模以上"):
        return "工业增加值"
    return None


_REAL_GROWTH_SUFFIXES = ("增加值", "生产总值", "产值")


def is_real_growth_measure(measure: str) -> bool:
    """True for measures whose growth rates Chinese statistics compute at comparable prices
    (增加值, 生产总值, 产值) while their levels are stated at current prices."""
    return measure.endswith(_REAL_GROWTH_SUFFIXES)


def is_overlapping_sector(measure: str) -> bool:
    """True for cross-cutting categories (高技术产业, 主导产业 …) that overlap other sectors."""
    return any(measure.startswith(word) for word in OVERLAPPING_SECTORS)


@lru_cache(maxsize=65536)
def measure_ancestors(measure: str) -> tuple[str, ...]:
    """Every measure this one is (transitively) part of, nearest first."""
    chain: list[str] = []
    parent = measure_parent(measure)
    while parent is not None and parent not in chain:
        chain.append(parent)
        parent = measure_parent(parent)
    return tuple(chain)


def is_part_of(a: IndicatorKey, b: IndicatorKey) -> bool:
    """True if figure key ``a`` is (by definition) a part of ``b``: same dimension, and a's scope
    is the same or narrower and a's measure the same or a sub-measure, but not both the same."""
    if a.dimension != b.dimension or a == b:
        return False
    rel = scope_relation(a.scope, b.scope)
    if rel not in (ScopeRelation.SAME, ScopeRelation.NARROWER):
        return False
    return a.measure == b.measure or b.measure in measure_ancestors(a.measure)


# ---------------------------------------------------------------------------------------------
# Share indicators.

_SHARE_SPLIT = re.compile(r"^(?P<part>.+?)(?:所)?占(?P<whole>.*?)(?:的)?(?:比重|比例|份额|总数|总量)?$")
_SHARE_TAIL = ("的比重", "比重", "的比例", "比例", "份额", "的份额", "所占", "的")


@lru_cache(maxsize=65536)
def split_share(indicator: str) -> tuple[str, str] | None:
    """(part, whole) of a share indicator "A占B(的)比重"; None when no whole is named."""
    text = _SPACES.sub("", indicator)
    m = _SHARE_SPLIT.match(text)
    if m is None:
        return None
    part, whole = m.group("part"), m.group("whole")
    for tail in _SHARE_TAIL:
        if whole.endswith(tail):
            whole = whole[: -len(tail)]
    part = part.rstrip("所")
    if not part or not whole:
        return None
    return part, whole


@lru_cache(maxsize=65536)
def share_keys(indicator: str, part_unit: str | None) -> tuple[IndicatorKey, IndicatorKey] | None:
    """Keys of the part and the whole of a share indicator, both in the dimension of
    ``part_unit`` (the unit of the level figures to divide). A whole named only by its area
    ("占哈尔滨市的11%") takes the part's measure."""
    split = split_share(indicator)
    if split is None:
        return None
    part = indicator_key(split[0], part_unit, "level")
    whole_scope, whole_rest = split_scope(split[1])
    whole_measure = normalize_measure(whole_rest, whole_scope.ownership) or part.measure
    whole = IndicatorKey(whole_scope, whole_measure, part.dimension)
    return part, whole
