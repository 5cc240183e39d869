"""Ingest an extracted plan (the contract object) into the store as a new plan or a new version.

A document of a plan already stored (same title) becomes its next version, in review, with a diff
against the live version. Records keep their quote and offsets; offsets missing in the input (gold
files) are located in the text.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import models, transaction

from planwatch.extract.genre import find_genre
from planwatch.extract.model import PlanExtraction
from planwatch.extract.plan import is_annual_report
from planwatch.web.data.keys import indicator_key
from planwatch.web.data.models import Region
from planwatch.web.data.regions import get_indicator, get_region, guess_direction, suggest_region
from planwatch.web.errors import InvalidInput
from planwatch.web.plans.diff import diff_versions
from planwatch.web.plans.models import Fact, Plan, PlanTask, PlanVersion, Project, Section, Target

__all__ = ["get_indicator", "guess_direction", "ingest_extraction"]


def locate(text: str, quote: str, start: int, end: int, hint: int = 0) -> tuple[int, int]:
    """Offsets of ``quote`` in ``text``: the given ones if they are right, else the first occurrence
    at or after ``hint`` (records come in document order), else anywhere, else (-1, -1)."""
    if quote and 0 <= start < end <= len(text) and text[start:end] == quote:
        return start, end
    if not quote:
        return -1, -1
    pos = text.find(quote, hint)
    if pos < 0:
        pos = text.find(quote)
    return (pos, pos + len(quote)) if pos >= 0 else (-1, -1)


def target_key(indicator: str, kind: str, target_year: int | None, annual: bool) -> str:
    return f"{indicator_key(indicator)}|{kind}|{target_year or ''}|{'a' if annual else ''}"


def task_key(title: str) -> str:
    return indicator_key(title)[:300]


def _unique(key: str, seen: set[str]) -> str:
    k, n = key, 1
    while k in seen:
        n += 1
        k = f"{key}#{n}"
    seen.add(k)
    return k


def _as_extraction(data: PlanExtraction | dict[str, Any]) -> PlanExtraction:
    if isinstance(data, PlanExtraction):
        return data
    try:
        return PlanExtraction.from_dict(data)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
        raise InvalidInput(f"不是有效的提取结果 not a valid extraction object: {type(exc).__name__}: {exc}") from exc


def check_parent(plan: Plan, parent: Plan | None) -> None:
    """A plan's parent may not be the plan itself or one of its descendants (no cycles)."""
    seen: set[int] = set()
    node = parent
    while node is not None and node.pk not in seen:
        if node.pk == plan.pk:
            raise InvalidInput(f"上级规划不能是本规划或其下级规划 a plan cannot be its own ancestor: {parent.title if parent else ''}")
        seen.add(node.pk)
        node = Plan.objects.filter(pk=node.parent_id).first() if node.parent_id else None


def is_annual_document(ex: PlanExtraction, text: str) -> bool:
    """An annual plan or work report (planwatch.extract.genre "annual"): its title or opening names the
    genre, or it has no plan period and every target of it is a 全年 target."""
    if ex.period is not None:
        return False
    if find_genre(text).kind == "annual" or is_annual_report(text, ex.title or ""):
        return True
    return bool(ex.targets) and all(t.annual for t in ex.targets)


def five_year_parent(plan: Plan) -> Plan | None:
    """The multi-year plan of the same region whose period holds the annual plan's year, when exactly
    one such plan is loaded (none, or a choice between several, is the office's to make)."""
    if not plan.annual or plan.period_end is None or plan.region_id is None:
        return None
    found = list(Plan.objects.filter(annual=False, region_id=plan.region_id, period_start__lte=plan.period_end,
                                     period_end__gte=plan.period_end, period_start__lt=models.F("period_end"))
                 .exclude(pk=plan.pk)[:2])
    return found[0] if len(found) == 1 else None


