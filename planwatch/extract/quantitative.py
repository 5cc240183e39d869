"""Targets and facts: every quantified statement of a plan, with indicator, kind, time and quote.

The pipeline per paragraph: find quantities and time expressions once (planwatch.quantities),
cut the paragraph into sentences and clauses (sentences.py), drop figures that are not statements
(qualifiers such as 销售收入200亿元以上的企业, product specs, numbers in quotes, durations), name
the indicator from the clause (indicators.py), decide target vs fact and the kind (classify.py),
attach the governing time, distribute 分别 growth rates over the sentence's figures, and finally
link targets to earlier facts about the same indicator (baselines).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from planwatch.documents import Document
from planwatch.extract import indicators as ind
from planwatch.extract.classify import (
    COMMITMENT_MARKER_RE,
    COUNT_UNITS,
    SentenceCues,
    classify_kind,
    section_prior,
    target_evidence,
    unit_core,
)
from planwatch.extract.figures import RANK_UNITS, find_special_figures, is_name_number
from planwatch.extract.fold import fold_traditional
from planwatch.extract.model import Fact, Target
from planwatch.extract.sentences import clause_bounds, iter_sentences
from planwatch.extract.tables import Table, find_tables, table_records
from planwatch.outline import Outline, Section
from planwatch.quantities import Quantity, TimeExpr, find_quantities, find_times
from planwatch.textnorm import normalize_for_parsing

MAX_LEAD = 60
"""Characters before a figure that are analysed to name it (bounds the work per figure)."""


@dataclass
class _Record:
    """One figure being turned into a Target or a Fact."""

    q: Quantity
    start: int
    end: int
    indicator: str
    kind: str
    target: bool
    year: int | None
    period: tuple[int, int] | None
    annual: bool
    horizon: bool
    section: str
    quote: str = ""
    distributive: bool = False
    sign: int = 1  # -1: a decrease written as growth (年均下降5%, 同比下降2.0%) is a negative rate
    evidence: str = ""


@dataclass(frozen=True)
class _Doc:
    """The document-wide inputs of every figure."""

    text: str
    fold: str
    plan_period: tuple[int, int] | None
    annual_document: bool
    genre: str = "plan"
    review_year: int | None = None  # a report's year under review (from its title)


@dataclass(frozen=True)
class _Paragraph:
    """Where a paragraph sits: its section path, the section's prior and the heading's time."""

    section: str
    prior: int
    section_time: TimeExpr | None
    report_year: int | None = None  # the year a report's review reports on (its facts' default year)


@dataclass(frozen=True)
class _Sentence:
    """One sentence: its span, times (comparisons removed), leading time, cues."""

    start: int
    end: int
    times: list[TimeExpr]
    lead_time: TimeExpr | None
    time_spans: list[tuple[int, int]]
    cues: SentenceCues


@dataclass
class _Context:
    """State carried through a paragraph: its leading time, the current subject scope."""

    time: TimeExpr | None = None
    scope: str | None = None
    last_name: str | None = None
    last_base: str | None = None
    last_any: str | None = None
    sentence_name: str | None = None  # the last level/share named in the current sentence
    sentence_base: str | None = None  # the last level (not a share) named in the current sentence
    entity: str | None = None
    entity_here: bool = False  # the entity was named in the current sentence
    goal_list: int = -1  # offset after a lead-in "奋斗目标:" / "各项指标是:": the list after it is goals


_SKIP_UNITS = frozenset(["年", "月", "日", "周", "季度", "年代", "世纪", "号", "期", "届", "次会议"])
_SPEC_DIMENSIONS = frozenset(("power", "energy", "length", "volume", "area", "mass", "speed"))
_AFTER_OK = set("以上下左右多余强等及和与、或至到—-~～")
_CAPACITY_RE = re.compile(r"年产|产能|生产能力|年生产|年加工|年处理|日处理|装机")
_DE_KEEP_RE = re.compile(
    r"的(预期|发展|规划|奋斗|总体|年度|生产)?(能力|规模|水平|目标|任务|速度|增长|幅度|增幅|比例|比重|份额)"
)
_DEMONSTRATIVE = set("这那该此")
_BARE_OK_RE = re.compile(r"(为|达到|达|是|指数|综合指数)\s*$")
_DISTRIBUTE_RE = re.compile(r"分别|各自|(?<![年平人])均")
# 均比“十一五”末翻一番, 分别比2010年增长: 均/分别 before the comparison base.
_DISTRIBUTE_BASE_RE = re.compile(rf"(?:{_DISTRIBUTE_RE.pattern})[比较][^，,；;。]{{1,12}}$")
_VERB_INITIAL_RE = re.compile(r"[\s，,、“”]*(共|累计|全年|并)?(实现|完成|创造|上缴|实缴|缴纳)")
_AGGREGATE_SCOPE_RE = re.compile(r"全市|全区|全县|全省|全国|全州|全旗|我市|我区|我县|我省|本市|全部|规模以上|开发区|新区")
_PER_UNIT_RE = re.compile(r"每户|每个|每家|每万|每千|人均|户均|平均每|单位")
_POSTFIX_STOP_RE = re.compile(r"[、\s—]|--")
_TO_VALUE_RE = re.compile(r"(提高到|提高至|达到|延长到|延长至|增加到|增至|缩短到|缩短至|为)\s*$")
_BENCHMARK_RE = re.compile(r"高于|低于|快于|慢于|超过|超出|领先")
_VERB_ONLY_RE = re.compile(
    r"^(新增|增加|减少|精简|压缩|提高|降低|下降|增长|扩大|达到|实现|完成|累计|合计|共|保持|分别是|分别为|是|为|"
    r"上升|升至|升|到|至|降至|培育|打造|引进|扶持|调整|优化|改善|转变|变|缩小|提升|进入|"
    r"建成|建设|新建|开发|形成|开工|竣工|投产|和|及|与|或|以及|并)+$"
)
_PROJECT_WORD_RE = re.compile(r"项目|工程")
# A lead-in naming the list that follows as goals: "确定后15年奋斗目标:" / "各项指标是:".
_GOAL_LEAD_RE = re.compile(r"(目标|指标|计划指标)(是|为|如下|主要有)?[:：]")
_DONE_BEFORE_RE = re.compile(r"完成|实现|执行|达到|超过|情况|回顾")
# The "to" end of a change of state: 由2005年的20:45:35调整为15:50:35 (its own year or the period's end).
_FROM_TO_RE = re.compile(r"由[^，,；;。]{1,40}(?:为|到|至)\s*(?:\d+(?:\.\d+)?\s*[:：]\s*)*$")
_GOAL_WORD_END_RE = re.compile(r"(?:的)?(?:预期|发展|奋斗)?目标(?:值)?$")
_FROM_START_RE = re.compile(r"[由从]\s*$")
_TO_NEXT_RE = re.compile(r"\s*(?:上升|提高|提升|增加|增长|下降|降低|减少|优化|调整|扩大|缩小|变)?(?:到|至|为)")
_NOW_RE = re.compile(r"目前|当前|现已|截至目前|截止目前|迄今")
_TO_AFTER_FROM_RE = re.compile(r"[^，,；;。]*?(?:为|到|至)")
_DECREASE_VERBS = "下降|降低|减少|回落|下滑"
# A decrease verb ending the words before a rate (年均递减1.6个百分点, 同比下降2.0%).
_DECREASE_END_RE = re.compile(rf"({_DECREASE_VERBS}|递减|负增长|减)(了)?$")
_TRAILING_FIGURES_RE = re.compile(r"(分别|均|约|为)?[\s\d.%、和及与]*$")
# A clause that is nothing but a decrease (…323亿元，下降2.0%): no name, no comparison base.
_BARE_DECREASE_RE = re.compile(rf"[\s,，、]*(同比|比上年|较上年)?({_DECREASE_VERBS})\s*$")
_PLAN_DONE_RE = re.compile(
    r"(完成|为|达到|占|实现)(了)?(全?年|年度|目标)?(计划|规划目标|规划|目标|预期目标|进度目标)的"
    r"|(计划|目标|规划)完成(比例|率|程度|进度)|完成(全?年|年度)?计划"
)
_PLAN_FIGURE_RE = re.compile(r"(?:完成|为|占|达到)(?:全?年|年度)?(?:计划|预期目标|目标)\s*$")
_SCOPE_VERB_RE = re.compile(r"(?:全[市县区省州旗国]|我[市县区省]|本[市县区])(完成|实现|累计完成)")
_TRAILING_VERB_RE = re.compile(r"(?:调整|进入|上升|升至|提升至|下降至|降至|跃升|跃居|保持在?|稳定在|缩小|缩减|扩大)$")
_PROJECT_END_RE = re.compile(r"(项目|工程|生产线|装置|技改|技术改造)$")
_ENUM_VERB_RE = re.compile(r"(达到|达|新增|增加|增至|增加到)$")
# What stands between the two figures of "分别达到45210元和21860元".
_PAIR_GAP_RE = re.compile(r"和|与|及|以及|、")
_URBAN_RURAL_RE = re.compile(r"城乡(居民)?")
# The measure a list of subjects shares (化学需氧量、氨氮|排放总量).
_SHARED_TAIL_RE = re.compile(r"(排放总量|排放量|消费总量|消费量|总量|产量|总额|总值|增加值|产值|收入|投资|利润|面积|比重|率)$")


def extract_quantitative(
    doc: Document,
    outline: Outline | None,
    period: tuple[int, int] | None,
    *,
    annual_document: bool = False,
    times: list[TimeExpr] | None = None,
    genre: str = "plan",
    title_year: int | None = None,
    tables: Sequence[Table] | None = None,
) -> tuple[list[Target], list[Fact]]:
    """All targets and facts of ``doc``; ``period`` is the plan's own period (or None).

    ``title_year``: the year a report's review is about, read from its title (2016年统计公报 and
    2022年计划执行情况: 2016, 2022; 2019年政府工作报告: 2018): the year of its review's figures that
    have no time of their own, unless the review opens with another (2019年，是…的一年).

    ``annual_document`` marks a work report: its forward-looking figures are annual targets
    (annual=True, target_year None) unless a year is written. ``times`` may pass in
    ``find_times(doc.text)`` when the caller already has it.
    """
    text = doc.text
    fold = fold_traditional(doc.norm)
    toc = outline.toc_span if outline else None
    records: list[_Record] = []
    d = _Doc(text, fold, period, annual_document, genre, title_year if genre in _REPORT_GENRES else None)
    # One pass of the quantity and time finders over the whole text; paragraphs and sentences
    # take their slices by bisection (linear overall, whatever the number of paragraphs).
    all_times = find_times(text) if times is None else times
    all_qs = _with_special_figures(find_quantities(text, times=all_times), text, fold)
    q_starts = [q.start for q in all_qs]
    t_starts = [t.start for t in all_times]
    section_times: dict[int, TimeExpr | None] = {}
    table_targets, table_facts, table_spans = _tables(
        doc, outline, period, results=genre in _RESULT_TABLE_GENRES, evaluation=genre == "midterm",
        tables=find_tables(doc.text, doc.paragraphs) if tables is None else tables,
    )
    table_starts = [s for s, _ in table_spans]
    spans = _paragraph_spans(doc, text)
    bare = _bare_headings(text, fold, spans)
    bare_starts = [b[0] for b in bare]
    carried: tuple[str, TimeExpr] | None = None
    report_year = title_year
    review_seen = False
    major = sorted(
        (sec.start, _orientation_title(sec, fold))
        for sec in (outline.walk() if outline else ())
        if sec.kind in _MAJOR_KINDS
    )
    major_starts = [m[0] for m in major]
    for ps, pe in spans:
        if toc and toc[0] <= ps < toc[1]:
            continue
        ti = bisect.bisect_right(table_starts, ps) - 1
        if ti >= 0 and ps < table_spans[ti][1]:
            continue  # read as an indicator table
        lo_p, hi_p = bisect.bisect_left(q_starts, ps), bisect.bisect_left(q_starts, pe)
        if lo_p == hi_p:
            continue
        section, titles, project_box = _section_info(outline, ps, fold)
        if project_box:
            continue  # a 专栏 list of projects: names and capacities, not targets
        if not titles:
            bi = bisect.bisect_right(bare_starts, ps) - 1
            titles = bare[bi][1] if bi >= 0 else ""
        prior = section_prior(titles)
        if prior == 0:
            # Not under an oriented heading in the outline (a dash list beside its 一、…): the last
            # major heading before the paragraph says review or goal.
            mi = bisect.bisect_right(major_starts, ps) - 1
            prior = section_prior(major[mi][1]) if mi >= 0 else 0
        if d.review_year is not None and prior < 0 and not review_seen:
            # The review may open with the year it reports on (一、…过去一年… / 2019年，是…的一年).
            review_seen = True
            opening = _review_opening_year(fold, outline, ps)
            report_year = opening if opening is not None else report_year
        para = _Paragraph(
            section, prior, _section_time(outline, ps, all_times, t_starts, section_times),
            report_year=report_year if d.review_year is not None and (prior < 0 or genre == "bulletin") else None,
        )
        # A numbered item under "…确定的…任务完成情况" opens with the task it reports on: its lead
        # statement (up to the first 。) is the goal, the rest of the item the result.
        task_lead_end = _assigned_task_lead(outline, ps, fold) if prior < 0 else -1
        task_para = _Paragraph(section, 1, para.section_time) if task_lead_end > ps else para
        ctx = _Context(scope=_section_subject(outline, ps))
        if carried is not None and carried[0] == section:
            ctx.time = carried[1]  # a horizon (力争到2010年，…) governs the list of goals that follows
        for ss, se in iter_sentences(fold, ps, pe):
            lo_q, hi_q = bisect.bisect_left(q_starts, ss, lo_p, hi_p), bisect.bisect_left(q_starts, se, lo_p, hi_p)
            lo_t, hi_t = bisect.bisect_left(t_starts, ss), bisect.bisect_left(t_starts, se)
            sentence_all_times = all_times[lo_t:hi_t]
            time_spans = [(t.start, t.end) for t in sentence_all_times]
            sent_times = [t for t in sentence_all_times if not _is_comparison(fold, t)]
            lead_time = sent_times[0] if sent_times else None
            if lead_time is not None and lo_q < hi_q and lead_time.start > all_qs[lo_q].start:
                lead_time = None  # a time after the first figure governs its own clause only
            if lo_q == hi_q:
                if lead_time is not None and lead_time.kind != "annual" and not _clause_bound(fold, lead_time, se):
                    ctx.time = lead_time
                _end_goal_list(ctx, fold, se)
                continue
            lead_in = _GOAL_LEAD_RE.search(fold, ss, se) if prior >= 0 else None  # (a review's 主要指标: reports)
            if lead_in and not _DONE_BEFORE_RE.search(fold, max(ss, lead_in.start() - 8), lead_in.start() + 1):
                ctx.goal_list = lead_in.end()
            sent = _Sentence(ss, se, sent_times, lead_time, time_spans, SentenceCues.of(fold[ss:se]))
            sent_records: list[_Record] = []
            kept_counts: list[Quantity] = []
            prev_end = ss
            for q in all_qs[lo_q:hi_q]:
                if q.end > se:
                    continue
                if _skip(q, fold, ss, se, time_spans, kept_counts):
                    continue
                cs, ce = clause_bounds(fold, q.start, ss, se)
                gap = fold[prev_end:q.start].strip()
                rec = _make_record(q, d, task_para if ss < task_lead_end else para, sent, cs, ce, ctx, prev_end)
                prev_end = max(prev_end, q.end)
                if rec is None:
                    continue
                if unit_core(q.unit) in COUNT_UNITS:
                    kept_counts.append(q)
                if sent_records and _PAIR_GAP_RE.fullmatch(gap):
                    if "分别" in fold[ss : q.start]:
                        _split_pair(sent_records[-1], rec)
                    if _same_rate_list(sent_records[-1], rec):
                        rec.kind, rec.sign = sent_records[-1].kind, sent_records[-1].sign  # 同比分别下降50%、42.9%
                sent_records.extend(_distribute(rec, sent_records, fold))
            if lead_time is not None and lead_time.kind != "annual" and not _clause_bound(fold, lead_time, se):
                ctx.time = lead_time
            if genre == "midterm" and prior <= 0 and ctx.time is not None and ctx.time.marker in ("到", "至"):
                ctx.time = None  # an evaluation cites the plan's horizon (规划提出到2015年…): it governs that sentence only
            records.extend(sent_records)
            _end_goal_list(ctx, fold, se)
            # Across sentences only an aggregate scope (全市…, 规模以上…) and no entity carries on.
            if ctx.scope and not _AGGREGATE_SCOPE_RE.match(fold_traditional(normalize_for_parsing(ctx.scope))):
                ctx.scope = None
            ctx.entity_here = False
            ctx.sentence_name = ctx.sentence_base = None
        horizon = ctx.time is not None and ctx.time.kind == "year" and ctx.time.marker in ("到", "至")
        carried = (section, ctx.time) if horizon and ctx.time is not None else None
    records = _drop_headline_repeats(records, fold, spans)
    targets, facts = _split(records, period, annual_document)
    if genre in _RESULT_TABLE_GENRES:
        table_facts = _new_to_prose(table_facts, facts)
    targets = sorted([*targets, *table_targets], key=lambda r: r.start)
    facts = sorted([*facts, *table_facts], key=lambda r: r.start)
    _link_baselines(targets, facts, fold)
    return targets, facts


def _end_goal_list(ctx: _Context, fold: str, se: int) -> None:
    """A list of goals (奋斗目标:…) ends with its sentence; a ； continues it."""
    if fold[se : se + 1] not in ("；", ";"):
        ctx.goal_list = -1


# ---- paragraphs and sections ----------------------------------------------------------------

_HEADLINE_LINES = 6
_HEADLINE_MAX = 80
_SENTENCE_MARK_RE = re.compile(r"[。；;]")


_REPORT_GENRES = frozenset(["annual", "execution_report", "bulletin"])
_MAJOR_KINDS = frozenset(["cn_num", "chapter", "part", "section"])  # the outline's numbered headings
_LEADING_YEAR_RE = re.compile(r"(?:^|\n)[ \t#*]*((?:19|20)\d{2})\s*年\s*(?:[,，]|是)")
_REVIEW_OPENING = 400
"""Characters from a review section's start looked at for the year its lines open with."""


