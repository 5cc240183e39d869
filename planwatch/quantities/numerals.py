"""Number parsing: Arabic (with thousands separators), full-width, Chinese and mixed numerals.

Plans write numbers in many ways ("1,550", "１２０", "2.38万", "一千二百", "百分之二十", "两成",
"二〇一〇"); everything downstream wants one float, so all of them end up here.
"""

from __future__ import annotations

import re

from planwatch.textnorm import normalize_for_parsing

# Chinese digit characters (simplified, traditional and financial forms) -> value.
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
# Small place units (below 万) and large section units.
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
CN_DIGIT_CHARS = "".join(CN_DIGITS)

# Multipliers that may follow an Arabic number: "2.38万" "1.2亿" "3千" "5百万" "1.5万亿".
MULTIPLIERS: dict[str, float] = {
    "万亿": 1e12, "萬億": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "千万": 1e7, "千萬": 1e7,
    "百万": 1e6, "百萬": 1e6, "十万": 1e5, "十萬": 1e5,
    "亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4, "千": 1e3, "百": 1e2,
}

_ARABIC_RE = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|[+-]?\.[0-9]+")
_MIXED_RE = re.compile(
    r"(?P<num>[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)\s*(?P<mult>"
    + "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
    + r")"
)


def parse_chinese_integer(s: str) -> int | None:
    """Value of a Chinese integer numeral ("一千二百" 1200, "十五" 15, "两万三千" 23000, "百万" 10**6,
    "二〇一〇" 2010, "一万二" 12000), or None when ``s`` is not a well-formed numeral ("十一五")."""
    if not s:
        return None
    if all(ch in CN_DIGITS for ch in s):
        # Digit-by-digit form ("二〇一〇", "三"). Two neighbouring digits are an estimate, not a
        # number ("三五年" = three to five years, "七八家"), so only years and zero-bearing codes pass.
        if len(s) > 1 and CN_DIGITS[s[0]] == 0:
            return None
        if len(s) > 1 and len(s) != 4 and not any(CN_DIGITS[ch] == 0 for ch in s):
            return None
        value = 0
        for ch in s:
            value = value * 10 + CN_DIGITS[ch]
        return value
    infinity = 10**20
    total = 0  # everything up to the last 亿
    wan_part = 0  # the 万 part after the last 亿
    section = 0  # below 万
    digit: int | None = None
    last_small = infinity
    last_big = infinity
    pending_zero = False
    for ch in s:
        if ch in CN_DIGITS:
            d = CN_DIGITS[ch]
            if digit is not None:
                return None  # two digits in a row: "一二十", "三零"
            if d == 0:
                pending_zero = True
                continue
            digit = d
        elif ch in CN_SMALL_UNITS:
            place = CN_SMALL_UNITS[ch]
            if place >= last_small:
                return None  # "十百", "一百二百"
            section += (digit if digit is not None else 1) * place
            digit = None
            last_small = place
            pending_zero = False
        elif ch in CN_BIG_UNITS:
            place = CN_BIG_UNITS[ch]
            part = section + (digit or 0)
            if place == 10**4:
                if last_big <= 10**4 or wan_part:
                    return None
                if part == 0:
                    if total:
                        return None
                    part = 1
                wan_part = part * place
                last_big = place
            else:
                if last_big <= 10**8 and not wan_part and not section and digit is None:
                    return None  # "亿亿"
                part += wan_part
                if part == 0:
                    if total:
                        return None
                    part = 1
                total = (total + part) * place
                wan_part = 0
                last_big = place
            section = 0
            digit = None
            last_small = infinity
            pending_zero = False
        else:
            return None
    if digit is not None:
        if pending_zero or (last_small == infinity and last_big == infinity):
            section += digit
        elif last_small < infinity:
            section += digit * (last_small // 10)  # "三百五" -> 350, "十五" -> 15
        else:
            section += digit * (last_big // 10)  # "一万二" -> 12000
    return total + wan_part + section


def parse_chinese_decimal(s: str) -> float | None:
    """Chinese numeral with an optional decimal part: "三点五" -> 3.5, "一千二百" -> 1200."""
    if "点" in s or "點" in s:
        head, _, tail = s.replace("點", "点").partition("点")
        if not tail or not all(ch in CN_DIGITS for ch in tail):
            return None
        whole = parse_chinese_integer(head) if head else 0
        if whole is None:
            return None
        frac = "".join(str(CN_DIGITS[ch]) for ch in tail)
        return float(f"{whole}.{frac}")
    value = parse_chinese_integer(s)
    return None if value is None else float(value)


def parse_number(s: str) -> float | None:
    """Parse one number written any way a plan writes it; None if ``s`` is not a number.

    - Arabic, with an ASCII thousands separator ("1,550") or full-width digits ("１２０"): the value.
    - An Arabic or Chinese numeral followed by a multiplier ("2.38万", "1.5亿", "四万", "百万"):
      the full value (23800.0, 1.5e8, 40000.0, 1e6).
    - Chinese numerals in simplified, traditional or financial forms ("一千二百", "兩萬", "壹佰"),
      digit-by-digit years ("二〇一〇") and decimals ("三点五").
    - Percent-like forms give the value in PERCENT: "百分之二十" -> 20.0, "20%" -> 20.0, and
      "两成" (two tenths) -> 20.0, "3成" -> 30.0. find_quantities reports 两成 as value 2 unit "成"
      with base value 20 (base unit "%").
    """
    t = normalize_for_parsing(s).strip().replace(" ", "")
    if not t:
        return None
    if t.startswith("百分之"):
        inner = parse_number(t[3:])
        return inner
    if t.endswith("%"):
        return parse_number(t[:-1])
    if t.endswith("成") and len(t) > 1:
        inner = parse_number(t[:-1])
        return None if inner is None else inner * 10
    m = _ARABIC_RE.fullmatch(t)
    if m:
        return float(t.replace(",", ""))
    m = _MIXED_RE.fullmatch(t)
    if m:
        return float(m.group("num").replace(",", "")) * MULTIPLIERS[m.group("mult")]
    if t[0] in "+-":
        inner = parse_number(t[1:])
        return None if inner is None else (-inner if t[0] == "-" else inner)
    return parse_chinese_decimal(t)
