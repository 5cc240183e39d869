"""Tasks (任务/举措): the measures a plan assigns.

Plans state their measures in a recognisable way: inside a section whose heading names the
work (主要任务, 发展重点, 保障措施, 主要工作 …) every numbered item, ——dash item and bold lead
phrase is a measure; paragraphs under them open with a short lead sentence ("加快国有企业建立
现代企业制度。") or an ordinal "一是/二是…" clause. Background sections (回顾, 基础, 形势, 问题 …)
describe the past and hold none. The rules below key on these conventions, never on particular
plans, so they carry over to plans outside the examples.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from planwatch.extract.fold import fold_traditional
from planwatch.extract.model import Task
from planwatch.extract.tables import Cell, Table, find_tables, split_table_line
from planwatch.outline import DocumentLike, Outline, Section, normalized_text, paragraph_spans
from planwatch.textnorm import normalize_for_parsing

__all__ = ["extract_tasks", "find_deadline_year", "find_responsible", "is_task_root", "opens_with_measure_verb"]

# Heading words that announce a list of measures, when the heading ends with them.
_ROOT_CUE = re.compile(r"(任务|重点|措施|举措|工作|保障|行动|工程|对策|路径|抓手|安排)$")
# Heading words of background/review/principle sections: never a source of tasks.
_BACKGROUND_WORDS = (
    r"回顾|基础|现状|成就|形势|问题|成效|进展|机遇|挑战|原则|目标|指导思想|总体要求|思路|定位|背景|意义|情况|特点|"
    r"历程|环境|条件|构想|预期|取向"
)
_BACKGROUND = re.compile(_BACKGROUND_WORDS)
# "主要预期目标和重点工作", "发展目标与主要任务": a heading joining a background word to a list of
# measures; what follows the last conjunction names the section's own content.
_JOINED_PARTS = re.compile(r"[和与及、]")
# A background heading names its subject last: 发展基础, “十五”发展回顾, 面临的机遇, 基本原则.
_BACKGROUND_END = re.compile(rf"(?:{_BACKGROUND_WORDS})$")
# …and these subjects are never the object of a measure, even after a verb (推进原则, 指导思想).
_BACKGROUND_HARD_END = re.compile(
    r"(?:回顾|现状|成就|形势|问题|成效|进展|机遇|挑战|原则|指导思想|总体要求|思路|定位|背景|意义|情况|特点|历程|构想|预期|取向)$"
)
# Imperative verbs that open a measure (a heading starting with one is a measure, not a list title).
_VERB = re.compile(
    r"^(?:进一步|大力|积极|全面|着力|加快|推进|深化|完善|健全|加强|实施|建立|推动|支持|培育|促进|提高|"
    r"扩大|优化|强化|创新|构建|发展|坚持|提升|打造|做强|做大|壮大|引导|鼓励|落实|开展|抓好|拓宽|拓展|"
    r"营造|规范|深入|努力|切实|有序|稳步|探索|引进|保护|改善|转变|统一|造就|创造|发挥|增强|实现|确保|"
    r"力争|争取|形成|组织|明确|严格|构筑|加大|加速|整合|扶持|推行|设立|编制|制定|开拓|打响|突出|持续|抓住|聚焦|聚力|紧盯|全力|奋力|千方百计)"
)
_ITEM_KINDS = frozenset({"cn_num", "paren_cn", "arabic", "paren_arabic", "circled", "dash", "bold_lead", "markdown"})
_STRUCTURAL_KINDS = frozenset({"part", "chapter", "section"})
_ORDINAL_CLAUSE = re.compile(r"([一二三四五六七八九十]{1,2})是[，,：:]?|第[一二三四五六七八九十]{1,2}[，,]")
_CONNECTIVE = re.compile(r"(?:其中|同时|此外|另外|目前|近年来|为此|因此|总之|但是|然而|这|该|我市|我省|我区|我国|全市|全省|全区)")
_MAX_LEAD_SENTENCE = 25
_MAX_CLAUSE = 100
_PUNCT = "。，、；：,.;:！？!? \t\u3000*"

# --------------------------------------------------------------------------- deadlines

_YEAR_BEFORE = re.compile(r"(?:到|至|于|在|力争|确保|争取|计划|预计|截至|截止)\s*(\d{4})\s*年")
_YEAR_AFTER = re.compile(r"(\d{4})\s*年\s*(?:底|末|年底|年末)?\s*(?:前|以前|之前)")
_PERIOD_END = re.compile(r"规划期(?:内|末|末期)|本规划期|[“\"]?十[一二三四五六七八九]五[”\"]?(?:期)?末")


def find_deadline_year(text: str, period: tuple[int, int] | None = None) -> int | None:
    """The first year a measure is tied to: "到2020年" "力争2018年底前" "2015年前"; "规划期末" or
    "十一五末" give the plan period's last year when the period is known."""
    return _deadline(normalize_for_parsing(text), period)