def _review_opening_year(fold: str, outline: Outline | None, ps: int) -> int | None:
    """The year a line opens with between the review section's heading and its first figures."""
    sec = outline.section_at(ps) if outline is not None else None
    while sec is not None and sec.kind not in _MAJOR_KINDS and sec.parent is not None:
        sec = sec.parent  # from a dash item (——综合实力稳步提升…) up to its numbered heading
    lo = max(0, ps - _REVIEW_OPENING)
    if sec is not None and sec.kind in _MAJOR_KINDS:
        lo = max(lo, sec.start)
    m = _LEADING_YEAR_RE.search(fold, lo, ps + 12)
    return int(m.group(1)) if m else None


def _drop_headline_repeats(
    records: list[_Record], fold: str, spans: list[tuple[int, int]]
) -> list[_Record]:
    """A news copy's headline (…目标拟调整为9%左右 / 37项主要指标基本达到进度要求) restates a figure
    of its body: the body's statement is the record, the headline's repeat is dropped."""
    head_end = 0
    for ps, pe in spans[:_HEADLINE_LINES]:
        line = fold[ps:pe].strip()
        if len(line) > _HEADLINE_MAX or _SENTENCE_MARK_RE.search(line):
            break
        head_end = pe
    if not head_end or not records or records[0].start >= head_end:
        return records
    body = {(r.q.value, r.q.base_unit) for r in records if r.start >= head_end}
    return [r for r in records if r.start >= head_end or (r.q.value, r.q.base_unit) not in body]



