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
import re
from dataclasses import dataclass, field

from planwatch.documents import Document
from planwatch.extract import indicators as ind
from planwatch.extract.classify import (
    COUNT_UNITS,
    SentenceCues,
    classify_kind,
    is_target,
    section_prior,
    unit_core,
)
from planwatch.extract.fold import fold_traditional
from planwatch.extract.model import Fact, Target
from planwatch.extract.sentences import clause_bounds, iter_sentences
from planwatch.outline import Outline
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
    sentence: int
    quote: str = ""
    distributive: bool = False


@dataclass
class _Context:
    """State carried through a paragraph: its leading time, the current subject scope."""

    time: TimeExpr | None = None
    scope: str | None = None
    last_name: str | None = None
    names: list[str] = field(default_factory=list)


_SKIP_UNITS = frozenset(["年", "月", "日", "周", "季度", "年代", "世纪", "号", "期", "届", "次会议"])
_SPEC_DIMENSIONS = frozenset(("power", "energy", "length", "volume", "area", "mass", "speed"))
_AFTER_OK = set("以上下左右多余强等及和与、或至到—-~～")
_CAPACITY_RE = re.compile(r"年产|产能|生产能力|年生产|年加工|年处理|日处理|装机")
_DE_KEEP_RE = re.compile(
    r"的(预期|发展|规划|奋斗|总体|年度|生产)?(能力|规模|水平|目标|任务|速度|增长|幅度|增幅|比例|比重|份额)"
)
_DEMONSTRATIVE = set("这那该此")
_BARE_OK_RE = re.compile(r"(为|达到|达|是|指数|综合指数)\s*$")
_DISTRIBUTE_RE = re.compile(r"分别|各自|均")
_VERB_ONLY_RE = re.compile(
    r"^(新增|增加|减少|精简|压缩|提高|降低|下降|增长|扩大|达到|实现|完成|累计|合计|共|保持|分别是|分别为|是|为)+$"
)
_PROJECT_WORD_RE = re.compile(r"项目|工程")
_PROJECT_END_RE = re.compile(r"(项目|工程|生产线|装置|技改|技术改造)$")
_ENUM_VERB_RE = re.compile(r"(达到|达|新增|增加|增至|增加到)$")


def extract_quantitative(
    doc: Document,
    outline: Outline | None,
    period: tuple[int, int] | None,
    *,
    annual_document: bool = False,
    times: list[TimeExpr] | None = None,
) -> tuple[list[Target], list[Fact]]:
    """All targets and facts of ``doc``; ``period`` is the plan's own period (or None).

    ``annual_document`` marks a work report: its forward-looking figures are annual targets
    (annual=True, target_year None) unless a year is written. ``times`` may pass in
    ``find_times(doc.text)`` when the caller already has it.
    """
    text = doc.text
    fold = fold_traditional(doc.norm)
    toc = outline.toc_span if outline else None
    records: list[_Record] = []
    sentence_no = 0
    # One pass of the quantity and time finders over the whole text; paragraphs and sentences
    # take their slices by bisection (linear overall, whatever the number of paragraphs).
    all_qs = find_quantities(text)
    all_times = find_times(text) if times is None else times
    q_starts = [q.start for q in all_qs]
    t_starts = [t.start for t in all_times]
    section_times: dict[int, TimeExpr | None] = {}
    for ps, pe in _paragraph_spans(doc, text):
        if toc and toc[0] <= ps < toc[1]:
            continue
        lo_p, hi_p = bisect.bisect_left(q_starts, ps), bisect.bisect_left(q_starts, pe)
        if lo_p == hi_p:
            continue
        section, titles, project_box = _section_info(outline, ps)
        if project_box:
            continue  # a 专栏 list of projects: names and capacities, not targets
        prior = section_prior(titles)
        section_time = _section_time(outline, ps, all_times, t_starts, section_times)
        ctx = _Context()
        for ss, se in iter_sentences(fold, ps, pe):
            lo_q, hi_q = bisect.bisect_left(q_starts, ss, lo_p, hi_p), bisect.bisect_left(q_starts, se, lo_p, hi_p)
            lo_t, hi_t = bisect.bisect_left(t_starts, ss), bisect.bisect_left(t_starts, se)
            sentence_all_times = all_times[lo_t:hi_t]
            time_spans = [(t.start, t.end) for t in sentence_all_times]
            sent_times = [t for t in sentence_all_times if not _is_comparison(fold, t)]
            lead_time = sent_times[0] if sent_times else None
            if lo_q == hi_q:
                if lead_time is not None and lead_time.kind != "annual":
                    ctx.time = lead_time
                continue
            sentence_no += 1
            cues = SentenceCues.of(fold[ss:se])
            sent_records: list[_Record] = []
            kept_counts: list[Quantity] = []
            prev_end = ss
            for q in all_qs[lo_q:hi_q]:
                if q.end > se:
                    continue
                if _skip(q, text, fold, ss, se, time_spans, kept_counts):
                    continue
                cs, ce = clause_bounds(fold, q.start, ss, se)
                rec = _make_record(
                    q, text, fold, ss, se, cs, ce, ctx, sent_times, lead_time, section_time,
                    time_spans, prior, section, period, annual_document, sentence_no, prev_end, cues,
                )
                prev_end = max(prev_end, q.end)
                if rec is None:
                    continue
                if unit_core(q.unit) in COUNT_UNITS:
                    kept_counts.append(q)
                sent_records.extend(_distribute(rec, sent_records, fold))
            if lead_time is not None and lead_time.kind != "annual":
                ctx.time = lead_time
            records.extend(sent_records)
    targets, facts = _split(records, period, annual_document)
    _link_baselines(targets, facts)
    return targets, facts


