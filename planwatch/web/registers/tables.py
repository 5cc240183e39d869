"""The enterprise register as an Excel/CSV table (企业名录表), in and out.

Columns: 企业名称 / 统一社会信用代码 / 所有制 (required), 区域 / 行业 / 规模 / 成立日期 / 注销日期, per tier
``<类别>认定日期`` (or 入库日期) and ``<类别>退出日期``, 高新技术企业证书编号, and one ``营业收入YYYY`` column per year
(万元). A row updates the enterprise with the same credit code. All rows or none, like the other imports:
every row is checked first, errors come back with row and column, a clean table is written in one
transaction.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from planwatch.registers.creditcode import credit_code_error, normalise
from planwatch.registers.rules import SIZES
from planwatch.web.accounts.permissions import can_manage_registers, require
from planwatch.web.data.tables import _number, parse_deadline, read_table
from planwatch.web.errors import ImportRejected
from planwatch.web.registers.models import Enterprise, EnterpriseRevenue, EnterpriseTier

REQUIRED = ("企业名称", "统一社会信用代码", "所有制")
OPTIONAL = ("区域", "行业", "规模", "成立日期", "注销日期", "备注")
# tier code → (start column, end column)
TIER_COLUMNS = {
    "high_tech": ("高新技术企业认定日期", "高新技术企业退出日期"),
    "tech_sme": ("科技型中小企业入库日期", "科技型中小企业退出日期"),
    "specialized": ("专精特新认定日期", "专精特新退出日期"),
    "little_giant": ("小巨人认定日期", "小巨人退出日期"),
    "above_scale": ("规模以上起始日期", "规模以上退出日期"),
    "industry_education": ("产教融合型企业认定日期", "产教融合型企业退出日期"),
}
CERTIFICATE = "高新技术企业证书编号"
OWNERSHIP_WORDS = {"公有": "public", "国有": "public", "集体": "public", "公有制": "public",
                   "非公有": "nonpublic", "非公有制": "nonpublic", "民营": "nonpublic", "私营": "nonpublic",
                   "外资": "nonpublic", "港澳台": "nonpublic", "个体": "nonpublic"}
SIZE_WORDS = {v: k for k, v in SIZES.items()} | {f"{v}企业": k for k, v in SIZES.items()}
_REVENUE_COL = re.compile(r"(?:(\d{4})年?营业收入|营业收入[（(]?(\d{4})年?[）)]?)(?:[（(]万元[）)])?")


def revenue_year(header: str) -> int | None:
    m = _REVENUE_COL.fullmatch(header.replace(" ", ""))
    return int(m[1] or m[2]) if m else None


def _date(r: dict[str, Any], col: str, rownum: int, errors: list[tuple[int, str, str]]) -> dt.date | None:
    try:
        return parse_deadline(r.get(col))
    except ValueError:
        errors.append((rownum, col, f"无法识别的日期：{r.get(col)}"))
        return None


def import_enterprises(user: Any, name: str, data: bytes) -> dict[str, int]:
    """Create or update enterprises from a 企业名录表. Returns counts; raises ImportRejected."""
    require(can_manage_registers(user), "只有规划处可以导入企业名录 only the planning office imports the register")
    header, rows = read_table(name, data)
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        raise ImportRejected(name, [(1, h, f"缺少列（表头应含：{' / '.join(REQUIRED)}）") for h in missing])
    revenue_cols = {h: y for h in header if (y := revenue_year(h)) is not None}
    errors: list[tuple[int, str, str]] = []
    parsed = []
    seen: dict[str, int] = {}
    for rownum, r in rows:
        nm = str(r.get("企业名称") or "").strip()
        if not nm:
            errors.append((rownum, "企业名称", "企业名称为空"))
        code = normalise(str(r.get("统一社会信用代码") or ""))
        problem = credit_code_error(code)
        if problem:
            errors.append((rownum, "统一社会信用代码", problem))
        elif code in seen:
            errors.append((rownum, "统一社会信用代码", f"与第{seen[code]}行重复"))
        seen.setdefault(code, rownum)
        own_word = str(r.get("所有制") or "").strip()
        ownership = OWNERSHIP_WORDS.get(own_word)
        if ownership is None:
            errors.append((rownum, "所有制", f"所有制应为 公有/非公有（或 国有、民营 等）：{own_word or '（空）'}"))
        size_word = str(r.get("规模") or "").strip()
        size = SIZE_WORDS.get(size_word, "") if size_word else ""
        if size_word and not size:
            errors.append((rownum, "规模", f"规模应为 大型/中型/小型/微型：{size_word}"))
        established = _date(r, "成立日期", rownum, errors)
        closed = _date(r, "注销日期", rownum, errors)
        if established and closed and closed <= established:
            errors.append((rownum, "注销日期", "注销日期早于成立日期"))
        tiers = []
        for tier, (start_col, end_col) in TIER_COLUMNS.items():
            start = _date(r, start_col, rownum, errors)
            end = _date(r, end_col, rownum, errors)
            if end and not start:
                errors.append((rownum, end_col, "有退出日期但无认定日期"))
            elif start and end and end <= start:
                errors.append((rownum, end_col, "退出日期早于认定日期"))
            if start:
                cert = str(r.get(CERTIFICATE) or "").strip()[:60] if tier == "high_tech" else ""
                tiers.append((tier, start, end, cert))
        revenues = []
        for col, year in revenue_cols.items():
            v = r.get(col)
            if v is None or v == "":
                continue
            try:
                amount = _number(v)
                if amount < 0:
                    raise ValueError(v)
                revenues.append((year, amount))
            except (TypeError, ValueError):
                errors.append((rownum, col, f"营业收入应为非负数（万元）：{v}"))
        parsed.append({"fields": {"name": nm[:200], "region": str(r.get("区域") or "").strip()[:100],
                                  "industry": str(r.get("行业") or "").strip()[:100], "ownership": ownership,
                                  "size": size, "established": established, "closed": closed,
                                  "note": str(r.get("备注") or "").strip()},
                       "code": code, "tiers": tiers, "revenues": revenues})
    if not rows:
        errors.append((0, "企业名称", "没有数据行"))
    if errors:
        raise ImportRejected(name, errors)
    counts = {"created": 0, "updated": 0, "tiers": 0, "revenues": 0}
    with transaction.atomic():
        existing = {e.credit_code: e for e in Enterprise.objects.filter(credit_code__in=list(seen))}
        for p in parsed:
            ent = existing.get(p["code"])
            if ent is None:
                ent = Enterprise.objects.create(credit_code=p["code"], **p["fields"])
                counts["created"] += 1
            else:
                for k, v in p["fields"].items():
                    setattr(ent, k, v)
                ent.save()
                counts["updated"] += 1
            for tier, start, end, cert in p["tiers"]:
                EnterpriseTier.objects.update_or_create(enterprise=ent, tier=tier, start=start,
                                                        defaults={"end": end, "certificate": cert})
                counts["tiers"] += 1
            for year, amount in p["revenues"]:
                EnterpriseRevenue.objects.update_or_create(enterprise=ent, year=year, defaults={"revenue": amount})
                counts["revenues"] += 1
    return counts


def export_enterprises(enterprises: Iterable[Enterprise]) -> bytes:
    """The register in the import layout (so an exported table can be edited and imported again)."""
    import openpyxl

    ents = list(enterprises)
    ids = [e.pk for e in ents]
    tiers: dict[int, dict[str, EnterpriseTier]] = {}
    for t in EnterpriseTier.objects.filter(enterprise_id__in=ids).order_by("start"):
        tiers.setdefault(t.enterprise_id, {})[t.tier] = t  # the latest span of each tier
    revenue: dict[int, dict[int, float]] = {}
    for eid, year, amount in EnterpriseRevenue.objects.filter(enterprise_id__in=ids).values_list(
            "enterprise_id", "year", "revenue"):
        revenue.setdefault(eid, {})[year] = amount
    years = sorted({y for r in revenue.values() for y in r})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "企业名录"
    tier_cols = [c for pair in TIER_COLUMNS.values() for c in pair]
    ws.append([*REQUIRED, *OPTIONAL, *tier_cols, CERTIFICATE, *(f"营业收入{y}" for y in years)])
    for e in ents:
        row: list[Any] = [e.name, e.credit_code, "公有" if e.ownership == "public" else "非公有", e.region,
                          e.industry, SIZES.get(e.size, ""), e.established, e.closed, e.note]
        mine = tiers.get(e.pk, {})
        for tier in TIER_COLUMNS:
            t = mine.get(tier)
            row += [t.start if t else None, t.end if t else None]
        row.append(mine["high_tech"].certificate if "high_tech" in mine else "")
        row += [revenue.get(e.pk, {}).get(y) for y in years]
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