def _with_special_figures(qs: list[Quantity], text: str, fold: str) -> list[Quantity]:
    """The parser's quantities plus 翻一番, ranks, structure ratios, fractions and counts of classes
    (planwatch.extract.figures); a special figure replaces a parsed one it overlaps (前15名 > 15名)."""
    special = find_special_figures(text, fold)
    if not special:
        return qs
    spans = sorted((q.start, q.end) for q in special)
    starts = [a for a, _ in spans]

    def covered(q: Quantity) -> bool:
        i = bisect.bisect_right(starts, q.end - 1) - 1
        return i >= 0 and spans[i][1] > q.start

    return sorted([*special, *(q for q in qs if not covered(q))], key=lambda q: (q.start, q.end))


_RESULT_TABLE_GENRES = frozenset(["bulletin", "execution_report"])
_CAPTION_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


def _new_to_prose(table_facts: list[Fact], prose_facts: list[Fact]) -> list[Fact]:
    """A results table repeats figures its text already stated (地区生产总值529757万元，增长13.1%):
    the text's statement is the record, the table's copy of the same year is dropped."""
    stated: dict[tuple[str, float], list[Fact]] = {}
    for f in prose_facts:
        stated.setdefault(_base(f.value, f.unit), []).append(f)

    def repeated(t: Fact) -> bool:
        return any(
            p.year in (None, t.year) and _char_f1(p.indicator, t.indicator) >= 0.5
            for p in stated.get(_base(t.value, t.unit), ())
        )

    return [f for f in table_facts if not repeated(f)]


def _base(value: float, unit: str) -> tuple[str, float]:
    core, scale = _scaled(fold_traditional(unit))
    return core, round(value * scale, 6)


def _caption_year(text: str, start: int) -> int | None:
    """The year named in the line above a table (表1 某县2016年地区生产总值构成表)."""
    head = text[max(0, start - 200) : start].rstrip()
    line = head[head.rfind("\n") + 1 :] if "\n" in head else head
    if not line.strip().strip("|").strip():
        head = head[: head.rfind("\n")].rstrip() if "\n" in head else ""
        line = head[head.rfind("\n") + 1 :]
    years = _CAPTION_YEAR_RE.findall(line)
    return int(years[-1]) if years else None


def _tables(
    doc: Document,
    outline: Outline | None,
    period: tuple[int, int] | None,
    *,
    results: bool = False,
    evaluation: bool = False,
    tables: Sequence[Table] = (),
) -> tuple[list[Target], list[Fact], list[tuple[int, int]]]:
    """Records of the indicator tables, and the spans of the tables that gave any. In a document
    of ``results`` a table's columns without a year of their own hold facts of its caption's year."""

    def section_of(offset: int) -> str:
        sec = outline.section_at(offset) if outline else None
        return sec.short_path if sec else ""

    targets: list[Target] = []
    facts: list[Fact] = []
    spans: list[tuple[int, int]] = []
    for table in tables:
        year = _caption_year(doc.text, table.span[0]) if results else None
        t, f = table_records(doc.text, table, period, section_of, results=results, year=year, evaluation=evaluation)
        if t or f:
            targets.extend(t)
            facts.extend(f)
            spans.append(table.span)
    spans.sort()
    return targets, facts, spans


def _paragraph_spans(doc: Document, text: str) -> list[tuple[int, int]]:
    spans = [(p.start, p.end) for p in doc.paragraphs if p.end > p.start]
    if spans:
        return spans
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


_BARE_HEADING_RE = re.compile(r"回顾|执行情况|完成情况|成效|目标|任务|安排|工作|计划|要求")


