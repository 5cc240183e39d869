"""Finding quantities (number + unit as written, with ranges and comparator words) in plan text.

One compiled regex finds number tokens with their unit; a pass over the tokens (not over the
characters) merges ranges, rejects numbers that are names, codes, list labels or dates, and reads
the comparator words around each quantity.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from planwatch.quantities.numerals import CN_BIG_UNITS, parse_chinese_decimal
from planwatch.quantities.times import TimeExpr, _scan, normalized
from planwatch.quantities.units import _BASE, _TRADITIONAL, PER_DENOMINATORS, UNIT_CATALOG, unit_info


@dataclass(frozen=True)
class Quantity:
    text: str  # original text[start:end]
    start: int  # span of the number AND its unit as written (not the comparator words)
    end: int
    value: float  # the number in the unit as written (2.38万亩 -> 2.38, unit "万亩")
    value_high: float | None  # upper end of a range (15-20支 -> 15, 20)
    unit: str | None  # exactly as written after the number; None for a bare number
    comparator: str  # "=" ">=" ">" "<=" "<" "range"
    approx: bool  # 左右 约 近 大约 上下
    base_value: float  # in base units (2.38万亩 -> 23800 亩)
    base_value_high: float | None
    base_unit: str | None
    dimension: str | None
    comparator_span: tuple[int, int] | None  # outer span of the comparator word(s), if any
    currency: str | None = None  # "CNY" for 元 units, "USD" for 美元 units
    # True when the unit is written only after a later item of an enumeration: the 30 of
    # "30、60万千瓦" gets unit "万千瓦" although text[start:end] is just "30".
    unit_shared: bool = False


_Trie = dict[str, "_Trie"]


def _trie_regex(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, longest first, built as a trie so matching is fast."""
    trie: _Trie = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        alts = []
        optional = False
        for ch in sorted(node, reverse=True):
            if ch == "":
                optional = True
                continue
            sub = build(node[ch])
            alts.append(re.escape(ch) + sub)
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if optional:
            return "(?:" + body + ")?"
        return body

    return build(trie)


_LATIN_UNITS = {u for u, *_ in _BASE if u.isascii() and u.isalpha()}
_CJK_UNITS = [u for u in UNIT_CATALOG if not (u.isascii() and u.isalpha())]
_UNIT_RE = (
    "(?:"
    + _trie_regex(_CJK_UNITS)
    + "(?:/"
    + _trie_regex([*PER_DENOMINATORS, *(d.translate(_TRADITIONAL) for d in PER_DENOMINATORS)])
    + ")?"
    + "|(?:"
    + "|".join(sorted(_LATIN_UNITS, key=len, reverse=True))
    + r")(?:/(?:h|d|a|年|日|天))?(?![A-Za-z]))"
)
# Units without a multiplier, for "5万余人" where 多/余 separates the multiplier from the unit.
_MORE_UNIT_RE = _trie_regex(u for u, *_ in _BASE if not u.isascii())
# A single space as thousands separator ("3 311万元", "4 129.5吨", a gazetteer's print style) only
# when a unit or a decimal follows directly: "2005 2010" in a table stays two numbers.
_AR = (
    r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?"
    r"|(?<![0-9.])[0-9]{1,3}(?: [0-9]{3})+(?![0-9])(?:\.[0-9]+)?(?=[^\s0-9.,，、;；:：|A-Za-z])"
    r"|[0-9]+(?:\.[0-9]+)?"
)
_CN_CHARS = "〇○零一二两兩三四五六七八九十百千万萬亿億壹贰貳叁肆柒捌玖拾佰仟"
_CN = rf"[〇○零一二两兩三四五六七八九十百千壹贰貳叁肆柒捌玖拾佰仟][{_CN_CHARS}]*(?:点[〇○零一二两三四五六七八九]+)?"
_TOKEN_RE = re.compile(
    rf"(?=[0-9{_CN_CHARS}-])(?P<pct>[百千]分之)?(?:(?P<neg>(?<=[长为是达到:( 幅])-)?(?P<ar>{_AR})|(?P<cn>{_CN}))(?P<sp>[ ]?)"
    rf"(?:(?P<mmult>万亿|亿|万|千)[多余](?P<munit>{_MORE_UNIT_RE})?|(?P<more>[多余])?(?P<unit>{_UNIT_RE})?)"
)

