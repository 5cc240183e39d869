"""Actual values from a CSV file, and their careful matching to plan targets.

Published statistics rarely use the plan's exact indicator name. A match is accepted only when the
indicator's core name (scope prefix such as 全市 removed, growth/share wording removed), the kind
(level / growth / share) and the unit agree; every difference that remains — another name, another
scope, a lower bound, the source's own remarks — is carried along as a note shown in the report,
never silently equated.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from planwatch.errors import DocumentError
from planwatch.extract.model import Fact, Target
from planwatch.reports.assessment import Observation
from planwatch.textnorm import normalize_for_parsing

REQUIRED_COLUMNS = ("indicator", "year", "value", "unit")
# Words that name the whole administrative area: 全市非公有制经济增加值 == 非公有制经济增加值.
_TOTAL_SCOPE = re.compile(r"^(全市|全省|全区|全县|全部)")
_WHOLE_AREA = re.compile(r"全(市|省|区|县|国)")
_GROWTH_SUFFIX = re.compile(r"(年均)?(增速|增长率|增长|增幅)$")
_SHARE = re.compile(r"(所占|占)[^占]*?(比重|份额|比例)$|(所占)?(比重|份额|比例)$")
_BRACKETS = re.compile(r"[(（][^)）]*[)）]")


def read_actuals_csv(path: str | Path) -> list[Observation]:
    """Read observations from a CSV with at least the columns indicator, year, value, unit."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DocumentError(str(p), f"cannot read actuals file: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise DocumentError(str(p), "actuals file is not UTF-8 text") from exc
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DocumentError(str(p), f"actuals CSV lacks column(s): {', '.join(missing)}")
    out: list[Observation] = []
    for line, row in enumerate(reader, start=2):
        try:
            year = int(row["year"])
            value = float(row["value"])
        except (TypeError, ValueError) as exc:
            raise DocumentError(str(p), f"line {line}: year and value must be numbers") from exc
        out.append(
            Observation(
                indicator=row["indicator"].strip(),
                year=year,
                value=value,
                unit=row["unit"].strip(),
                scope=(row.get("scope") or "").strip(),
                comparator=(row.get("comparator") or "=").strip() or "=",
                source=(row.get("source_url") or "").strip(),
                quote=(row.get("quote") or "").strip(),
                note=(row.get("note") or "").strip(),
            )
        )
    return out


@dataclass(frozen=True)
class IndicatorKey:
    """What must agree for an actual value to measure a target."""

    core: str
    kind: str
    unit: str


def _clean(name: str) -> str:
    return re.sub(r"\s+", "", normalize_for_parsing(name))


def _core(name: str) -> str:
    return _TOTAL_SCOPE.sub("", _BRACKETS.sub("", _clean(name)))


def _unit(unit: str) -> str:
    u = _BRACKETS.sub("", _clean(unit))
    return u.split("(")[0]


def key_of_observation(obs: Observation) -> IndicatorKey:
    """Classify a published figure by its name and unit (statistics have no 'kind' column)."""
    core = _core(obs.indicator)
    unit = _unit(obs.unit)
    if unit == "%":
        if _GROWTH_SUFFIX.search(core):
            return IndicatorKey(_GROWTH_SUFFIX.sub("", core), "growth", "%")
        if _SHARE.search(core):
            return IndicatorKey(_SHARE.sub("", core), "share", "%")
        return IndicatorKey(core, "rate", "%")
    return IndicatorKey(core, "level", unit)


def key_of_target(name: str, kind: str, unit: str) -> IndicatorKey:
    """The key of a plan target or fact (its kind is known from extraction)."""
    core = _core(name)
    if kind == "growth":
        return IndicatorKey(_GROWTH_SUFFIX.sub("", core), "growth", "%")
    if kind == "share":
        return IndicatorKey(_SHARE.sub("", core), "share", "%")
    if kind in ("level", "count", "cumulative"):
        return IndicatorKey(core, "level", _unit(unit))
    return IndicatorKey(core, kind, _unit(unit))


@dataclass
class MatchedObservations:
    """The observations accepted for one target, with the definition notes to show."""

    observations: list[Observation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)  # differences of definition (口径) to be verified


def match_observations(target: Target, observations: Sequence[Observation]) -> MatchedObservations:
    """Observations that measure ``target``; notes name every difference in wording or scope."""
    key = key_of_target(target.indicator, target.kind, target.unit)
    result = MatchedObservations()
    for obs in observations:
        if key_of_observation(obs) != key:
            continue
        result.observations.append(obs)
        if _GROWTH_SUFFIX.sub("", _core(obs.indicator)) != _GROWTH_SUFFIX.sub("", _core(target.indicator)):
            note = f"实际值指标名称为“{obs.indicator}”，与规划指标“{target.indicator}”表述不同，口径需核实"
            if note not in result.notes:  # wording only: the key (name core, kind, unit) agrees
                result.notes.append(note)
        scope = _clean(obs.scope)
        if scope and not _WHOLE_AREA.fullmatch(scope):
            note = f"实际值统计范围为“{obs.scope}”，口径需核实"
            if note not in result.notes:
                result.notes.append(note)
                result.doubts.append(note)
        if obs.comparator in (">", ">="):
            result.notes.append(f"{obs.year}年实际值{obs.value:g}{obs.unit}为下限值（来源称“超过/突破”）")
    return result


def find_baseline_fact(target: Target, facts: Sequence[Fact], before_year: int | None) -> Fact | None:
    """The plan's own statistic for the target's indicator in the latest year before the period.

    If the plan states different values for that indicator and year (often two indicators that
    extraction named alike), none is taken: a wrong baseline would falsify the progress share.
    """
    key = key_of_target(target.indicator, target.kind, target.unit)
    candidates = [
        f for f in facts
        if f.year is not None and (before_year is None or f.year < before_year)
        and key_of_target(f.indicator, f.kind, f.unit) == key
    ]
    if not candidates:
        return None
    latest_year = max(f.year for f in candidates if f.year is not None)
    at_latest = [f for f in candidates if f.year == latest_year]
    if len({f.value for f in at_latest}) > 1:
        return None
    return at_latest[0]


def conflicting_facts(target: Target, facts: Sequence[Fact]) -> list[Fact]:
    """Plan facts for the target's indicator and base year whose value differs from its baseline."""
    if target.baseline_value is None or target.baseline_year is None:
        return []
    key = key_of_target(target.indicator, target.kind, target.unit)
    return [
        f for f in facts
        if f.year == target.baseline_year and f.value != target.baseline_value
        and key_of_target(f.indicator, f.kind, f.unit) == key
    ]
