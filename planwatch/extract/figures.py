"""Figures plan language writes without a number and a unit the quantity parser reads.

- 翻一番 / 翻两番 / 翻番: a doubling, value 1 (2 for 翻两番), unit 番 (a change).
- ranks: 第8位, 前15名 (at most 15th: comparator <=), 由第10位升至第8位 (each rank its record).
- structure ratios: 三次产业结构调整为15:55:30 -> three shares in %, one per part.
- fractions: 三分之一 -> 33.33 %, 五分之二 -> 40 %.
- two numbers in one phrase: 培育16个500亿级产业集群 -> the count 16 (the 500亿级 is a class).

Each is returned as a ``Quantity`` so the rest of the pipeline (name, time, target or fact) reads
it like any other figure. Numbers that are part of a name are rejected elsewhere (``is_name_number``).
"""

from __future__ import annotations

import re

from planwatch.quantities import Quantity
from planwatch.quantities.numerals import parse_chinese_integer

__all__ = ["RANK_UNITS", "find_special_figures", "is_name_number"]

RANK_UNITS = frozenset(["位", "名"])
_CN = "零一二两三四五六七八九十百"
_DOUBLE_RE = re.compile(r"翻(?:([一两二三四])番|番)")
_RANK_RE = re.compile(rf"(第|前)\s*(\d{{1,3}}|[{_CN}]{{1,3}})\s*(位|名)")
# A doubling follows the measure or its comparison year: 生产总值翻一番, 比2004年翻一番, 收入均翻番,
# 比“十一五”末翻一番.
_DOUBLE_AFTER_RE = re.compile(r"[值额入量数产资模益润]$|年$|均$|[末底]$|[值额入量数产资]\s*(?:再|要|将|都)$")
# A rank is a position in a ranking: 排名第8位, 位居全省第3位, 进入前15名, 由第10位升至第8位.
_RANK_CUE_RE = re.compile(
    r"排名|排位|位次|名次|位居|居全|居于|位列|进入|跻身|升至|跃居|跃升|排在|排$|由$|中[,，]?$"
    r"|稳居|保持(?:全国|全省|全市|世界|全球)|(?:全国|全省|全市|世界|全球)$|前移至|后移至|上升至|提升至|下降至"
)
_AT_MOST_BEFORE_RE = re.compile(r"(?:控制在|不超过|不高于|低于)\s*$")
_GAP_CUE_RE = re.compile(r"差距|差别|倍差|之比|比值|收入比")
_RANK_FOLLOWERS = frozenset("的和与及或以之左上升降提跃进退稳")
# ``fold`` is normalised (planwatch.textnorm): a full-width colon and the ratio sign ∶ are ":" there.
_RATIO_RE = re.compile(r"(?<![\d.])(\d{1,2}(?:\.\d{1,2})?)\s*:\s*(\d{1,2}(?:\.\d{1,2})?)(?:\s*:\s*(\d{1,2}(?:\.\d{1,2})?))?(?![\d.:])")
_COLON_RE = re.compile(r"(?<=\d)\s*:\s*(?=\d)")
_SPACES_RE = re.compile(r"\s+")
# A second structure after the first: 由2005年的36.8∶26.7∶36.5优化为28.7∶30.3∶41.0.
_RATIO_AGAIN_RE = re.compile(r"[^，,；;。\d]{0,8}$")
_FRACTION_WORD_RE = re.compile(r"分之")
_GRADE_RE = re.compile(r"级")
_RATIO_CUE_RE = re.compile(r"结构|比例|之比|比重|产业比")
_FRACTION_RE = re.compile(rf"([{_CN}]{{1,2}})分之([{_CN}]{{1,2}})")
_CLASS_COUNT_RE = re.compile(r"(\d{1,4})\s*(个|家|条|座|项)(?=\d+(?:\.\d+)?\s*(?:万|亿)?\s*(?:元|吨|千瓦)?级)")
# A number inside a name: 703所 (an institute), 五届十次全会, 十届六次全会, 第3号.
_NAME_AFTER_RE = re.compile(r"(?:届|次全会|次会议|中全会|全会)")


def _quantity(text: str, s: int, e: int, value: float, unit: str, comparator: str = "=") -> Quantity:
    return Quantity(
        text=text[s:e], start=s, end=e, value=value, value_high=None, unit=unit, comparator=comparator,
        approx=False, base_value=value, base_value_high=None, base_unit=unit, dimension=None,
        comparator_span=None,
    )


