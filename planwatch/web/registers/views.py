"""Register pages: enterprises (list, detail, import, export), counting rules (define from the
target's wording, compute, the list behind each figure), project records (roll-up per plan, edit,
report investment), and the public counts on the portal."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from planwatch.errors import PlanWatchError
from planwatch.registers.projects import MEASURES, STATES
from planwatch.registers.rules import MODES, OWNERSHIP, SIZES, TIERS, money, suggest_rule
from planwatch.web.accounts.models import Unit
from planwatch.web.accounts.permissions import (
    can_manage_registers,
    can_read_enterprises,
    can_report_project,
    require,
    visible_count_rules,
    visible_plans,
    visible_project_records,
    visible_records,
)
from planwatch.web.errors import ImportRejected
from planwatch.web.plans.models import Plan, Target
from planwatch.web.registers import counting
from planwatch.web.registers.models import (
    CountRule,
    Enterprise,
    EnterpriseRevenue,
    EnterpriseTier,
    ProjectRecord,
)
from planwatch.web.registers.projects import (
    milestone_years,
    plan_project_rollup,
    record_investment,
    report_investment,
    sync_projects,
    update_project,
)
from planwatch.web.registers.tables import export_enterprises, import_enterprises
from planwatch.web.ui.common import forbidden, page, visible_or_404
from planwatch.web.ui.uploads import TableForm

PUBLIC = AnonymousUser()
PAGE_SIZE = 50


def _rules(user: Any) -> list[CountRule]:
    return list(visible_count_rules(user, CountRule.objects.select_related(
        "target__version__plan", "target__indicator")).defer(
        "target__version__text", "target__version__extraction", "target__version__diff"))


def rule_rows(rules: list[CountRule]) -> list[dict[str, Any]]:
    """Each rule with the yearly figures it recorded (``counting.recorded``) and the latest one."""
    figures = counting.recorded(rules)
    rows = []
    for r in rules:
        series = figures[r.pk]
        rows.append({"rule": r, "describe": counting.describe(r), "series": series,
                     "latest": series[-1] if series else None})
    return rows


# ---- overview ---------------------------------------------------------------------------------------------

@page()
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    tiers = []
    total = 0
    if can_read_enterprises(user):
        total = Enterprise.objects.count()
        today = dt.date.today()
        held = dict(EnterpriseTier.objects.filter(start__lte=today).filter(Q(end__isnull=True) | Q(end__gt=today))
                    .values("tier").annotate(n=Count("enterprise", distinct=True)).values_list("tier", "n"))
        tiers = [(label, held.get(code, 0)) for code, label in TIERS.items()]
    plans = []
    visible = visible_project_records(user, ProjectRecord.objects.all())
    for plan in visible_plans(user, Plan.objects.filter(project_records__isnull=False).distinct()).defer(
            "internal_note"):
        if visible.filter(plan=plan).exists():
            plans.append({"plan": plan, "rollup": plan_project_rollup(plan),
                          "mine": visible.filter(plan=plan).count()})
    return render(request, "registers/index.html", {
        "total": total, "tiers": tiers, "rules": rule_rows(_rules(user)), "plans": plans,
        "can_manage": can_manage_registers(user), "reads_enterprises": can_read_enterprises(user),
        "sync_plans": list(visible_plans(user, Plan.objects.filter(current_version__status="live")).only(
            "id", "title")) if can_manage_registers(user) else []})


# ---- enterprises --------------------------------------------------------------------------------------------

def _enterprise_qs(request: HttpRequest) -> Any:
    qs = Enterprise.objects.all()
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(credit_code__icontains=q.upper()))
    if request.GET.get("ownership") in OWNERSHIP:
        qs = qs.filter(ownership=request.GET["ownership"])
    if request.GET.get("tier") in TIERS:
        qs = qs.filter(tiers__tier=request.GET["tier"], tiers__end__isnull=True).distinct()
    if request.GET.get("region"):
        qs = qs.filter(region=request.GET["region"])
    return qs.order_by("name", "id")


@page()
def enterprises(request: HttpRequest) -> HttpResponse:
    if not can_read_enterprises(request.user):
        return forbidden(request, "企业名录仅规划处和领导可见")
    pager = Paginator(_enterprise_qs(request), PAGE_SIZE)
    pg = pager.get_page(request.GET.get("page"))
    return render(request, "registers/enterprises.html", {
        "page": pg, "ownerships": OWNERSHIP, "tiers": TIERS, "q": request.GET.get("q", ""),
        "query": request.GET.urlencode(), "can_manage": can_manage_registers(request.user)})


@page()
def enterprises_export(request: HttpRequest) -> HttpResponse:
    if not can_read_enterprises(request.user):
        return forbidden(request, "企业名录仅规划处和领导可见")
    data = export_enterprises(_enterprise_qs(request))
    resp = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = "attachment; filename=enterprises.xlsx"
    return resp


@page()
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_read_enterprises(request.user):
        return forbidden(request, "企业名录仅规划处和领导可见")
    e = visible_or_404(Enterprise.objects.all(), pk=pk)
    return render(request, "registers/enterprise.html", {
        "e": e, "tiers": e.tiers.all(), "revenues": [(r.year, money(r.revenue)) for r in e.revenues.all()],
        "ownership": OWNERSHIP.get(e.ownership, ""), "size": SIZES.get(e.size, "")})


@page()
def enterprises_import(request: HttpRequest) -> HttpResponse:
    if not can_manage_registers(request.user):
        return forbidden(request, "只有规划处可以导入企业名录")
    form = TableForm(request.POST or None, request.FILES or None)
    result = errors = None
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["table"]
        try:
            counts = import_enterprises(request.user, f.name, f.checked)
            counting.feed_all(request.user, "enterprise")
            result = counts
        except ImportRejected as exc:
            errors = exc.errors
        except PlanWatchError as exc:
            form.add_error(None, str(exc))
    return render(request, "registers/import.html", {"form": form, "result": result, "errors": errors},
                  status=400 if errors else 200)


# ---- counting rules ---------------------------------------------------------------------------------------

class RuleForm(forms.ModelForm):
    tiers = forms.MultipleChoiceField(choices=list(TIERS.items()), required=False)
    sizes = forms.MultipleChoiceField(choices=list(SIZES.items()), required=False)
    revenue_min_yi = forms.FloatField(required=False, min_value=0)  # 亿元 in the form, 万元 stored

    class Meta:
        model = CountRule
        fields = ["register", "ownership", "region", "industry", "measure", "project_state", "investment_min",
                  "project_plan", "mode", "since", "first_year", "published"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        v = data.get("revenue_min_yi")
        if v is not None and not math.isfinite(v):
            self.add_error("revenue_min_yi", "收入门槛无效")
        return data

    def save(self, commit: bool = True) -> CountRule:
        rule: CountRule = super().save(commit=False)
        rule.tiers = self.cleaned_data.get("tiers") or []
        rule.sizes = self.cleaned_data.get("sizes") or []
        yi = self.cleaned_data.get("revenue_min_yi")
        rule.revenue_min = yi * 10000 if yi is not None else None
        errors = counting.rule_errors(rule)
        if errors:
            raise forms.ValidationError(errors)
        if commit:
            rule.save()
        return rule


def _initial(target: Target) -> dict[str, Any]:
    """The suggestion from the target's wording."""
    plan = target.version.plan
    s = suggest_rule(f"{target.indicator_text} {target.quote}", annual=target.annual, start_year=plan.period_start)
    project_words = ("项目" in target.indicator_text) and not s.rule.tiers and s.rule.revenue_min is None
    initial: dict[str, Any] = {
        "register": "project" if project_words else "enterprise", "ownership": s.rule.ownership,
        "tiers": list(s.rule.tiers), "sizes": list(s.rule.sizes), "mode": s.rule.mode, "since": s.rule.since,
        "revenue_min_yi": s.rule.revenue_min / 10000 if s.rule.revenue_min is not None else None,
        "first_year": plan.period_start, "project_plan": plan.pk if project_words else None}
    if project_words:
        if "投资" in target.indicator_text and target.unit.endswith("元"):
            initial["measure"] = "planned_investment"
        if "开工" in target.quote or "实施" in target.quote or "建设" in target.quote:
            initial["project_state"] = "started"
    return {"initial": initial, "reasons": s.reasons}


