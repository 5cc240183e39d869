"""Text that arrives broken: hard-wrapped lines and copying-site marks, mended before parsing.

PDF text and some web copies break every line at a fixed width, in the middle of a word, a number
or a unit (1.01\\n亿美元); some copying sites glue a short mark to line ends (…回顾2Iu). The
extractor runs on a mended copy (wrapped lines joined, marks dropped) and every offset it finds is
mapped back through ``offsets`` to the original text, so quotes stay exact cuts of the document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

__all__ = ["Mended", "mend_text"]

# A mark glued to a line end after Chinese text: a few ASCII letters/digits with a letter in it.
_MARK_RE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef:;,.()%]([A-Za-z0-9]{2,6})[ \t]*$", re.M)
_MIN_MARK_LINES = 3
# A line that starts something new: a heading number, a bullet, a dash lead, a box, a chapter.
_NEW_LINE_RE = re.compile(
    r"\s*(?:[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十百\d]+[章节编条部分]"
    r"|专栏|——|--|[▲△■□●○◆◇•·★☆►▶➢]|#)"
)
# Pinyin a copying site put after characters: 經(jīng)濟(jì) -> 經濟 (tone marks make it unmistakable).
_PINYIN_RE = re.compile(
    r"[(（](?<=[\u4e00-\u9fff][(（])[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]"
)
_SENTENCE_END = "。！？!?；;：:”」』》)）|"  # a "|" ends a table cell or row, never a wrapped line
_WRAPPED_SHARE = 0.4
"""Share of long lines that must end mid-sentence for the text to count as hard-wrapped."""


@dataclass(frozen=True)
class Mended:
    """The mended text and, for each of its characters, the offset in the original (one more
    entry at the end: the original length)."""

    text: str
    offsets: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the mended span [start, end)."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1


def _marks(text: str) -> set[str]:
    counts = Counter(m.group(1) for m in _MARK_RE.finditer(text))
    return {tok for tok, n in counts.items() if n >= _MIN_MARK_LINES and re.search(r"[A-Za-z]", tok)}


def _wrap_width(lines: list[str]) -> int | None:
    """The width lines were broken at, when most long lines end mid-sentence; else None."""
    long_lines = [ln.rstrip() for ln in lines if len(ln.strip()) >= 15]
    if len(long_lines) < 5:
        return None
    open_ended = [ln for ln in long_lines if ln[-1] not in _SENTENCE_END]
    if len(open_ended) < _WRAPPED_SHARE * len(long_lines):
        return None
    widths = sorted(len(ln) for ln in open_ended)
    return widths[len(widths) // 2]


def mend_text(text: str) -> Mended | None:
    """The mended copy of ``text``, or None when there is nothing to mend."""
    marks = _marks(text)
    lines = text.split("\n")
    width = _wrap_width(lines)
    pinyin = list(_PINYIN_RE.finditer(text))
    if not marks and width is None and not pinyin:
        return None
    drop = [False] * len(text)
    for m in pinyin:
        for i in range(m.start(), m.end()):
            drop[i] = True
    if marks:
        # Once known, a mark is dropped wherever it stands alone (also inside a line: "报告2Iu 松溪").
        rx = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(map(re.escape, sorted(marks))) + r")(?![A-Za-z0-9])")
        for m in rx.finditer(text):
            for i in range(m.start(1), m.end(1)):
                drop[i] = True
    if width is not None:
        pos = 0
        for k, line in enumerate(lines[:-1]):
            end = pos + len(line)  # the "\n" after this line
            body = line.rstrip()
            nxt = lines[k + 1]
            if (
                len(body) >= 0.8 * width
                and not body.lstrip().startswith("#")
                and body[-1] not in _SENTENCE_END
                and nxt.strip()
                and not _NEW_LINE_RE.match(nxt)
            ):
                for i in range(pos + len(body), end + 1):
                    drop[i] = True  # trailing spaces and the line break
                j = end + 1
                while j < len(text) and text[j] in " \t\u3000":
                    drop[j] = True
                    j += 1
            pos = end + 1
    offsets = [i for i in range(len(text)) if not drop[i]]
    if len(offsets) == len(text):
        return None
    mended = "".join(text[i] for i in offsets)
    offsets.append(len(text))
    return Mended(mended, offsets)
