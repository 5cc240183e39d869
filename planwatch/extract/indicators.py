"""Indicator names: "the thing measured, as written, with its scope words".

A figure's indicator is cut from the words before it in its clause: leading times and connectors
(到2010年，其中，力争) and the verb that links name and number (达到, 为, 年均增长, 提高到 …) are
dropped, an empty "achieve" verb in the middle (全市非公有制经济实现增加值 → 全市非公有制经济增加值)
is removed. When a clause omits its subject (实现利润32.3亿元; 营业收入达到4400亿元 after
全市非公有制经济增加值…) the scope of the sentence's subject is carried over. Decisions are made
on the folded text; the name is always cut from the original characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_LEAD_PUNCT = set(" \t\u3000“”\"'‘’—-–·•●▲△■□◆◇★☆*#>()[]【】<>《》、,，:：;；.。…~～_|/")

_LEAD_WORD_RE = re.compile(
    r"(截至|截止到|截止|达到|到|其中|同时|并且|而且|另外|此外|以及|特别是|尤其是|届时|力争|确保|争取|计划|预计|预期|全年|今年|年内|"
    r"已经|使得|从而|进而|全面|努力|通过|实现了|实现|期间|时期|以来|同口径|同比|仅|只|并|且|及|和|与|使|已|共|要|将|还|再|可|是|在)"
)
_TAIL_WORDS = frozenset(
    ["达到", "发展到", "增加到", "增长到", "增长至", "增至", "提高到", "提高至", "提升到", "提升至", "降低到", "降低至", "下降到", "下降至", "降到", "降至", "减少到", "减少至", "减至", "缩减到", "压缩到", "压缩至", "控制在", "保持在", "稳定在", "维持在", "突破", "超过", "超出", "不低于", "不少于", "不高于", "不超过", "不足", "低于", "高于", "约为", "约占", "约", "近", "逾", "已达", "已有", "总计", "共计", "合计", "累计达", "年均增长", "年平均增长", "平均增长", "年均递增", "年递增", "递增", "递减", "回落", "增长", "增加", "增幅", "增速", "提高", "提升", "降低", "下降", "减少", "压缩", "节约", "缩短", "扩大", "分别", "平均", "年均", "每年", "比上年", "同比", "较上年", "比上一年", "比去年", "为", "是", "在", "有", "达", "到", "至", "超", "的", "要", "应", "将", "已", "也", "均", "都", "还", "仅", "只", "就", "了", "已经", "预计", "力争", "确保", "争取", "要求", "计划", "必须", "逐步", "进一步", "可以", "能够", "实现", "共"]
) | frozenset(["由", "从", "比", "较", "完成", "累计", "共计", "合计", "翻一番", "翻两番", "翻番", "同口径", "可比价", "可比", "可", "跨过", "迈上", "迈过", "站上", "排", "增长到", "增加到", "扩大到", " ", "\t", "\u3000", ",", "，", ":", "：", "、", "“", "”", '"'])
_TAIL_MAX = max(len(w) for w in _TAIL_WORDS)
# A list label opening an item (1. / 2、 / (3) / 四、): no part of the name after it.
_LIST_LABEL_RE = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:[、.．](?!\d)|[)）])|[(（](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]")
_COMPARE_RE = re.compile(r"比(\d{4}年(末|底|初)?|上年|去年|上一年|同期)|较(\d{4}年|上年|去年)")

MEASURE_NOUNS = ["地区生产总值", "生产总值", "工业增加值", "增加值", "工业总产值", "总产值", "产值", "主营业务收入", "营业收入", "销售收入", "技工贸总收入", "财政收入", "收入", "销售额", "成交额", "营业额", "交易额", "出口额", "进出口总额", "进出口额", "出口", "进口", "税金", "税收", "利税", "利润总额", "利润", "固定资产投资", "投资", "覆盖率", "普及率", "金额", "资产总额", "资产", "注册资本", "户数", "企业数", "从业人员", "就业人员", "人数", "产量", "产能", "规模", "数量", "总额"]
_MODIFIERS = "上缴 实缴 全年 年度 年 新增 实际 累计 完成 实现 主要 总"
_BARE_RE = re.compile(
    "^(" + "|".join(_MODIFIERS.split()) + ")*(" + "|".join(sorted(MEASURE_NOUNS, key=len, reverse=True)) + ")(总额|总计|总量)?$"
)
_MEASURE_END_RE = re.compile("(" + "|".join(sorted(MEASURE_NOUNS, key=len, reverse=True)) + ")$")
_SHARE_WORD_RE = re.compile(r"比重|比例|份额|占比")
_PAREN_RE = re.compile(r"\([^()]{0,30}\)")


def strip_lead(fold: str, lo: int, hi: int, time_spans: list[tuple[int, int]]) -> int:
    """Advance ``lo`` past leading punctuation, time expressions and connector words."""
    spans = sorted(time_spans)
    changed = True
    while changed and lo < hi:
        changed = False
        while lo < hi and fold[lo] in _LEAD_PUNCT:
            lo += 1
            changed = True
        for ts, te in spans:
            if ts <= lo < te:
                lo = min(te, hi)
                changed = True
        m = _LEAD_WORD_RE.match(fold, lo, hi) or _LIST_LABEL_RE.match(fold, lo, hi)
        if m and m.end() < hi:
            lo = m.end()
            changed = True
    return lo


def strip_tail(fold: str, lo: int, hi: int, time_spans: Sequence[tuple[int, int]] = ()) -> int:
    """Move ``hi`` back past the linking verb, particles and times that end the name
    (增长到2020年的 → ""), longest word first."""
    while hi > lo:
        span = next((s for s, e in time_spans if e == hi and s >= lo), None)
        if span is not None:
            hi = span
            continue
        for n in range(min(_TAIL_MAX, hi - lo), 0, -1):
            if fold[hi - n : hi] in _TAIL_WORDS:
                hi -= n
                break
        else:
            break
    return hi


def cut_name(
    orig: str, fold: str, lo: int, hi: int, drop: list[tuple[int, int]]
) -> str:
    """``orig[lo:hi]`` without the ``drop`` spans, comparisons (比2000年) and inner 实现/完成了."""
    cuts = [(s, e) for s, e in drop if s < hi and e > lo]
    for m in _COMPARE_RE.finditer(fold, lo, hi):
        cuts.append(m.span())
    for m in _PAREN_RE.finditer(fold, lo, hi):
        if re.search(r"[、,，等]", m.group(0)):
            cuts.append(m.span())  # （民意、HF9）: examples in brackets; （PM2.5） stays
    for m in re.finditer(r"实现了|实现|取得了", fold[lo:hi]):
        s = lo + m.start()
        if s > lo:  # an inner "achieve" verb between subject and measure
            cuts.append((s, lo + m.end()))
    if not cuts:
        return orig[lo:hi].strip()
    parts: list[str] = []
    pos = lo
    for s, e in sorted(cuts):
        s, e = max(s, lo), min(e, hi)
        if s > pos:
            parts.append(orig[pos:s])
        pos = max(pos, e)
    if pos < hi:
        parts.append(orig[pos:hi])
    return "".join(parts).strip(" \t\u3000，,、的")


_ATTRIBUTE_RE = re.compile(r"^(总)?(规模|总量|总额|数量|覆盖率|普及率|占比|比重|增速)$")


def is_attribute(name_fold: str) -> bool:
    """An attribute of the thing named before (总规模, 覆盖率): named after that thing."""
    return bool(_ATTRIBUTE_RE.match(name_fold))


def is_entity(name_fold: str) -> bool:
    """A name of things (全市非公有制科技企业), not of a measure (一般公共预算收入): usable as the
    scope of a bare measure that follows (技工贸总收入 → 全市非公有制科技企业技工贸总收入)."""
    return (
        bool(name_fold)
        and not _MEASURE_END_RE.search(name_fold)
        and not _SHARE_WORD_RE.search(name_fold)
        and "占" not in name_fold
        and not re.search(r"(能力|率|量|额|值|数|面积|指数|水平|价格|时间|比)$", name_fold)
    )


def is_bare_measure(name_fold: str) -> bool:
    """A measure without any scope (营业收入, 上缴税金, 利润总额): needs the sentence's subject."""
    return bool(_BARE_RE.match(name_fold))