def _rule_form_page(request: HttpRequest, target: Target, rule: CountRule | None) -> HttpResponse:
    require(can_manage_registers(request.user), "只有规划处可以定义计数规则")
    suggestion = _initial(target)
    form = RuleForm(request.POST or None, instance=rule or CountRule(target=target),
                    initial=None if rule else suggestion["initial"])
    if rule is not None and not request.POST:
        form.initial.update({"tiers": rule.tiers, "sizes": rule.sizes,
                             "revenue_min_yi": rule.revenue_min / 10000 if rule.revenue_min is not None else None})
    if request.method == "POST" and form.is_valid():
        try:
            saved = form.save(commit=False)
            saved.target = target
            if saved.created_by_id is None:
                saved.created_by = request.user
            saved.save()
            counting.feed(request.user, saved)
            messages.success(request, "规则已保存，目标的实际值已按名录计算")
            return redirect("registers:rule", saved.pk)
        except forms.ValidationError as exc:
            form.add_error(None, exc)
        except PlanWatchError as exc:
            form.add_error(None, str(exc))
    return render(request, "registers/rule_form.html", {
        "form": form, "target": target, "rule": rule, "reasons": suggestion["reasons"], "tiers": TIERS,
        "sizes": SIZES, "ownerships": OWNERSHIP, "modes": MODES, "measures": MEASURES,
        "states": {k: v for k, v in STATES.items() if k},
        "plans": list(Plan.objects.filter(project_records__isnull=False).distinct().only("id", "title"))})


