"""The document's genre, found from its title: it sets how an unmarked figure is read.

A five-year plan states goals; a work report or annual plan states last year's results and this
year's goals; an execution report (计划执行情况) and a statistical bulletin (统计公报) state results;
a mid-term evaluation (中期评估) states both; a gazetteer (地方志) page records what happened and what
was planned. Copies from the web put source, date and byline lines above the title, so the title is
the first of the opening lines that names a genre, not simply the first line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.extract.fold import fold_traditional
from planwatch.textnorm import normalize_for_parsing

__all__ = ["GENRES", "Genre", "find_genre", "genre_of_title"]

GENRES = ("plan", "annual", "execution_report", "midterm", "bulletin", "gazetteer")
"""plan: 规划/纲要/方案; annual: 政府工作报告, 年度计划, 工作要点; execution_report: 计划执行情况的报告;
midterm: 中期评估; bulletin: 统计公报; gazetteer: 地方志/年鉴."""

# Most specific first: "…计划执行情况及2022年计划草案的报告" is an execution report, not a plan.
_GENRE_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bulletin", re.compile(r"统计公报|统计公告")),
    ("midterm", re.compile(
        r"中期|期中|实施情况评估|评估报告|时间过半|(?:规划|纲要)[^，。,]{0,16}(?:实施|执行)(?:情况|进展|两年|三年)"
    )),
    ("execution_report", re.compile(r"执行情况")),
    ("gazetteer", re.compile(r"[县市区省镇乡]志|年鉴|志稿")),
    ("annual", re.compile(r"工作报告|政府工作|工作要点|重点工作|工作任务|年度计划|(?:19|20)\d{2}\s*年[^至到—\-~]{0,30}(?:计划|安排)")),
    ("plan", re.compile(r"规划|纲要|计划|方案|意见|构想")),
)
# Lines a web copy puts around the title: source, date, byline, navigation.
_NOISE_LINE_RE = re.compile(
    r"^(?:#|source|来源|时间|日期|发布|更新|作者|编辑|责任编辑|浏览|点击|字体|打印|关闭|热门搜索|今天是|文章正文|p\.\s*\d)"
    r"|^[\d\s年月日:：\-—/.]+$|(?:县长|市长|省长|区长|主任)\s*[:：]?\s*\S{2,4}$|放大字体|收藏"
    r"|^——|^[(（][^)）]{0,8}[)）]\s*$"
    # A heading of the body (第一章…, 一、…), not the title.
    r"|^第[一二三四五六七八九十百\d]+[章节编部篇]|^[一二三四五六七八九十]+[、.．]|^[(（][一二三四五六七八九十\d]+[)）]",
    re.IGNORECASE,
)
_SPACES_RE = re.compile(r" +")  # after normalize_for_parsing: tabs and wide spaces are " "
_OPENING_LINES = 15
_SENTENCE_ENDS = ("。", "；", ";", "，")
_TITLE_MAX = 80
_LONG_LINE_HEAD = 40  # a line longer than a title is read for its opening title
_QUOTED_TITLE_RE = re.compile(r"《([^》\n]{4,80})》")
_QUOTED_TITLE_SPAN = 1500
_REPORTED_GENRES = frozenset(["midterm", "execution_report", "bulletin"])


@dataclass(frozen=True)
class Genre:
    """The genre and the line it was read from (the document's title, when one was found)."""

    kind: str
    title: str | None


def genre_of_title(title: str) -> str | None:
    """The genre a title names, or None (a title spaced out for layout, 政 府 工 作 报 告, too)."""
    fold = _SPACES_RE.sub("", fold_traditional(normalize_for_parsing(title)))
    for kind, rx in _GENRE_RES:
        if rx.search(fold):
            return kind
    return None


def find_genre(text: str) -> Genre:
    """The genre from the first opening line that names one (skipping source/date/byline lines);
    a speech to a congress (各位代表) without such a line is a work report; else a plan."""
    seen = 0
    for raw in text.split("\n", 60)[:60]:
        line = raw.strip().lstrip("#").strip().strip("*").strip()
        if not line:
            continue
        seen += 1
        if seen > _OPENING_LINES:
            break
        if _NOISE_LINE_RE.search(line):
            continue
        if len(line) > _TITLE_MAX:
            # A copy that runs title, byline and text into one line: the title is its opening.
            kind = genre_of_title(line[:_LONG_LINE_HEAD])
            if kind in _REPORTED_GENRES:
                return Genre(kind, line[:_LONG_LINE_HEAD])
            continue
        if line.endswith(_SENTENCE_ENDS):
            continue  # a sentence of the body (1976年执行省计划。) is no title
        kind = genre_of_title(line)
        if kind is not None:
            return Genre(kind, line)
    head = fold_traditional(normalize_for_parsing(text[:3000]))
    if "各位代表" in head:
        return Genre("annual", None)
    # A news copy without a genre line: the document it reports on, named in 《…》 in its opening
    # (…《省政府关于“十二五”规划〈纲要〉实施中期评估的报告》提请…), is a result genre it shares.
    for m in _QUOTED_TITLE_RE.finditer(head, 0, _QUOTED_TITLE_SPAN):
        kind = genre_of_title(m.group(1))
        if kind in _REPORTED_GENRES:
            return Genre(kind, None)
    return Genre("plan", None)