def _deadline(norm: str, period: tuple[int, int] | None) -> int | None:
    best: tuple[int, int] | None = None
    for rx in (_YEAR_BEFORE, _YEAR_AFTER):
        for m in rx.finditer(norm):
            year = int(m.group(1))
            if not 1990 <= year <= 2100 or (period is not None and year < period[0]):
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), year)
            break
    if period is not None:
        pm = _PERIOD_END.search(norm)
        if pm and (best is None or pm.start() < best[0]):
            best = (pm.start(), period[1])
    return best[1] if best else None


# --------------------------------------------------------------------------- responsible units

_HAN = "\u4e00-\u9fff"
# A character of a unit's own name (function words never start or sit inside one).
_WORD = r"[^\W\d_的各和与及等在对由把将要为是了、，。；：]"
_UNIT = (
    r"(?:(?:市|区|县|省|州|旗)(?:委|政府|人大|政协)"
    rf"|(?:市|区|县|省|州)[{_HAN}]{{1,8}}?(?:委员会|委|局|办公室|办|厅)"
    r"|各区[、，]?县[（(]市[)）]|各区县(?:[（(]市[)）])?|各(?:有关|相关)?部门|有关部门|相关部门"
    rf"|各(?:街道|乡镇|社区)(?:和(?:社区|街道|乡镇))?|郊县|{_WORD}{{2,4}}部门|{_WORD}{{2,12}}领导小组)"
)
# A unit is responsible when it is the subject of an action ("各区、县（市）要…", "由市发改委牵头").
_UNIT_AS_SUBJECT = re.compile(
    rf"({_UNIT})(?:[、和及与]({_UNIT}))*(?=要|负责|牵头|根据|应当|应|结合|组织|制定|抓好|做好|按照|会同|配合|"
    r"统筹|共同|分别|具体|切实|认真|必须|须)"
)
_UNIT_AFTER_BY = re.compile(rf"由({_UNIT})(?:[、和及与]({_UNIT}))*(?:负责|牵头|组织|会同)")
# A body the measure itself sets up is responsible for it ("成立由…参加的经济体制改革领导小组").
_UNIT_ESTABLISHED = re.compile(
    rf"(?:成立|设立|组建|建立)(?:由[^。；;]{{0,60}}?(?:参加|组成)的)?({_WORD}{{2,16}}?(?:领导小组|委员会|工作小组))"
)
# The role of a unit in a division of tasks (牵头单位, 责任部门, 配合单位 …).
_UNIT_ROLE = r"牵头|责任|配合|负责"
_UNIT_LABEL = re.compile(rf"(?:{_UNIT_ROLE})(?:单位|部门)[:：]\s*([^。\n；;]+)")
_OPENERS = "(（[【"
_CLOSERS = ")）]】"
# What a list of units appends to a unit: "市人社局、市发改委分别牵头", "市商务局等".
_UNIT_TAIL = re.compile(r"(?:分别牵头|牵头|负责|配合|等)$")
# A division of tasks written as prose: each item closes with its units in brackets
# ("(市经信委牵头落实)", "（市发展改革委牵头，各县区政府负责）"); the bracket may be cut by the page end.
_BRACKET_ASSIGNMENT = re.compile(
    r"[(（][^()（）。\n]{2,120}?(?:牵头|负责|落实|配合)[^()（）。\n]{0,30}(?:[)）]|$)", re.M
)
# The field lines of a task table rendered as lines ("责任单位:市发改委", "完成时限:2023年底"): they
# describe the item above them, they are never measures of their own.
_FIELD_LABEL = re.compile(
    rf"\s*[【\[（(]?\s*(?:(?:{_UNIT_ROLE}|协办|主办|参与)(?:单位|部门)|(?:完成|办结)?时限|完成时间)"
)