def _bare_headings(text: str, fold: str, spans: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(offset, title) of short unnumbered lines that read as headings (过去一年工作回顾,
    2019年工作安排): the section orientation of the paragraphs below when the outline has none."""
    out: list[tuple[int, str]] = []
    for ps, pe in spans:
        line = fold[ps:pe].strip()
        if 4 <= len(line) <= 20 and not re.search(r"[，,。；;：:、!?！？]", line) and _BARE_HEADING_RE.search(line):
            out.append((ps, text[ps:pe].strip()))
    return out


_HEADING_LINE_END_RE = re.compile(r"[。；;\n]")
_HEADING_MARKER_RE = re.compile(r"^[\s#*]*(?:第[^章节编部篇]{1,4}[章节编部篇]|[一二三四五六七八九十百]+[、.．])\s*")


def _orientation_title(sec: Section, fold: str) -> str:
    """The heading as far as its first sentence goes: a numbered heading cut at its first comma
    (一、勠力奋战,克难攻坚,过去一年政府工作成效显著) says review or goal only at its end."""
    if not fold or sec.kind not in _MAJOR_KINDS:
        return sec.title
    m = _HEADING_LINE_END_RE.search(fold, sec.start, min(len(fold), sec.start + 48))
    line = fold[sec.start : m.start() if m else min(len(fold), sec.start + 48)]
    line = _HEADING_MARKER_RE.sub("", line)
    return line if len(line) > len(sec.title) else sec.title


_ASSIGNED_RE = re.compile(r"(?:确定|下达|分解|部署|提出)的[^，,。]{0,12}(?:任务|指标|目标)")
_NUMBERED_ITEM_KINDS = frozenset(["arabic", "paren_arabic", "paren_cn", "circled"])


def _assigned_task_lead(outline: Outline | None, offset: int, fold: str) -> int:
    """End of the lead statement of a numbered item whose enclosing heading names the tasks a
    report assigned (二、报告中确定的其他指标任务完成情况 / 1.引进…项目不少于3个；…。), else -1."""
    sec = outline.section_at(offset) if outline is not None else None
    if sec is None or sec.kind not in _NUMBERED_ITEM_KINDS or sec.parent is None:
        return -1
    if not any(_ASSIGNED_RE.search(fold_traditional(a.title)) for a in sec.ancestors()):
        return -1
    end = fold.find("。", sec.start, sec.start + 300)
    return end if end >= 0 else -1


def _section_info(outline: Outline | None, offset: int, fold: str = "") -> tuple[str, str, bool]:
    """(short path for the record, all titles from the root down joined for the prior,
    whether the text is inside a 专栏 box listing projects)."""
    if outline is None:
        return "", "", False
    sec = outline.section_at(offset)
    if sec is None:
        return "", "", False
    chain = [sec, *sec.ancestors()]
    titles = [_orientation_title(a, fold) for a in chain if a.kind != "title"]
    project_box = any(a.kind == "box" and _PROJECT_WORD_RE.search(a.title) for a in chain)
    return sec.short_path, " / ".join(reversed(titles)), project_box


def _section_time(
    outline: Outline | None,
    offset: int,
    times: list[TimeExpr],
    t_starts: list[int],
    cache: dict[int, TimeExpr | None],
) -> TimeExpr | None:
    """A time written in the innermost enclosing heading that has one (“十二五”时期…进展成效)."""
    if outline is None:
        return None
    sec = outline.section_at(offset)
    while sec is not None:
        if sec.start not in cache:
            found = None
            if 0 < sec.heading_end - sec.start < 200:
                lo = bisect.bisect_left(t_starts, sec.start)
                hi = bisect.bisect_left(t_starts, sec.heading_end)
                found = next((t for t in times[lo:hi] if t.kind in ("period", "period_end", "year")), None)
            cache[sec.start] = found
        if cache[sec.start] is not None:
            return cache[sec.start]
        sec = sec.parent
    return None


# ---- what is not a statement ----------------------------------------------------------------


_MULTIPLE_OF_RE = re.compile(r"[末底初]?的\s*\d+(?:\.\d+)?\s*倍")


def _is_comparison(fold: str, t: TimeExpr) -> bool:
    """比2000年 / 较上年 / 是2000年末的3.8倍 / 比上年: a comparison base, not the figure's time."""
    if t.kind == "previous_year":
        return True
    before = fold[max(0, t.start - 2) : t.start]
    if before.endswith(("比", "较", "是", "于", "比“", "较“")):
        return True
    return _MULTIPLE_OF_RE.match(fold, t.end) is not None  # 约为2010年的2.37倍: the base of a multiple


def _skip(
    q: Quantity,
    fold: str,
    ss: int,
    se: int,
    time_spans: list[tuple[int, int]],
    kept_counts: list[Quantity],
) -> bool:
    """Is this figure not a statement of its own (a date, a name, a qualifier, a spec…)?"""
    unit = q.unit
    if unit in _SKIP_UNITS and not (unit == "年" and _is_duration_statement(q, fold, ss)):
        return True
    if is_name_number(fold, q):
        return True  # 703所船动项目, 五届十次全会: part of a name
    special = unit == "番" or (unit in RANK_UNITS and q.text[:1] in "第前") or "分之" in q.text
    for ts, te in time_spans:
        if ts < q.end and q.start < te:
            return True
    before = fold[max(ss, q.start - 3) : q.start]
    if not unit and not _BARE_OK_RE.search(before):
        return True
    if before and before[-1] in _DEMONSTRATIVE:
        return True
    if _inside_quotes(fold, q.start, ss, se):
        return True
    after_pos = q.end
    if q.comparator_span and q.comparator_span[1] > after_pos and q.comparator_span[0] >= q.start:
        after_pos = q.comparator_span[1]
    while after_pos < se and fold[after_pos] in " \t":
        after_pos += 1
    # 多/余/左右 right after the number belong to it.
    while after_pos < se and fold[after_pos] in "多余":
        after_pos += 1
    nxt = fold[after_pos] if after_pos < se else ""
    lead = fold[max(ss, q.start - 8) : q.start]
    capacity = bool(_CAPACITY_RE.search(lead))
    # A qualifier: 亿元以上的企业, 财政收入超6亿元的县 — unless it is a capacity (年产100万箱的生产能力).
    if (
        nxt == "的"
        and not capacity
        and not _DE_KEEP_RE.match(fold, after_pos, min(se, after_pos + 8))
        and not _PLAN_FIGURE_RE.search(lead)
        and not _counted_with_threshold(q, fold, after_pos)
    ):
        return True
    tail = fold[q.end : after_pos]
    if (
        ("以上" in tail or "以下" in tail)
        and nxt
        and _is_cjk_word(nxt)
        and unit_core(fold_traditional(unit or "")) not in COUNT_UNITS
        and not _MEASURED_NOUN_RE.match(fold, after_pos, se)
    ):
        # 投资在5000万元以上工业项目: a threshold qualifying the noun that follows (but 培育3个以上
        # 省级集群 counts, and 50平方公里以上建设用地面积 達到… measures that noun).
        return True
    # A threshold after a count in the same clause: 2户销售收入200亿元以上, 有19户企业缴税超过千万元.
    if q.comparator in (">=", ">") and unit_core(unit) not in COUNT_UNITS:
        for c in kept_counts:
            # …but not the next item of a list (签约项目40个、引进资金80亿元以上).
            if c.end <= q.start and not _clause_break_between(fold, c.end, q.start) and "、" not in fold[c.end : q.start]:
                return True
        # 产值超10亿元企业14户: a threshold written before the amount, qualifying the noun after it.
        if (
            q.comparator_span is not None
            and q.comparator_span[1] <= q.start
            and nxt
            and _is_cjk_word(nxt)
            and nxt not in _AFTER_OK
        ):
            return True
    if special:
        return False
    arabic = q.text[:1].isdigit()
    if q.text[:1] in "数几" or (before and (before[-1] in "前第" or (before[-1] in "数几" and not arabic))):
        return True  # 数十家, 上百个: vague; 第3章: an ordinal (人数100万人 is a number)
    if not any(ch.isdigit() for ch in q.text):
        if q.value < 10 and not _ENUM_VERB_RE.search(fold[max(ss, q.start - 3) : q.start]):
            return True  # 四个基地, 两个市场: the size of an enumeration, not a statistic
        if before.endswith("、"):
            return True  # …、九洲电气、四十九所: a name in a list
        if unit in ("万", "亿", "百万", "千万"):
            return True  # 百万等级, 百万绿色商品猪: an adjective
    if nxt and _is_cjk_word(nxt) and nxt not in _AFTER_OK:
        return _followed_by_noun(q, fold, ss, after_pos, capacity, kept_counts)
    return False


_MEASURED_NOUN_RE = re.compile(r"[^，,；;。、的]{0,12}?(面积|总面积|总量|规模|人数|人口|产量|里程|长度|容量|总额|数量)")


_UNITS_OF_THE_NOUN = frozenset(["家", "个", "项", "所", "座", "处", "条"])
_EXISTENTIAL_RE = re.compile(r"(?:有|共有|其中有|培育|新增|引进|形成|达到)\s*$")


def _counted_with_threshold(q: Quantity, fold: str, after_pos: int) -> bool:
    """"其中有30家以上的企业进入…", "培育10个以上的集群": the count of the noun after 的 (with its
    threshold), not a qualifier like 销售收入200亿元以上的企业."""
    unit = unit_core(fold_traditional(q.unit or ""))
    if unit not in _UNITS_OF_THE_NOUN or q.comparator not in (">=", ">"):
        return False
    return _EXISTENTIAL_RE.search(fold, max(0, q.start - 4), q.start) is not None


_LAND_NOUN_RE = re.compile(r"(?:的)?(?:土地|用地|耕地|林地|草地|湿地|水域|面积)")


def _followed_by_noun(
    q: Quantity, fold: str, ss: int, after_pos: int, capacity: bool, kept_counts: list[Quantity]
) -> bool:
    """Skip a figure that specifies the noun after it: 25万千瓦重型燃气轮机, 20万吨/年苯酚丙酮扩建,
    百万千瓦级, a project-list item (、10万套轿车内外塑料饰件、…项目)."""
    unit = q.unit or ""
    nxt = fold[after_pos]
    if "/" in unit or nxt in "级型号":
        return True
    if q.dimension == "area" and _LAND_NOUN_RE.match(fold, after_pos):
        return False  # 集约开发32.7平方公里土地: the amount of land
    if q.comparator in (">=", ">", "<=", "<") and _MEASURED_NOUN_RE.match(fold, after_pos, min(len(fold), after_pos + 16)):
        return False  # 50平方公里以上建设用地面积达到…: the amount of the measure named after it
    ce = after_pos
    limit = min(len(fold), after_pos + 80)
    while ce < limit and fold[ce] not in "，,；;。：:\n":
        ce += 1
    rest = fold[after_pos:ce].rstrip("等")
    counted = unit_core(unit) in COUNT_UNITS
    if not counted and (_PROJECT_END_RE.search(rest) or re.search(r"等.{0,8}(项目|工程)$", rest)):
        return True  # 20万吨苯酚丙酮扩建、…等重大产业项目: capacities naming projects
    if q.dimension in _SPEC_DIMENSIONS and not capacity:
        return True
    # A bare list item (nothing but a separator before it) unless it continues a list of counts
    # sharing one verb (培育20个实践中心、40家企业).
    k = q.start
    while k > ss and fold[k - 1] == " ":
        k -= 1
    return k > ss and fold[k - 1] == "、" and not any(
        c.end <= q.start and not _clause_break_between(fold, c.end, q.start) for c in kept_counts
    )


def _is_duration_statement(q: Quantity, fold: str, ss: int) -> bool:
    """受教育年限提高到11.5年: a number of years that is itself the value (not 3年内, 三年行动)."""
    return q.value % 1 != 0 or bool(_TO_VALUE_RE.search(fold, max(ss, q.start - 5), q.start))


def _is_cjk_word(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" and ch not in "的，。；、和及与或等"


def _clause_break_between(fold: str, a: int, b: int) -> bool:
    return any(ch in "，,；;。：:" for ch in fold[a:b])


def _inside_quotes(fold: str, pos: int, ss: int, se: int) -> bool:
    """A number inside a short “…” or 《…》 is part of a name (“4567”产业振兴计划, “黄金30条”)."""
    for open_, close in (("“", "”"), ("《", "》"), ('"', '"')):
        o = fold.rfind(open_, max(ss, pos - 20), pos)
        if o < 0:
            continue
        if open_ != close and fold.rfind(close, o, pos) >= 0:
            continue
        c = fold.find(close, pos, min(se, pos + 20))
        if c >= 0:
            return True
    return False


# ---- one figure -----------------------------------------------------------------------------


def _make_record(
    q: Quantity,
    d: _Doc,
    para: _Paragraph,
    sent: _Sentence,
    cs: int,
    ce: int,
    ctx: _Context,
    prev_end: int,
) -> _Record | None:
    """Name, kind, time and target/fact decision for one figure in clause [cs, ce)."""
    text, fold, plan_period = d.text, d.fold, d.plan_period
    ss, se, time_spans, cues = sent.start, sent.end, sent.time_spans, sent.cues
    lo = max(cs, q.start - MAX_LEAD, prev_end)
    name_lo = ind.strip_lead(fold, lo, q.start, time_spans)
    name_hi = ind.strip_tail(fold, name_lo, q.start, time_spans)
    # 分别/均 before the number: the figure applies to several indicators named before.
    lead_fold = fold[lo : q.start]
    name = ind.tidy(ind.cut_name(text, fold, name_lo, name_hi, time_spans))
    name_fold = fold_traditional(normalize_for_parsing(name))
    # 生产总值635亿元，完成年计划710亿元的89.4%: the year's planned value of the subject, a target.
    plan_figure = bool(_PLAN_FIGURE_RE.search(fold, max(cs, q.start - 8), q.start))
    if plan_figure:
        name, name_fold = "", ""
    if _VERB_ONLY_RE.match(name_fold) or (prev_end > cs and fold[prev_end : q.start].rstrip().endswith("、")):
        # 培育20个实践中心、40家企业: the words before 、 belong to the previous item, the verb
        # before the first item is shared.
        name, name_fold = "", ""
        name_lo = q.start
        lead_fold = fold[max(cs, q.start - MAX_LEAD) : prev_end] + fold[prev_end:q.start].rstrip("、 ")
    to_level = bool(re.search(r"(到|至|达到|为|在)\s*$", lead_fold))
    if q.unit == "倍" and re.search(r"(是|为|相当于).*的\s*$", lead_fold):
        name, name_fold = "", ""  # 是2000年末的3.8倍: a multiple of the subject's earlier value
    if q.unit in ("倍", "个百分点", "百分点", "%") and _BENCHMARK_RE.match(fold, name_lo):
        name, name_fold = "", ""  # 高于全国平均水平2.1个百分点: the subject compared with a benchmark
    if re.match(r"\s*(、|和|及|与|以及)", fold[prev_end : q.start]):
        # 培育领军企业50家、上市企业20家: the items of a list share the verb before the first.
        lead_fold = fold[max(cs, q.start - MAX_LEAD) : q.start]
    inner = re.search(r"不低于|不少于|不高于|不超过|达到|相当于|为", name_fold)
    if q.unit == "%" and inner and inner.start() > 0 and lead_fold.rstrip().endswith("的"):
        # 教育经费达到GDP的6%: a share of the thing after the verb.
        name = ind.share_name(name[: inner.start()], "占" + name[inner.end() :])
        name_fold = fold_traditional(normalize_for_parsing(name))
    inherited = False
    subject: str | None = None
    m = re.search(r"实现|完成", fold[name_lo:name_hi])
    if m and m.start() >= 2:
        subject = ind.tidy(text[name_lo : name_lo + m.start()])
    # Count of things named after the number: 培育20个全国性品牌产品.
    post = ""
    scoped = False
    verb_initial = bool(_VERB_INITIAL_RE.match(fold, cs, q.start))
    if (unit_core(q.unit) in COUNT_UNITS or q.unit in ("万", "亿")) and q.unit not in RANK_UNITS:
        post = _postfix(text, fold, q, ce)
    if "占" in name_fold:
        if name_fold.startswith("占"):
            base = ctx.last_name or ctx.scope or ""
            name = ind.share_name(base, name)
        elif name_fold.endswith("占"):
            name = name[:-1].rstrip("仅约只") + "比重"
        elif not re.search(r"比重|比例|份额|占比", name_fold):
            name = name + "比重"
    elif not name:
        inherited = not post
        name = post or _antecedent(q, fold, text, ss, se, cs, prev_end, time_spans, ctx)
    elif post:
        name = name + post
    elif ind.is_attribute(name_fold) and (ctx.last_name or ctx.scope):
        name = (ctx.last_name or ctx.scope or "") + name  # 总规模 after a fund: that fund's
    elif ind.is_bare_measure(name_fold) and (ctx.scope or (ctx.entity and (ctx.entity_here or verb_initial))):
        # 营业收入 after 全市非公有制经济增加值…: the subject's; 技工贸总收入 after
        # 全市非公有制科技企业达到6400户 (same sentence, or 实现… without a subject): theirs.
        name = (ctx.scope or ctx.entity or "") + name
        scoped = True
    elif len(name) <= 3 and cs > ss:
        # 覆盖率达到99.6% after 全面覆盖新型农村合作医疗: named by the clause before.
        pcs, _ = clause_bounds(fold, cs - 1, ss, se)
        prev = ind.tidy(ind.cut_name(text, fold, ind.strip_lead(fold, pcs, cs - 1, time_spans), cs - 1, time_spans))
        if 0 < len(prev) <= 30 and not re.search(r"\d", prev):
            name = prev + name
    name = ind.tidy(name)
    goal_word = _GOAL_WORD_END_RE.search(name)
    if goal_word and goal_word.start() >= 2:
        name = name[: goal_word.start()]  # 城镇化率目标为60% -> 城镇化率: the goal is the record, not its name
    verb = _TRAILING_VERB_RE.search(name)
    if verb and verb.start() >= 2:
        name = name[: verb.start()]  # 三次产业结构调整为 -> 三次产业结构: names carry no verbs
    inner = _SCOPE_VERB_RE.match(name)
    if inner and len(name) - inner.end() >= 2:
        name = name[: inner.start(1)] + name[inner.end() :]  # 全县完成地区生产总值 -> 全县地区生产总值
    if not name:
        return None
    name_fold = fold_traditional(normalize_for_parsing(name))
    kind = classify_kind(
        lead_fold, q.unit, name_fold + post, to_level=to_level, counted_noun=bool(post), after=fold[q.end : ce]
    )
    # Update the carried subject.
    if subject:
        ctx.scope = subject
    elif kind not in ("growth", "change") and "占" not in name_fold and not scoped:
        sc = ind.scope_of(name, name_fold)
        if sc:
            ctx.scope = sc
    ctx.last_any = name
    if kind not in ("growth", "change") or q.unit == "番":  # 数量翻一番，达到3000家: the same level
        ctx.last_name = name
        ctx.sentence_name = name
        if kind != "share":
            ctx.last_base = name
            ctx.sentence_base = name
        if _entity(name):
            ctx.entity, ctx.entity_here = name, True
    gov, year, per = _figure_time(q, sent, cs, ctx, para, plan_period, fold)
    evidence = target_evidence(
        fold[cs:ce],
        cues,
        year=year,
        period=per,
        time_marker=gov.marker if gov else None,
        dated=bool(gov and gov.month is not None),
        plan_period=plan_period,
        prior=para.prior,
        annual_document=d.annual_document,
        genre=d.genre,
        goal_list=0 <= ctx.goal_list <= q.start,
        review_year=d.review_year,
    )
    if _counts_indicators(q, name_fold + post, fold, ss, se, d.genre):
        evidence = min(evidence, -2.0)  # 23项主要指标, 约束性指标12个: the plan's own structure, a fact
        kind = "count" if q.unit != "%" else kind
    if (
        plan_period is not None
        and not d.annual_document
        and gov is not None
        and gov.kind == "annual"
        and fold.startswith(("今年", "本年"), gov.start)
        and "预计" in fold[ss : q.start]
    ):
        # 预计今年底城镇居民收入能够达到22600元 in a plan: the outcome of the year it is written in.
        evidence = min(evidence, -2.0)
        year, per = plan_period[0] - 1, None
    done = _PLAN_DONE_RE.search(fold, cs, q.start) if q.unit in ("%", "成") and not plan_figure else None
    if plan_figure:
        evidence = max(evidence, 2.0)
    elif done and not COMMITMENT_MARKER_RE.search(fold, cs, done.start()):
        evidence = min(evidence, -2.0)  # 完成计划的108.1%, 年计划完成比例79.77%: a result against the plan
    target = evidence > 0
    if not target:
        year, per, kind = _fact_time(fold, ss, q, gov, year, per, kind, para, plan_period)
        if year is None and per is None and para.report_year is not None:
            year = para.report_year
        if per is not None and kind in ("level", "share"):
            year, per = _change_of_state_end(fold, ss, q, year, per)
        if kind == "change" and per is None and _BARE_DECREASE_RE.match(fold, max(cs, prev_end), q.start):
            kind = "growth"  # 农业总产值19.1亿元、下降0.5%: the year's rate of the level before it
    # 同比下降2.0%: a decrease written as growth is a negative rate (the verb is read for growth only).
    decrease = kind == "growth" and q.value > 0 and _DECREASE_END_RE.search(_TRAILING_FIGURES_RE.sub("", lead_fold))
    sign = -1 if decrease else 1
    # Annual (全年/今年) targets belong to reports without a multi-year period.
    annual = plan_period is None and (
        d.annual_document or cues.annual or (gov is not None and gov.kind == "annual")
    )
    start = min(name_lo, q.start)
    end = q.end
    if q.comparator_span and q.comparator_span[0] >= q.end and q.comparator_span[1] <= ce:
        end = max(end, q.comparator_span[1])
    while end < ce and fold[end] in "多余左右" and end - q.end < 3:
        end += 1
    if fold[end : end + 2] in ("左右", "以上", "以内", "以下"):
        end += 2
    return _Record(
        q=q, start=start, end=end, indicator=name, kind=kind, target=target, year=year, period=per,
        annual=annual, horizon=cues.horizon, section=para.section, quote=text[start:end],
        distributive=bool(_DISTRIBUTE_RE.search(lead_fold, max(0, len(lead_fold) - 6)) or _DISTRIBUTE_BASE_RE.search(lead_fold)), sign=sign,
        evidence=_evidence_key(target, evidence, inherited, d.genre),
    )


def _change_of_state_end(
    fold: str, ss: int, q: Quantity, year: int | None, per: tuple[int, int]
) -> tuple[int | None, tuple[int, int] | None]:
    """A level in a review of a period that states a change of state is the state at one end:
    由2005年的36.8%优化为41%: the period's end; 由31%提高到38.5%: the year before its start."""
    if _FROM_TO_RE.search(fold, ss, q.start):
        return per[1], None
    if _FROM_START_RE.search(fold, max(ss, q.start - 3), q.start) and _TO_NEXT_RE.match(fold, q.end):
        return per[0] - 1, None
    return year, per


_INDICATORS_REACHED_RE = re.compile(r"指标.{0,4}(达到|完成|实现|超过|符合|快于|慢于)")


def _counts_indicators(q: Quantity, name_fold: str, fold: str, ss: int, se: int, genre: str) -> bool:
    """A count (or share) of the plan's indicators: 纲要提出23项主要指标, 约束性指标12个, 20个指标达到
    进度要求, 约占86.96%. It states the plan's structure or its progress: a fact, never a goal."""
    unit = fold_traditional(q.unit or "")
    if unit_core(unit) in ("项", "个"):
        return "指标" in name_fold or "指标" in fold[q.end : q.end + 6] or (genre == "midterm" and "指标" in fold[ss:se])
    return unit == "%" and bool(_INDICATORS_REACHED_RE.search(name_fold))


def _same_rate_list(prev: _Record, rec: _Record) -> bool:
    """The next item of a list of rates in one unit (下降50%、42.9%) is the same kind of rate."""
    return prev.kind in ("growth", "change") and prev.q.unit == rec.q.unit and rec.q.unit in ("%", "个百分点", "百分点")


def _evidence_key(target: bool, evidence: float, inherited: bool, genre: str) -> str:
    """The calibration bucket of a figure (planwatch.extract.confidence): its decision, how clear
    the evidence was, whether its clause named it, and whether the document is a plan."""
    margin = abs(evidence)
    strength = "weak" if margin < 2 else "mid" if margin < 4 else "strong"
    return "|".join(
        ("target" if target else "fact", strength, "inherited" if inherited else "named",
         "plan" if genre in ("plan", "gazetteer") else "report")
    )


def _antecedent(
    q: Quantity,
    fold: str,
    text: str,
    ss: int,
    se: int,
    cs: int,
    prev_end: int,
    time_spans: list[tuple[int, int]],
    ctx: _Context,
) -> str:
    """The indicator of a figure whose clause names none (年均增长18%, 达到3000家).

    A clause before it without a figure names it (高新技术企业数量翻一番，达到3000家); else a
    percentage growth or multiple belongs to the last level (not its share), a change in
    个百分点 to the last rate or share, and anything else to the last figure named.
    """
    pcs, pce = clause_bounds(fold, cs - 1, ss, se) if cs > ss else (cs, cs)
    if cs > ss and prev_end <= pcs:
        lo = ind.strip_lead(fold, pcs, pce, time_spans)
        hi = ind.strip_tail(fold, lo, pce, time_spans)
        prev = ind.tidy(ind.cut_name(text, fold, lo, hi, time_spans))
        if 2 <= len(prev) <= 30:
            return prev
    order: tuple[str | None, ...]
    if q.unit in ("个百分点", "百分点"):
        order = (ctx.sentence_name, ctx.last_name, ctx.last_any)
    elif q.unit in ("%", "倍"):
        order = (ctx.sentence_base, ctx.sentence_name, ctx.last_base, ctx.last_name, ctx.last_any)
    else:
        order = (ctx.sentence_name, ctx.last_name, ctx.last_any)
    return next((n for n in order if n), ctx.scope or "")


def _figure_time(
    q: Quantity,
    sent: _Sentence,
    cs: int,
    ctx: _Context,
    para: _Paragraph,
    plan_period: tuple[int, int] | None,
    fold: str,
) -> tuple[TimeExpr | None, int | None, tuple[int, int] | None]:
    """(governing time expression, year, period) of a figure: the last time in its clause, else
    the sentence's leading time, else the paragraph's, else its section heading's."""
    lead = sent.lead_time
    if lead is not None and _clause_bound(fold, lead, cs):
        lead = None
    gov = _governing_time(sent.times, cs, q.start) or (lead if lead and lead.start < q.start else None)
    if gov is not None and gov.start < cs and gov.marker in ("到", "至") and _NOW_RE.search(fold, cs, q.start):
        gov = None  # 规划提出到2015年…，目前已完成规划目标的81%: now, not the horizon
    if gov is not None and fold[gov.start - 1 : gov.start] in ("由", "从") and _TO_AFTER_FROM_RE.search(
        fold, gov.end, q.start
    ):
        gov = None  # 由2005年的36.8%优化为41%: 2005 is the start's year, not the end's
    # 力争在3—5年内: a relative horizon; an earlier sentence's year does not apply.
    if gov is None and not sent.cues.horizon:
        gov = ctx.time
    year = gov.year if gov else None
    per = gov.period if gov and gov.kind == "period" else None
    if gov is not None and gov.kind == "annual":
        # 全年 in a dated context (2005年…。全年…) is that year; otherwise an annual target.
        carried = ctx.time if ctx.time is not None and ctx.time.kind == "year" and plan_period else None
        year, per = (carried.year, None) if carried else (None, None)
    heading = para.section_time
    if gov is None and heading is not None and not sent.cues.horizon:
        per = heading.period if heading.kind == "period" else None
        year = heading.year if heading.kind != "period" else None
    return gov, year, per


_YEARS_CUMULATIVE_RE = re.compile(r"([一二三四五六七八九十两]|\d{1,2})年(?:(?:以)?来(?:累计|共)?|累计|共)")
_CN_SMALL = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}


def _fact_time(
    fold: str, ss: int, q: Quantity, gov: TimeExpr | None, year: int | None,
    per: tuple[int, int] | None, kind: str, para: _Paragraph, plan_period: tuple[int, int] | None = None,
) -> tuple[int | None, tuple[int, int] | None, str]:
    """Two readings of a fact's time the sentence's time alone misses: "五年累计淘汰…" (2010年
    context) is the sum over 2006-2010; "全年实施项目86个" under "一、2023年工作回顾" is 2023's."""
    if year is not None and per is None:
        n = _YEARS_CUMULATIVE_RE.search(fold, ss, q.start)
        if n:
            span = int(n.group(1)) if n.group(1).isdigit() else _CN_SMALL[n.group(1)]
            return None, (year - span + 1, year), "cumulative" if kind == "level" else kind
    heading = para.section_time
    annual = year is None and per is None and gov is not None and gov.kind == "annual"
    if annual and heading is not None and heading.kind == "year" and para.prior < 0:
        return heading.year, None, kind
    if kind == "growth" and year is not None and per is None and _AVERAGE_RE.search(fold, max(ss, q.start - 12), q.start):
        average = _average_period(fold, ss, q, year, para, plan_period)
        if average is not None:
            return None, average, kind
    return year, per, kind


_AVERAGE_RE = re.compile(r"年均|年平均|平均每年|平均年")
_BASE_YEAR_RE = re.compile(r"[比较]((?:19|20)\d{2})\s*年")


def _average_period(
    fold: str, ss: int, q: Quantity, year: int, para: _Paragraph, plan_period: tuple[int, int] | None
) -> tuple[int, int] | None:
    """The years an average growth stated for ``year`` runs over (年均 gives a period): from a
    comparison base (比2002年…年均增长: 2003..year), the heading's period, the five years before the
    plan, or the five-year plan period ending in ``year``."""
    base = None
    for m in _BASE_YEAR_RE.finditer(fold, max(ss, q.start - 40), q.start):
        base = int(m.group(1))
    if base is not None and base < year:
        return base + 1, year
    heading = para.section_time
    if heading is not None and heading.period and heading.period[1] == year:
        return heading.period
    if (plan_period is not None and year == plan_period[0] - 1) or year % 5 == 0:
        return year - 4, year
    return None


# A numbered item named by an industry (3. 生物医药产业。…产值达到120亿元): its figures' subject.
_INDUSTRY_TITLE_RE = re.compile(r"^[\u4e00-\u9fff]{2,10}(产业|工业|制造业|服务业|农业)$")


def _section_subject(outline: Outline | None, offset: int) -> str | None:
    """The industry a numbered item is about, when its heading is just that name (新材料产业)."""
    sec = outline.section_at(offset) if outline is not None else None
    if sec is None or sec.kind in ("part", "chapter", "section", "title", "box"):
        return None
    title = sec.title.strip(" 。.：:")
    return title if _INDUSTRY_TITLE_RE.match(fold_traditional(normalize_for_parsing(title))) else None


_SUBJECT_JOIN_RE = re.compile(r"[、和与及]")  # between two subjects sharing a figure


def _split_pair(prev: _Record, rec: _Record) -> None:
    """"城乡居民人均可支配收入分别达到A和B", "化学需氧量、氨氮排放总量分别控制在A和B": the two
    figures of a 分别 pair belong to the two subjects of the list, in order."""
    if rec.indicator != prev.indicator:
        return
    name = prev.indicator
    name_fold = fold_traditional(normalize_for_parsing(name))
    m = _URBAN_RURAL_RE.search(name_fold)
    if m:
        trad = "鄉" in name[m.start() : m.end()]
        urban, rural = ("城鎮", "農村") if trad else ("城镇", "农村")
        who = name[m.start() + 2 : m.end()]
        prev.indicator = name[: m.start()] + urban + who + name[m.end() :]
        rec.indicator = name[: m.start()] + rural + who + name[m.end() :]
        return
    parts = _SUBJECT_JOIN_RE.split(name_fold)
    if len(parts) != 2 or not all(parts):
        return
    cut = len(parts[0])
    first, second = name[:cut], name[cut + 1 :]
    shared = _SHARED_TAIL_RE.search(parts[1])
    measure = ind.measure_suffix(parts[1]) or (shared.group(0) if shared else "")
    prev.indicator = first + second[len(second) - len(measure) :] if measure and not first.endswith(measure) else first
    rec.indicator = second


def _entity(name: str | None) -> bool:
    return bool(name) and ind.is_entity(fold_traditional(normalize_for_parsing(name or "")))


def _postfix(text: str, fold: str, q: Quantity, ce: int) -> str:
    """The noun phrase right after a count (20个|全国性品牌产品), up to the clause end."""
    pos = q.end
    while pos < ce and fold[pos] in " 多余以上左右":
        pos += 1
    cls = _CLASS_RE.match(fold, pos, ce)  # 16个|500亿级产业集群: the class belongs to the noun
    if pos >= ce or not (_is_cjk_word(fold[pos]) or cls):
        return ""
    stop = min(ce, pos + 30)
    m = _POSTFIX_STOP_RE.search(fold, pos, stop)
    if m:
        stop = m.start()
    return text[pos:stop].strip()


_CLASS_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)?\s*(?:元|吨|千瓦)?级")
_CLAUSE_BOUND_RE = re.compile(r"\s*(累计|年均|平均|共)")


