"""Example registers for the demo store. Every enterprise here is INVENTED (示例数据): names say so,
credit codes are generated with a valid check digit, figures are random but reproducible. They
feed seed count targets through counting rules; the industry plan's 专栏 projects get example
investment figures, and one 专栏 is put under 督办 with milestones and reports."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from planwatch.registers.creditcode import with_check_digit
from planwatch.registers.rules import suggest_rule
from planwatch.web.registers import counting
from planwatch.web.registers.models import (
    CountRule,
    Enterprise,
    EnterpriseRevenue,
    EnterpriseTier,
    ProjectRecord,
)

MARK = "示例数据"
NOTE = "示例数据：虚构企业，仅供演示，与任何真实企业无关"
REGIONS = ["道里区", "南岗区", "香坊区", "平房区", "松北区"]
INDUSTRIES = ["装备制造", "食品加工", "医药", "电子信息", "新材料", "汽车及零部件"]
N_ENTERPRISES = 120
SEED = 17

# (plan title word, target indicator text, first year, tweak of the suggested rule)
ENTERPRISE_RULES = [
    ("工业", "销售收入200亿元以上的大型企业集团", 2006, {}),
    ("工业", "销售收入20亿元以上的大型企业集团", 2006, {}),
    ("非公有制", "年营业收入亿元以上的非公有制骨干企业", 2006, {}),
    ("产业", "新增高新技术企业", 2023, {}),
    ("产业", "科技型中小企业入库", 2023, {}),
]


def _enterprises() -> int:
    if Enterprise.objects.filter(note=NOTE).exists():
        return 0
    rng = random.Random(SEED)
    n = 0
    for i in range(1, N_ENTERPRISES + 1):
        industry = INDUSTRIES[i % len(INDUSTRIES)]
        public = i <= 12 or rng.random() < 0.15
        if i <= 3:
            base, size = rng.uniform(1_800_000, 2_600_000), "large"  # 万元: about 200亿元
        elif i <= 15:
            base, size = rng.uniform(150_000, 900_000), "large"
        else:
            base = rng.lognormvariate(9.0, 1.1)
            size = "medium" if base > 40_000 else "small" if base > 2_000 else "micro"
        e = Enterprise.objects.create(
            name=f"示例{industry}企业{i:03d}有限公司（{MARK}）",
            credit_code=with_check_digit(f"91230100MA{SEED:02d}{i:05d}"),
            region=REGIONS[i % len(REGIONS)], industry=industry, ownership="public" if public else "nonpublic",
            size=size, established=dt.date(rng.randint(1985, 2005), rng.randint(1, 12), 1), note=NOTE)
        growth = rng.uniform(1.02, 1.25)
        EnterpriseRevenue.objects.bulk_create([
            EnterpriseRevenue(enterprise=e, year=y, revenue=round(base * growth ** (y - 2005), 1))
            for y in range(2005, 2011)])
        if rng.random() < 0.35:
            year = rng.choice([2006, 2007, 2008, 2009, 2021, 2022, 2023, 2023, 2023])
            EnterpriseTier.objects.create(enterprise=e, tier="high_tech", start=dt.date(year, rng.randint(1, 12), 15),
                                          certificate=f"GR{year}230{i:05d}（{MARK}）")
        if size in ("small", "medium", "micro") and rng.random() < 0.4:
            EnterpriseTier.objects.create(enterprise=e, tier="tech_sme",
                                          start=dt.date(rng.choice([2022, 2023, 2023]), rng.randint(1, 12), 1))
        if size != "micro" and rng.random() < 0.3:
            EnterpriseTier.objects.create(enterprise=e, tier="above_scale", start=dt.date(2005, 1, 1))
        n += 1
    return n


def _target(versions: list[Any], plan_word: str, indicator_text: str) -> Any:
    for v in versions:
        if plan_word in v.plan.title:
            t = v.targets.filter(indicator_text=indicator_text).exclude(review_state="rejected").first()
            if t is not None:
                return t
    return None


def _enterprise_rules(versions: list[Any], admin: Any) -> list[CountRule]:
    rules = []
    for word, text, first, tweak in ENTERPRISE_RULES:
        target = _target(versions, word, text)
        if target is None:
            continue
        plan = target.version.plan
        s = suggest_rule(f"{target.indicator_text} {target.quote}", annual=target.annual,
                         start_year=plan.period_start).rule
        rule, _ = CountRule.objects.get_or_create(target=target, defaults={
            "ownership": s.ownership, "tiers": list(s.tiers), "revenue_min": s.revenue_min, "sizes": list(s.sizes),
            "mode": s.mode, "since": s.since, "first_year": first, "published": True, "created_by": admin, **tweak})
        rules.append(rule)
    return rules


def _projects(versions: list[Any], units: dict[str, Any], admin: Any, reporter: Any) -> list[CountRule]:
    from planwatch.web.ledger import workflow as W
    from planwatch.web.registers.projects import (
        record_investment,
        report_investment,
        sync_projects,
        update_project,
    )

    version = next((v for v in versions if "工业" in v.plan.title and v.projects.exists()), None)
    if version is None:
        return []
    plan = version.plan
    if not ProjectRecord.objects.filter(plan=plan).exists():
        sync_projects(admin, plan)
        rng = random.Random(SEED + 1)
        records = list(ProjectRecord.objects.filter(plan=plan).order_by("id"))
        first_box = records[0].group if records else ""
        for p in records:
            start = dt.date(rng.choice([2006, 2007, 2008]), rng.randint(1, 9), 1)
            planned = round(rng.uniform(0.3, 12.0), 2)
            fields: dict[str, Any] = {"planned_investment": planned, "location": rng.choice(REGIONS),
                                      "planned_start": start,
                                      "planned_completion": dt.date(min(start.year + rng.randint(2, 4), 2010), 12, 31),
                                      "note": f"{MARK}：投资额为演示用的虚构数字"}
            if p.group == first_box:
                fields["owner_unit"] = units["市工业和信息化局"]
            update_project(admin, p, **fields)
            spent = 0.0
            for y in range(start.year, 2010):
                amount = round(min(planned - spent, planned * rng.uniform(0.15, 0.4)), 2)
                if amount > 0:
                    record_investment(admin, p, y, amount)
                    spent += amount
            if p.task_id is not None:
                p.refresh_from_db()
                steps = p.task.milestones.order_by("id")
                done = {"开工": start, "投产": dt.date(start.year + 1, 10, 1), "竣工": dt.date(start.year + 2, 11, 30)}
                for m in steps:  # 开工, 投产, 竣工 in order: stop at the first not yet reached
                    if done[m.title].year > 2009 or rng.random() >= 0.8:
                        break
                    W.complete_milestone(admin, m, done[m.title])
        mine = ProjectRecord.objects.filter(plan=plan, task__isnull=False).order_by("id").first()
        if mine is not None and reporter is not None:
            W.accept_task(reporter, mine.task)
            report_investment(reporter, mine, 2010, 0.8, f"{MARK}：设备安装完成")
    rules = []
    for text, fields in (("投资在5000万元以上的规划工业项目", {"project_state": "started", "investment_min": 0.5}),
                         ("规划工业项目固定资产投资", {"measure": "completed_investment"})):
        target = version.targets.filter(indicator_text=text).first()
        if target is not None:
            rule, _ = CountRule.objects.get_or_create(target=target, defaults={
                "register": "project", "project_plan": plan, "first_year": plan.period_start, "published": True,
                "created_by": admin, **fields})
            rules.append(rule)
    return rules


def setup_registers(versions: list[Any], units: dict[str, Any], admin: Any, reporter: Any = None) -> dict[str, int]:
    """Example enterprises, project figures and rules; each rule's figures recorded as observations."""
    n = _enterprises()
    rules = _enterprise_rules(versions, admin) + _projects(versions, units, admin, reporter)
    for rule in rules:
        counting.feed(admin, rule)
    return {"enterprises": n, "rules": len(rules), "projects": ProjectRecord.objects.count()}