_BASE_UNIT_WORDS = {u for u, *_ in _BASE}
_FROM_RE = re.compile(r"[从由][^，。；;,、\n]{0,8}$")
_ENUM_JOIN_RE = re.compile(r"[ ]*(?:、|和|及|与|或)[ ]*")
_RANGE_SEP_RE = re.compile(r"[ ]*(?:--|-|—{1,2}|–|~{1,2}|至|到)[ ]*")
_GREATER = {"不低于", "不少于", "不小于", "至少", "最少", "最低", "超过", "超出", "突破", "高于", "多于", "大于", "逾", "超"}
_AT_MOST = {"不超过", "不高于", "不多于", "不大于", "最多", "最高", "控制在"}
_LESS = {"低于", "少于", "小于", "不足", "不到"}
_APPROX_BEFORE = {"大约", "大概", "约为", "约", "接近", "将近", "近", "约占", "大约占"}
# Comparator words that may govern the number across a short "…的" phrase ("不低于成员总数的 20%").
_FAR_WORDS = (_GREATER | _AT_MOST | _LESS | {"约占", "大约占"}) - {"超", "逾", "最少", "最低", "最多", "最高", "不足", "不到"}
_SINGLE_WORD_CLASH = {"约": "节制契预相邀条合公简履违特签婚規规", "近": "最附邻靠亲就贴鄰", "超": "高赶", "逾": ""}
_TO_TRADITIONAL = str.maketrans("约过于内达将够较", "約過於內達將夠較")
_TO_SIMPLIFIED = str.maketrans("約過於內達將夠較", "约过于内达将够较")


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of ``words`` and their traditional spellings, longest first."""
    spelled = set(words) | {w.translate(_TO_TRADITIONAL) for w in words}
    return "|".join(sorted(spelled, key=len, reverse=True))


_AFTER_RE = re.compile(
    r"[ ]*(" + _alternation(["及以上", "以上", "及以下", "以下", "以内", "之内", "左右", "上下"]) + ")"
)
_BEFORE_RE = re.compile(r"(" + _alternation(_GREATER | _AT_MOST | _LESS | _APPROX_BEFORE) + r")[ ]*$")
_BEFORE_FAR_RE = re.compile(r"(" + _alternation(_FAR_WORDS) + r")[^，。；;、\n0-9%]{1,10}[的之][ ]*$")
# Words a bare number may be followed by (anything else glued on makes it part of a name).
_BARE_FOLLOWERS = ("以上", "以下", "以内", "左右", "上下", "多", "余", "和", "与", "及", "或", "至", "到", "的", "、")
# A unit character that, with the next character, makes a different word ("部门", "支持").
_UNIT_WORD_CLASH: dict[str, str] = {
    "部": "门委署长件", "支": "持撑柱付援", "条": "件例款", "处": "理置室于", "项": "目", "种": "类植子",
    "家": "庭乡园族", "台": "阶湾账", "间": "接", "名": "称牌单", "批": "准复", "座": "谈", "张": "贴",
    "份": "额", "本": "地土市身", "所": "有以得属在", "次": "要", "位": "于置列数一", "届": "时",
    "米": "面", "天": "然津", "年": "度代轻", "片": "区", "成": "员为立功本果交长熟型绩",
    "户": "籍口型外", "个": "体性税案", "担": "任保当心负忧纲子", "起": "来步点草到飞诉始源航跑居", "元": "素件经化论结", "人": "民员才口均", "头": "脑",
}
# Letters that may stand right before a measured number ("人均GDP1000美元"); other letters glued
# to digits make a model code or a name ("ERJ145", "ISO14001", "PM2.5").
_LATIN_INDICATORS = ("GDP", "GNP", "GNI", "CPI", "PPI")
# Vague or ordinal Chinese-numeral words: "数十家" (dozens), "二次创业" (second), "百年老店".
_VAGUE_BEFORE = "数几若好"
# Nouns of the numbered political formulas of Chinese plan language ("三个代表", "四个全面",
# "两个维护", "四个自信"): "N个" before them names the formula, it does not count things.
_SLOGAN_NOUNS = ("代表", "全面", "意识", "自信", "维护", "确立", "务必", "坚持", "毫不动摇", "一百年", "必须", "有利于", "面向", "规定")
_ORDINAL_UNITS = ("次", "期", "届", "代", "轮", "批")
# A quantity right before these names a class of product, not an amount: "百万千瓦级", "1000MW级".
_CLASS_AFTER = ("级", "型", "等级", "量级", "大马力", "系列")
_YEAR_LIST_RE = re.compile(r"(?:[ ]*[、,和及与或至到~—-]+[ ]*(?:1[89]|2[01])[0-9]{2}(?![0-9]))+[ ]*年")
_NAME_AFTER_DURATION = ("行动", "计划", "规划", "攻坚", "工程", "专项", "会战")
_LABEL_BEFORE = re.compile(r"(?:第|专栏|附表|附件|附录|表|图|No\.?|NO\.?|编号)[ ]*$")
# "2.1个和1.3个百分点": the first 个 stands for the 个百分点 written after the second number.
_POINTS_AFTER_RE = re.compile(r"[ ]*(?:和|与|與|及|、|或|至|到)[ ]*[0-9]+(?:\.[0-9]+)?[ ]*(个百分点|個百分點)")
_LIST_LEAD = re.compile(r"(?:^|[\n。；;：:!?！？])[ #*>\-]*$")
_LEADER = re.compile(r"(?:\.{3,}|…+|·{3,})[ ]*$")
_QUOTE_PAIRS = {"“": "”", "《": "》", "「": "」", "『": "』"}
_OPEN_Q = re.compile(r"[“《「『]")
_CLOSE_Q = re.compile(r"[”》」』]")


@dataclass
class _Token:
    start: int
    end: int
    value: float
    unit: str | None
    more: bool  # "100多万人", "1000余项"
    cn: bool  # written in Chinese numerals
    pct_words: bool  # 百分之…
    ar_text: str  # the Arabic digits as written ("" for Chinese numerals)
    bare_ok: bool  # a unitless number that may stand as a quantity (not glued to a noun)
    year_like: bool


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _inside_short_quote(norm: str, s: int, e: int) -> bool:
    """True when [s, e) sits inside a short “…” or 《…》 pair: a name, not a measurement."""
    lo = max(0, s - 16)
    window = norm[lo:s]
    opens = [m for m in _OPEN_Q.finditer(window)]
    if not opens:
        return False
    last_open = opens[-1]
    if _CLOSE_Q.search(window, last_open.end()):
        return False
    closing = _QUOTE_PAIRS[last_open.group()]
    idx = norm.find(closing, e, e + 16)
    if idx < 0:
        return False
    between = norm[e:idx]
    return not any(c in between for c in "，。；;\n“《")


def _token_from_match(m: re.Match[str], norm: str) -> _Token | None:
    s, e = m.span()
    g = m.group
    unit = g("unit")
    more = bool(g("more"))
    if g("mmult"):
        # "5万余人", "1万多户": the 多/余 sits between the multiplier and the unit
        unit = g("mmult") + (g("munit") or "")
        more = True
    if g("ar") is not None:
        num = g("ar")
        value = float(num.replace(",", "").replace(" ", ""))
        if g("neg"):
            value = -value
        cn = False
        year_like = len(num) == 4 and num.isdigit() and 1800 <= value <= 2199
    else:
        num = g("cn")
        cn = True
        year_like = False
        mult = ""
        # A base unit whose first character was swallowed by the numeral: "十万千瓦", "五千米".
        if unit and num[-1] in "千百十" and num[-1] + unit in _BASE_UNIT_WORDS and not g("sp"):
            unit = num[-1] + unit
            num = num[:-1]
        # Multipliers at the end of a Chinese numeral are part of the unit: "四万吨" -> 4 "万吨".
        for big in ("万亿", "萬億", "万", "萬", "亿", "億"):
            if num.endswith(big) and len(num) > len(big) and not g("sp"):
                head = num[: -len(big)]
                if head[-1] not in CN_BIG_UNITS:
                    mult = big
                    num = head
                break
        if not num or num[0] in "万萬亿億":
            return None
        if mult:
            unit = mult + (unit or "")  # "五万余人" -> 5 "万人" with 余
        parsed = parse_chinese_decimal(num)
        if parsed is None:
            return None
        value = parsed
    if unit is not None and unit_info(unit) is None:
        return None
    return _Token(s, e, value, unit, more, cn, bool(g("pct")), g("ar") or "", True, year_like)


def _share_units(qs: list[Quantity], norm: str, offset: int) -> list[Quantity]:
    """"30、60万千瓦", "分别为10、20和30亿元": a bare number in an enumeration takes the unit
    written after the next item."""
    for i in range(len(qs) - 2, -1, -1):
        a, b = qs[i], qs[i + 1]
        if (
            a.unit is not None
            or b.unit is None
            or a.value_high is not None
            or not _ENUM_JOIN_RE.fullmatch(norm, a.end - offset, b.start - offset)
        ):
            continue
        info = unit_info(b.unit)
        scale = info.scale if info is not None else 1.0
        qs[i] = replace(
            a, unit=b.unit, base_value=_scaled(a.value, scale), base_unit=b.base_unit,
            dimension=b.dimension, currency=b.currency, unit_shared=True,
        )
    return qs


def _share_trailing_comparators(qs: list[Quantity], norm: str, offset: int) -> list[Quantity]:
    """"分别达到10%、20%以上": a comparator word after the last item of an enumeration with one
    unit applies to every item, so the earlier items get it too."""
    for i in range(len(qs) - 2, -1, -1):
        a, b = qs[i], qs[i + 1]
        span = b.comparator_span
        if (
            span is None
            or span[0] < b.end  # b's comparator stands before it, not after
            or a.comparator != "="
            or a.value_high is not None
            or a.approx
            or a.comparator_span is not None
            or a.unit != b.unit
            or not _ENUM_JOIN_RE.fullmatch(norm, a.end - offset, b.start - offset)
        ):
            continue
        qs[i] = replace(a, comparator=b.comparator, approx=b.approx, comparator_span=span)
    return qs


def _scaled(value: float, scale: float) -> float:
    """``value * scale`` without binary noise: 2.38万 -> 23800.0, not 23800.000000000004."""
    product = value * scale
    return float(f"{product:.15g}") if scale != 1 else product


def _find(
    norm: str, original: str, offset: int, share_units: bool = False, times: list[TimeExpr] | None = None
) -> list[Quantity]:
    """Quantities in ``norm`` (the normalised ``original[offset:offset + len(norm)]``)."""
    start, end = 0, len(norm)
    if times is None:
        times = _scan(norm, original, offset)
    time_starts = [t.start - offset for t in times]
    time_ends = [t.end - offset for t in times]

    def in_time(s: int, e: int) -> bool:
        i = bisect.bisect_right(time_starts, e - 1)
        return i > 0 and time_ends[i - 1] > s

    tokens: list[_Token] = []
    ordinal_end = -1
    for m in _TOKEN_RE.finditer(norm, start, end):
        tok = _token_from_match(m, norm)
        if tok is None:
            continue
        s, e = tok.start, tok.end
        if in_time(s, e):
            continue
        prev = norm[s - 1] if s > start else "\n"
        if prev == "第" or norm[max(start, s - 2) : s] == "第 " or (
            ordinal_end >= 0 and _ENUM_JOIN_RE.fullmatch(norm, ordinal_end, s)
        ):
            ordinal_end = e  # an ordinal, and the items enumerated after it: "第3、5条"
            continue
        nxt = norm[e] if e < end else "\n"
        unit = tok.unit
        if tok.pct_words:
            unit = "%" if norm[s] == "百" else "‰"
            tok.unit = unit
        elif unit in ("个", "個"):
            points = _POINTS_AFTER_RE.match(norm, e)
            if points:
                unit = tok.unit = points.group(1)  # "高于2.1个和1.3个百分点": both are points
        # digits glued to Latin letters or a decimal point: model codes and section numbers
        if (
            prev.isascii()
            and (prev.isalpha() or prev in "._/")
            and (unit is None or prev in "._/" or not norm.endswith(_LATIN_INDICATORS, max(start, s - 3), s))
        ):
            continue
        if prev == "-" and s >= 2 and norm[s - 2].isascii() and norm[s - 2].isalpha():
            continue  # "ISO-9001", "Y-12"
        if prev in "×*+" or nxt in "×*+":
            continue  # a formula or a name: "7×24小时", "3+N"
        if (prev == ":" and s >= 2 and norm[s - 2].isdigit()) or (
            nxt == ":" and e + 1 < end and norm[e + 1].isdigit()
        ):
            continue  # a clock time or a ratio: "8:30", "1:1配套"
        if prev in "〔[【" and nxt in "〕]】":
            continue  # a document number's year: "哈政发〔2016〕12号"
        if tok.ar_text[:1] == "0" and len(tok.ar_text) > 1 and tok.ar_text[1].isdigit():
            continue  # "0451-…": a telephone area code or another zero-padded code
        if norm.startswith(_CLASS_AFTER, e):
            # and the lower end of its range ("125—280大马力")
            if tokens and _RANGE_SEP_RE.fullmatch(norm, tokens[-1].end, s):
                tokens.pop()
            continue
        if nxt.isascii() and (nxt.isalnum() or nxt == "_"):
            continue
        if unit is not None and unit[-1] in _UNIT_WORD_CLASH and nxt in _UNIT_WORD_CLASH[unit[-1]]:
            continue
        if tok.year_like and (unit == "年" or (unit is None and _YEAR_LIST_RE.match(norm, e))):
            continue  # a calendar year ("2005年", "2005、2006年"), found by find_times
        if unit is None:
            if tok.cn or tok.more:
                continue
            if nxt in "月日号":
                continue
            if _is_cjk(nxt) and not norm.startswith(_BARE_FOLLOWERS, e):
                tok.bare_ok = False
            if _LABEL_BEFORE.search(norm, max(start, s - 4), s) or _LEADER.search(norm, max(start, s - 6), s):
                continue
            if nxt in "、.)" and _LIST_LEAD.search(norm, max(start, s - 6), s):
                continue  # a list label: "1、" "2." "3)" at the start of a line or sentence
            if nxt == "." and e + 1 < end and _is_cjk(norm[e + 1]):
                continue  # "3.深化改革": a label, a decimal point is followed by a digit
            if prev == "(" and nxt == ")":
                continue
        else:
            info = unit_info(unit)
            if tok.cn:
                if (
                    tok.value in (0, 1)
                    and not unit.startswith(("万", "亿", "萬", "億"))
                    and (info is None or info.dimension not in ("multiple", "points", "percent"))
                ):
                    continue  # 一个, 一批, 一年: words, not counts
                if prev in _VAGUE_BEFORE:
                    continue
                if unit in _ORDINAL_UNITS and tok.value < 10 and _is_cjk(nxt):
                    continue  # 二次创业, 三期工程
                if nxt in "“《「\"" or (unit in ("个", "项") and norm.startswith(_SLOGAN_NOUNS, e)):
                    continue  # numbered political formulas: 两个“毫不动摇”, 四个全面, 四个意识
                numeral = norm[s:e][: len(norm[s:e]) - len(unit)].strip()
                if numeral and all(c in "百千万萬亿億" for c in numeral) and not _BEFORE_RE.search(
                    norm, max(start, s - 6), s
                ):
                    continue  # 百年老店, 百万千瓦级: a word, unless a comparator governs it (超百个)
            if info is not None and info.dimension == "time" and norm.startswith(_NAME_AFTER_DURATION, e):
                continue
        if _inside_short_quote(norm, s, e):
            continue
        tokens.append(tok)

    out: list[Quantity] = []
    i = 0
    n = len(tokens)
    while i < n:
        t1 = tokens[i]
        t2 = tokens[i + 1] if i + 1 < n else None
        value_high: float | None = None
        unit = t1.unit
        s, e = t1.start, t1.end
        if t2 is not None and not t1.more:
            sep = _RANGE_SEP_RE.fullmatch(norm, t1.end, t2.start)
            if sep is not None and ("到" in sep.group() or "至" in sep.group()) and _FROM_RE.search(
                norm, max(start, s - 10), s
            ):
                sep = None  # "从10亿元到20亿元": a change from one level to another, not a range
            same_unit = t1.unit is None or t1.unit == t2.unit or t2.unit is None
            # "1万至2万人": the lower end carries only the multiplier of the upper end's unit
            lo_info = unit_info(t1.unit) if t1.unit else None
            shared_multiplier = (
                lo_info is not None
                and lo_info.dimension is None
                and t2.unit is not None
                and t2.unit.startswith(lo_info.unit)
            )
            if sep is not None and (same_unit or shared_multiplier) and t1.value < t2.value:
                unit = t2.unit if t2.unit is not None else t1.unit
                if unit is not None or (t1.bare_ok and t2.bare_ok):
                    value_high = t2.value
                    e = t2.end
                    i += 1
                    t1 = _Token(s, e, t1.value, unit, t2.more, t1.cn, t1.pct_words, t1.ar_text, t2.bare_ok, False)
                elif not t2.bare_ok:
                    i += 2
                    continue  # "125—280大马力": a bare range naming a product class
        i += 1
        if unit is None and not t1.bare_ok:
            continue
        comparator = "range" if value_high is not None else "="
        approx = False
        comp_lo: int | None = None
        comp_hi: int | None = None
        if t1.more:
            comparator = ">=" if value_high is None else comparator
        am = _AFTER_RE.match(norm, e, min(end, e + 6))
        if am:
            word = am.group(1).translate(_TO_SIMPLIFIED)
            comp_lo, comp_hi = am.start(1), am.end(1)
            if word in ("左右", "上下"):
                approx = True
            elif value_high is None:
                comparator = ">=" if word.endswith("以上") else "<="
        bm = _BEFORE_RE.search(norm, max(start, s - 6), s)
        if (
            bm
            and bm.end(1) - bm.start(1) == 1
            and bm.start(1) > start
            and norm[bm.start(1) - 1] in _SINGLE_WORD_CLASH.get(bm.group(1).translate(_TO_SIMPLIFIED), "")
        ):
            bm = None  # a one-character word that is the tail of another word: 节约, 最近, 高超
        bm = bm or _BEFORE_FAR_RE.search(norm, max(start, s - 16), s)
        if bm:
            word = bm.group(1).translate(_TO_SIMPLIFIED)
            comp_lo = bm.start(1)
            comp_hi = comp_hi if comp_hi is not None else bm.end(1)
            if word in _APPROX_BEFORE:
                approx = True
            elif value_high is None:
                if word in _GREATER:
                    comparator = ">="
                elif word in _AT_MOST:
                    comparator = "<="
                elif word in _LESS:
                    comparator = "<"
        info = unit_info(unit) if unit is not None else None
        scale = info.scale if info is not None else 1.0
        value = t1.value
        out.append(
            Quantity(
                text=original[offset + s : offset + e],
                start=offset + s,
                end=offset + e,
                value=value,
                value_high=value_high,
                unit=unit,
                comparator=comparator,
                approx=approx,
                base_value=_scaled(value, scale),
                base_value_high=None if value_high is None else _scaled(value_high, scale),
                base_unit=info.base_unit if info is not None else None,
                dimension=info.dimension if info is not None else None,
                comparator_span=None if comp_lo is None or comp_hi is None else (offset + comp_lo, offset + comp_hi),
                currency=info.currency if info is not None else None,
            )
        )
    if share_units:
        out = _share_units(out, norm, offset)
    return _share_trailing_comparators(out, norm, offset)


def find_quantities(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    share_units: bool = False,
    times: list[TimeExpr] | None = None,
) -> list[Quantity]:
    """Quantities in ``text[start:end]``, in text order; offsets refer to ``text``.

    With ``share_units`` a bare number in an enumeration takes the unit written after the next
    item ("30、60万千瓦" -> 30 万千瓦, ``unit_shared`` True); without it that 30 stays unitless.
    ``times`` may pass in ``find_times(text)`` of the whole text when the caller already has it
    (a number inside a time expression is not a quantity); it is then not scanned again.
    """
    stop = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if start >= stop:
        return []
    if times is not None and (start or stop != len(text)):
        times = [t for t in times if start <= t.start and t.end <= stop]
    return _find(normalized(text, start, stop), text, start, share_units, times)