def _clause_bound(fold: str, t: TimeExpr, cs: int) -> bool:
    """"“十三五”期间累计新增就业42.6万人；城乡居民收入达到…": a period that opens a sum or an
    average governs its own clause only, not the figures after it."""
    return t.kind == "period" and t.end <= cs and _CLAUSE_BOUND_RE.match(fold, t.end) is not None


def _governing_time(times: list[TimeExpr], cs: int, qs: int) -> TimeExpr | None:
    """The last time expression in the figure's own clause before it."""
    best = None
    for t in times:
        if cs <= t.start < qs:
            best = t
    return best


def _split_subjects(rec: _Record, fold: str) -> list[_Record]:
    """"生产总值和人均生产总值均比2004年翻一番", "财政总收入和地方财政收入年均增长13%": one figure
    that 均/分别 applies to each of two subjects named before it, one record per subject."""
    if _RATE_LIST_RE.match(fold, rec.end) or "|inherited|" in rec.evidence:
        return [rec]  # a list of rates pairs with its subjects; a name not written here is not split
    name = rec.indicator
    parts = _SUBJECT_JOIN_RE.split(fold_traditional(normalize_for_parsing(name)))
    if len(parts) != 2 or min(len(p) for p in parts) < 3:  # (the folded name has the name's length)
        return [rec]
    first, second = name[: len(parts[0])], name[len(parts[0]) + 1 :]
    shared = _SHARED_TAIL_RE.search(parts[1])
    measure = ind.measure_suffix(parts[1]) or (shared.group(0) if shared else "")
    if measure and not ind.measure_suffix(parts[0]) and not first.endswith(measure):
        first += second[len(second) - len(measure) :]  # 化学需氧量和氨氮排放总量: both 排放总量
    return [replace(rec, indicator=first, evidence=rec.evidence + "|distributed"), replace(rec, indicator=second)]


