"""统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set, the last a check digit.

Position weights are 3**i mod 31; the check character is the one whose value makes the weighted
sum of all 18 divisible by 31. The set leaves out I, O, Z, S, V (easily misread).
"""

from __future__ import annotations

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(CHARSET)}
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (already upper-case, from CHARSET)."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def credit_code_error(code: str) -> str | None:
    """None when ``code`` is a well-formed credit code with the right check digit, else the reason
    (Chinese, for row errors and form messages)."""
    code = (code or "").strip().upper()
    if len(code) != 18:
        return f"统一社会信用代码应为18位，实为{len(code)}位"
    bad = sorted({c for c in code if c not in _VALUE})
    if bad:
        return f"统一社会信用代码含无效字符：{''.join(bad)}"
    if not code[2:8].isdigit():
        return "统一社会信用代码第3至8位应为行政区划码（数字）"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位错误（应为{expected}）"
    return None


def normalise(code: str) -> str:
    return (code or "").strip().upper()


def with_check_digit(first17: str) -> str:
    """A complete code from its first 17 characters (used to make example codes)."""
    first17 = normalise(first17)
    if len(first17) != 17 or any(c not in _VALUE for c in first17):
        raise ValueError(f"need 17 characters from {CHARSET}: {first17!r}")
    return first17 + check_character(first17)
