"""Character-for-character normalisation for parsing.

Parsers work on ``normalize_for_parsing(text)``, which has exactly the same length as ``text``,
so every offset found in the normalised string is also an offset into the original text
(DESIGN.md: offsets always refer to the original text).
"""

from __future__ import annotations

import re

_TABLE: dict[int, str] = {}
# Full-width ASCII block U+FF01..U+FF5E -> U+0021..U+007E (digits, letters, punctuation).
for _cp in range(0xFF01, 0xFF5F):
    _TABLE[_cp] = chr(_cp - 0xFEE0)
# Odd spaces -> plain space (each is one code point, so the length is unchanged).
for _cp in (0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x200A, 0x202F, 0x205F, 0xFEFF, 0x200B):
    _TABLE[_cp] = " "
_TABLE[ord("\t")] = " "
# Variant decimal points and minus signs.
_TABLE[0x2212] = "-"  # MINUS SIGN
_TABLE[0x2027] = "."  # HYPHENATION POINT, sometimes used as a decimal point
_TABLE[0x2236] = ":"  # RATIO (36.8∶26.7∶36.5), a colon between the parts of a structure


def normalize_for_parsing(text: str) -> str:
    """Return ``text`` with full-width forms folded to half-width and odd spaces made plain.

    The result has the same length as the input: ``len(normalize_for_parsing(t)) == len(t)``.
    """
    # Only the few characters that change are replaced: a regex scan is several times faster
    # than str.translate, which looks every character up in the table.
    return _CHANGING_RE.sub(_replace, text)


_MAP: dict[str, str] = {chr(k): v for k, v in _TABLE.items()}
_CHANGING_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_MAP)) + "]")


def _replace(m: re.Match[str]) -> str:
    return _MAP[m.group()]