# ---- paragraphs and sections ----------------------------------------------------------------


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


def _section_info(outline: Outline | None, offset: int) -> tuple[str, str, bool]:
    """(short path for the record, all titles from the root down joined for the prior,
    whether the text is inside a 专栏 box listing projects)."""
    if outline is None:
        return "", "", False
    sec = outline.section_at(offset)
    if sec is None:
        return "", "", False
    chain = [sec, *sec.ancestors()]
    titles = [a.title for a in chain if a.kind != "title"]
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


def _is_comparison(fold: str, t: TimeExpr) -> bool:
    """比2000年 / 较上年 / 是2000年末的3.8倍 / 比上年: a comparison base, not the figure's time."""
    if t.kind == "previous_year":
        return True
    before = fold[max(0, t.start - 2) : t.start]
    return before.endswith(("比", "较", "是", "于", "比“", "较“"))


def _skip(
    q: Quantity,
    text: str,
    fold: str,
    ss: int,
    se: int,
    time_spans: list[tuple[int, int]],
    kept_counts: list[Quantity],
) -> bool:
    unit = q.unit
    if unit in _SKIP_UNITS:
        return True
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
    if nxt == "的" and not capacity and not _DE_KEEP_RE.match(fold, after_pos, min(se, after_pos + 8)):
        return True
    tail = fold[q.end : after_pos]
    if ("以上" in tail or "以下" in tail) and nxt and _is_cjk_word(nxt):
        return True  # 投资在5000万元以上工业项目: a threshold qualifying the noun that follows
    # A threshold after a count in the same clause: 2户销售收入200亿元以上, 有19户企业缴税超过千万元.
    if q.comparator in (">=", ">") and unit_core(unit) not in COUNT_UNITS:
        for c in kept_counts:
            if c.end <= q.start and not _clause_break_between(fold, c.end, q.start):
                return True
    if q.text[:1] in "数几" or (before and before[-1] in "前第数几"):
        return True  # 数十家, 上百个: vague; 前20名, 第3位: ranks
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


