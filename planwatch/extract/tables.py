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
    """Tables of the document: format tables (cells) and text tables (aligned columns)."""
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
    return tables


def _split_line(text: str, start: int, end: int) -> tuple[Cell, ...]:
    """Cells of a text-table line (offsets into ``text``); a markdown rule line gives none."""
    if end - start > 400:
        return ()
    line = text[start:end]
    if re.fullmatch(r"[\s|:\-—]+", line):
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
) -> tuple[list[Target], list[Fact]]:
    """Targets and facts of one indicator table (none if it has no recognisable header)."""
    fold = fold_traditional(text[table.span[0] : table.span[1]])
    off = table.span[0]

    def cell_text(c: Cell) -> str:
        return fold[c.start - off : c.end - off]

    header_i = next(
        (i for i, row in enumerate(table.rows[:4]) if _header_roles(row, cell_text, plan_period)[1]), None
    )
    if header_i is None:
        return [], []
    header = table.rows[header_i]
    name_col, roles = _header_roles(header, cell_text, plan_period)
    unit_col = next((i for i, c in enumerate(header) if _UNIT_HEADER_RE.search(cell_text(c))), None)
    targets: list[Target] = []
    facts: list[Fact] = []
    for row in table.rows[header_i + 1 :]:
        if len(row) != len(header) or name_col >= len(row):
            continue
        raw_name = text[row[name_col].start : row[name_col].end]
        name, unit = _name_and_unit(raw_name)
        if unit_col is not None and unit_col < len(row):
            unit = text[row[unit_col].start : row[unit_col].end].strip() or unit
        if not name or _YEAR_RE.fullmatch(name):
            continue
        section = section_of(row[0].start)
        for col, (role, year) in roles.items():
            if col >= len(row):
                continue
            cell = row[col]
            m = _VALUE_RE.search(text, cell.start, cell.end)
            if m is None:
                continue
            value = float(m.group("num"))
            cell_unit = "%" if m.group("pct") or role == "growth" else unit
            comparator = _comparator(m.group("cmp"), text[m.end() : cell.end])
            quote_start, quote_end = m.start("num") if not m.group("cmp") else m.start(), m.end()
            quote = text[quote_start:quote_end]
            kind = _kind(name, cell_unit, role)
            if role == "base":
                facts.append(
                    Fact(
                        quote=quote, start=quote_start, end=quote_end, indicator=name, kind=kind, value=value,
                        value_high=None, unit=cell_unit or "", year=year, period=None, section=section,
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
    row: tuple[Cell, ...], cell_text: Callable[[Cell], str], plan_period: tuple[int, int] | None
) -> tuple[int, dict[int, tuple[str, int | None]]]:
    """(name column, {column: (role, year)}) for a header row; roles "base", "target", "growth"."""
    texts = [cell_text(c) for c in row]
    name_col = next((i for i, t in enumerate(texts) if _NAME_HEADER_RE.search(t)), 0)
    roles: dict[int, tuple[str, int | None]] = {}
    for i, t in enumerate(texts):
        if i == name_col or _SKIP_HEADER_RE.search(t) or len(t) > 20:
            continue
        ym = _YEAR_RE.search(t)
        year = int(ym.group(0)) if ym else None
        if _GROWTH_HEADER_RE.search(t):
            roles[i] = ("growth", plan_period[1] if plan_period else None)
        elif year is not None and plan_period is not None:
            roles[i] = ("base", year) if year < plan_period[0] else ("target", year)
        elif year is not None and _TARGET_HEADER_RE.search(t):
            roles[i] = ("target", year)
        elif year is not None or _BASE_HEADER_RE.search(t):
            roles[i] = ("base", year)
        elif _TARGET_HEADER_RE.search(t):
            roles[i] = ("target", None)
    if not any(role != "base" for role, _ in roles.values()):
        return name_col, {}
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


def _kind(name: str, unit: str | None, role: str) -> str:
    folded = fold_traditional(name)
    if re.search(r"降低|下降|减少|压减", folded):
        return "change"
    if role == "growth" or re.search(r"增长|增速", folded):
        return "growth"
    if re.search(r"累计", folded):
        return "cumulative"
    if unit in ("%", "％") and re.search(r"率|比重|占|比例|份额", folded):
        return "share"
    return "level"