_RATE_LIST_RE = re.compile(r"\s*[、和及与]\s*-?\d+(?:\.\d+)?\s*(?:%|个百分点|倍)")  # (matched in the folded text: 個百分點 is 个百分点 there)


def _distribute(rec: _Record, sent_records: list[_Record], fold: str) -> list[_Record]:
    """分别增长14%: one growth record per figure named before it in the sentence."""
    if rec.kind in ("growth", "change") and (not rec.distributive or not sent_records):
        return _split_subjects(rec, fold)
    if not rec.distributive or rec.kind not in ("growth", "change", "share"):
        return [rec]
    earlier: list[_Record] = []
    for r in reversed(sent_records):
        if r.kind in ("growth", "change") or r.distributive:
            break
        earlier.append(r)
    if len(earlier) < 2:
        return _split_subjects(rec, fold) if not earlier else [rec]
    earlier.reverse()
    if _RATE_LIST_RE.match(fold, rec.end):
        rec.indicator = earlier[0].indicator  # 分别下降50%、42.9%: one rate per figure, in order
        return [rec]
    return [replace(rec, indicator=r.indicator, distributive=True, evidence=rec.evidence + "|distributed") for r in earlier]


# ---- records to Targets / Facts -------------------------------------------------------------


def _comparator(q: Quantity) -> str:
    if q.value_high is not None:
        return "range"
    if q.comparator == ">":
        return ">="
    if q.comparator == "<":
        return "<="
    return q.comparator if q.comparator in ("=", ">=", "<=", "range") else "="


