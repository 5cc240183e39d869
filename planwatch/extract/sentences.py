"""Sentence and clause segmentation of plan text, with hard length caps.

Chinese plan prose packs several figures into one sentence ("…达到1550亿元，年均增长18%；…"). The
quantitative extractor reasons at three levels: the paragraph (a leading 到2010年 / 2005年 carries
over), the sentence (ends at 。；！？ or a line break: the unit inside which growth rates are
distributed and subjects carried), and the clause (ends at ，：, the unit an indicator is named in).
Every span is a pair of offsets into the text; a 5 MB line is cut into sentences of at most
``MAX_SENTENCE`` characters so no later step ever looks at more than that.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_SENTENCE = 600
"""Longest sentence analysed as one unit; longer runs are cut at a clause break (or hard)."""

SENTENCE_END = "。；！？;!?\n"
CLAUSE_END = SENTENCE_END + "，,：:"

_SENTENCE_RE = re.compile(r"[^。；！？;!?\n]+[。；！？;!?]?")


def iter_sentences(norm: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of the sentences in ``norm[start:end]`` (end excludes the final mark).

    Leading/trailing blanks are trimmed; sentences longer than ``MAX_SENTENCE`` are split.
    """
    stop = len(norm) if end is None else end
    for m in _SENTENCE_RE.finditer(norm, start, stop):
        s, e = m.start(), m.end()
        while e > s and norm[e - 1] in SENTENCE_END:
            e -= 1
        while s < e and norm[s].isspace():
            s += 1
        while e > s and norm[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        if e - s <= MAX_SENTENCE:
            yield s, e
            continue
        yield from _split_long(norm, s, e)


def _split_long(norm: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    """Cut an over-long sentence at the last clause break before the cap (or hard at the cap)."""
    while e - s > MAX_SENTENCE:
        limit = s + MAX_SENTENCE
        cut = -1
        for mark in "，,：: ":
            cut = max(cut, norm.rfind(mark, s + MAX_SENTENCE // 2, limit))
        cut = cut + 1 if cut > s else limit
        yield s, cut
        s = cut
    if s < e:
        yield s, e


def clause_bounds(norm: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause of ``norm[lo:hi]`` that contains offset ``pos`` (bounded by ，：；。 etc.)."""
    s = pos
    floor = max(lo, pos - MAX_SENTENCE)
    while s > floor and not _is_break(norm, s - 1, lo, hi):
        s -= 1
    e = pos
    ceil = min(hi, pos + MAX_SENTENCE)
    while e < ceil and not _is_break(norm, e, lo, hi):
        e += 1
    return s, e


def _is_break(norm: str, i: int, lo: int, hi: int) -> bool:
    """Is ``norm[i]`` a clause break? An ASCII comma between digits (5,000) is not; a list dash
    "——" and a run of blanks (items laid out on one line) are."""
    ch = norm[i]
    if ch in "— \u3000":
        return (i + 1 < hi and norm[i + 1] == ch) or (i > lo and norm[i - 1] == ch)
    if ch not in CLAUSE_END:
        return False
    # 5,000 (a thousands separator) and 20:45:35 (the parts of a ratio) are no clause breaks.
    return not (ch in ",:" and lo < i < hi - 1 and norm[i - 1].isdigit() and norm[i + 1].isdigit())
