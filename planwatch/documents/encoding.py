"""Decode the bytes of a text file: BOMs, strict UTF-8, GB18030 or Big5, then charset detection.

Chinese government files come as UTF-8, as GBK/GB2312 (decoded with their superset GB18030),
as Big5 (traditional Chinese) and sometimes as UTF-16 from Windows tools. Decoding is strict: a
wrong guess must fail loudly rather than produce mojibake that would silently spoil every later
step. Big5 bytes are almost always valid GB18030 too, so the two are told apart by what the
decoded text looks like: real text is mostly the common characters of its script.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable

from charset_normalizer import from_bytes

from planwatch.errors import DocumentError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Legacy Chinese charsets that GB18030 contains; decoding with the superset never loses text.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "hz-gb-2312", "gb_2312-80"}


def canonical_encoding(name: str) -> str | None:
    """The codec name Python knows for ``name`` (``GB2312`` -> ``gb18030``), or None if unknown."""
    key = name.strip().strip("\"'").lower()
    if key in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(encoding, BOM length) when ``data`` starts with a Unicode byte-order mark."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None


def decode_text(data: bytes, path: str, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name). The BOM, if any, is not part of the text.

    Order: BOM; the ``declared`` charset (html ``<meta charset>``) if it decodes strictly;
    strict UTF-8; strict GB18030 or Big5, whichever reads as real text; charset-normalizer.
    Raises ``DocumentError`` otherwise, and for text that is garbled in every guess.
    """
    bom = bom_encoding(data)
    if bom is not None:
        enc, skip = bom
        try:
            return data[skip:].decode(enc), enc
        except UnicodeDecodeError as exc:
            raise DocumentError(
                path, f"文本编码损坏 cannot decode text: broken {enc} at byte {exc.start + skip}"
            ) from None
    if declared:
        canon = canonical_encoding(declared)
        if canon:
            try:
                text = data.decode(canon)
            except UnicodeDecodeError:
                text = ""
            if text and not _garbled(text) and _mojibake_share(text) <= MAX_MOJIBAKE:
                return text, canon  # else the declaration is wrong: detect
    try:
        text = data.decode("utf-8")
        if "\x00" not in text:
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    guesses: list[tuple[str, Callable[[str], float]]] = [("gb18030", _simplified_share), ("big5", _traditional_share)]
    if len(data) % 2 == 0:  # UTF-16 without a BOM (Windows tools)
        guesses += [("utf-16-le", _chinese_share), ("utf-16-be", _chinese_share)]
    chinese: list[tuple[float, str, str]] = []
    for enc, score in guesses:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        share = 0.0 if "\x00" in text else score(text)
        if share >= ACCEPT_SHARE:
            return text, enc
        chinese.append((share, enc, text))
    if chinese:
        share, enc, text = max(chinese)
        if share >= MIN_SHARE:
            return text, enc
        gb = next((t for _, e, t in chinese if e == "gb18030"), None)
        if gb is not None and _mojibake_share(gb) <= MAX_MOJIBAKE:
            return gb, "gb18030"  # many rare characters, but none of the signs of a wrong decoding
        raise DocumentError(path, f"文本疑似乱码，无法确定编码 the text looks garbled in every Chinese encoding "
                                  f"(best: {enc}, {share:.0%} common characters); save it as UTF-8")
    best = from_bytes(data).best()
    if best is not None:
        return _plausible(str(best), best.encoding, path), best.encoding
    raise DocumentError(path, "无法识别文本编码 cannot decode text (tried UTF-8, GB18030), nor as Big5 or UTF-16")


# Share of a text's non-ASCII characters that are common characters of the guessed script: real
# plans score above 0.99, Big5 read as GB18030 about 0.25.
ACCEPT_SHARE = 0.9
MIN_SHARE = 0.6
SAMPLE = 20_000


def _non_ascii(text: str) -> list[str]:
    out = []
    for ch in text:
        if ord(ch) > 127:
            out.append(ch)
            if len(out) >= SAMPLE:
                break
    return out


def _simplified_share(text: str) -> float:
    """Share of GB2312 symbols and hanzi (rows A1–A3, B0–F7), the characters of real simplified text;
    Big5 bytes read as GB18030 come out as kana, box drawing and rare GBK characters."""
    chars = _non_ascii(text)
    good = 0
    for ch in chars:
        try:
            b = ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        good += len(b) == 2 and (0xA1 <= b[0] <= 0xA3 or 0xB0 <= b[0] <= 0xF7)
    return good / len(chars) if chars else 1.0


def _traditional_share(text: str) -> float:
    """Share of Big5 symbols (A140–A3BF) and frequent characters (level 1, A440–C67E)."""
    chars = _non_ascii(text)
    good = 0
    for ch in chars:
        try:
            b = ch.encode("big5")
        except UnicodeEncodeError:
            continue
        code = b[0] << 8 | b[1] if len(b) == 2 else 0
        good += 0xA140 <= code <= 0xA3BF or 0xA440 <= code <= 0xC67E
    return good / len(chars) if chars else 1.0


MAX_MOJIBAKE = 0.03
_MOJIBAKE_RANGES = ((0x3040, 0x30FF), (0x2500, 0x257F), (0xE000, 0xF8FF), (0x3300, 0x33FF), (0xFF61, 0xFF9F),
                    (0x0370, 0x03FF), (0x0400, 0x04FF), (0x3100, 0x312F))


def _mojibake_share(text: str) -> float:
    """Share of kana, box drawing, private-use, squared Latin, Greek, Cyrillic and bopomofo among the
    non-ASCII characters: what Big5 (or corrupt) bytes turn into when read as GB18030."""
    chars = _non_ascii(text)
    bad = sum(1 for ch in chars if any(lo <= ord(ch) <= hi for lo, hi in _MOJIBAKE_RANGES))
    return bad / len(chars) if chars else 0.0


def _chinese_share(text: str) -> float:
    """For a guess that may be either script (UTF-16 without a BOM): the better of the two shares;
    0 for text with a NUL or with too few Chinese characters to tell."""
    if "\x00" in text or len(_non_ascii(text)) < 4:
        return 0.0
    return max(_simplified_share(text), _traditional_share(text))


def _garbled(text: str) -> bool:
    """Full of control, private-use, unassigned or replacement characters (binary or garbage)."""
    sample = text[:200_000]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Co", "Cn")
                                                     and ch not in "\t\n\r\f\v"))
    return bool(sample) and bad / len(sample) > 0.02


def _plausible(text: str, encoding: str, path: str) -> str:
    if _garbled(text):
        raise DocumentError(path, f"文本疑似乱码或二进制文件 the text looks garbled or binary as {encoding}")
    return text


def looks_like_utf16(data: bytes) -> bool:
    """BOM-less UTF-16 Chinese text (its bytes hold NULs that are not binary garbage)."""
    if len(data) % 2:
        return False
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _chinese_share(text) >= ACCEPT_SHARE and not _garbled(text):
            return True
    return False