def _followed_by_noun(
    q: Quantity, fold: str, ss: int, after_pos: int, capacity: bool, kept_counts: list[Quantity]
) -> bool:
    """Skip a figure that specifies the noun after it: 25万千瓦重型燃气轮机, 20万吨/年苯酚丙酮扩建,
    百万千瓦级, a project-list item (、10万套轿车内外塑料饰件、…项目)."""
    unit = q.unit or ""
    nxt = fold[after_pos]
    if "/" in unit or nxt in "级型号":
        return True
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
    text: str,
    fold: str,
    ss: int,
    se: int,
    cs: int,
    ce: int,
    ctx: _Context,
    sent_times: list[TimeExpr],
    lead_time: TimeExpr | None,
    section_time: TimeExpr | None,
    time_spans: list[tuple[int, int]],
    prior: int,
    section: str,
    plan_period: tuple[int, int] | None,
    annual_document: bool,
    sentence_no: int,
    prev_end: int,
    cues: SentenceCues,
) -> _Record | None:
    lo = max(cs, q.start - MAX_LEAD, prev_end)
    name_lo = ind.strip_lead(fold, lo, q.start, time_spans)
    name_hi = ind.strip_tail(fold, name_lo, q.start)
    # 分别/均 before the number: the figure applies to several indicators named before.
    lead_fold = fold[lo : q.start]
    name = ind.tidy(ind.cut_name(text, fold, name_lo, name_hi, time_spans))
    name_fold = fold_traditional(normalize_for_parsing(name))
    if _VERB_ONLY_RE.match(name_fold) or (prev_end > cs and fold[prev_end : q.start].rstrip().endswith("、")):
        # 培育20个实践中心、40家企业: the words before 、 belong to the previous item, the verb
        # before the first item is shared.
        name, name_fold = "", ""
        name_lo = q.start
        lead_fold = fold[max(cs, q.start - MAX_LEAD) : prev_end] + fold[prev_end:q.start].rstrip("、 ")
    to_level = bool(re.search(r"(到|至|达到|为|在)\s*$", lead_fold))
    if q.unit == "倍" and re.search(r"(是|为|相当于).*的\s*$", lead_fold):
        name, name_fold = "", ""  # 是2000年末的3.8倍: a multiple of the subject's earlier value
    inner = re.search(r"达到|为|相当于", name_fold)
    if q.unit == "%" and inner and inner.start() > 0 and lead_fold.rstrip().endswith("的"):
        # 教育经费达到GDP的6%: a share of the thing after the verb.
        name = ind.share_name(name[: inner.start()], "占" + name[inner.end() :])
        name_fold = fold_traditional(normalize_for_parsing(name))
    subject: str | None = None
    m = re.search(r"实现|完成", fold[name_lo:name_hi])
    if m and m.start() >= 2:
        subject = ind.tidy(text[name_lo : name_lo + m.start()])
    # Count of things named after the number: 培育20个全国性品牌产品.
    post = ""
    if unit_core(q.unit) in COUNT_UNITS or q.unit in ("万", "亿"):
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
        name = post or ctx.last_name or ctx.scope or ""
    elif post:
        name = name + post
    elif ind.is_bare_measure(name_fold) and ctx.scope:
        name = ctx.scope + name
    name = ind.tidy(name)
    if not name:
        return None
    name_fold = fold_traditional(normalize_for_parsing(name))
    kind = classify_kind(lead_fold, q.unit, name_fold, to_level=to_level)
    # Update the carried subject.
    if subject:
        ctx.scope = subject
    elif kind not in ("growth", "change") and "占" not in name_fold:
        sc = ind.scope_of(name, name_fold)
        if sc:
            ctx.scope = sc
    if kind not in ("growth", "change"):
        ctx.last_name = name
    # Time governing the figure.
    gov = _governing_time(sent_times, cs, q.start) or (lead_time if lead_time and lead_time.start < q.start else None)
    clause_fold = fold[cs:ce]
    # 力争在3—5年内: a relative horizon; an earlier sentence's year does not apply.
    horizon = cues.horizon
    if gov is None and not horizon:
        gov = ctx.time
    year = gov.year if gov else None
    per = gov.period if gov and gov.kind == "period" else None
    marker = gov.marker if gov else None
    if gov is not None and gov.kind == "annual":
        year, per = None, None
    if gov is None and section_time is not None and not horizon:
        per = section_time.period if section_time.kind == "period" else None
        year = section_time.year if section_time.kind != "period" else None
    target = is_target(
        clause_fold, cues, year=year if gov and gov.kind != "period" else (year if gov is None else None),
        period=per, time_marker=marker, dated=bool(gov and gov.month is not None), plan_period=plan_period, prior=prior, annual_document=annual_document,
    )
    if per is not None and year is not None and gov is not None and gov.kind == "period":
        year = None
    # Annual (全年/今年) targets belong to reports without a multi-year period.
    annual = plan_period is None and (
        annual_document or cues.annual or (gov is not None and gov.kind == "annual")
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
        annual=annual, horizon=horizon, section=section, sentence=sentence_no, quote=text[start:end],
        distributive=bool(_DISTRIBUTE_RE.search(lead_fold[-6:])),
    )