def _number(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    return parse_chinese_integer(s)


def find_special_figures(text: str, fold: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """The figures above in ``fold[start:end]`` (``fold``: the folded ``normalize_for_parsing(text)``)."""
    stop = len(fold) if end is None else end
    out: list[Quantity] = []
    for m in _DOUBLE_RE.finditer(fold, start, stop):
        if not _DOUBLE_AFTER_RE.search(fold, max(start, m.start() - 2), m.start()):
            continue  # 提前翻番: a manner, not the doubling of a named measure
        times = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}.get(m.group(1) or "一", 1)
        out.append(_quantity(text, m.start(), m.end(), float(times), "番"))
    for m in _RANK_RE.finditer(fold, start, stop):
        if not _RANK_CUE_RE.search(fold, max(start, m.start() - 14), m.start()):
            continue  # 列入十大并购案的第三和第五位: an order in a list, not a ranking
        nxt = fold[m.end() : m.end() + 1]
        if m.group(1) == "前" and "\u4e00" <= nxt <= "\u9fff" and nxt not in _RANK_FOLLOWERS:
            continue  # 世界前20名跨国制药公司: the top 20 qualify a noun, no rank is stated
        n = _number(m.group(2))
        if n is None or n <= 0:
            continue
        comparator = "<=" if m.group(1) == "前" else "="
        out.append(_quantity(text, m.start(), m.end(), float(n), m.group(3), comparator))
    seen_ratio = prev_ratio = -1
    for c in _COLON_RE.finditer(fold, start, stop):
        if c.start() < seen_ratio:
            continue
        r = next(
            (
                x
                for k in range(5, 0, -1)
                if (x := _RATIO_RE.match(fold, max(start, c.start() - k), stop)) and x.start(2) > c.start()
            ),
            None,
        )
        if r is None:
            continue
        if r.group(3) is None and r.group(2) == "1" and _GAP_CUE_RE.search(fold, max(start, r.start() - 16), r.start()):
            # 收入差距控制在2.2∶1以内: a gap written as a ratio to one, value 2.2 in the unit "∶1"
            seen_ratio = r.end()
            unit = _SPACES_RE.sub("", text[r.end(1) : r.end()])
            after = fold[r.end() : r.end() + 2]
            at_most = after in ("以内", "以下") or _AT_MOST_BEFORE_RE.search(fold, max(start, r.start() - 4), r.start())
            end = r.end() + 2 if after in ("以内", "以下") else r.end()
            out.append(_quantity(text, r.start(1), end, float(r.group(1)), unit, "<=" if at_most else "="))
            continue
        again = prev_ratio >= 0 and _RATIO_AGAIN_RE.search(fold, prev_ratio, r.start()) is not None
        if not again and not _RATIO_CUE_RE.search(fold, max(start, r.start() - 14), r.start()):
            continue
        seen_ratio = r.end()
        parts = [g for g in r.groups() if g is not None]
        values = [float(p) for p in parts]
        if len(values) == 3 and not 98 <= sum(values) <= 102:
            continue
        prev_ratio = r.end()
        for i in range(1, len(parts) + 1):
            s, e = r.span(i)
            out.append(_quantity(text, s, e, values[i - 1], "%"))
    for f in _FRACTION_WORD_RE.finditer(fold, start, stop):
        fr = _FRACTION_RE.search(fold, max(start, f.start() - 2), min(stop, f.end() + 2))
        if fr is None:
            continue
        den, num = _number(fr.group(1)), _number(fr.group(2))
        if not den or not num or num >= den:
            continue
        out.append(_quantity(text, fr.start(), fr.end(), round(100 * num / den, 2), "%"))
    for g in _GRADE_RE.finditer(fold, start, stop):
        lo = max(start, g.start() - 16)
        counts = list(_CLASS_COUNT_RE.finditer(fold, lo, g.end()))
        if counts and counts[-1].end() <= g.start():
            cm = counts[-1]
            out.append(_quantity(text, cm.start(), cm.end(), float(cm.group(1)), cm.group(2)))
    return out


def is_name_number(fold: str, q: Quantity) -> bool:
    """703所船动项目, 五届十次全会, 十九届二中全会: a number that is part of a name."""
    after = fold[q.end : q.end + 4]
    before = fold[max(0, q.start - 1) : q.start]
    if q.unit == "所" and q.value >= 100 and after[:1] and "\u4e00" <= after[0] <= "\u9fff":
        return True  # a numbered institute (703所) named before its work
    if q.unit in ("次", "届") and (_NAME_AFTER_RE.match(fold, q.end) or before == "届"):
        return True
    return bool(q.unit == "届" or (before in "届" and before))