@transaction.atomic
def ingest_extraction(data: PlanExtraction | dict[str, Any], text: str, *, doc_name: str = "",
                      plan: Plan | None = None, parent: Plan | None = None, user: Any = None,
                      region: Region | str | None = None, year: int | None = None) -> PlanVersion:
    """Store one extracted document. Returns the new version (status "review").

    ``region``: the plan's region (name or row); default the plan's own, else the one suggested
    from the title. Targets and facts attach to indicators of that region only.
    An annual plan or work report (``is_annual_document``) is stored as an annual plan of ``year``
    (the year its 全年 targets are for; the office sets it in review where the text does not say),
    under the five-year plan of its region whose period holds that year, where one is loaded."""
    ex = _as_extraction(data)
    if not text:
        raise InvalidInput("文档正文为空 the document text is empty")
    title = (ex.title or doc_name or ex.doc or "").strip()
    if not title:
        raise InvalidInput("规划标题为空 the plan has no title")
    period = ex.period
    if isinstance(region, str):
        region = get_region(region) if region.strip() else None
    if plan is None:
        same = Plan.objects.filter(title=title)
        plan = (same.filter(region=region) if region is not None else same).order_by("id").first()
    if year is not None and not 1900 <= int(year) <= 2100:
        raise InvalidInput(f"年份无效 year out of range: {year}")
    if plan is None:
        if region is None:
            suggested = suggest_region(title)
            region = get_region(suggested) if suggested else None
        annual = is_annual_document(ex, text)
        if annual and year is not None:
            period = (int(year), int(year))
        plan = Plan.objects.create(title=title, period_start=period[0] if period else None,
                                   period_end=period[1] if period else None, parent=parent, region=region,
                                   annual=annual)
        if parent is None:
            plan.parent = five_year_parent(plan)
            if plan.parent is not None:
                plan.save(update_fields=["parent"])
    else:
        if region is not None and plan.region_id != region.pk:
            plan.region = region
            plan.save()
        if parent is not None and plan.parent_id != parent.pk:
            check_parent(plan, parent)
            plan.parent = parent
            plan.save()
    region = plan.region
    number = (plan.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = PlanVersion.objects.create(
        plan=plan, number=number, doc_name=doc_name or ex.doc or title, text=text,
        text_sha256=hashlib.sha256(text.encode()).hexdigest(), extraction=ex.to_dict(),
        created_by=user if getattr(user, "is_authenticated", False) else None)

    sections: dict[str, Section] = {}

    def section(path: str) -> Section | None:
        path = (path or "").strip()[:300]
        if not path:
            return None
        if path not in sections:
            sections[path] = Section.objects.create(version=version, path=path, order=len(sections))
        return sections[path]

    seen: set[str] = set()
    hint = 0
    for t in ex.targets:
        s, e = locate(text, t.quote, t.start, t.end, hint)
        hint = max(hint, s) if s >= 0 else hint
        Target.objects.create(
            version=version, section=section(t.section), quote=t.quote, start=s, end=e,
            key=_unique(target_key(t.indicator, t.kind, t.target_year, t.annual), seen),
            indicator=get_indicator(t.indicator, t.unit, t.comparator, t.kind, region), indicator_text=t.indicator,
            kind=t.kind, value=t.value, value_high=t.value_high, unit=t.unit, comparator=t.comparator,
            target_year=t.target_year, annual=t.annual, baseline_value=t.baseline_value,
            baseline_year=t.baseline_year, confidence=t.confidence)
    seen, hint = set(), 0
    for f in ex.facts:
        s, e = locate(text, f.quote, f.start, f.end, hint)
        hint = max(hint, s) if s >= 0 else hint
        Fact.objects.create(
            version=version, section=section(f.section), quote=f.quote, start=s, end=e,
            key=_unique(f"{indicator_key(f.indicator)}|{f.kind}|{f.year or ''}", seen),
            indicator=get_indicator(f.indicator, f.unit, "=", f.kind, region), indicator_text=f.indicator,
            kind=f.kind, value=f.value, value_high=f.value_high, unit=f.unit, year=f.year,
            period_start=f.period[0] if f.period else None, period_end=f.period[1] if f.period else None,
            confidence=f.confidence)
    seen, hint = set(), 0
    for k in ex.tasks:
        s, e = locate(text, k.quote, k.start, k.end, hint)
        hint = max(hint, s) if s >= 0 else hint
        PlanTask.objects.create(
            version=version, section=section(k.section), quote=k.quote, start=s, end=e,
            key=_unique(task_key(k.title), seen), title=k.title[:300], parent_title=(k.parent or "")[:300],
            deadline_year=k.deadline_year, responsible=list(k.responsible), confidence=k.confidence)
    seen, hint = set(), 0
    for p in ex.projects:
        s, e = locate(text, p.quote, p.start, p.end, hint)
        hint = max(hint, s) if s >= 0 else hint
        Project.objects.create(version=version, quote=p.quote, start=s, end=e,
                               key=_unique(task_key(p.name), seen), name=p.name[:300], group=p.group or "",
                               confidence=p.confidence)

    live = plan.current_version
    if live is not None:
        version.diff = diff_versions(live, version)
        version.save(update_fields=["diff"])
    return version