def _label_units(value: str, opened: bool) -> list[str]:
    """The units of a 牵头单位:/责任单位: value: split on 、，, at bracket depth 0 (各县(市、区)政府 is one
    unit), without remarks in brackets that hold a comma ("(除标注…外,下同)"), ending where the bracket
    that opened the field closes ("[责任单位:市发改委]")."""
    units: list[str] = []
    cur: list[str] = []
    depth = 0
    group_start = -1
    for ch in value:
        if ch in _OPENERS:
            depth += 1
            if depth == 1:
                group_start = len(cur)
        elif ch in _CLOSERS:
            if depth == 0:
                if opened:
                    break
                continue
            depth -= 1
            if depth == 0:
                group = "".join(cur[group_start:])
                if "，" in group or "," in group:
                    del cur[group_start:]
                    continue
        elif depth == 0 and ch in "、，,；;/ \t":
            units.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    units.append("".join(cur))
    out = []
    for u in units:
        u = _UNIT_TAIL.sub("", u.strip(_PUNCT))
        if u:
            out.append(u)
    return out


# Where a unit named as a subject can end: its last character right before the action word.
_SUBJECT_END = re.compile(
    r"[委府大协会局室办厅)）县门道镇区组市]"
    r"(?=要|负责|牵头|根据|应当|应|结合|组织|制定|抓好|做好|按照|会同|配合|统筹|共同|分别|具体|切实|认真|必须|须)"
)
_SUBJECT_REACH = 120  # longer than any list of units the subject pattern can match


def _subject_matches(fold: str) -> list[re.Match[str]]:
    """``_UNIT_AS_SUBJECT.finditer(fold)``, run only on the windows that end where a subject can end
    (the pattern tries every position of the text otherwise, which made it the costliest step)."""
    ends = [m.end() for m in _SUBJECT_END.finditer(fold)]
    if not ends:
        return []
    windows: list[list[int]] = []
    for e in ends:
        lo, hi = max(0, e - _SUBJECT_REACH), min(len(fold), e + 3)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    out: list[re.Match[str]] = []
    for lo, hi in windows:
        out.extend(m for m in _UNIT_AS_SUBJECT.finditer(fold, lo, hi) if not out or m.start() >= out[-1].end())
    return out


def find_responsible(text: str, fold: str | None = None) -> list[str]:
    """Units the text makes responsible: explicit 牵头单位/责任单位 lists, and unit names
    (市发改委, 各区县, 发改部门 …) standing as the subject of an action or after 由…负责.

    ``fold`` may pass the folded copy of ``text`` when the caller has it (same length)."""
    # Matched on the folded copy (same length), cut from the text: 牽頭單位 is found, 縣農業農村局 kept.
    if fold is None:
        fold = fold_traditional(normalize_for_parsing(text))
    found: list[str] = []
    for m in _UNIT_LABEL.finditer(fold):
        before = fold[max(0, m.start() - 2) : m.start()].strip()
        found.extend(_label_units(text[m.start(1) : m.end(1)], bool(before) and before[-1] in _OPENERS))
    for rx in (_UNIT_ESTABLISHED, _UNIT_AS_SUBJECT, _UNIT_AFTER_BY):
        for m in _subject_matches(fold) if rx is _UNIT_AS_SUBJECT else rx.finditer(fold):
            found.extend(text[m.start(g) : m.end(g)] for g in range(1, len(m.groups()) + 1) if m.group(g))
    out: list[str] = []
    for unit in found:
        unit = unit.strip(_PUNCT)
        if unit and unit not in out:
            out.append(unit)
    return out


# --------------------------------------------------------------------------- task sections


def is_task_root(sec: Section) -> bool:
    """A heading that announces a list of measures: it ends with a cue word (任务 重点 措施 工作 保障 …),
    is a short noun phrase rather than a measure itself, and is not a background section."""
    title = _fold(sec.title.strip())
    return (
        bool(title)
        and len(title) <= 16
        and _ROOT_CUE.search(title) is not None
        and "，" not in title
        and "," not in title
        and not _starts_with_measure_verb(title)
        and _BACKGROUND.search(_JOINED_PARTS.split(title)[-1]) is None
    )


def _fold(s: str) -> str:
    """Half-width, simplified spelling of a heading, for matching only (same length)."""
    return fold_traditional(normalize_for_parsing(s))


def opens_with_measure_verb(title: str) -> bool:
    """A heading that opens with an imperative verb (加快…, 推动…, 深入打好…) names a measure."""
    # "发展" opens noun phrases as often as measures (发展重点, 发展目标): not evidence of a measure.
    m = _VERB.match(_fold(title))
    return m is not None and m.group(0) != "发展"


_starts_with_measure_verb = opens_with_measure_verb


