"""Deciding, for one figure, whether it is a target or a fact, and what kind of figure it is.

Chinese plans mark the future with 到…年 / 力争 / 确保 / 将 / 要 / 预期 / 全年 / 目标 and the past with
已 / 累计 / 比上年增长 / “十五”期间 / a year before the plan period. The section a figure sits in
is a prior: goal and task sections (目标, 任务, 重点, 措施) hold targets, review sections (回顾,
基础, 现状, 成就, 特点, 问题, 形势) hold facts. All matching is on folded text (simplified chars,
half-width punctuation); nothing here depends on one particular plan's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.extract.fold import fold_traditional
from planwatch.extract.tasks import opens_with_measure_verb

# ---- target vs fact -------------------------------------------------------------------------

REVIEW_SECTION_RE = re.compile(
    r"(发展|规划|现实|工作|良好|坚实)基础|基础条件|回顾|现状|成就|成绩|成效|进展|特点|基本情况|发展历程|历程|"
    r"(存在|主要|突出)的?(主要)?问题|面临的?(形势|挑战|机遇)|(机遇|条件)(和|与)(挑战|机遇)|发展(环境|形势|条件)|"
    r"形势(分析|研判)?$|总结|不足|差距|执行情况|完成情况|执行结果|过去[一二三四五]年"
)
GOAL_SECTION_RE = re.compile(r"草案|目标|任务|重点|措施|举措|工作|指标|构想|思路|布局|部署|安排|战略|行动|工程|项目")

TARGET_MARKER_RE = re.compile(
    r"力争|确保|争取|计划|预计|预期|将|要|目标|期末|全年|今年|年内|以后|届时|实现翻番|应|必须|努力|规划"
)
COMMITMENT_MARKER_RE = re.compile(r"力争|确保|争取|计划|目标|要|必须|努力")
FACT_MARKER_RE = re.compile(
    r"目前|现有|当前|截至|截止|已|累计|比上年|同比|较上年|去年|上年|(实现|完成|达到|取得|建成|增长|提高|突破|形成|成立|新增)了|"
    r"曾|以来|先后|共有|达到历史"
)

_MIDTERM_MARKER_RE = re.compile(r"力争|确保|争取|将|要|预计到|必须|努力")
_ALREADY_RE = re.compile(r"已经?(?:达到|达|实现|完成|有|超过|突破|建成|提高|增加|下降|降低)")
_FUTURE_WORD_RE = re.compile(r"力争|确保|争取|将|要|计划|预计|预期")


def section_prior(section_titles: str) -> int:
    """+1 for a goal/task section, -1 for a review section, 0 when unknown.

    ``section_titles`` are the titles from the outermost section down, joined by " / ": the
    outermost title that says anything decides (一、“十五”发展回顾 / （一）超额完成…目标 is a review).
    """
    for title in section_titles.split(" / "):
        title = fold_traditional(title)
        # The word read last decides: 2021年计划执行情况及2022年计划草案 looks ahead, 过去一年工作回顾 back.
        review = _last(REVIEW_SECTION_RE, title)
        goal = _last(GOAL_SECTION_RE, title)
        if review and goal:
            return 1 if goal.start() > review.start() else -1
        if review:
            return -1
        # A heading that is itself a measure (推动绿色低碳发展, 深入打好污染防治攻坚战) holds goals.
        if goal or opens_with_measure_verb(title):
            return 1
    return 0


def _last(rx: re.Pattern[str], s: str) -> re.Match[str] | None:
    matches = list(rx.finditer(s))
    return matches[-1] if matches else None


@dataclass(frozen=True)
class SentenceCues:
    """Sentence-wide markers, computed once per sentence (not once per figure)."""

    target: bool
    commitment: bool
    fact: bool
    future: bool
    annual: bool
    horizon: bool

    @classmethod
    def of(cls, sentence_text: str) -> SentenceCues:
        return cls(
            target=bool(TARGET_MARKER_RE.search(sentence_text)),
            commitment=bool(COMMITMENT_MARKER_RE.search(sentence_text)),
            fact=bool(FACT_MARKER_RE.search(sentence_text)),
            future=bool(_FUTURE_WORD_RE.search(sentence_text)),
            annual=bool(ANNUAL_RE.search(sentence_text)),
            horizon=bool(HORIZON_RE.search(sentence_text)),
        )


_RESULT_GENRES = frozenset(["execution_report", "midterm"])
ANNUAL_RE = re.compile(r"全年|今年|年内|本年")
HORIZON_RE = re.compile(r"\d+\s*[-—–~～至到]?\s*\d*\s*年(内|左右|时间)|几年内|[一二三四五六七八九十两]+年内")


def target_evidence(
    clause_text: str,
    sentence: SentenceCues,
    *,
    year: int | None,
    period: tuple[int, int] | None,
    time_marker: str | None,
    dated: bool = False,
    plan_period: tuple[int, int] | None,
    prior: int,
    annual_document: bool,
    genre: str = "plan",
    goal_list: bool = False,
    review_year: int | None = None,
) -> float:
    """How strongly a figure reads as a target (> 0) or a fact (< 0), from its time, its markers,
    the section prior and the genre. Its size is the confidence of the decision.

    ``year``/``period``/``time_marker`` describe the time expression governing the figure (if any).
    ``genre`` (planwatch.extract.genre): a statistical bulletin states results only; an execution
    report or a mid-term evaluation leans to results unless a clause marks a goal. ``review_year``:
    the year a report reviews (from its title), which dates its figures as results or goals.
    """
    if genre == "bulletin":
        return -5.0
    score = 0.0
    # Time evidence.
    first_year = plan_period[0] if plan_period else None
    # A mid-term evaluation reports the years of the period already past (2011~2012年…增速达13.9%);
    # only a horizon (到2015年) or the period's last year is due.
    past_end = plan_period[1] if plan_period and genre == "midterm" and time_marker not in ("到", "至") else None
    if period is not None:
        if (first_year is not None and period[1] < first_year) or (past_end is not None and period[1] < past_end):
            score -= 3
        elif first_year is not None and period[0] >= first_year:
            score += 2
    if year is not None and first_year is None and review_year is not None and not dated:
        # A report without a plan period: its year under review (and before) is reported, a later
        # year is planned (2022年计划执行情况 / 2023年计划草案).
        score += -3 if year <= review_year and time_marker not in ("到", "至") else 2
    elif year is not None:
        if first_year is not None:
            if year < first_year or (past_end is not None and year < past_end):
                score -= 3
            else:
                # A dated event (2006年7月1日) is weaker evidence than a horizon (到2010年).
                score += 1 if dated else 3
                if genre == "midterm" and plan_period and time_marker in ("到", "至") and year >= plan_period[1]:
                    score += 2  # what is due, in an evaluation of what was reached
        elif time_marker in ("到", "至"):
            score += 1
    # Markers in the clause weigh more than those elsewhere in the sentence. In a review section
    # 将/预计 describe forecasts of the environment, not the plan's own commitments.
    # A mid-term evaluation names the plan's 目标/规划 in every sentence: only a commitment marks a goal.
    markers = _MIDTERM_MARKER_RE if genre == "midterm" else COMMITMENT_MARKER_RE if prior < 0 else TARGET_MARKER_RE
    if markers.search(clause_text) or goal_list:
        score += 2  # goal_list: an item of a list introduced as goals (奋斗目标:…；…)
    elif genre != "midterm" and (sentence.commitment if prior < 0 else sentence.target):
        score += 1
    if FACT_MARKER_RE.search(clause_text):
        score -= 2
    elif sentence.fact:
        score -= 0.5
    if year is not None and time_marker in ("到", "至", "截至") and FACT_MARKER_RE.search(clause_text):
        score -= 2  # 到2005年底已开工40个: a past state reached by a date
    already = year is not None and time_marker not in ("到", "至") and bool(_ALREADY_RE.search(clause_text))
    if annual_document and sentence.future:
        score += 1
    score += 2.5 * prior
    if genre in _RESULT_GENRES:
        score -= 1
        if score == 0:
            return -0.5
    if already:
        return min(score, -2.0)  # 到2020年目标为60%，2017年已达到55.3%: what a dated year has already reached
    if score == 0:
        # No evidence at all: a plan's numbers are mostly goals, a report's mostly results.
        return 0.5 if annual_document or plan_period is not None else -0.5
    return score


# ---- kinds ----------------------------------------------------------------------------------

COUNT_UNITS = frozenset(
    ["户", "家", "个", "项", "所", "支", "种", "台", "件", "座", "条", "批", "名", "处", "套", "辆", "架", "艘", "部", "本", "栋", "间", "张", "份", "只", "头", "次", "人", "人次", "位", "块", "片", "门", "类", "场", "期", "届", "款"]
)
_ACTION_VERB_RE = re.compile(
    r"(培育|新增|新建|扩建|改造|建设|建成|形成|创办|开办|完成|启动|开发|转化|实施|引进|创|收购|组建|设立|成立|"
    r"列入|开工|中标|招标|选聘|取消|停征|重组|扶持|认定|打造|培训|安置|吸纳|转移|带动|创建|落地|签约|入库|推出|"
    r"解决|提供|新上|上马|投产|储备|攻克|获得|获批|申请|组织|举办|选派|整合)"
)
_GROWTH_RE = re.compile(r"(年均|年平均|每年|比上年|同比|较上年|递增|增速|增幅)")
_DOWN_TO_RE = re.compile(r"(下降|降低|降|减少|减|压缩|提高|提升)(到|至)\s*$")
_CHANGE_VERB_RE = re.compile(r"(降低|下降|减少|压缩|节约|削减|缩短|减|降|提高|提升|增加|增长|扩大|翻)$")
_SHARE_RE = re.compile(r"占|比重|比例|结构|份额|占比|率$|率达|率为|率提高|率保持|覆盖率|普及率")
_CAPACITY_RE = re.compile(r"年产|产能|生产能力|生产规模|年生产|年加工|年处理|日处理|装机容量")
_SUM_RE = re.compile(r"累计|共计|合计|总计")
_CUMULATIVE_RE = re.compile(
    r"累计|共计|合计|总计|^共|共盘活|共完成|投入资金|完成.{0,12}投资|规划.{0,8}投资|安排.{0,6}投资|计划总投资"
)
# 年均递减1.6个百分点: points by the year are a yearly rate.
_YEARLY_POINTS_RE = re.compile(r"(年均|年平均|每年)(递减|递增|下降|降低|提高|增长|减少)?$")
# An amount (not a rate or a ratio): a bare percentage of it can only be its growth.
_AMOUNT_END_RE = re.compile(r"(生产总值|增加值|总产值|产值|营业收入|销售收入|财政收入|总收入|投资|销售额|零售总额|进出口总额|利润|利税)(预期目标|目标)?$")


def unit_core(unit: str | None) -> str:
    """The unit without a leading multiplier (万户 -> 户, 亿元 -> 元)."""
    if not unit:
        return ""
    u = unit
    for prefix in ("万亿", "亿", "千万", "百万", "万", "千", "百"):
        if u.startswith(prefix) and len(u) > len(prefix):
            return u[len(prefix):]
    return u


def classify_kind(
    lead: str,
    unit: str | None,
    indicator: str,
    *,
    to_level: bool,
    counted_noun: bool = False,
    after: str = "",
) -> str:
    """Kind of a figure from the words just before it (``lead``, folded) and its unit.

    ``to_level`` is True when the verb says "to" a value (提高到/降至/达到), which makes a
    percentage a level or share rather than a relative change. ``counted_noun``: the thing
    counted follows the number (首批29个重点项目), which reads as a count, not a stock.
    ``after``: the rest of the clause (…20万套的生产能力 makes a capacity).
    """
    u = fold_traditional(unit or "")
    core = unit_core(u)
    lead = lead.rstrip()
    if (u.endswith("个百分点") or u == "百分点") and _YEARLY_POINTS_RE.search(lead):
        return "growth"  # 年均递减1.6个百分点: a yearly rate in points
    if u in ("倍", "番") or u.endswith("个百分点") or u == "百分点":
        return "change"
    if u in ("位", "名") and re.search(r"第|前|排名|排位|位次|名次", lead[-8:] + indicator):
        return "change" if re.search(r"(上升|前进|提升|下降|后退)$", lead) else "level"  # a rank
    if re.search(r"比(\d{4}年|上年|去年|20\d\d)", lead) and not to_level:
        # 比上年增长 is a growth rate; 比2015年增长52.6% is the change over several years.
        if u in ("%", "成") and re.search(r"增长|递增", lead) and re.search(r"上年|去年|年均|平均", lead):
            return "growth"
        return "change"
    if u in ("%", "成", "‰"):
        share_word = _SHARE_RE.search(indicator) or _SHARE_RE.search(lead[-8:])
        if share_word and not (_GROWTH_RE.search(lead) and re.search(r"增长|递增", lead)):
            return "share"
        if re.search(r"增长|递增|增速|增幅", lead[-10:]) or _GROWTH_RE.search(lead[-8:]):
            return "growth"
        if not to_level and _CHANGE_VERB_RE.search(lead):
            return "change"
        if re.search(r"速度|增速|涨幅|增幅", indicator):
            return "growth"
        if _AMOUNT_END_RE.search(indicator):
            return "growth"  # 地区生产总值…调整为9%: a percentage of an amount is its growth
        # 关税下降到25%: a level; 学校达到25%: a share of a whole.
        return "level" if _DOWN_TO_RE.search(lead) and not _SHARE_RE.search(indicator) else "share"
    counted = core in COUNT_UNITS or u in ("万", "亿")
    if _CAPACITY_RE.search(lead) or _CAPACITY_RE.search(indicator) or _CAPACITY_RE.search(after):
        return "level"  # 形成年产汽车70万辆, 90万台生产能力: a capacity level
    if _CUMULATIVE_RE.search(lead) and (not counted or _SUM_RE.search(lead)):
        return "cumulative"
    if counted:
        tail = lead[-6:]
        if re.search(r"(达到|达|发展到|增加到|增至|有|已达|突破|超过|超|为|是)$", tail):
            return "level"
        if _ACTION_VERB_RE.search(tail) or counted_noun:
            return "count"
        return "count" if _ACTION_VERB_RE.search(lead) else "level"
    if not to_level and _CHANGE_VERB_RE.search(lead):
        return "change"
    return "level"
