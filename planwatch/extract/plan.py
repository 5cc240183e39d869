"""The plan orchestrator: one Document in, one PlanExtraction out.

It finds the plan's title and its own period, builds the outline once, and hands both to the
extractors (targets/facts, tasks, projects), so every record shares the same section paths and
the same idea of "the plan period" (the default due year of a target).
"""

from __future__ import annotations

import bisect
import re
from pathlib import PurePath

from planwatch.documents import Document, document_from_text
from planwatch.extract.classify import REVIEW_SECTION_RE
from planwatch.extract.confidence import assign_confidence
from planwatch.extract.fold import fold_traditional
from planwatch.extract.genre import find_genre, genre_of_title
from planwatch.extract.model import Fact, PlanExtraction, Project, Target, Task
from planwatch.extract.projects import extract_projects
from planwatch.extract.quantitative import extract_quantitative
from planwatch.extract.repair import Mended, mend_text
from planwatch.extract.tables import find_tables
from planwatch.extract.tasks import extract_tasks
from planwatch.outline import Outline, build_outline
from planwatch.quantities import TimeExpr, find_times, five_year_plan_period
from planwatch.textnorm import normalize_for_parsing

_PERIOD_CUE_RE = re.compile(r"(规划|实施|计划|纲要)(期限|期|年限|时限|时段|范围|年度)?(为|是|从|自)?[:：\s]*$")
_FIVE_YEAR_RE = re.compile(
    r"(第十[一二三四五六]?个五年)|“?(十[一二三四五六]?五)(?=”|\"|时期|期间|规划|期末|末期|发展|计划)"
)
_REPORT_RE = re.compile(r"工作报告|政府工作|工作要点|年度计划|工作计划|年度报告")
_YEAR_PLAN_RE = re.compile(r"(19|20)\d{2}\s*年(度)?[^\d至到—\-~]*(计划|报告|要点|安排)")
_TITLE_MAX = 80
ANNUAL_GENRES = frozenset(["annual", "execution_report", "bulletin"])
"""Genres whose figures are for a year (全年), not for a multi-year plan period."""


def extract_plan(doc: Document, name: str | None = None) -> PlanExtraction:
    """Extract targets, facts, tasks and projects of ``doc`` (a planwatch.documents.Document).

    ``name`` overrides the ``doc`` field (defaults to the document's file name). A plain-text
    document that arrives hard-wrapped or marked by a copying site is read from a mended copy
    (planwatch.extract.repair); offsets and quotes still refer to ``doc.text``.
    """
    doc_name = name or _doc_name(doc)
    mended = mend_text(doc.text) if doc.format in _MENDABLE_FORMATS else None
    if mended is None:
        return assign_confidence(_extract(doc, doc_name))
    result = _extract(document_from_text(mended.text, name=doc.name, format=doc.format), doc_name)
    return assign_confidence(_map_back(result, mended, doc.text))


_MENDABLE_FORMATS = frozenset(["txt", "text", "pdf"])


def _map_back(result: PlanExtraction, mended: Mended, text: str) -> PlanExtraction:
    """Offsets and quotes of records read from the mended copy, moved to the original text."""
    records: list[Target | Fact | Task | Project] = [*result.targets, *result.facts, *result.tasks, *result.projects]
    for rec in records:
        rec.start, rec.end = mended.span(rec.start, rec.end)
        rec.quote = text[rec.start : rec.end]
    return result


def _extract(doc: Document, doc_name: str) -> PlanExtraction:
    text = doc.text
    outline = build_outline(doc)
    title = find_title(doc, outline)
    genre = find_genre(text)
    if genre.title and genre_of_title(title) is None:
        title = genre.title  # the title sits below source, date or byline lines
    annual = genre.kind in ANNUAL_GENRES or is_annual_report(text, title, head_norm=doc.norm[:20000])
    times = find_times(text)
    period = None if annual else find_period(text, title, outline, times=times, norm=doc.norm)
    title_year = _review_year(genre.title or title, genre.kind)
    tables = find_tables(text, doc.paragraphs)  # the figures and the tasks both read them
    targets, facts = extract_quantitative(
        doc, outline, period, annual_document=annual, times=times, genre=genre.kind, title_year=title_year,
        tables=tables,
    )
    tasks = extract_tasks(doc, outline, period, tables=tables)
    projects = extract_projects(doc, outline)
    # Tasks and projects are read alike in every genre, but how reliably differs: their confidence
    # bucket names the genre group as those of targets and facts do.
    group = "plan" if genre.kind in ("plan", "gazetteer") else "report"
    labelled: list[Task | Project] = [*tasks, *projects]
    for rec in labelled:
        rec.evidence = f"{rec.evidence}|{group}"
    return PlanExtraction(
        doc=doc_name, title=title, period=period, targets=targets, facts=facts, tasks=tasks, projects=projects
    )


