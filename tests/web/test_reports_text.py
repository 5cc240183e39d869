"""The planning office writes the report's text in the app: saved as versions, used by the files;
only the office may open or save the editor."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from docx import Document

from planwatch.web.reports.models import ReportDraft
from tests.web.test_reports_db import stored  # noqa: F401  (the fixture)


def _client(user: Any) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def _editor(plan: Any) -> str:
    return f"/plans/{plan.pk}/report/text/?kind=midterm"


FORM = {"as_of": "2008-12-31", "recipient": "市人民政府", "issued_on": "2009-01-15",
        "overall": "规划实施总体平稳。", "measures": "一是加强统计监测。\n二是督促逾期任务。"}


def test_office_sees_the_computed_text_as_a_start(stored: dict[str, Any]) -> None:  # noqa: F811
    page = _client(stored["users"]["admin"]).get(_editor(stored["plan"]) + "&as_of=2008-12-31")
    assert page.status_code == 200
    html = page.content.decode()
    assert "截至2008年12月31日" in html  # the computed 总体评价, offered in the textarea
    assert "系统生成的初稿" in html and "【待补充】" in html  # measures: nothing computed


def test_saving_makes_versions_and_the_file_carries_the_text(stored: dict[str, Any]) -> None:  # noqa: F811
    plan, c = stored["plan"], _client(stored["users"]["admin"])
    assert c.post(_editor(plan), FORM).status_code == 302
    assert c.post(_editor(plan), {**FORM, "overall": "规划实施总体平稳，部分指标滞后。"}).status_code == 302
    drafts = list(ReportDraft.objects.filter(plan=plan, kind="midterm").order_by("number"))
    assert [d.number for d in drafts] == [1, 2]
    assert drafts[0].sections["overall"] == "规划实施总体平稳。"  # the old version is kept
    assert drafts[1].author == stored["users"]["admin"]
    page = c.get(_editor(plan)).content.decode()
    assert "第2稿" in page and "第1稿" in page
    got = c.get(f"/plans/{plan.pk}/report/?kind=midterm&format=docx")  # as-of date from the saved text
    assert got.status_code == 200
    assert "2008%E5%B9%B412%E6%9C%8831%E6%97%A5" in got["Content-Disposition"]  # 2008年12月31日
    texts = [p.text for p in Document(BytesIO(got.content)).paragraphs]
    assert "规划实施总体平稳，部分指标滞后。" in texts and "一是加强统计监测。" in texts
    assert "市人民政府：" in texts and "2009年1月15日" in texts
    assert texts.count("【待补充】") == 1  # only the causes of the problems are still unwritten


@pytest.mark.parametrize("who", ["reporter", "leader", "viewer", "other_reporter", None])
def test_only_the_office_edits(stored: dict[str, Any], who: str | None) -> None:  # noqa: F811
    user = stored["users"][who] if who else None
    c = _client(user)
    before = ReportDraft.objects.count()
    post = c.post(_editor(stored["plan"]), FORM)
    get = c.get(_editor(stored["plan"]))
    assert post.status_code in (403, 404) and get.status_code in (403, 404)
    assert ReportDraft.objects.count() == before


def test_bad_dates_are_a_400_and_nothing_is_saved(stored: dict[str, Any]) -> None:  # noqa: F811
    c = _client(stored["users"]["admin"])
    assert c.post(_editor(stored["plan"]), {**FORM, "as_of": "2008-13-01"}).status_code == 400
    assert c.get(f"/plans/{stored['plan'].pk}/report/text/?kind=annual").status_code == 400
    assert not ReportDraft.objects.exists()


def test_an_unreviewed_target_is_to_verify_not_judged(stored: dict[str, Any]) -> None:  # noqa: F811
    import datetime as dt

    from planwatch.web.plans.models import Target
    from planwatch.web.reports.service import build_content
    from tests.web.test_reports_db import GVA, _observe

    admin = stored["users"]["admin"]
    _observe(admin, 2008, 1180.5)
    _observe(admin, 2009, 1322.0)
    as_of = dt.date(2010, 1, 1)
    judged = next(r for r in build_content(stored["plan"], "midterm", as_of).rows
                  if r.indicator == GVA and r.kind == "level")
    assert judged.status not in ("to_verify", "no_data", "unassessed")
    Target.objects.filter(version=stored["version"], indicator_text=GVA, kind="level").update(review_state="pending")
    content = build_content(stored["plan"], "midterm", as_of)
    row = next(r for r in content.rows if r.indicator == GVA and r.kind == "level")
    assert row.status == "to_verify" and row.doubts == ["该目标记录尚未经规划处审核"]
    assert "待核实1项" in content.summary


def test_the_plan_page_links_the_editor_for_the_office_only(stored: dict[str, Any]) -> None:  # noqa: F811
    url = f"/plans/{stored['plan'].pk}/"
    assert 'id="report-text-link"' in _client(stored["users"]["admin"]).get(url).content.decode()
    page = _client(stored["users"]["reporter"]).get(url)
    assert page.status_code == 200 and 'id="report-text-link"' not in page.content.decode()
