"""A hand-built register for the registers' tests: the industry plan live, six enterprises with
revenue and tiers over 2005–2010, helpers to make tables."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from planwatch.registers.creditcode import with_check_digit
from planwatch.web.plans.ingest import ingest_extraction
from planwatch.web.plans.review import approve_version
from planwatch.web.registers.models import Enterprise, EnterpriseRevenue, EnterpriseTier
from tests.web.conftest import gold


def code(n: int) -> str:
    return with_check_digit(f"91230100MA{n:07d}")


def xlsx(rows: list[list[Any]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def live_plan(admin: Any, stem: str = "harbin-industry-2006-2010") -> Any:
    data, text = gold(stem)
    v = ingest_extraction(data, text, doc_name=data["doc"])
    approve_version(admin, v)
    v.plan.published = True
    v.plan.save()
    return v.plan


# name, ownership, size, established, {year: revenue 万元}, [(tier, start, end)]
FIRMS = [
    ("甲集团（示例数据）", "public", "large", dt.date(1990, 1, 1), {2006: 2_100_000, 2007: 2_300_000}, []),
    ("乙公司（示例数据）", "nonpublic", "large", dt.date(2000, 1, 1), {2006: 150_000, 2007: 250_000},
     [("high_tech", dt.date(2007, 3, 1), None)]),
    ("丙公司（示例数据）", "nonpublic", "medium", dt.date(2003, 1, 1), {2006: 12_000, 2007: 9_000},
     [("high_tech", dt.date(2005, 6, 1), dt.date(2008, 6, 1))]),
    ("丁公司（示例数据）", "nonpublic", "small", dt.date(2006, 5, 1), {2007: 500},
     [("high_tech", dt.date(2007, 9, 1), None)]),
    ("戊公司（示例数据）", "nonpublic", "small", dt.date(2007, 2, 1), {}, []),
    ("己公司（示例数据）", "nonpublic", "small", dt.date(2006, 2, 1), {2006: 20_000}, []),
]


def build_register() -> dict[str, Enterprise]:
    out = {}
    for i, (name, own, size, est, revenue, tiers) in enumerate(FIRMS, start=1):
        e = Enterprise.objects.create(name=name, credit_code=code(i), ownership=own, size=size, established=est,
                                      region="道里区" if i % 2 else "南岗区", industry="装备制造")
        if name.startswith("己"):
            e.closed = dt.date(2007, 6, 30)
            e.save()
        for y, v in revenue.items():
            EnterpriseRevenue.objects.create(enterprise=e, year=y, revenue=v)
        for tier, start, end in tiers:
            EnterpriseTier.objects.create(enterprise=e, tier=tier, start=start, end=end)
        out[name[0]] = e
    return out