def _is_background(sec: Section) -> bool:
    """A heading naming the past, the situation or the principles (not a measure that happens to
    mention 目标 or 基础: those open with an imperative verb)."""
    title = _fold(sec.title)
    return (
        sec.kind != "title"
        and not is_task_root(sec)
        and (
            _BACKGROUND_HARD_END.search(title) is not None
            or (_BACKGROUND_END.search(title) is not None and not _starts_with_measure_verb(title))
        )
    )


def _is_measure_heading(sec: Section, share_cache: dict[tuple[int, str], bool] | None = None) -> bool:
    """A numbered/dash/bold heading that is itself a measure: it opens with an imperative verb, as do
    most of its same-style siblings (a list of measures, as in work reports without a 任务 heading)."""
    if sec.kind not in _ITEM_KINDS or sec.kind == "markdown" or not _starts_with_measure_verb(sec.title):
        return False
    if sec.parent is None:
        return True
    key = (id(sec.parent), sec.kind)
    cached = share_cache.get(key) if share_cache is not None else None
    if cached is None:
        siblings = [s for s in sec.parent.children if s.kind == sec.kind]
        cached = sum(1 for s in siblings if _VERB.match(_fold(s.title))) * 2 >= len(siblings)
        if share_cache is not None:
            share_cache[key] = cached
    return cached


# A line of its own that announces the measures below it: "重点工作任务:", "主要任务如下：".
_LABEL_ROOT = re.compile(
    r"\s*[^。，,；;:：\n]{0,16}?(?:任务|重点工作|工作重点|措施|举措|工作安排)(?:如下|是)?\s*[:：]\s*"
)


def _after_label(labels: Sequence[int], sec: Section, roots: Sequence[Section]) -> bool:
    """Whether a label line announcing measures stands between the item's parent heading (or the
    document start) and the item, with no other heading of the item's kind before it."""
    lo = sec.parent.heading_end if sec.parent is not None else 0
    i = bisect.bisect_left(labels, sec.start) - 1
    if i < 0 or labels[i] < lo:
        return False
    siblings = sec.parent.children if sec.parent is not None else roots
    return not any(s.kind != sec.kind and labels[i] < s.start < sec.start for s in siblings)


def _own_end(sec: Section) -> int:
    """Where the section's own text ends: at its first sub-heading (boxes are content, not text)."""
    for child in sec.children:
        if child.kind != "box":
            return child.start
    return sec.end


def _quote_span(text: str, sec: Section) -> tuple[int, int]:
    """The heading as written, without markdown/bold markup."""
    s, e = sec.start, sec.heading_end
    while s < e and text[s] in "#* \t\u3000":
        s += 1
    while e > s and text[e - 1] in "*# \t\u3000\r\n":
        e -= 1
    return s, e


def _lead_sentence(norm: str, s: int, e: int) -> int | None:
    """End offset (after the punctuation) of a short lead sentence opening the paragraph at s."""
    limit = min(e, s + _MAX_LEAD_SENTENCE + 1)
    for i in range(s, limit):
        ch = norm[i]
        if ch in "。:":
            if i - s < 2:
                return None
            return i + 1
        if ch in ",，" and opens_with_measure_verb(norm[s:i]):
            return _paired_lead_sentence(norm, s, e)
        if ch in ",;，；!?()\"“”《》" or ch.isdigit():
            return None
    return None


# "加快构建现代化产业体系，推动制造业高端化。": a lead sentence of two verb phrases joined by a comma.
_MAX_PAIRED_LEAD = 36


def _paired_lead_sentence(norm: str, s: int, e: int) -> int | None:
    """End of a short lead sentence of two comma-joined phrases, each opening with a measure verb,
    without a figure (a continuation line after a page break rarely opens two such phrases)."""
    limit = min(e, s + _MAX_PAIRED_LEAD + 1)
    commas = 0
    for i in range(s, limit):
        ch = norm[i]
        if ch == "。":
            return i + 1 if commas == 1 else None
        if ch in ",，":
            commas += 1
            if commas > 1 or not opens_with_measure_verb(norm[i + 1 : i + 12]):
                return None
        elif ch in ";；:!?()\"《》" or ch.isdigit():
            return None
    return None


def _clause_end(norm: str, s: int, e: int) -> int | None:
    for i in range(s, min(e, s + _MAX_CLAUSE)):
        if norm[i] in "。;；!?":
            return i + 1
    return None


