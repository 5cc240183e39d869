"""``planwatch assess``: judge one indicator from the command line."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from rich.console import Console
from rich.table import Table

from planwatch.cli.app import app
from planwatch.errors import PlanWatchError
from planwatch.progress import Assessment, Baseline, IndicatorTarget, Observation, Thresholds, assess
from planwatch.progress.model import COMPARATORS, KINDS, Direction, Method, ObservationStatus, ShareMethod
from planwatch.progress.series import fmt

_PRELIM = {"p", "prelim", "preliminary", "初步", "快报"}
_FINAL = {"f", "final", "最终"}


def _number(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise PlanWatchError(f"{what}: 不是数字 not a number: {text!r}") from None


def _split(spec: str, what: str) -> tuple[str, str, str]:
    head, sep, rest = spec.partition(":")
    if not sep:
        raise PlanWatchError(f"{what}: 应写作 YEAR:VALUE expected YEAR:VALUE, got {spec!r}")
    value, _, flag = rest.partition(":")
    return head.strip(), value.strip(), flag.strip().lower()


def _year(text: str, what: str) -> tuple[int, date | None]:
    if len(text) == 10 and text[4] == "-":
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise PlanWatchError(f"{what}: 日期无效 invalid date: {text!r}") from None
        return day.year, day
    if not (text.isdigit() and len(text) == 4):
        raise PlanWatchError(f"{what}: 年份无效 invalid year: {text!r}")
    return int(text), None


def parse_observation(spec: str, level: bool = False) -> Observation:
    """``YEAR:VALUE``, ``YYYY-MM-DD:VALUE`` (cumulative to that date) and an optional ``:p`` flag
    for a preliminary figure."""
    head, value, flag = _split(spec, "--observed")
    year, day = _year(head, "--observed")
    if flag and flag not in _PRELIM | _FINAL:
        raise PlanWatchError(f"--observed: 未知标记 unknown flag {flag!r} (use p for preliminary)")
    status: ObservationStatus = "preliminary" if flag in _PRELIM else "final"
    return Observation(year, _number(value, "--observed"), status=status, as_of=day, level=level)


def parse_baseline(spec: str) -> Baseline:
    """``YEAR:VALUE``; ``YEAR:`` or ``YEAR:-`` when the base year has no value."""
    head, value, _ = _split(spec, "--baseline")
    year, _ = _year(head, "--baseline")
    return Baseline(year, None if value in ("", "-") else _number(value, "--baseline"))


def load_thresholds(path: Path | None) -> Thresholds:
    """Thresholds from a JSON object whose keys are ``Thresholds`` field names."""
    if path is None:
        return Thresholds()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PlanWatchError(f"{path}: 无法读取阈值文件 cannot read thresholds: {exc}") from None
    names = {f.name for f in fields(Thresholds)}
    if not isinstance(data, dict) or set(data) - names:
        unknown = sorted(set(data) - names) if isinstance(data, dict) else data
        raise PlanWatchError(f"{path}: 未知的阈值 unknown thresholds: {unknown}")
    return Thresholds(**data)


def _render(a: Assessment) -> None:
    console = Console()
    colour = {"green": "green", "yellow": "yellow", "red": "red", "grey": "dim"}[a.light]
    console.print(f"[bold {colour}]{a.status_zh} · {a.status_en}[/] ({a.status}, {a.method})")
    table = Table(show_header=True, header_style="bold")
    table.add_column("项目 figure")
    table.add_column("值 value", justify="right")

    def pct(v: float | None, digits: int = 2) -> str:
        return "—" if v is None else fmt(v * 100, digits) + "%"

    rows: list[tuple[str, str]] = [
        ("基期 baseline", f"{a.baseline_year}: {fmt(a.baseline_value)}"),
        ("最新 latest", f"{a.latest_year}: {fmt(a.latest_value)}" + (" (初步 prelim.)" if a.preliminary else "")),
        ("目标 target", f"{a.target_year}: {a.comparator} {fmt(a.target_value)}"),
        ("时间进度 time share", pct(a.time_share, 1)),
        (f"任务进度 task share ({a.share_method or '—'})", pct(a.task_share, 1)),
        ("实际年均增速 CAGR actual", pct(a.cagr_actual)),
        ("所需年均增速 CAGR required", pct(a.cagr_required)),
        ("比值 ratio R", fmt(a.ratio, 5)),
        ("得分 score", fmt(a.score, 4)),
        ("今后所需年均增速 rate still needed", pct(a.required_rate_remaining)),
        ("今后每年所需变化 change per year needed", fmt(a.required_points_per_year)),
        ("预计 projected (compound)", fmt(a.projected_value.compound)),
        ("预计 projected (linear)", fmt(a.projected_value.linear)),
    ]
    for label, value in rows:
        table.add_row(label, value)
    console.print(table)
    console.print(a.explanation_zh, soft_wrap=True, highlight=False)
    console.print(a.explanation_en, soft_wrap=True, highlight=False)


@app.command("assess")
def assess_command(
    baseline: Annotated[str, typer.Option("--baseline", help="基期 YEAR:VALUE (YEAR: if the base year has no value)")],
    target: Annotated[str, typer.Option("--target", help="目标 YEAR:VALUE")],
    observed: Annotated[
        list[str] | None,
        typer.Option("--observed", help="实际值 YEAR:VALUE[:p] or YYYY-MM-DD:VALUE (p = preliminary); repeat"),
    ] = None,
    observed_level: Annotated[
        list[str] | None,
        typer.Option("--observed-level", help="growth targets: a level observation YEAR:VALUE, rates are derived"),
    ] = None,
    kind: Annotated[str, typer.Option("--kind", help="level|growth|share|change|count|cumulative")] = "level",
    direction: Annotated[str | None, typer.Option("--direction", help="increase|decrease (default: inferred)")] = None,
    comparator: Annotated[str | None, typer.Option("--comparator", help='">=", "=", "<=", ">", "<" or "range"')] = None,
    target_high: Annotated[float | None, typer.Option("--target-high", help="upper bound of a range target")] = None,
    binding: Annotated[bool, typer.Option("--binding", help="约束性 binding target")] = False,
    annual: Annotated[bool, typer.Option("--annual", help="one-year target judged on the share of the year elapsed")] = False,
    method: Annotated[str, typer.Option("--method", help="cn (时间过半、任务过半) or statcan")] = "cn",
    share_method: Annotated[str | None, typer.Option("--share-method", help="override: log or linear")] = None,
    indicator: Annotated[str, typer.Option("--indicator", help="indicator name for the explanation")] = "",
    unit: Annotated[str, typer.Option("--unit", help="unit for the explanation")] = "",
    thresholds: Annotated[Path | None, typer.Option("--thresholds", help="JSON file of Thresholds fields")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the assessment as JSON")] = False,
) -> None:
    """评估一个指标的进度 Assess one indicator's progress towards its target."""
    if kind not in KINDS:
        raise PlanWatchError(f"--kind: 未知类型 unknown kind {kind!r} (one of {', '.join(KINDS)})")
    if direction not in (None, "increase", "decrease"):
        raise PlanWatchError(f"--direction: 应为 increase 或 decrease, got {direction!r}")
    if comparator is not None and comparator not in COMPARATORS:
        raise PlanWatchError(f"--comparator: 未知比较符 unknown comparator {comparator!r}")
    if share_method not in (None, "log", "linear"):
        raise PlanWatchError(f"--share-method: 应为 log 或 linear, got {share_method!r}")
    head, value, _ = _split(target, "--target")
    target_year, _ = _year(head, "--target")
    base = parse_baseline(baseline)
    target_value = _number(value, "--target")
    if comparator is None:
        # Without a comparator the direction (given or implied) says whether the target is a floor or a ceiling.
        down = direction == "decrease" or (
            direction is None and base.value is not None and kind != "growth" and target_value < base.value
        )
        if kind == "change" and direction is None:
            down = target_value < 0
        comparator = "<=" if down else ">="
        if target_high is not None:
            comparator = "range"
    spec = IndicatorTarget(
        kind=kind,
        value=target_value,
        target_year=target_year,
        comparator=comparator,
        direction=cast(Direction | None, direction),
        binding=binding,
        value_high=target_high,
        annual=annual,
        share_method=cast(ShareMethod | None, share_method),
        indicator=indicator,
        unit=unit,
    )
    observations = [parse_observation(s) for s in observed or []]
    observations += [parse_observation(s, level=True) for s in observed_level or []]
    result = assess(spec, base, observations, method=cast(Method, method), thresholds=load_thresholds(thresholds))
    if as_json:
        payload: dict[str, Any] = result.to_dict()
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        _render(result)