def _signed(value: float | None, sign: int) -> float | None:
    return value if value is None or sign > 0 else -value


def _split(
    records: list[_Record], plan_period: tuple[int, int] | None, annual_document: bool
) -> tuple[list[Target], list[Fact]]:
    targets: list[Target] = []
    facts: list[Fact] = []
    for r in records:
        q = r.q
        unit = q.unit or ""
        if r.target:
            annual = r.annual or (annual_document and r.year is None and r.period is None)
            year: int | None
            if r.period is not None:
                year = r.period[1]
            elif r.year is not None:
                year = r.year
            elif annual or r.horizon:
                year = None
            else:
                year = plan_period[1] if plan_period else None
            if year is not None:
                annual = False if not r.annual else annual
            targets.append(
                Target(
                    quote=r.quote, start=r.start, end=r.end, indicator=r.indicator, kind=r.kind,
                    value=q.value * r.sign, value_high=_signed(q.value_high, r.sign), unit=unit,
                    comparator=_comparator(q),
                    target_year=None if annual else year, annual=annual, section=r.section, evidence=r.evidence,
                )
            )
        else:
            facts.append(
                Fact(
                    quote=r.quote, start=r.start, end=r.end, indicator=r.indicator, kind=r.kind,
                    value=q.value * r.sign, value_high=_signed(q.value_high, r.sign), unit=unit,
                    year=r.year if r.period is None else None, period=r.period, section=r.section,
                    evidence=r.evidence,
                )
            )
    return targets, facts