def extract_tasks(doc: DocumentLike, outline: Outline, period: tuple[int, int] | None = None,
                  tables: Sequence[Table] | None = None) -> list[Task]:
    """All tasks of a document in reading order (``doc`` is a ``planwatch.documents.Document``;
    ``tables``: its ``find_tables``, when the caller already has them)."""
    text = doc.text
    # Matching runs on a folded copy (half-width, simplified: 重點任務 -> 重点任务); same length, so
    # every offset found in it cuts the original text.
    norm = fold_traditional(normalized_text(doc))
    paragraphs = paragraph_spans(doc)
    starts = [p[0] for p in paragraphs]
    toc = outline.toc_span
    boxes = sorted((b.start, b.end) for b in outline.walk() if b.kind == "box")
    tasks: list[Task] = []
    task_title: dict[int, str] = {}

    def parent_title(sec: Section | None) -> str | None:
        while sec is not None:
            if id(sec) in task_title:
                return task_title[id(sec)]
            sec = sec.parent
        return None

    labels = [ps for ps, pe in paragraphs if _LABEL_ROOT.fullmatch(norm, ps, pe)]
    in_context: dict[int, tuple[bool, bool]] = {}  # id -> (under background, under a task root)
    share_cache: dict[tuple[int, str], bool] = {}
    for sec in outline.walk():
        up = in_context.get(id(sec.parent), (False, False)) if sec.parent is not None else (False, False)
        opens_measures = (
            is_task_root(sec)
            or _is_measure_heading(sec, share_cache)
            # 第X章/节 named by a measure ("第五章 坚持创新驱动发展"): its contents are measures.
            or (sec.kind in _STRUCTURAL_KINDS and _starts_with_measure_verb(sec.title))
            # an item after a label line announcing the measures ("重点工作任务:", "主要措施如下：")
            or (sec.kind in _ITEM_KINDS and _after_label(labels, sec, outline.roots))
        )
        flags = (up[0] or _is_background(sec), up[1] or opens_measures)
        in_context[id(sec)] = flags
        own_end = _own_end(sec)
        # A task table rendered as lines: an item followed by 牵头单位:/责任单位: is assigned, whatever
        # section it sits in (一、主要预期目标 / 1.地区生产总值增长6%左右 / 牵头单位:区发改局).
        assigned = sec.kind in _ITEM_KINDS and (
            _UNIT_LABEL.search(norm, sec.heading_end, own_end) is not None
            or _BRACKET_ASSIGNMENT.search(norm, sec.start, own_end) is not None
        )
        if (flags[0] or not flags[1]) and not assigned:
            if not flags[0]:
                tasks.extend(_announced_clauses(text, norm, sec.heading_end, own_end, sec.short_path, period))
            continue
        if sec.kind in _ITEM_KINDS and not is_task_root(sec):
            qs, qe = _quote_span(text, sec)
            # A measure with 一是/二是 sub-items: its own deadline and units come before them.
            first_clause = _CLAUSE_START.search(norm, sec.heading_end, own_end)
            body_end = first_clause.start(1) if first_clause else own_end
            body = text[sec.start : body_end]
            tasks.append(
                Task(
                    title=_item_title(sec.title), quote=text[qs:qe], start=qs, end=qe, section=_section_label(sec.parent),
                    parent=parent_title(sec.parent),
                    deadline_year=_deadline(norm[sec.start : body_end], period), responsible=find_responsible(body, norm[sec.start : body_end]), evidence="task|item",
                )
            )
            task_title[id(sec)] = sec.title
        owner = task_title.get(id(sec))
        if flags[0] or not flags[1]:
            continue  # assigned only: its lines are the units, not further measures
        tasks.extend(_paragraph_tasks(text, norm, sec, own_end, paragraphs, starts, owner, period, toc, boxes))
    tasks.extend(_leading_text_tasks(text, norm, outline, paragraphs, starts, period))
    table_tasks = _table_tasks(text, norm, doc, outline, period, tables)
    if table_tasks:
        taken = [(t.start, t.end) for t in table_tasks]
        tasks = [t for t in tasks if not any(s <= t.start < e for s, e in taken)] + table_tasks
    tasks.sort(key=lambda t: t.start)
    return tasks


# --------------------------------------------------------------------------- task tables