def _postfix(text: str, fold: str, q: Quantity, ce: int) -> str:
    """The noun phrase right after a count (20个|全国性品牌产品), up to the clause end."""
    pos = q.end
    while pos < ce and fold[pos] in " 多余以上左右":
        pos += 1
    if pos >= ce or not _is_cjk_word(fold[pos]):
        return ""
    stop = min(ce, pos + 20)
    m = re.compile(r"[、\d]").search(fold, pos, stop)
    if m:
        stop = m.start()
    return text[pos:stop].strip()


def _governing_time(times: list[TimeExpr], cs: int, qs: int) -> TimeExpr | None:
    """The last time expression in the figure's own clause before it."""
    best = None
    for t in times:
        if cs <= t.start < qs:
            best = t
    return best


def _distribute(rec: _Record, sent_records: list[_Record], fold: str) -> list[_Record]:
    """分别增长14%: one growth record per figure named before it in the sentence."""
    if not rec.distributive or rec.kind not in ("growth", "change", "share"):
        return [rec]
    earlier: list[_Record] = []
    for r in reversed(sent_records):
        if r.kind in ("growth", "change") or r.distributive:
            break
        earlier.append(r)
    if len(earlier) < 2:
        return [rec]
    earlier.reverse()
    out = []
    for r in earlier:
        out.append(
            _Record(
                q=rec.q, start=rec.start, end=rec.end, indicator=r.indicator, kind=rec.kind, target=rec.target,
                year=rec.year, period=rec.period, annual=rec.annual, horizon=rec.horizon, section=rec.section,
                sentence=rec.sentence, quote=rec.quote, distributive=True,
            )
        )
    return out


# ---- records to Targets / Facts -------------------------------------------------------------


def _comparator(q: Quantity) -> str:
    if q.value_high is not None:
        return "range"
    if q.comparator == ">":
        return ">="
    if q.comparator == "<":
        return "<="
    return q.comparator if q.comparator in ("=", ">=", "<=", "range") else "="


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
                    value=q.value, value_high=q.value_high, unit=unit, comparator=_comparator(q),
                    target_year=None if annual else year, annual=annual, section=r.section,
                )
            )
        else:
            facts.append(
                Fact(
                    quote=r.quote, start=r.start, end=r.end, indicator=r.indicator, kind=r.kind,
                    value=q.value, value_high=q.value_high, unit=unit,
                    year=r.year if r.period is None else None, period=r.period, section=r.section,
                )
            )
    return targets, facts


# ---- baselines ------------------------------------------------------------------------------


def _char_f1(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    from collections import Counter

    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def _link_baselines(targets: list[Target], facts: list[Fact]) -> None:
    """A target's baseline: the same indicator's latest earlier value stated in the document."""
    for t in targets:
        if t.kind not in ("level", "share"):
            continue
        best: tuple[float, int, Fact] | None = None
        for f in facts:
            if f.kind != t.kind or f.year is None or f.unit != t.unit:
                continue
            if t.target_year is not None and f.year >= t.target_year:
                continue
            sim = _char_f1(t.indicator, f.indicator)
            if sim < 0.7:
                continue
            key = (sim, f.year, f)
            if best is None or key[:2] > best[:2]:
                best = key
        if best is not None:
            t.baseline_value = best[2].value
            t.baseline_year = best[2].year