# ---- baselines ------------------------------------------------------------------------------


def _char_f1(a: str, b: str) -> float:
    """F1 of the two names' character multisets (how alike two indicator names are)."""
    if not a or not b:
        return 0.0
    ca, cb = _char_counts(a), _char_counts(b)
    if len(ca) > len(cb):
        ca, cb = cb, ca
    common = sum(min(n, cb[ch]) for ch, n in ca.items() if ch in cb)
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


@functools.lru_cache(maxsize=4096)
def _char_counts(s: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in s:
        counts[ch] = counts.get(ch, 0) + 1
    return counts


_MAX_BASELINE_CANDIDATES = 60
_SCALES = (("万亿", 1e12), ("亿", 1e8), ("千万", 1e7), ("百万", 1e6), ("万", 1e4), ("千", 1e3))


@functools.lru_cache(maxsize=1024)
def _scaled(unit: str) -> tuple[str, float]:
    """(unit without multiplier, multiplier): 万亿元 -> (元, 1e12); % -> (%, 1)."""
    for prefix, scale in _SCALES:
        if unit.startswith(prefix) and len(unit) > len(prefix) and unit != "个百分点":
            return unit[len(prefix) :], scale
    return unit, 1.0


def _fact_year(f: Fact) -> int | None:
    """The year a fact describes; a level or share stated for a period describes its end."""
    if f.year is not None:
        return f.year
    if f.period is not None and f.kind in ("level", "share"):
        return f.period[1]
    return None


def _link_baselines(targets: list[Target], facts: list[Fact], fold: str) -> None:
    """A target's baseline: the same indicator's latest earlier value stated in the document,
    converted to the target's unit (1.2万亿元 for a target in 亿元 -> 12000)."""
    # Candidates share kind, unit and the head noun (the last two characters: Chinese noun
    # phrases are head-final), and only the latest few are compared: linear in document size.
    index: dict[tuple[str, str, str], list[Fact]] = {}
    for f in facts:
        if f.kind in ("level", "share") and _fact_year(f) is not None:
            index.setdefault((f.kind, _scaled(f.unit)[0], f.indicator[-2:]), []).append(f)
    candidates: list[tuple[Target, list[tuple[float, int, Fact]]]] = []
    for t in targets:
        if t.kind in ("level", "share"):
            candidates.append((t, _baseline_candidates(t, index, fold)))
    # A fact is the baseline only of the targets most like it: of 二氧化硫排放总量 and 氮氧化物排放总量
    # (one unit, similar names) the 2010 SO2 figure is the SO2 target's base only.
    fact_best: dict[int, float] = {}
    for _, cands in candidates:
        for sim, _, f in cands:
            fact_best[id(f)] = max(fact_best.get(id(f), 0.0), sim)
    for t, cands in candidates:
        scale = _scaled(t.unit)[1]
        best: tuple[float, int, Fact] | None = None
        for sim, year, f in cands:
            if sim < fact_best[id(f)] - 1e-9:
                continue
            if best is None or (sim, year) > best[:2]:
                best = (sim, year, f)
        if best is not None:
            f = best[2]
            factor = _scaled(f.unit)[1] / scale
            t.baseline_value = f.value if factor == 1 else round(f.value * factor, 10)
            t.baseline_year = best[1]


_WHOLE_SCOPE_RE = re.compile(r"^(?:全市|全区|全县|全省|全国|全州|全旗|我市|我区|我县|我省|本市|本区|本县|全部|全)")


@functools.lru_cache(maxsize=4096)
def _same_scope(a: str, b: str) -> bool | None:
    """True when two indicator names are the same measure of the same whole once a word naming
    the whole is dropped (工业增加值 / 全部工业增加值); False when one is the other with a
    qualifier naming a part (工业增加值 / 重工业增加值, 规模以上工业增加值); None otherwise."""
    a, b = _WHOLE_SCOPE_RE.sub("", a), _WHOLE_SCOPE_RE.sub("", b)
    if a == b:
        return True
    if a.endswith(b) or b.endswith(a):
        return False
    return None


def _baseline_candidates(
    t: Target, index: dict[tuple[str, str, str], list[Fact]], fold: str
) -> list[tuple[float, int, Fact]]:
    """(similarity, year, fact) of every earlier fact that may be the target's baseline."""
    out: list[tuple[float, int, Fact]] = []
    core, scale = _scaled(t.unit)
    for f in index.get((t.kind, core, t.indicator[-2:]), [])[-_MAX_BASELINE_CANDIDATES:]:
        year = _fact_year(f)
        f_scale = _scaled(f.unit)[1]
        if year is None:
            continue
        if t.target_year is not None and year >= t.target_year:
            continue
        if "其中" in fold[max(0, f.start - 6) : f.start]:
            continue  # 其中，轻工业增加值…: a component, not the whole
        if bool(_PER_UNIT_RE.search(t.indicator)) != bool(_PER_UNIT_RE.search(f.indicator)):
            continue  # 每户企业年收入 is not the total of all enterprises
        ratio = (t.value * scale) / (f.value * f_scale) if f.value else 0.0
        if t.kind == "level" and not 0.05 <= ratio <= 50:
            continue  # a goal 100 times below (or above) the base is about something else
        scope = _same_scope(t.indicator, f.indicator)
        if scope is False:
            continue  # 重工业增加值 is a part of 工业增加值, never its baseline
        sim = 1.0 if scope else _char_f1(t.indicator, f.indicator)
        if sim < (0.7 if f_scale == scale else 0.85):
            continue
        out.append((sim, year, f))
    return out