@page()
def rule_new(request: HttpRequest, target_id: int) -> HttpResponse:
    require(can_manage_registers(request.user), "只有规划处可以定义计数规则")
    target = visible_or_404(visible_records(request.user, Target.objects.select_related("version__plan")),
                            pk=target_id)
    existing = CountRule.objects.filter(target=target).first()
    if existing is not None:
        return redirect("registers:rule_edit", existing.pk)
    return _rule_form_page(request, target, None)


@page()
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rule = visible_or_404(CountRule.objects.select_related("target__version__plan"), pk=pk)
    return _rule_form_page(request, rule.target, rule)


@page()
def rule_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rule = visible_or_404(CountRule.objects.select_related("target__version__plan", "target__indicator"), pk=pk)
    s = counting.series(rule)
    return render(request, "registers/rule.html", {
        "rule": rule, "describe": counting.describe(rule), "series": [(y, v, len(ids)) for y, (v, ids) in s.items()],
        "can_manage": can_manage_registers(request.user)})


@page()
@require_POST
def rule_feed(request: HttpRequest, pk: int) -> HttpResponse:
    rule = visible_or_404(CountRule.objects.select_related("target__version__plan", "target__indicator"), pk=pk)
    try:
        counting.feed(request.user, rule)
        messages.success(request, "已按名录重新计算")
    except PlanWatchError as exc:
        messages.error(request, str(exc))
    return redirect("registers:rule", pk)


