"""Decode the bytes of a text file: BOMs, strict UTF-8, GB18030, then charset detection.

Chinese government files come as UTF-8, as GBK/GB2312 (decoded with their superset GB18030)
and sometimes as UTF-16 from Windows tools. Decoding is strict: a wrong guess must fail
loudly rather than produce mojibake that would silently spoil every later step.
"""

from __future__ import annotations

import codecs

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
    strict UTF-8; strict GB18030; charset-normalizer. Raises ``DocumentError`` otherwise.
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
    candidates: list[str] = []
    if declared:
        canon = canonical_encoding(declared)
        if canon:
            candidates.append(canon)
    candidates += ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    raise DocumentError(path, "无法识别文本编码 cannot decode text (tried UTF-8, GB18030)")