# A task-division table (任务分工表) names its columns: the measure (重点任务 / 工作内容 / 具体举措 …),
# the units (牵头单位 / 责任单位 / 配合部门 …) and the time limit (完成时限 / 时间节点).
_TASK_COLUMN = re.compile(r"任务|工作|内容|举措|措施|事项")
_UNIT_COLUMN = re.compile(rf"{_UNIT_ROLE}|承办|主办|协办")
_TIME_COLUMN = re.compile(r"时限|时间|节点|进度")
_NOT_TASK_COLUMN = re.compile(r"序号|编号|类别|领域|单位|部门|时限|时间|节点|进度|目标|备注")
_ROW_NUMBER = re.compile(r"^\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[、.．]?\s*")


@dataclass(frozen=True)
class _TablePara:
    """A paragraph as the table reader takes it (format-table cells carry their table position)."""

    start: int
    end: int
    table: tuple[int, int, int] | None


def _table_tasks(
    text: str, norm: str, doc: DocumentLike, outline: Outline, period: tuple[int, int] | None,
    tables: Sequence[Table] | None = None,
) -> list[Task]:
    """Rows of task-division tables: a header with a measure column and a unit or time-limit column;
    each row is a measure, its units those of the unit columns, its deadline that of its time cell."""
    out: list[Task] = []
    if tables is None:
        tables = find_tables(text, [_TablePara(p.start, p.end, getattr(p, "table", None)) for p in doc.paragraphs])
    for table in tables:
        out.extend(_task_rows(text, norm, table, outline, period))
    return out


def _header_above(text: str, table: Table) -> tuple[Cell, ...] | None:
    """The header line of a markdown table, which its rule line (| --- |) cuts off the rows: the
    line above the rule, when it has as many cells as the first row."""
    pos = table.span[0]
    lines: list[tuple[int, int]] = []
    end = text.rfind("\n", 0, pos)
    while end > 0 and len(lines) < 3:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            lines.append((start, end))
        end = start - 1
    if len(lines) < 2 or not re.fullmatch(r"[\s|:\-—]+", text[slice(*lines[0])]):
        return None
    cells = split_table_line(text, *lines[1])
    return cells if len(cells) == len(table.rows[0]) else None


def _task_rows(text: str, norm: str, table: Table, outline: Outline, period: tuple[int, int] | None) -> list[Task]:
    above = _header_above(text, table)
    rows = (above, *table.rows) if above is not None else table.rows
    header = [norm[c.start : c.end] for c in rows[0]]
    task_col = next(
        (i for i, h in enumerate(header) if _TASK_COLUMN.search(h) and not _NOT_TASK_COLUMN.search(h)), None
    )
    unit_cols = [i for i, h in enumerate(header) if _UNIT_COLUMN.search(h) and i != task_col]
    time_cols = [i for i, h in enumerate(header) if _TIME_COLUMN.search(h) and i != task_col]
    if task_col is None or not (unit_cols or time_cols):
        return []
    label = outline.path_at(table.span[0])
    out: list[Task] = []
    for row in rows[1:]:
        if len(row) != len(header):
            continue
        cell = row[task_col]
        s, e = cell.start, cell.end
        lead = _ROW_NUMBER.match(norm, s, e)
        if lead:
            s = lead.end()
        stop = next((i + 1 for i in range(s, e) if norm[i] in "。；;"), e)
        title = _item_title(text[s:stop].strip(_PUNCT))
        if len(title) < 4 or not re.search(rf"[{_HAN}]", title):
            continue
        units: list[str] = []
        for i in unit_cols:
            for u in _label_units(text[row[i].start : row[i].end], False):
                if u not in units and u not in ("/", "—", "-"):
                    units.append(u)
        deadline = None
        for i in time_cols:
            deadline = _deadline(norm[row[i].start : row[i].end], period) or _cell_year(norm[row[i].start : row[i].end])
            if deadline:
                break
        out.append(Task(title=title, quote=text[s:stop], start=s, end=stop, section=label, parent=None,
                        deadline_year=deadline or _deadline(norm[cell.start : cell.end], period),
                        responsible=units, evidence="task|table"))
    return out


_CELL_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _cell_year(cell: str) -> int | None:
    """The year of a time-limit cell ("2024年12月", "2025年6月底")."""
    m = _CELL_YEAR.search(cell)
    return int(m.group(1)) if m else None


