"""Time expressions: calendar years, dates, plan periods ("十一五"), annual and year-on-year words.

Targets and facts need the year they refer to; quantities need to know which numbers are dates
(2005年, 7月1日, 2006-2010年) so that they are not reported as quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.quantities.numerals import parse_chinese_integer
from planwatch.textnorm import normalize_for_parsing


@dataclass(frozen=True)
class TimeExpr:
    text: str
    start: int
    end: int
    # "year" "year_month" "date" (year+month+day) "month_day" "period" "period_end" "annual"
    # "previous_year" "half" (上半年/下半年) "quarter" (一季度, 前三季度)
    kind: str
    year: int | None  # the single year referred to (period_end -> last year of the period)
    period: tuple[int, int] | None  # for periods
    month: int | None = None
    marker: str | None = None  # preposition before ("到" "至" "截至" ...) or else the suffix ("期末" "底" "以来")
    day: int | None = None
    prefix: str | None = None  # the preposition before the expression, not inside [start, end)
    suffix: str | None = None  # the marker word at the end of the expression, inside [start, end)
    quarter: int | None = None  # 1..4 for "quarter" ("一季度", "第三季度"; "前三季度" has marker "前")


# 一五 1953-1957, 二五 1958-1962, then (after the 1963-1965 adjustment) 三五 1966-1970 ...
# 十五 2001-2005, 十一五 2006-2010, 十四五 2021-2025, 十五五 2026-2030.
FIVE_YEAR_PLANS: dict[int, tuple[int, int]] = {1: (1953, 1957), 2: (1958, 1962)} | {
    n: (1966 + 5 * (n - 3), 1970 + 5 * (n - 3)) for n in range(3, 21)
}

_FYP_NAME_RE = re.compile(r"^[“\"'‘「『]?\s*(?:第([一二三四五六七八九十]+)个五年|([一二三四五六七八九十]{0,3})五)\s*[”\"'’」』]?")


def five_year_plan_period(s: str) -> tuple[int, int] | None:
    """Years of a five-year plan named "十一五", "“十一五”", "第十一个五年" (-> (2006, 2010)); "十五" is
    (2001, 2005), "十四五" (2021, 2025). None when ``s`` does not name one."""
    t = normalize_for_parsing(s).strip()
    m = _FYP_NAME_RE.match(t)
    if not m:
        return None
    rest = t[m.end():]
    if rest and rest not in ("规划", "计划", "期间", "时期", "期末", "末", "初", "期初", "以来", "规划纲要"):
        return None
    ordinal = m.group(1) if m.group(1) is not None else m.group(2)
    if not ordinal:
        return None
    n = parse_chinese_integer(ordinal)
    if n is None:
        return None
    return FIVE_YEAR_PLANS.get(n)


_Y = r"(?:1[89]|2[01])[0-9]{2}"
_CNY = r"[〇○零一二三四五六七八九]{4}"
_M = r"(?:1[0-2]|0?[1-9])"
_D = r"(?:3[01]|[12][0-9]|0?[1-9])"
_SEP = r"(?:--|-|—{1,2}|–|~|～|至|到)"
_FYP_SUFFIX = r"期间|时期|期末|末期|末|期初|初期|初|中期|以来|规划|计划"
_YEAR_SUFFIX = r"(?:年底|年末|底|末|初|前|以前|之前|以来|后|以后|起|度)"

# The leading lookahead lets the regex engine skip most positions with one character test.
_TIME_FIRST = "(?=[0-9〇○零一二三四五六七八九“\"「『‘'第十上下全今本当年比较同去前])"
_TIME_RE = re.compile(
    _TIME_FIRST
    + "(?:"
    + "|".join(
        [
            # periods: 2006-2010年, 2016 年至 2020 年, 2006年—2010年
            rf"(?P<p1>{_Y})\s*年\s*{_SEP}\s*(?P<p2>{_Y})\s*年?(?P<psuf>期间|间|以来)?"
            rf"|(?P<q1>{_Y})\s*{_SEP}\s*(?P<q2>{_Y})\s*年(?P<qsuf>期间|间|以来)?",
            # a bare year range "(2006-2010)", "2016—2020" (checked below: not followed by a unit)
            rf"(?P<b1>{_Y})[ ]?(?:--|-|—{{1,2}}|–|~)[ ]?(?P<b2>{_Y})(?![0-9.,])",
            # full date 2004年7月1日
            rf"(?P<dy>{_Y})\s*年\s*(?P<dm>{_M})\s*月\s*(?P<dd>{_D})\s*[日号]",
            # year and month 2004年7月
            rf"(?P<my>{_Y})\s*年\s*(?P<mm>{_M})\s*月(?P<msuf>份|底|末|初|前|以来)?",
            # year 2005年, 二〇〇五年, 2005年底
            rf"(?P<y>{_Y}|{_CNY})\s*年(?!代)(?P<ysuf>{_YEAR_SUFFIX})?",
            # a year listed before another year: the "2005" of "2005、2006年"
            rf"(?P<ly>{_Y})(?=(?:[ ]*[、,和及与或][ ]*{_Y})+[ ]*年)",
            # month and day 7月1日
            rf"(?P<am>{_M})\s*月\s*(?P<ad>{_D})\s*[日号]",
            # five-year plans
            r"(?P<fq>[“\"「『‘'])\s*(?P<fq_name>第[一二三四五六七八九十]+个五年|十[一二三四五六七八九]?五|[一二三四五六七八九]五)"
            rf"\s*[”\"」』’'](?:[ ]?(?P<fq_suf>{_FYP_SUFFIX}))?",
            rf"(?P<g_name>第[一二三四五六七八九十]+个五年)(?P<g_suf>{_FYP_SUFFIX})?",
            rf"(?P<f_name>十[一二三四五六七八九]?五)(?P<f_suf>{_FYP_SUFFIX})",
            # "十一五" .. "十九五" are never numerals, so they need neither quotes nor a suffix
            r"(?<![零〇一二两三四五六七八九十百千万])(?P<h_name>十[一二三四六七八九]五)(?![零〇一二两三四五六七八九十百千万])",
            r"(?P<half>[上下])半年",
            r"(?P<qpre>前|第)?(?P<qn>[一二三四1-4])季度",
            r"(?P<annual>全年|今年|本年度|本年|当年|年内)",
            r"(?P<prev>比上年同期|比去年同期|比上年|较上年|比去年|较去年|同比|上年同期|上年|去年)",
        ]
    )
    + ")"
)
_PREFIX_RE = re.compile(r"(截止到|截止至|截至|截止|直至|到了|到|至|从|自|于|在)\s*$")
_CN_ONLY_ASCII = re.compile(r"[0-9]")


# Characters that, before 本/当/全, make another word: 成本 资本 基本 相当 应当 健全 安全 完全.
_ANNUAL_WORD_CLASH = {"本": "成资基根日版范文样剧脚账", "当": "相充担应适恰正妥停", "全": "健安完齐周保顾成"}
_NUMERAL_CHARS = "0123456789〇○零一二两兩三四五六七八九十百千万萬亿億多余几数"


def _is_word_char(ch: str) -> bool:
    """A CJK ideograph or a Latin letter: a bare "2000-2100" followed by one is not a year range."""
    return "\u4e00" <= ch <= "\u9fff" or (ch.isascii() and ch.isalpha())


def _year(s: str) -> int:
    if _CN_ONLY_ASCII.match(s):
        return int(s)
    value = parse_chinese_integer(s)
    return value if value is not None else 0


def _scan(norm: str, original: str, offset: int) -> list[TimeExpr]:
    """Time expressions in ``norm`` (the normalised ``original[offset:offset + len(norm)]``)."""
    out: list[TimeExpr] = []
    for m in _TIME_RE.finditer(norm):
        s, e = m.span()
        g = m.group
        kind: str
        year: int | None = None
        period: tuple[int, int] | None = None
        month: int | None = None
        day: int | None = None
        quarter: int | None = None
        suffix: str | None = None
        if g("p1") or g("q1"):
            y1, y2 = (int(g("p1")), int(g("p2"))) if g("p1") else (int(g("q1")), int(g("q2")))
            if y2 < y1:
                continue
            kind, period, suffix = "period", (y1, y2), g("psuf") or g("qsuf")
        elif g("b1"):
            y1, y2 = int(g("b1")), int(g("b2"))
            after = norm[e : e + 1]
            if not 0 < y2 - y1 <= 30 or (after and (_is_word_char(after) or after in "%‰")):
                continue
            kind, period = "period", (y1, y2)
        elif g("dy"):
            kind, year, month, day = "date", int(g("dy")), int(g("dm")), int(g("dd"))
        elif g("my"):
            kind, year, month, suffix = "year_month", int(g("my")), int(g("mm")), g("msuf")
        elif g("y") or g("ly"):
            y = _year(g("y") or g("ly"))
            if not 1800 <= y <= 2199:
                continue
            kind, year, suffix = "year", y, g("ysuf")
        elif g("am"):
            if s > 0 and norm[s - 1].isdigit():
                continue
            kind, month, day = "month_day", int(g("am")), int(g("ad"))
        elif g("fq_name") or g("f_name") or g("g_name") or g("h_name"):
            name = g("fq_name") or g("f_name") or g("g_name") or g("h_name")
            suffix = g("fq_suf") or g("f_suf") or g("g_suf")
            p = five_year_plan_period(name)
            if p is None:
                continue
            period = p
            if suffix in ("期末", "末期", "末"):
                kind, year = "period_end", p[1]
            else:
                kind = "period"
        elif g("half"):
            kind, suffix = "half", g("half")
        elif g("qn"):
            kind, quarter = "quarter", "一二三四".find(g("qn")) + 1 or int(g("qn"))
            if g("qpre") == "前":
                suffix = "前"
        elif g("annual"):
            if s > 0 and norm[s - 1] in _NUMERAL_CHARS:
                continue  # "两年内", "十年内": a duration, not this year
            if s > 0 and norm[s - 1] in _ANNUAL_WORD_CLASH.get(g("annual")[0], ""):
                continue  # 成本年均, 相当年产, 健全年度: the tail of another word
            kind = "annual"
        else:
            if g("prev").startswith("上") and s > 0 and norm[s - 1] in "以向":
                continue  # "规模以上年均": 以上 + 年均, not 上年
            kind = "previous_year"
        if kind not in ("previous_year",) and s > 0 and (norm[s - 1].isdigit() or norm[s - 1] == "."):
            continue
        pm = _PREFIX_RE.search(norm, max(0, s - 5), s) if kind not in ("previous_year", "annual") else None
        prefix = pm.group(1) if pm else None
        out.append(
            TimeExpr(
                text=original[offset + s : offset + e], start=offset + s, end=offset + e, kind=kind,
                year=year, period=period, month=month,
                marker=prefix or suffix, day=day, prefix=prefix, suffix=suffix, quarter=quarter,
            )
        )
    return out


def normalized(text: str, start: int = 0, end: int | None = None) -> str:
    """Same-length normalised copy of ``text[start:end]``: index i of the result is ``start + i``.

    The full-width comma "，" is kept as it is: it separates clauses, while an ASCII "," between
    digits is a thousands separator; ``normalize_for_parsing`` would fold the two together.
    """
    piece = text[start:end]
    if "\uff0c" not in piece:
        return normalize_for_parsing(piece)
    if _SENTINEL not in piece:
        return normalize_for_parsing(piece.replace("\uff0c", _SENTINEL)).replace(_SENTINEL, "\uff0c")
    return "\uff0c".join(normalize_for_parsing(p) for p in piece.split("\uff0c"))


_SENTINEL = "\ue000"  # a private-use character that normalisation leaves alone


def find_times(text: str, start: int = 0, end: int | None = None) -> list[TimeExpr]:
    """Time expressions in ``text[start:end]``; offsets refer to ``text``."""
    stop = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if start >= stop:
        return []
    return _scan(normalized(text, start, stop), text, start)