def measure_suffix(name_fold: str) -> str:
    """The measure noun a name ends with (氨氮排放总量 -> 总量), or ''."""
    m = _MEASURE_END_RE.search(name_fold)
    return m.group(0) if m else ""


def scope_of(name: str, name_fold: str) -> str | None:
    """The scope part of a full indicator name (全市非公有制经济增加值 -> 全市非公有制经济)."""
    if _SHARE_WORD_RE.search(name_fold) or "占" in name_fold:
        return None
    m = _MEASURE_END_RE.search(name_fold)
    if not m or m.start() == 0:
        return None
    head = name[: m.start()].rstrip("的")
    head_fold = name_fold[: m.start()].rstrip("的")
    head_fold = re.sub("(" + "|".join(_MODIFIERS.split()) + ")+$", "", head_fold)
    head = head[: len(head_fold)]
    if _BARE_RE.match(head_fold) or head_fold in ("进口", "出口", "进出口"):
        return None  # 进口总额: the head is itself a measure, not a scope
    return head if len(head) >= 2 else None


def share_name(subject: str, rest: str) -> str:
    """``A`` + ``占B的`` -> ``A占B比重`` (the gold's way of naming a share)."""
    rest = rest.rstrip("的")
    if not rest.startswith("占"):
        rest = "占" + rest
    if not _SHARE_WORD_RE.search(rest):
        rest += "比重"
    return subject + rest


def tidy(name: str) -> str:
    """Final trim of stray punctuation and particles."""
    name = name.strip(" \t\u3000，,、：:；;“”\"")
    if name.startswith("”") or name.endswith("“"):
        name = name.strip("“”")
    return name