def _leading_text_tasks(
    text: str, norm: str, outline: Outline, paragraphs: Sequence[tuple[int, int]], starts: Sequence[int],
    period: tuple[int, int] | None,
) -> list[Task]:
    """Text before the first heading (after the title and the TOC): an excerpt that begins inside a
    section. Its paragraph-opening sentences are measures only when they open with an imperative verb."""
    headings = [s for s in outline.roots if s.kind != "title"]
    lo = max(
        [s.heading_end for s in outline.roots if s.kind == "title"]
        + [outline.toc_span[1] if outline.toc_span else 0]
    )
    hi = headings[0].start if headings else len(text)
    if hi <= lo:
        return []
    lead_in = Section(title="", marker="", kind="title", level=0, start=lo, heading_end=lo, end=hi)
    found = _paragraph_tasks(text, norm, lead_in, hi, paragraphs, starts, None, period, None, [])
    announced = _announced_clauses(text, norm, lo, hi, "", period)
    taken = {t.start for t in announced}
    return announced + [t for t in found if t.start not in taken and _starts_with_measure_verb(t.title)]


def _section_label(sec: Section | None) -> str:
    return sec.short_path if sec is not None else ""


def _in_spans(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether pos falls in one of the sorted, non-overlapping spans."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _paragraph_tasks(
    text: str, norm: str, sec: Section, own_end: int, paragraphs: Sequence[tuple[int, int]],
    starts: Sequence[int], owner: str | None, period: tuple[int, int] | None,
    toc: tuple[int, int] | None, boxes: Sequence[tuple[int, int]],
) -> list[Task]:
    """Lead sentences opening the paragraphs of a section's own text, and 一是/二是 clauses."""
    label = sec.short_path
    out = [
        t for t in _ordinal_clauses(text, norm, sec.heading_end, own_end, label, owner, period)
        if not (toc and toc[0] <= t.start < toc[1]) and not _in_spans(t.start, boxes)
    ]
    i = max(0, bisect.bisect_right(starts, sec.start) - 1)
    units: list[tuple[int, int]] = []
    while i < len(paragraphs) and paragraphs[i][0] < own_end:
        ps, pe = paragraphs[i]
        i += 1
        if pe <= sec.heading_end or (toc and toc[0] <= ps < toc[1]) or _in_spans(ps, boxes):
            continue
        units.extend(_units(text, ps, min(pe, own_end)))
    for ps, pe in units:
        if ps < sec.heading_end or not _starts_paragraph(norm, ps, sec.heading_end):
            continue
        if _ORDINAL_CLAUSE.match(norm, ps) or _CONNECTIVE.match(norm, ps) or _FIELD_LABEL.match(norm, ps):
            continue
        end = _lead_sentence(norm, ps, pe)
        if end is None:
            continue
        title = text[ps:end].strip(_PUNCT)
        if not re.search(rf"[{_HAN}]", title) or _STATEMENT.search(title) or _LIST_ANNOUNCEMENT.search(title):
            continue
        out.append(Task(title=title, quote=text[ps:end], start=ps, end=end, section=label, parent=owner,
                        deadline_year=_deadline(norm[ps:pe], period),
                        responsible=find_responsible(text[ps:pe], norm[ps:pe]), evidence="task|lead"))
    return out


# A full stop followed by spacing inside a line: a paragraph break lost in conversion.
_RE_LOST_BREAK = re.compile(r"(?<=[。！？!?])[ \t\u00a0\u3000]+(?=\S)")
# A lead sentence that announces the list of measures ("重点做好八方面工作。", "着力抓好以下五个方面")
# counts them; it is not a measure of its own.
_LIST_ANNOUNCEMENT = re.compile(
    r"(?:(?:以下)?[一二三四五六七八九十几\d]{1,3}(?:个|件|项)?(?:方面|项|件事|大事|件实事)(?:重点)?(?:工作|任务|举措)?|以下(?:工作|任务|举措))$"
)
# Lead sentences that describe rather than assign (是/可以/已经 …) are not measures.
_STATEMENT = re.compile(r"是|可以|能够|已经|正在|成为")


def _units(text: str, ps: int, pe: int) -> list[tuple[int, int]]:
    """A paragraph split at lost paragraph breaks."""
    out: list[tuple[int, int]] = []
    pos = ps
    for m in _RE_LOST_BREAK.finditer(text, ps, pe):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, pe))
    return out


def _starts_paragraph(norm: str, ps: int, heading_end: int) -> bool:
    """True when the line at ``ps`` begins a paragraph, not a hard-wrapped continuation: the text
    before it ends a sentence, or is the section heading."""
    j = ps - 1
    while j >= 0 and norm[j].isspace():
        j -= 1
    return j < heading_end or norm[j] in "。！？!?；;：:*"


