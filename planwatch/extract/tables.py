"""Indicator tables (主要指标表): rows of indicator, base-year value, target value, growth, 属性.

Most five-year plans put their key targets in a table ("专栏1 “十四五”主要指标": 指标 | 2020年 |
2025年 | 年均增长 | 属性). Prose rules cannot read those rows, so tables are read here: from
.docx/.html table cells (Paragraph.table) and from text tables (columns separated by tabs, two or
more spaces, or markdown pipes). A header row names the column roles: a year before the plan
period (or 基期/现状) → base values (facts); a year in the period (or 目标/规划/预期) → targets;
年均增长/增速 → growth targets. The unit comes from a 单位 column or the name's brackets (亿元, %).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from planwatch.extract.fold import fold_traditional
from planwatch.extract.model import Fact, Target

_CELL_SPLIT_RE = re.compile(r"\t+|\s{2,}|\u3000+|\|")
_YEAR_RE = re.compile(r"(19|20)\d{2}")
_UNIT_IN_NAME_RE = re.compile(r"[（(]([^（）()]{1,12})[）)]\s*$")
_VALUE_RE = re.compile(r"(?P<cmp>[>≥<≤]|大于|小于|不低于|不高于|不超过)?\s*(?P<num>-?\d+(?:\.\d+)?)\s*(?P<pct>%)?")
_NAME_HEADER_RE = re.compile(r"指标|名称|项目|内容")
_SKIP_HEADER_RE = re.compile(r"序号|类别|领域|属性|性质|单位|备注|说明|编号")
_GROWTH_HEADER_RE = re.compile(r"年均|增长|增速|增幅")
_TARGET_HEADER_RE = re.compile(r"目标|规划|预期|预计|期末")
_BASE_HEADER_RE = re.compile(r"基期|基数|现状|基年|完成|实际")
_UNIT_HEADER_RE = re.compile(r"单位|计量")
_DONE_HEADER_RE = re.compile(r"完成|实际|实现值|现状|进度|进展")
_MAX_ROWS = 200
_MAX_COLS = 12


@dataclass(frozen=True)
class Cell:
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def span(self) -> tuple[int, int]:
        cells = [c for row in self.rows for c in row]
        return (min(c.start for c in cells), max(c.end for c in cells)) if cells else (0, 0)


class _Para(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def table(self) -> tuple[int, int, int] | None: ...


def find_tables(text: str, paragraphs: Sequence[_Para]) -> list[Table]:
    """Tables of the document: format tables (cells) and text tables (aligned columns). The plan
    extractor finds them once and passes them to the figures and the tasks."""
    tables: list[Table] = []
    grid: dict[int, dict[int, list[tuple[int, Cell]]]] = {}
    run: list[tuple[Cell, ...]] = []
    for p in paragraphs:
        if p.table is not None:
            t, r, c = p.table
            grid.setdefault(t, {}).setdefault(r, []).append((c, Cell(p.start, p.end)))
            continue
        cells = _split_line(text, p.start, p.end)
        if len(cells) >= 3 and len(run) < _MAX_ROWS:
            run.append(cells)
            continue
        if len(run) >= 2:
            tables.append(Table(tuple(run)))
        run = []
    if len(run) >= 2:
        tables.append(Table(tuple(run)))
    for rows in grid.values():
        ordered = [tuple(cell for _, cell in sorted(rows[r], key=lambda x: x[0])) for r in sorted(rows)]
        if len(ordered) >= 2:
            tables.append(Table(tuple(ordered[:_MAX_ROWS])))
    tables.extend(_piped_cell_tables(text, paragraphs))
    tables.extend(_header_led_cell_tables(text, paragraphs))
    return tables


# One cell per line, a lone "|" between rows (a web table flattened: "行业名称 |", "529757 |", "|").
_PIPED_CELL_RE = re.compile(r"[ \t]*([^|\n]{1,60}?)[ \t]*\|[ \t]*$")
_ROW_RULE_RE = re.compile(r"[ \t]*\|[ \t]*$")


def _piped_cell_tables(text: str, paragraphs: Sequence[_Para]) -> list[Table]:
    tables: list[Table] = []
    rows: list[tuple[Cell, ...]] = []
    row: list[Cell] = []
    rules = 0

    def flush() -> None:
        nonlocal rows, rules
        if len(rows) >= 2 and rules and len(rows[0]) >= 2:
            tables.append(Table(tuple(rows[:_MAX_ROWS])))
        rows, rules = [], 0

    for p in paragraphs:
        line = text[p.start : p.end]
        if p.table is None and _ROW_RULE_RE.fullmatch(line):
            rules += 1
            if row:
                rows.append(tuple(row))
                row = []
            continue
        m = _PIPED_CELL_RE.fullmatch(line) if p.table is None else None
        if m:
            row.append(Cell(p.start + m.start(1), p.start + m.end(1)))
            continue
        if row:
            rows.append(tuple(row))
            row = []
        flush()
    if row:
        rows.append(tuple(row))
    flush()
    return tables


# One cell per line without marks: a header led by 指标/名称 and naming its columns (2020年 / 2025年 /
# 年均增长 / 属性), then the rows, as many lines each as the header has.
_LEAD_HEADER_RE = re.compile(r"[ \t]*(?:主要)?(?:指标|指标名称|名称|项目)[ \t]*")
_COLUMN_HEADER_RE = re.compile(
    r"[ \t]*(?:(?:19|20)\d{2}\s*年?(?:[^\d\n]{0,8})?|[^\n]{0,6}(?:年均|增长|增速|目标|基期|现状|属性|单位|类型|性质|预期|备注|完成|实际|进度)[^\n]{0,6})[ \t]*"
)
_CELL_LINE_MAX = 40
_SENTENCE_MARK_RE = re.compile(r"[。；;]")
_VALUE_ONLY_RE = re.compile(r"[-—\d.%<>≥≤\s]+")
_DIGIT_RE = re.compile(r"\d")


def _header_led_cell_tables(text: str, paragraphs: Sequence[_Para]) -> list[Table]:
    tables: list[Table] = []
    lines = [(p.start, p.end) for p in paragraphs if p.table is None and p.end > p.start]
    i = 0
    while i < len(lines):
        s, e = lines[i]
        if not _LEAD_HEADER_RE.fullmatch(fold_traditional(text[s:e])):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and j - i <= _MAX_COLS and _COLUMN_HEADER_RE.fullmatch(fold_traditional(text[slice(*lines[j])])):
            j += 1
        width = j - i
        if width < 3:
            i += 1
            continue
        rows = [tuple(_trimmed(text, a, b) for a, b in lines[i:j])]
        k = j
        while k + width <= len(lines) and len(rows) < _MAX_ROWS:
            chunk = lines[k : k + width]
            if not _is_row(text, chunk):
                break
            rows.append(tuple(_trimmed(text, a, b) for a, b in chunk))
            k += width
        if len(rows) >= 2:
            tables.append(Table(tuple(rows)))
            i = k
        else:
            i += 1
    return tables


def _is_row(text: str, chunk: Sequence[tuple[int, int]]) -> bool:
    """A row of the header-led layout: a name, then short cells holding at least one number."""
    cells = [text[a:b].strip() for a, b in chunk]
    if any(len(c) > _CELL_LINE_MAX or _SENTENCE_MARK_RE.search(c) for c in cells):
        return False
    if _VALUE_ONLY_RE.fullmatch(cells[0]):
        return False  # a name, not a value, opens the row
    return any(_DIGIT_RE.search(c) for c in cells[1:])


def split_table_line(text: str, start: int, end: int) -> tuple[Cell, ...]:
    """Cells of one text-table line (tabs, wide spaces or pipes between cells)."""
    return _split_line(text, start, end)


def _split_line(text: str, start: int, end: int) -> tuple[Cell, ...]:
    """Cells of a text-table line (offsets into ``text``); a markdown rule line gives none."""
    if end - start > 400:
        return ()
    line = text[start:end]
    if _RULE_LINE_RE.fullmatch(line):
        return ()
    cells: list[Cell] = []
    pos = 0
    for m in _CELL_SPLIT_RE.finditer(line):
        if m.start() > pos:
            cells.append(_trimmed(text, start + pos, start + m.start()))
        pos = m.end()
    if pos < len(line):
        cells.append(_trimmed(text, start + pos, end))
    cells = [c for c in cells if c.end > c.start]
    return tuple(cells) if len(cells) <= _MAX_COLS else ()


def _trimmed(text: str, s: int, e: int) -> Cell:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Cell(s, e)


def table_records(
    text: str,
    table: Table,
    plan_period: tuple[int, int] | None,
    section_of: Callable[[int], str],
    *,
    results: bool = False,
    year: int | None = None,
    evaluation: bool = False,
) -> tuple[list[Target], list[Fact]]:
    """Targets and facts of one indicator table (none if it has no recognisable header).

    ``results``: the document states results (a statistical bulletin, an execution report), so a
    value column without a year of its own (现价, 增速, 占比) holds facts of ``year`` (the caption's).
    """
    fold = fold_traditional(text[table.span[0] : table.span[1]])
    off = table.span[0]

    def cell_text(c: Cell) -> str:
        return fold[c.start - off : c.end - off]

    header_i = next(
        (i for i, row in enumerate(table.rows[:4]) if _header_roles(row, cell_text, plan_period, results, year, evaluation)[1]),
        None,
    )
    if header_i is None:
        return [], []
    header = table.rows[header_i]
    name_col, roles = _header_roles(header, cell_text, plan_period, results, year, evaluation)
    unit_col = next((i for i, c in enumerate(header) if _UNIT_HEADER_RE.search(cell_text(c))), None)
    column_units = {i: m.group(1).strip() for i, c in enumerate(header) if (m := _UNIT_IN_NAME_RE.search(text[c.start : c.end]))}
    labels = {i: _label(cell_text(c)) for i, c in enumerate(header)}
    level_columns = sum(1 for i, (role, _) in roles.items() if not _RATE_HEADER_RE.search(labels[i]))
    targets: list[Target] = []
    facts: list[Fact] = []
    last = len(table.rows) - 1
    for i, row in enumerate(table.rows[header_i + 1 :], start=header_i + 1):
        if (len(row) != len(header) and not (i == last and 2 <= len(row) < len(header))) or name_col >= len(row):
            continue  # (the last row may be cut short where the copy ends)
        raw_name = text[row[name_col].start : row[name_col].end]
        name, unit = _name_and_unit(raw_name)
        if unit_col is not None and unit_col < len(row):
            unit = text[row[unit_col].start : row[unit_col].end].strip() or unit
        if not name or _YEAR_RE.fullmatch(name):
            continue
        section = section_of(row[0].start)
        for col, (role, col_year) in roles.items():
            if col >= len(row):
                continue
            cell = row[col]
            m = _VALUE_RE.search(text, cell.start, cell.end)
            if m is None or _WORD_BEFORE_RE.search(text, cell.start, m.start()) or _DIGIT_RE.search(text, m.end(), cell.end):
                continue  # a value cell holds one number (六盘水府办发〔2022〕10号 / 2022-12-02 is none)
            if results and role == "base" and _value_is_whole(m.group("num"), labels[col]):
                continue  # the total row's 100% share of itself
            value = float(m.group("num"))
            cell_unit = "%" if m.group("pct") or role == "growth" else (unit or column_units.get(col))
            comparator = _comparator(m.group("cmp"), text[m.end() : cell.end])
            quote_start, quote_end = m.start("num") if not m.group("cmp") else m.start(), m.end()
            quote = text[quote_start:quote_end]
            kind = _kind(name, cell_unit, role, labels[col])
            if role == "base":
                label = labels[col]
                shown = f"{name}（{label}）" if results and level_columns > 1 and label and kind == "level" else name
                if _PROGRESS_LABEL_RE.search(label) and not _YEAR_RE.search(label):
                    shown = name + label  # 地区生产总值完成进度: the progress toward the goal
                facts.append(
                    Fact(
                        quote=quote, start=quote_start, end=quote_end, indicator=shown, kind=kind, value=value,
                        value_high=None, unit=cell_unit or "", year=col_year, period=None, section=section,
                        evidence="table|fact",
                    )
                )
            else:
                due = year if year is not None else (plan_period[1] if plan_period else None)
                targets.append(
                    Target(
                        quote=quote, start=quote_start, end=quote_end, indicator=name, kind=kind, value=value,
                        value_high=None, unit=cell_unit or "", comparator=comparator, target_year=due,
                        section=section, evidence="table|target",
                    )
                )
    return targets, facts


def _header_roles(
    row: tuple[Cell, ...],
    cell_text: Callable[[Cell], str],
    plan_period: tuple[int, int] | None,
    results: bool = False,
    doc_year: int | None = None,
    evaluation: bool = False,
) -> tuple[int, dict[int, tuple[str, int | None]]]:
    """(name column, {column: (role, year)}) for a header row; roles "base", "target", "growth".
    In a document of ``results`` every value column holds facts (of its own year or ``doc_year``)."""
    texts = [cell_text(c) for c in row]
    name_col = next((i for i, t in enumerate(texts) if _NAME_HEADER_RE.search(t)), 0)
    roles: dict[int, tuple[str, int | None]] = {}
    for i, t in enumerate(texts):
        if i == name_col or _SKIP_HEADER_RE.search(t) or len(t) > 20:
            continue
        ym = _YEAR_RE.search(t)
        year = int(ym.group(0)) if ym else None
        if results:
            if _NAME_HEADER_RE.search(t) or not _WORD_OR_DIGIT_RE.search(t):
                continue
            roles[i] = ("base", year if year is not None else doc_year)
        elif _DONE_HEADER_RE.search(t):
            roles[i] = ("base", year)  # 2012年完成, 实际完成, 完成进度: what was reached
        elif (
            evaluation
            and year is not None
            and plan_period is not None
            and year < plan_period[1]
            and not _TARGET_HEADER_RE.search(t)
        ):
            roles[i] = ("base", year)  # a mid-term evaluation's column of a past year in the period
        elif _GROWTH_HEADER_RE.search(t):
            roles[i] = ("growth", plan_period[1] if plan_period else None)
        elif year is not None and plan_period is not None:
            roles[i] = ("base", year) if year < plan_period[0] else ("target", year)
        elif year is not None and _TARGET_HEADER_RE.search(t):
            roles[i] = ("target", year)
        elif year is not None or _BASE_HEADER_RE.search(t):
            roles[i] = ("base", year)
        elif _TARGET_HEADER_RE.search(t):
            roles[i] = ("target", None)
    if not results and not any(role != "base" for role, _ in roles.values()):
        return name_col, {}
    if results and not (_NAME_HEADER_RE.search(texts[name_col]) and len(roles) >= 2):
        return name_col, {}  # a table of results is read only under a header naming its rows
    return name_col, roles


def _name_and_unit(raw: str) -> tuple[str, str | None]:
    name = raw.strip().strip("*").strip()
    m = _UNIT_IN_NAME_RE.search(name)
    if m:
        return name[: m.start()].strip(), m.group(1).strip()
    return name, None


def _comparator(sign: str | None, after: str) -> str:
    if sign in (">", "≥", "大于", "不低于") or "以上" in after:
        return ">="
    if sign in ("<", "≤", "小于", "不高于", "不超过") or "以内" in after or "以下" in after:
        return "<="
    return "="


_WORD_BEFORE_RE = re.compile(r"[0-9A-Za-z\u4e00-\u7ea5\u7ea7-\u9fff]")  # any word but 约 (U+7EA6)


def _value_is_whole(num: str, header: str) -> bool:
    return float(num) == 100 and bool(_SHARE_LABEL_RE.search(header))


_GROWTH_LABEL_RE = re.compile(r"增长|增速|增幅")
_SHARE_LABEL_RE = re.compile(r"占比|比重|比例")
_RATE_HEADER_RE = re.compile(f"{_GROWTH_LABEL_RE.pattern}|{_SHARE_LABEL_RE.pattern}")
_PROGRESS_LABEL_RE = re.compile(r"进度|进展")
_WORD_OR_DIGIT_RE = re.compile(r"[\u4e00-\u9fff]|\d")
_BLANKS_RE = re.compile(r"\s+")
_RULE_LINE_RE = re.compile(r"[\s|:\-—]+")
_DECREASE_NAME_RE = re.compile(r"降低|下降|减少|压减")
_GROWTH_NAME_RE = re.compile(r"增长|增速")
_SHARE_NAME_RE = re.compile(r"率|比重|占|比例|份额")


def _label(header: str) -> str:
    """A column header without its unit and blanks: 现价 (万元) -> 现价."""
    return _BLANKS_RE.sub("", _UNIT_IN_NAME_RE.sub("", header))


def _kind(name: str, unit: str | None, role: str, header: str = "") -> str:
    folded = fold_traditional(name)
    if _DECREASE_NAME_RE.search(folded):
        return "change"
    if _GROWTH_LABEL_RE.search(header):
        return "growth"
    if _SHARE_LABEL_RE.search(header):
        return "share"
    if role == "growth" or _GROWTH_NAME_RE.search(folded):
        return "growth"
    if "累计" in folded:
        return "cumulative"
    if unit in ("%", "％") and _SHARE_NAME_RE.search(folded):
        return "share"
    return "level"
