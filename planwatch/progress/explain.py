"""Bilingual explanations a planning officer can read aloud: every verdict with its numbers.

The text is built only from the fields of the ``Assessment`` (and the target's wording), so what
is said is exactly what was computed.
"""

from __future__ import annotations

from planwatch.progress.model import Assessment, IndicatorTarget
from planwatch.progress.series import fmt

_CMP_ZH = {">=": "不低于", ">": "高于", "<=": "不高于", "<": "低于", "=": "达到", "range": "介于"}
_CMP_EN = {">=": "at least", ">": "above", "<=": "at most", "<": "below", "=": "reaching", "range": "between"}


def _pct(share: float | None, digits: int = 1) -> str:
    return "—" if share is None else fmt(share * 100.0, digits)


def _span_zh(first: int, last: int) -> str:
    return f"{first}年" if first == last else f"{first}—{last}年"


def _span_en(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _signed_change(target: IndicatorTarget, value: float) -> float:
    """A change in the target's convention -> signed (a positive magnitude of a decrease is negative)."""
    return -value if target.direction == "decrease" and target.value > 0 else value


def _change_unit(target: IndicatorTarget) -> str:
    return target.unit or "%"


def _unit(target: IndicatorTarget) -> str:
    if target.unit:
        return target.unit
    return "%" if target.kind == "share" else ""


def explain(a: Assessment, target: IndicatorTarget) -> tuple[str, str]:
    """(explanation_zh, explanation_en)."""
    return _zh(a, target), _en(a, target)


def _target_text_zh(a: Assessment, target: IndicatorTarget, u: str) -> str:
    nature = "约束性" if a.binding else "预期性"
    if target.kind == "change":
        signed = _signed_change(target, target.value)
        verb = "下降" if signed < 0 else "增长"
        return f"目标为{a.target_year}年比基期{verb}{fmt(abs(signed))}{_change_unit(target)}（{nature}）"
    if target.kind == "growth" and not target.annual:
        start = (a.baseline_year or a.target_year) + 1
        return f"目标为{start}—{a.target_year}年年均增长{fmt(target.value)}%（{nature}）"
    if target.comparator == "range" and target.value_high is not None:
        return f"目标为{a.target_year}年介于{fmt(target.value)}{u}与{fmt(target.value_high)}{u}之间（{nature}）"
    when = f"{a.target_year}年全年" if target.annual else f"{a.target_year}年"
    return f"目标为{when}{_CMP_ZH[target.comparator]}{fmt(target.value)}{u}（{nature}）"


def _target_text_en(a: Assessment, target: IndicatorTarget, u: str) -> str:
    nature = "binding" if a.binding else "expected"
    if target.kind == "change":
        signed = _signed_change(target, target.value)
        verb = "a fall" if signed < 0 else "a rise"
        return (
            f"the {nature} target is {verb} of {fmt(abs(signed))}{_change_unit(target)} on the baseline "
            f"by {a.target_year}"
        )
    if target.kind == "growth" and not target.annual:
        start = (a.baseline_year or a.target_year) + 1
        return f"the {nature} target is average growth of {fmt(target.value)}% a year over {start}–{a.target_year}"
    if target.comparator == "range" and target.value_high is not None:
        return (
            f"the {nature} target is between {fmt(target.value)}{u} and {fmt(target.value_high)}{u} "
            f"in {a.target_year}"
        )
    when = f"for the whole of {a.target_year}" if target.annual else f"by {a.target_year}"
    return f"the {nature} target is {_CMP_EN[target.comparator]} {fmt(target.value)}{u} {when}"


def _zh(a: Assessment, target: IndicatorTarget) -> str:
    u = _unit(target)
    name = target.indicator or "该指标"
    prelim = "（初步数）" if a.preliminary else ""
    rate_unit = ("" if u == "%" else u) if a.rates_from_levels else "%"
    parts: list[str] = []
    goal = _target_text_zh(a, target, u)
    if a.latest_year is None:
        parts.append(f"{name}{goal}。")
    elif target.kind == "change":
        signed = _signed_change(target, a.latest_value or 0.0)
        verb = "下降" if signed < 0 else "增长"
        parts.append(
            f"{name}{goal}；{a.latest_year}年比基期{a.baseline_year}年累计{verb}"
            f"{fmt(abs(signed))}{_change_unit(target)}{prelim}。"
        )
    elif target.kind == "growth" and not target.annual and a.geometric_mean_rate is not None:
        parts.append(
            f"{name}{goal}；{_span_zh((a.baseline_year or 0) + 1, a.latest_year)}几何平均增速为"
            f"{fmt(a.geometric_mean_rate * 100, 2)}%（{a.latest_year}年为{fmt(a.latest_value)}{rate_unit}{prelim}）。"
        )
    elif target.annual:
        parts.append(f"{name}{goal}；截至最新一期累计为{fmt(a.latest_value)}{u}{prelim}。")
    else:
        parts.append(
            f"{name}基期{a.baseline_year}年为{fmt(a.baseline_value)}{u}，{a.latest_year}年为"
            f"{fmt(a.latest_value)}{u}{prelim}，{goal}。"
        )

    if a.status == "achieved":
        parts.append(f"最新值已满足目标，评价为“{a.status_zh}”。")
    elif a.latest_year is not None:
        if a.task_share is not None and a.time_share is not None and (a.method == "cn" or target.annual):
            how = "对数（复合增长）" if a.share_method == "log" else "线性"
            gap = a.gap_points or 0.0
            span = "全年时间" if target.annual else "规划期时间"
            if abs(gap) < 0.05:
                pace = "与序时进度持平"
            else:
                pace = f"{'快于' if gap > 0 else '慢于'}序时进度{fmt(abs(gap), 1)}个百分点"
            parts.append(
                f"按{how}口径计算，已完成目标任务的{_pct(a.task_share)}%，{span}已过"
                f"{_pct(a.time_share)}%，{pace}，评价为“{a.status_zh}”。"
            )
            if a.binding and a.status == "on_track" and gap >= 10:
                parts.append("约束性指标在实现之前最高评为“符合预期”。")
        if a.method == "statcan" and a.ratio is not None and not target.annual:
            parts.append(
                f"按复合增长法（加拿大统计局方法），实际年均增速{_pct(a.cagr_actual, 2)}%，实现目标所需年均增速"
                f"{_pct(a.cagr_required, 2)}%，比值R={fmt(a.ratio, 4)}（分档0.95/0.60/0），得分{fmt(a.score, 2)}，"
                f"评价为“{a.status_zh}”。"
            )
        elif a.method == "statcan" and not target.annual:
            parts.append(f"评价为“{a.status_zh}”。")
        if a.status == "regressing" and a.task_share is not None and a.task_share < 0:
            parts.append("与基期相比，指标向偏离目标的方向变化。")
    if a.status != "achieved" and a.latest_year is not None and not target.annual:
        if a.share_method == "linear" and a.required_points_per_year is not None:
            need = _signed_change(target, a.required_points_per_year) if target.kind == "change" else a.required_points_per_year
            verb = "提高" if need >= 0 else "降低"
            step = "个百分点" if target.kind == "share" else u
            parts.append(f"要在{a.target_year}年实现目标，今后每年还需{verb}{fmt(abs(need), 2)}{step}。")
        elif a.required_rate_remaining is not None:
            verb = "增长" if a.required_rate_remaining >= 0 else "下降"
            parts.append(
                f"要在{a.target_year}年实现目标，{a.latest_year + 1}—{a.target_year}年还需年均{verb}"
                f"{_pct(abs(a.required_rate_remaining))}%。"
            )
        proj = a.projected_value
        if proj.compound is not None or proj.linear is not None:
            what = "规划期年均增速" if target.kind == "growth" else f"{a.target_year}年"
            pu = "%" if target.kind == "growth" else u

            def said(v: float) -> str:
                if target.kind == "change":
                    signed = _signed_change(target, v)
                    return f"比基期{'下降' if signed < 0 else '增长'}{fmt(abs(signed), 2)}{_change_unit(target)}"
                return f"为{fmt(v, 2)}{pu}"

            bits = []
            if proj.compound is not None:
                bits.append(f"按当前复合增速推算，{what}将{said(proj.compound)}")
            if proj.linear is not None:
                bits.append(f"按线性趋势推算{said(proj.linear)}")
            parts.append("；".join(bits) + "。")
    elif target.annual and a.status != "achieved" and a.projected_value.linear is not None:
        parts.append(
            f"全年还需完成{fmt(a.required_points_per_year)}{u}；按目前进度推算全年约为{fmt(a.projected_value.linear, 2)}{u}。"
        )
    parts.extend(a.notes_zh)
    return "".join(parts)


def _en(a: Assessment, target: IndicatorTarget) -> str:
    u = _unit(target)
    name = target.indicator or "The indicator"
    prelim = " (preliminary)" if a.preliminary else ""
    rate_unit = ("" if u == "%" else u) if a.rates_from_levels else "%"
    parts: list[str] = []
    goal = _target_text_en(a, target, u)
    if a.latest_year is None:
        parts.append(f"{name}: {goal}.")
    elif target.kind == "change":
        signed = _signed_change(target, a.latest_value or 0.0)
        verb = "fallen" if signed < 0 else "risen"
        parts.append(
            f"{name}: {goal}; by {a.latest_year} it had {verb} {fmt(abs(signed))}{_change_unit(target)} "
            f"on {a.baseline_year}{prelim}."
        )
    elif target.kind == "growth" and not target.annual and a.geometric_mean_rate is not None:
        parts.append(
            f"{name}: {goal}; the geometric mean growth over {_span_en((a.baseline_year or 0) + 1, a.latest_year)} is "
            f"{fmt(a.geometric_mean_rate * 100, 2)}% ({fmt(a.latest_value)}{rate_unit} in {a.latest_year}{prelim})."
        )
    elif target.annual:
        parts.append(f"{name}: {goal}; the cumulative figure to date is {fmt(a.latest_value)}{u}{prelim}.")
    else:
        parts.append(
            f"{name} was {fmt(a.baseline_value)}{u} in {a.baseline_year} and {fmt(a.latest_value)}{u} in "
            f"{a.latest_year}{prelim}; {goal}."
        )
    if a.status == "achieved":
        parts.append(f" The latest value meets the target: {a.status_en}.")
    elif a.latest_year is not None:
        if a.task_share is not None and a.time_share is not None and (a.method == "cn" or target.annual):
            how = "log (compound)" if a.share_method == "log" else "linear"
            gap = a.gap_points or 0.0
            span = "of the year" if target.annual else "of the plan period"
            if abs(gap) < 0.05:
                pace = "exactly on schedule"
            else:
                pace = f"{fmt(abs(gap), 1)} points {'ahead of' if gap > 0 else 'behind'} schedule"
            parts.append(
                f" On the {how} measure {_pct(a.task_share)}% of the task is done with {_pct(a.time_share)}% "
                f"{span} gone, {pace}: {a.status_en}."
            )
            if a.binding and a.status == "on_track" and gap >= 10:
                parts.append(" A binding target is graded no better than on track until it is met.")
        if a.method == "statcan" and a.ratio is not None and not target.annual:
            parts.append(
                f" By the compound-growth method (Statistics Canada), the actual annual rate is "
                f"{_pct(a.cagr_actual, 2)}% against {_pct(a.cagr_required, 2)}% required, ratio "
                f"R = {fmt(a.ratio, 4)} (bands 0.95/0.60/0), score {fmt(a.score, 2)}: {a.status_en}."
            )
        elif a.method == "statcan" and not target.annual:
            parts.append(f" Verdict: {a.status_en}.")
        if a.status == "regressing" and a.task_share is not None and a.task_share < 0:
            parts.append(" Since the baseline it has moved away from the target.")
    if a.status != "achieved" and a.latest_year is not None and not target.annual:
        if a.share_method == "linear" and a.required_points_per_year is not None:
            need = _signed_change(target, a.required_points_per_year) if target.kind == "change" else a.required_points_per_year
            verb = "rise" if need >= 0 else "fall"
            step = " points" if target.kind == "share" else u
            parts.append(f" To meet the target by {a.target_year} it must {verb} {fmt(abs(need), 2)}{step} a year.")
        elif a.required_rate_remaining is not None:
            verb = "grow" if a.required_rate_remaining >= 0 else "fall"
            parts.append(
                f" To meet the target by {a.target_year} it must {verb} "
                f"{_pct(abs(a.required_rate_remaining))}% a year over {a.latest_year + 1}–{a.target_year}."
            )
        proj = a.projected_value
        pu = "%" if target.kind == "growth" else u
        what = "the period average growth" if target.kind == "growth" else f"the {a.target_year} value"
        if target.kind == "change":
            what = f"the change on the baseline by {a.target_year}"

        def said(v: float) -> str:
            if target.kind == "change":
                return f"{fmt(_signed_change(target, v), 2)}{_change_unit(target)}"
            return f"{fmt(v, 2)}{pu}"

        if proj.compound is not None:
            parts.append(f" At the current compound pace {what} would be {said(proj.compound)}")
            parts.append(f"; on a linear trend {said(proj.linear)}." if proj.linear is not None else ".")
        elif proj.linear is not None:
            parts.append(f" On a linear trend {what} would be {said(proj.linear)}.")
    elif target.annual and a.status != "achieved" and a.projected_value.linear is not None:
        parts.append(
            f" {fmt(a.required_points_per_year)}{u} remain for the year; at the current pace the year would end "
            f"near {fmt(a.projected_value.linear, 2)}{u}."
        )
    if a.notes_en:
        parts.append(" " + " ".join(a.notes_en))
    return "".join(parts)