# "一是…", and "第一，…" (an ordinal word and a comma) at a sentence start.
_CLAUSE_START = re.compile(
    r"(?:(?<=^)|(?<=[。；;！？!?：:，,\n]))\s*((?:第)?[一二三四五六七八九十]{1,2})"
    r"(?:是[，,：:]?|(?<=第[一二三四五六七八九十])[，,]|(?<=第[一二三四五六七八九十]{2})[，,])",
    re.M,
)


_LEAD_PHRASE_MIN = 4
# A numbered item longer than this whose first sentence goes on to quantify the measure
# ("10.实施招商引资“百千”行动,每年招引亿元以上制造业项目100个,…") is titled by its lead clause.
_LONG_ITEM_TITLE = 16


# Quoted names ("“中字头、国字号、500强”") hold figures that quantify nothing.
_QUOTED = re.compile(r"“[^”]{0,30}”|\"[^\"]{0,30}\"")


def _item_title(title: str) -> str:
    """The title of a numbered item: its lead clause when the rest of a long first sentence only
    quantifies it (holds a figure); otherwise the heading as written."""
    if len(title) <= _LONG_ITEM_TITLE:
        return title
    norm = normalize_for_parsing(title)
    end = _lead_phrase_end(norm, 0, len(norm))
    if end == len(norm) or any(ch.isdigit() for ch in _QUOTED.sub("", norm[:end])):
        return title  # no figure after the lead clause, or the lead clause is itself a quantified goal
    return title[:end].strip(_PUNCT)


def _lead_phrase_end(norm: str, s: int, e: int) -> int:
    """"一是抓招商引资，力争全年签约项目40个": the measure is the phrase before the first comma when
    what follows only quantifies it (it holds a figure); otherwise the whole clause."""
    comma = next((i for i in range(s, e) if norm[i] in "，,"), None)
    if comma is None or comma - s < _LEAD_PHRASE_MIN:
        return e
    if any(ch.isdigit() for ch in norm[comma:e]):
        return comma
    return e


# A sentence announcing a list of measures ("…明确了今后五年的重点任务，落实中要着力把握四个方面："):
# the 一是/二是 clauses after it are measures even outside a section named for tasks.
_ANNOUNCE_CUE = re.compile(r"任务|措施|举措|重点工作")


def _announced_clauses(
    text: str, norm: str, s: int, e: int, label: str, period: tuple[int, int] | None
) -> list[Task]:
    """一是/二是… clauses whose series follows a sentence that ends in a colon and names the
    measures (任务/措施/举措/重点工作); elsewhere outside task sections such series list results
    ("主要表现在：一是…") and are not measures."""
    first = next((m for m in _CLAUSE_START.finditer(norm, s, e) if m.group(1).lstrip("第") == "一"), None)
    if first is None:
        return []
    j = first.start(1) - 1
    while j >= s and norm[j].isspace():
        j -= 1
    if j < s or norm[j] not in "：:":
        return []
    k = j - 1
    while k >= s and norm[k] not in "。！？!?；;\n":
        k -= 1
    if _ANNOUNCE_CUE.search(norm, k + 1, j) is None:
        return []
    return _ordinal_clauses(text, norm, first.start(1), e, label, None, period)


def _ordinal_clauses(
    text: str, norm: str, s: int, e: int, label: str, owner: str | None, period: tuple[int, int] | None
) -> list[Task]:
    """"一是…。二是…。" clauses at sentence starts; each runs to its first full stop."""
    out: list[Task] = []
    found = [m for m in _CLAUSE_START.finditer(norm, s, e)]
    if not found or not any(m.group(1).lstrip("第") == "一" for m in found):
        return out
    for k, m in enumerate(found):
        end = _clause_end(norm, m.end(), e)
        nxt = found[k + 1].start(1) if k + 1 < len(found) else None
        if nxt is not None and nxt - m.end() <= _MAX_CLAUSE and (end is None or nxt < end):
            end = nxt  # "一是A，二是B。": a clause ends where the next begins
        if end is None:
            continue
        end = _lead_phrase_end(norm, m.end(), end)
        title = text[m.end() : end].strip(_PUNCT)
        if not title:
            continue
        qs = m.start(1)
        body_end = found[k + 1].start(1) if k + 1 < len(found) else e
        newline = text.find("\n", end, body_end)
        body_end = newline if newline >= 0 else body_end
        out.append(Task(title=title, quote=text[qs:end], start=qs, end=end, section=label, parent=owner,
                        deadline_year=_deadline(norm[qs:body_end], period),
                        responsible=find_responsible(text[qs:body_end], norm[qs:body_end]),
                        evidence="task|clause"))
    return out
