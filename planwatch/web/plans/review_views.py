"""Uploading a plan and reviewing its extraction: correct, accept or reject each record, then approve the version."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from planwatch.errors import PlanWatchError
from planwatch.extract.confidence import LOW_CONFIDENCE
from planwatch.web.accounts.permissions import (
    can_edit_plans,
)
from planwatch.web.data.models import Region
from planwatch.web.jobs.handlers import store_input
from planwatch.web.jobs.runner import enqueue
from planwatch.web.plans import review as R
from planwatch.web.plans.models import Fact, Plan, PlanTask, PlanVersion, Project, Target
from planwatch.web.ui.audits import run_audit
from planwatch.web.ui.common import forbidden, page, say, say_error, visible_or_404
from planwatch.web.ui.templatetags.ui import low_confidence
from planwatch.web.ui.uploads import PLAN_TYPES, _checked_file

TARGET_EDIT = ("indicator_text", "kind", "value", "value_high", "unit", "comparator", "target_year",
               "baseline_value", "baseline_year")
KINDS = ("level", "growth", "share", "change", "count", "cumulative")
COMPARATORS = ("=", ">=", ">", "<=", "<", "range")

RESPONSIBLE_SEPARATORS = re.compile(r"[、,，;；\n]+")


class UploadForm(forms.Form):
    document = forms.FileField()
    parent = forms.ModelChoiceField(queryset=Plan.objects.all(), required=False)

    def clean_document(self) -> Any:
        f = self.cleaned_data["document"]
        f.checked = _checked_file(f, PLAN_TYPES)
        return f


def extract_upload(name: str, data: bytes) -> tuple[dict[str, Any], str]:
    """Run the documents and extract layers on an uploaded file; (contract object, text)."""
    from planwatch.extract import extract_plan
    from planwatch.web.data.uploads import load_uploaded_document

    doc = load_uploaded_document(name, data)
    ex = extract_plan(doc)
    out = ex.to_dict()
    out["doc"] = Path(name).name
    return out, doc.text


@page()
def upload(request: HttpRequest) -> HttpResponse:
    if not can_edit_plans(request.user):
        return forbidden(request, "只有规划处可以上传规划 only the planning office uploads plans")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        # Extraction runs as a background job; its page shows progress, then opens the review page.
        f = form.cleaned_data["document"]
        parent = form.cleaned_data["parent"]
        job = enqueue("ingest", {"stored": store_input(f.name, f.checked), "name": Path(f.name).name,
                                 "parent": parent.pk if parent else None}, owner=request.user)
        return redirect("jobs:job", pk=job.pk)
    return render(request, "plans/upload.html", {"form": form})


class TargetForm(forms.Form):
    indicator_text = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=[(k, k) for k in KINDS])
    value = forms.FloatField()
    value_high = forms.FloatField(required=False)
    unit = forms.CharField(max_length=40, required=False)
    comparator = forms.ChoiceField(choices=[(c, c) for c in COMPARATORS])
    target_year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    baseline_value = forms.FloatField(required=False)
    baseline_year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    binding = forms.BooleanField(required=False)


class FactForm(forms.Form):
    indicator_text = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=[(k, k) for k in KINDS])
    value = forms.FloatField()
    value_high = forms.FloatField(required=False)
    unit = forms.CharField(max_length=40, required=False)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    quote = forms.CharField(max_length=5000)


class PlanTaskForm(forms.Form):
    title = forms.CharField(max_length=300)
    parent_title = forms.CharField(max_length=300, required=False)
    deadline_year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    responsible = forms.CharField(max_length=2000, required=False)
    quote = forms.CharField(max_length=5000)

    def clean_responsible(self) -> list[str]:
        """Units as a plan lists them (A、B，C) → the stored list."""
        text = self.cleaned_data.get("responsible") or ""
        return [u.strip() for u in RESPONSIBLE_SEPARATORS.split(text) if u.strip()]


class ProjectForm(forms.Form):
    name = forms.CharField(max_length=300)
    group = forms.CharField(max_length=300, required=False)
    planned_investment = forms.FloatField(required=False, min_value=0)
    completed_investment = forms.FloatField(required=False, min_value=0)
    quote = forms.CharField(max_length=5000)


def correction_changes(rec: Any, cleaned: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """Only what differs from the stored record; an empty text box equals an empty stored text."""
    out = {}
    for k in fields:
        new, old = cleaned.get(k), getattr(rec, k)
        if new == old or (new in ("", None) and old in ("", None)):
            continue
        out[k] = new
    return out


def plan_changes(post: Any) -> dict[str, Any]:
    """The plan details of the review form (title, issuing body, document number, period, region)."""
    out: dict[str, Any] = {k: post.get(k, "").strip() for k in ("title", "issuing_body", "document_number", "region")
                           if k in post}
    for k in ("period_start", "period_end"):
        if k in post:
            text = post.get(k, "").strip()
            if text and not (text.isdigit() and 1900 <= int(text) <= 2100):
                raise PlanWatchError(f"年份无效 invalid year: {text}")
            out[k] = int(text) if text else None
    return out


def low_confidence_first(records: Any) -> list[Any]:
    """The records with the extractor's low-confidence ones first (document order kept within):
    the office reviews the doubtful records before the rest."""
    return sorted(records, key=lambda r: not low_confidence(r))


@page()
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The extraction preview: correct or accept or reject any record (target, fact, task, project), then
    save (go live). Corrections go through the review service, which logs them."""
    if not can_edit_plans(request.user):
        return forbidden(request, "只有规划处可以审核 only the planning office reviews extractions")
    version = visible_or_404(PlanVersion.objects.select_related("plan__region"), pk=pk)
    user = request.user
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "correct":
                rtype = request.POST.get("type", "target")
                if rtype not in CORRECT_FORMS:
                    raise PlanWatchError("未知记录类型 unknown record type")
                form_class, fields = CORRECT_FORMS[rtype]
                rec = visible_or_404(RECORD_MODELS[rtype].objects.filter(version=version), pk=request.POST.get("id"))
                form = form_class(request.POST)
                if not form.is_valid():
                    raise PlanWatchError("; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
                changes = correction_changes(rec, form.cleaned_data, fields)
                if changes:
                    R.correct_record(user, rec, changes, request.POST.get("comment", ""))
                say(request, "success", "已更正", "corrected")
            elif action == "plan":
                R.set_plan_details(user, version.plan, plan_changes(request.POST))
                say(request, "success", "已更正规划信息", "plan details corrected")
                return redirect(request.path)
            elif action in ("accept", "reject"):
                model = RECORD_MODELS.get(request.POST.get("type", ""))
                if model is None:
                    raise PlanWatchError("未知记录类型 unknown record type")
                rec = visible_or_404(model.objects.filter(version=version), pk=request.POST.get("id"))
                R.set_review_state(user, rec, "accepted" if action == "accept" else "rejected")
            elif action == "approve":
                R.approve_version(user, version, request.POST.get("comment", ""))
                if request.POST.get("publish"):
                    version.plan.published = True
                    version.plan.save()
                run_audit(version)
                say(request, "success", "已保存并生效", "saved; the version is live")
                return redirect(reverse("plans:plan", args=[version.plan_id]) + "#targets")
            elif action == "discard":
                R.discard_version(user, version, request.POST.get("comment", ""))
                return redirect("plans:plans")
            else:
                raise PlanWatchError("未知操作 unknown action")
        except PlanWatchError as exc:
            say_error(request, exc)
        return redirect(f"{request.path}#rec-{request.POST.get('type', 'target')}-{request.POST.get('id', '')}")
    targets = list(version.targets.select_related("parent_target__version__plan").order_by("start", "id"))
    from planwatch.web.plans.annual import parent_suggestions

    suggestions = parent_suggestions([t for t in targets if t.annual], version.plan.parent)
    for t in targets:
        t.suggestions = suggestions.get(t.pk, [])
    lists = {"targets": low_confidence_first(targets)}
    lists.update({name: low_confidence_first(qs.order_by("start", "id")) for name, qs in (
        ("facts", version.facts), ("tasks", version.plantasks), ("projects", version.projects))})
    return render(request, "plans/review.html", {
        "version": version, "plan": version.plan, **lists, "kinds": KINDS, "comparators": COMPARATORS,
        "low_confidence": sum(low_confidence(r) for records in lists.values() for r in records),
        "low_threshold": LOW_CONFIDENCE,
        "corrections": list(version.corrections.select_related("by").order_by("-at")[:50]),
        "open": version.status == "review", "regions": list(Region.objects.order_by("name"))})


RECORD_MODELS = {"target": Target, "fact": Fact, "task": PlanTask, "project": Project}
# The correction form of each record type and the fields it may change (a subset of review.EDITABLE).
CORRECT_FORMS: dict[str, tuple[type[forms.Form], tuple[str, ...]]] = {
    "target": (TargetForm, (*TARGET_EDIT, "binding")),
    "fact": (FactForm, ("indicator_text", "kind", "value", "value_high", "unit", "year", "quote")),
    "task": (PlanTaskForm, ("title", "parent_title", "deadline_year", "responsible", "quote")),
    "project": (ProjectForm, ("name", "group", "planned_investment", "completed_investment", "quote")),
}