@page()
def rule_members(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """The enterprises or projects behind one year's figure."""
    rule = visible_or_404(CountRule.objects.select_related("target__version__plan"), pk=pk)
    s = counting.series(rule, range(year, year + 1))
    value, ids = s[year]
    if rule.register == "enterprise":
        if not can_read_enterprises(request.user):
            return forbidden(request, "企业名录仅规划处和领导可见")
        rows = list(Enterprise.objects.filter(pk__in=ids).order_by("name"))
        revenue = dict(EnterpriseRevenue.objects.filter(enterprise_id__in=ids, year=year)
                       .values_list("enterprise_id", "revenue"))
        for e in rows:
            e.ui_revenue = money(revenue[e.pk]) if e.pk in revenue else "—"
            e.ui_ownership = OWNERSHIP.get(e.ownership, "")
        projects: list[ProjectRecord] = []
    else:
        rows = []
        projects = list(visible_project_records(request.user, ProjectRecord.objects.filter(pk__in=ids))
                        .select_related("owner_unit", "plan"))
    return render(request, "registers/members.html", {
        "rule": rule, "year": year, "value": value, "n": len(ids), "enterprises": rows, "projects": projects,
        "describe": counting.describe(rule)})


# ---- projects -----------------------------------------------------------------------------------------------

@page()
def projects(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = visible_or_404(visible_plans(request.user, Plan.objects.all()), pk=plan_id)
    qs = visible_project_records(request.user, ProjectRecord.objects.filter(plan=plan)).select_related(
        "owner_unit", "task")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(group__icontains=q))
    pg = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    facts = {f.id: f for f in counting.project_facts(plan.pk, [p.pk for p in pg])}
    for p in pg:
        f = facts.get(p.pk)
        p.ui_done = f.invested() if f else 0
        p.ui_state = ("已竣工" if f and f.completed else "已投产" if f and f.in_production
                      else "已开工" if f and f.started else "未开工")
    return render(request, "registers/projects.html", {
        "plan": plan, "page": pg, "rollup": plan_project_rollup(plan), "q": q,
        "can_manage": can_manage_registers(request.user)})


class ProjectForm(forms.ModelForm):
    class Meta:
        model = ProjectRecord
        fields = ["owner_unit", "location", "planned_investment", "planned_start", "planned_completion", "note"]


class InvestmentForm(forms.Form):
    year = forms.IntegerField(min_value=1900, max_value=2100)
    amount = forms.FloatField(min_value=0)
    text = forms.CharField(required=False, max_length=2000)


@page()
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    p = visible_or_404(visible_project_records(user, ProjectRecord.objects.select_related("plan", "owner_unit",
                                                                                           "task")), pk=pk)
    manage = can_manage_registers(user)
    form = ProjectForm(instance=p) if manage else None
    inv_form = InvestmentForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "edit":
                require(manage, "只有规划处可以修改项目")
                form = ProjectForm(request.POST, instance=ProjectRecord.objects.get(pk=p.pk))
                if form.is_valid():
                    update_project(user, p, **{k: form.cleaned_data[k] for k in ProjectForm.Meta.fields})
                    messages.success(request, "项目已保存")
                    return redirect("registers:project", p.pk)
            elif request.POST.get("action") == "invest":
                inv_form = InvestmentForm(request.POST)
                if inv_form.is_valid():
                    d = inv_form.cleaned_data
                    if manage:
                        record_investment(user, p, d["year"], d["amount"])
                        messages.success(request, "完成投资已录入")
                    else:
                        report_investment(user, p, d["year"], d["amount"], d["text"])
                        messages.success(request, "完成投资已报送，待本单位负责人审批")
                    return redirect("registers:project", p.pk)
            else:
                raise Http404("未知操作")
        except PlanWatchError as exc:
            messages.error(request, str(exc))
    reports = list(p.investments.select_related("update", "recorded_by").order_by("year", "id"))
    return render(request, "registers/project.html", {
        "p": p, "form": form, "inv_form": inv_form, "reports": reports, "milestones": milestone_years(p),
        "can_manage": manage, "can_report": can_report_project(user, p) and p.task_id is not None,
        "units": list(Unit.objects.filter(active=True).only("id", "name")) if manage else []})


@page()
@require_POST
def projects_sync(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = visible_or_404(visible_plans(request.user, Plan.objects.all()), pk=plan_id)
    try:
        n = sync_projects(request.user, plan)
        messages.success(request, f"已从规划提取的项目建立项目记录 {n} 个")
    except PlanWatchError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("registers:projects", args=[plan.pk]))


@page()
@require_POST
def projects_sync_any(request: HttpRequest) -> HttpResponse:
    """The overview's form: the plan comes with the form."""
    plan_id = request.POST.get("plan", "")
    if not plan_id.isdigit():
        raise Http404("未选择规划")
    return projects_sync(request, int(plan_id))


# ---- public ------------------------------------------------------------------------------------------------

@page(internal=False)
def portal_registers(request: HttpRequest) -> HttpResponse:
    """Published counts only (figures per year, never names): read as the anonymous public."""
    rules = [r for r in _rules(PUBLIC) if r.target.version.plan.published]
    return render(request, "registers/portal.html", {"rows": rule_rows(rules)})