_TITLE_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


_PROGRESS_TITLE_RE = re.compile(r"完成情况|执行情况|落实情况|进展情况|统计公报")


def _review_year(title: str, genre: str) -> int | None:
    """The year a report's review is about, from the first year its title names: that year for a
    statistical bulletin, an execution report or a progress report (关于2021年…计划执行情况…, 2021年
    重点工作完成情况), the year before for a work report or annual plan (2019年政府工作报告 reviews 2018)."""
    m = _TITLE_YEAR_RE.search(title or "")
    if m is None:
        return None
    year = int(m.group(1))
    done = genre in ("bulletin", "execution_report") or _PROGRESS_TITLE_RE.search(fold_traditional(title))
    return year if done else year - 1


def _doc_name(doc: Document) -> str:
    for attr in ("path", "name"):
        value = getattr(doc, attr, None)
        if isinstance(value, str) and value:
            return PurePath(value).name
    return "<text>"


def find_title(doc: Document, outline: Outline | None = None) -> str:
    """The first markdown/format heading if the document opens with one, else the first short line."""
    text = doc.text
    for p in doc.paragraphs[:5]:
        line = text[p.start : p.end].strip()
        if not line:
            continue
        stripped = line.lstrip("#").strip().strip("*").strip()
        if (line.startswith("#") or p.heading_level is not None) and stripped:
            return stripped[:_TITLE_MAX]
        if len(stripped) <= _TITLE_MAX and not stripped.endswith(("。", "；", "，")):
            return stripped
        break
    if outline is not None:
        for sec in outline.walk():
            if sec.title:
                return sec.title[:_TITLE_MAX]
    first = text.strip().split("\n", 1)[0] if text.strip() else ""
    return first[:_TITLE_MAX]


def is_annual_report(text: str, title: str, *, head_norm: str | None = None) -> bool:
    """A work report / annual plan: its targets are for the year (全年), not a multi-year period."""
    fold_title = fold_traditional(normalize_for_parsing(title))
    if _REPORT_RE.search(fold_title) or _YEAR_PLAN_RE.search(fold_title):
        return True
    head = fold_traditional(normalize_for_parsing(text[:20000]) if head_norm is None else head_norm)
    return "各位代表" in head and bool(re.search(r"全年|今年", head))


def find_period(
    text: str,
    title: str,
    outline: Outline | None = None,
    *,
    times: list[TimeExpr] | None = None,
    norm: str | None = None,
) -> tuple[int, int] | None:
    """The plan's own period: stated (本规划实施期限为2016年至2020年), in the title (“十三五”),
    in a heading (二、2006年至2010年…规划), or the latest five-year plan the text speaks of."""
    fold = fold_traditional(normalize_for_parsing(text) if norm is None else norm)
    all_times = find_times(text) if times is None else times
    starts = [t.start for t in all_times]
    # 1. Stated.
    for t in all_times:
        if t.kind == "period" and t.period and _PERIOD_CUE_RE.search(fold[max(0, t.start - 12) : t.start]):
            return t.period
    # 2. The title.
    for t in find_times(title):
        if t.kind == "period" and t.period:
            return t.period
    fy = _five_year_in(fold_traditional(normalize_for_parsing(title)))
    if fy:
        return fy
    # 3. A heading naming a period and a plan/goal (not a review of an earlier period).
    if outline is not None:
        found: list[tuple[int, int]] = []
        for sec in outline.walk():
            head = fold[sec.start : sec.heading_end]
            if not re.search(r"规划|目标|计划|纲要|构想", head) or REVIEW_SECTION_RE.search(head):
                continue
            lo, hi = bisect.bisect_left(starts, sec.start), bisect.bisect_left(starts, sec.heading_end)
            for t in all_times[lo:hi]:
                if t.kind == "period" and t.period and t.period[1] - t.period[0] >= 2:
                    found.append(t.period)
        if found:
            return max(found)
    # 4. The latest five-year plan the text mentions more than once.
    counts: dict[tuple[int, int], int] = {}
    for m in _FIVE_YEAR_RE.finditer(fold):
        p = five_year_plan_period(m.group(0).strip("“"))
        if p:
            counts[p] = counts.get(p, 0) + 1
    frequent = [p for p, n in counts.items() if n >= 2]
    return max(frequent) if frequent else None


def _five_year_in(s: str) -> tuple[int, int] | None:
    for m in _FIVE_YEAR_RE.finditer(s):
        p = five_year_plan_period(m.group(0).strip("“"))
        if p:
            return p
    return None
