"""Reports of stored plans: inputs read from the database, the .docx written from them, the CLI
command and the download view with its permissions."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from django.test import Client
from django.utils import timezone
from docx import Document
from docx.document import Document as DocxDocument

from planwatch.reports.layout import INDICATOR_HEADER
from planwatch.reports.pdf import find_converter
from planwatch.web.data.models import Indicator
from planwatch.web.data.observations import record_observation
from planwatch.web.ledger import workflow as W
from planwatch.web.ledger.models import LedgerTask, ProgressUpdate
from planwatch.web.plans.ingest import ingest_extraction
from planwatch.web.plans.models import Plan, Target
from planwatch.web.plans.review import approve_version, set_review_state
from planwatch.web.reports.inputs import report_inputs_from_db
from planwatch.web.reports.service import build_content, generate_report
from tests.cli_helpers import run_main
from tests.web.conftest import gold

AS_OF = dt.date(2011, 1, 1)
GVA = "全市非公有制经济增加值"  # a level target of the plan: 1550 亿元 in 2010, baseline 669 (2005)


def _past(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 10, 0))


@pytest.fixture
def stored(org: dict[str, Any]) -> dict[str, Any]:
    """The non-public-economy plan, live, with ledger tasks of the industry bureau."""
    us, un = org["users"], org["units"]
    data, text = gold("harbin-nonpublic-economy-2006-2010")
    version = ingest_extraction(data, text, doc_name=data["doc"])
    approve_version(us["admin"], version)
    plan = version.plan
    first, second = version.plantasks.order_by("start", "id")[:2]
    done = W.create_task(us["admin"], title=first.title, lead_unit=un["ind"], plan=plan, plan_task=first,
                         deadline=dt.date(2008, 12, 31))
    late = W.create_task(us["admin"], title=second.title, lead_unit=un["ind"], plan=plan, plan_task=second,
                         deadline=dt.date(2009, 12, 31))
    added = W.create_task(us["admin"], title="台账新增：建立非公有制经济统计监测制度", lead_unit=un["zone_sub"],
                          plan=plan, deadline=dt.date(2010, 6, 30))
    for task in (done, late):
        W.accept_task(us["reporter"], task)
    approved = W.submit_update(us["reporter"], done, "已建成并投入使用", "completed", 100)
    W.review_update(us["leader"], approved, True)
    ProgressUpdate.objects.filter(pk=approved.pk).update(submitted_at=_past(dt.date(2008, 9, 1)),
                                                         reviewed_at=_past(dt.date(2008, 9, 5)))
    # Reported done but never approved by the unit leader: does not count.
    W.submit_update(us["reporter"], late, "已完成", "completed", 100)
    return {**org, "plan": plan, "version": version, "done": done, "late": late, "added": added}


def _observe(user: Any, year: int, value: float, *, status: str = "final", reason: str = "") -> None:
    indicator = Target.objects.filter(indicator_text=GVA, kind="level").first().indicator  # type: ignore[union-attr]
    record_observation(user, indicator, year, value, unit="亿元", status=status, source="哈尔滨统计年鉴",
                       reason=reason)


def _docx(plan: Plan, tmp_path: Path, name: str = "r.docx") -> DocxDocument:
    done = generate_report(plan, "midterm", AS_OF, "docx", tmp_path / name, issuer="市发展和改革委员会")
    return Document(str(done.path))


def _indicator_rows(doc: DocxDocument) -> list[list[str]]:
    tables = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == INDICATOR_HEADER]
    return [[c.text for c in row.cells] for t in tables for row in t.rows[1:]]


def test_docx_rows_are_the_live_targets_and_numbers_equal_the_database(stored: dict[str, Any],
                                                                       tmp_path: Path) -> None:
    admin = stored["users"]["admin"]
    _observe(admin, 2008, 1180.5)
    _observe(admin, 2009, 1322.0)
    _observe(admin, 2012, 2000.0)  # after the report date: must not appear
    rows = _indicator_rows(_docx(stored["plan"], tmp_path))
    targets = list(stored["version"].targets.exclude(review_state="rejected"))
    assert len(rows) == len(targets)
    assert sorted(r[1] for r in rows) == sorted(t.indicator_text for t in targets)
    by_name = {(r[1], r[5].startswith("年均")): r for r in rows}
    for t in targets:
        cells = by_name[(t.indicator_text, t.kind == "growth")]
        assert cells[5].replace("年均", "").lstrip("≥≤<>").split("\n")[0] == f"{t.value:g}"
    gva = by_name[(GVA, False)]
    assert gva[4] == "669\n2005年"  # the baseline stored on the target
    assert gva[6] == "1322\n2009年"  # the latest observation up to the report date, not 2012's


def test_a_new_revision_changes_the_report_and_the_old_one_is_kept(stored: dict[str, Any], tmp_path: Path) -> None:
    admin = stored["users"]["admin"]
    _observe(admin, 2009, 1322.0)
    before = {r[1]: r for r in _indicator_rows(_docx(stored["plan"], tmp_path, "a.docx")) if not r[5].startswith("年均")}
    _observe(admin, 2009, 1351.7, reason="统计局年报修订 revised by the statistical bureau")
    doc = _docx(stored["plan"], tmp_path, "b.docx")
    after = {r[1]: r for r in _indicator_rows(doc) if not r[5].startswith("年均")}
    assert before[GVA][6] == "1322\n2009年" and after[GVA][6] == "1351.7\n2009年"
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "1351.7" in body and "1322" not in body  # the sources chapter follows the revision too
    obs = Indicator.objects.get(targets__indicator_text=GVA, targets__kind="level").observations.get(year=2009)
    assert [r.value for r in obs.revisions.order_by("number")] == [1322.0, 1351.7]


def test_latest_final_revision_is_used_and_preliminary_figures_are_flagged(stored: dict[str, Any]) -> None:
    admin = stored["users"]["admin"]
    _observe(admin, 2009, 1300.0, status="final")
    _observe(admin, 2009, 1400.0, status="preliminary", reason="新的快报数 a new flash estimate")
    _observe(admin, 2008, 1150.0, status="preliminary")
    content = build_content(stored["plan"], "midterm", AS_OF)
    row = next(r for r in content.rows if r.indicator == GVA and r.kind == "level")
    assert row.latest_value == 1300.0 and row.latest_year == 2009
    assert not any("初步数" in n for n in row.notes)  # the 2009 figure used is final
    sources = {(s.year, s.value): s.note for s in content.sources}
    assert sources[(2008, 1150.0)].startswith("初步数") and (2009, 1400.0) not in sources
    _observe(admin, 2010, 1480.0, status="preliminary")
    row = next(r for r in build_content(stored["plan"], "midterm", AS_OF).rows if r.indicator == GVA and r.kind == "level")
    assert row.latest_value == 1480.0 and any("2010年实际值为初步数" in n for n in row.notes)


def test_the_report_states_nothing_that_is_not_in_the_database(stored: dict[str, Any]) -> None:
    content = build_content(stored["plan"], "midterm", AS_OF)
    assert content.rows and all(r.status == "no_data" and r.latest_value is None for r in content.rows)
    assert content.sources == [] and content.projects == []
    assert all(len(c.actuals) == 1 and c.actuals[0] == c.baseline for c in content.charts)  # baseline only
    version = stored["version"]
    assert content.plan_title == stored["plan"].title and content.period == (2006, 2010)
    assert content.task_total == version.plantasks.count() + 1  # + the task added in the ledger
    assert content.tasks_done == 1 and content.tasks_reported == 1
    # Every number of the indicator table comes from a stored target.
    stored_numbers = {t.value for t in version.targets.all()} | {t.baseline_value for t in version.targets.all()}
    for row in content.rows:
        assert row.target_value in stored_numbers
        assert row.baseline_value is None or row.baseline_value in stored_numbers | {
            f.value for f in version.facts.all()}


def test_ledger_progress_counts_only_approved_updates_and_lists_overdue_tasks(stored: dict[str, Any]) -> None:
    inputs = report_inputs_from_db(stored["plan"], AS_OF)
    titles = [t.title for t in inputs.plan.tasks]
    done = inputs.task_status[titles.index(stored["done"].title)]
    late = inputs.task_status[titles.index(stored["late"].title)]
    added = inputs.task_status[titles.index(stored["added"].title)]
    assert (done.status, done.reported, done.overdue) == ("done", True, False)
    assert late.reported is False and late.overdue is True  # its "completed" update is not approved
    assert added.owners == ("高新区经济发展局",) and added.deadline == dt.date(2010, 6, 30)
    content = build_content(stored["plan"], "progress", AS_OF)
    overdue = {t.title: t for t in content.overdue_tasks}
    assert stored["late"].title in overdue and stored["done"].title not in overdue
    assert overdue[stored["late"].title].owners == ["市工业和信息化局"]
    # Before the approved update, the same task was not done yet.
    early = report_inputs_from_db(stored["plan"], dt.date(2008, 6, 30))
    assert early.task_status[titles.index(stored["done"].title)].status != "done"


def test_review_binding_and_project_investment_come_from_the_store(stored: dict[str, Any], org: dict[str, Any]) -> None:
    admin = org["users"]["admin"]
    data, text = gold("harbin-industry-2006-2010")
    version = ingest_extraction(data, text, doc_name=data["doc"])
    rejected = version.targets.order_by("id").first()
    set_review_state(admin, rejected, "rejected")
    kept = version.targets.exclude(pk=rejected.pk).order_by("id").first()
    Target.objects.filter(pk=kept.pk).update(binding=True)
    project = version.projects.order_by("id").first()
    type(project).objects.filter(pk=project.pk).update(planned_investment=12.5, completed_investment=5.0)
    approve_version(admin, version)
    content = build_content(version.plan, "midterm", AS_OF)
    assert len(content.rows) == version.targets.count() - 1
    assert sum(r.binding for r in content.rows) >= 1
    assert next(r for r in content.rows if r.quote == kept.quote).binding
    assert [(p.name, p.planned_investment, p.completed_investment) for p in content.projects
            if p.planned_investment is not None] == [(project.name, 12.5, 5.0)]
    assert len(content.projects) == version.projects.exclude(review_state="rejected").count()  # all named


def test_no_live_version_is_an_error(org: dict[str, Any]) -> None:
    data, text = gold("harbin-nonpublic-economy-2006-2010")
    draft = ingest_extraction(data, text)
    from planwatch.errors import PlanWatchError

    with pytest.raises(PlanWatchError, match="生效版本"):
        build_content(draft.plan, "progress", AS_OF)


# ---- CLI ------------------------------------------------------------------------------------------

def test_cli_writes_the_report(stored: dict[str, Any], tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    out = tmp_path / "r.html"
    code, stdout, err = run_main(monkeypatch, capsys, "report", "progress", "--plan", str(stored["plan"].pk),
                                 "--as-of", "2011-01-01", "--format", "html", "--out", str(out))
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert stored["plan"].title in html and "实施进展情况报告" in html and "已生成" in stdout


@pytest.mark.parametrize("args, message", [
    (["--plan", "999999", "--as-of", "2011-01-01"], "no plan with id 999999"),
    (["--plan", "1", "--as-of", "2011-02-30"], "YYYY-MM-DD"),
    (["--plan", "1", "--as-of", "2011-01-01", "--format", "odt"], "format must be"),
])
def test_cli_errors_are_one_line_and_exit_2(db: Any, monkeypatch: Any, capsys: Any, args: list[str],
                                            message: str) -> None:
    code, _, err = run_main(monkeypatch, capsys, "report", "midterm", *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_cli_pdf_without_libreoffice_is_an_error(db: Any, monkeypatch: Any, capsys: Any) -> None:
    monkeypatch.setattr("planwatch.reports.pdf.find_converter", lambda: None)
    code, _, err = run_main(monkeypatch, capsys, "report", "midterm", "--plan", "1", "--as-of", "2011-01-01",
                            "--format", "pdf")
    assert code == 2 and "LibreOffice" in err


@pytest.mark.skipif(find_converter() is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_from_the_database(stored: dict[str, Any], tmp_path: Path) -> None:
    done = generate_report(stored["plan"], "progress", AS_OF, "pdf", tmp_path / "r.pdf")
    assert done.path.read_bytes().startswith(b"%PDF")


# ---- download view --------------------------------------------------------------------------------

def _client(user: Any) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def _url(plan: Plan, **params: str) -> str:
    query = {"kind": "midterm", "as_of": "2011-01-01", "format": "html", **params}
    return f"/plans/{plan.pk}/report/?" + "&".join(f"{k}={v}" for k, v in query.items())


def test_office_downloads_a_docx_with_a_chinese_file_name(stored: dict[str, Any]) -> None:
    r = _client(stored["users"]["admin"]).get(_url(stored["plan"], format="docx"))
    assert r.status_code == 200
    assert r["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    disposition = r["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''" in disposition
    name = unquote(disposition.split("filename*=UTF-8''")[1])
    assert name == f"{stored['plan'].title}中期评估报告（截至2011年1月1日）.docx"
    assert f'filename="plan-{stored["plan"].pk}-midterm-2011-01-01.docx"' in disposition
    doc = Document(BytesIO(r.content))
    assert len(_indicator_rows(doc)) == stored["version"].targets.count()


@pytest.mark.parametrize("who", ["viewer", "reporter", "leader", "other_leader"])
def test_roles_with_work_in_the_plan_may_download(stored: dict[str, Any], who: str) -> None:
    # other_leader leads the zone whose sub-unit has the ledger task added to the plan.
    r = _client(stored["users"][who]).get(_url(stored["plan"]))
    assert r.status_code == 200 and r["Content-Type"] == "text/html; charset=utf-8"
    assert stored["plan"].title in r.content.decode()


def test_a_unit_without_work_in_the_plan_is_refused(stored: dict[str, Any]) -> None:
    LedgerTask.objects.filter(lead_unit=stored["units"]["zone_sub"]).delete()
    assert _client(stored["users"]["other_reporter"]).get(_url(stored["plan"])).status_code == 403
    assert _client(stored["users"]["other_leader"]).get(_url(stored["plan"])).status_code == 403


def test_the_public_never_gets_a_report(stored: dict[str, Any]) -> None:
    plan = stored["plan"]
    assert _client(None).get(_url(plan)).status_code == 404  # unpublished: not even its existence
    plan.published = True
    plan.save()
    r = _client(None).get(_url(plan))
    assert r.status_code == 403 and "无权" in r.content.decode()
    # Signed in but without a role in the organisation: still the public.
    from django.contrib.auth import get_user_model

    outsider = get_user_model().objects.create_user("outsider", password="pw-outsider")
    assert _client(outsider).get(_url(plan)).status_code == 403


def test_pdf_without_libreoffice_on_the_server_is_a_503(stored: dict[str, Any], monkeypatch: Any) -> None:
    monkeypatch.setattr("planwatch.web.reports.views.find_converter", lambda: None)
    r = _client(stored["users"]["admin"]).get(_url(stored["plan"], format="pdf"))
    assert r.status_code == 503 and "LibreOffice" in r.content.decode()


@pytest.mark.parametrize("params, status", [
    ({"kind": "annual"}, 400), ({"format": "exe"}, 400), ({"as_of": "2011-1-32"}, 400),
])
def test_bad_parameters_are_a_400(stored: dict[str, Any], params: dict[str, str], status: int) -> None:
    assert _client(stored["users"]["admin"]).get(_url(stored["plan"], **params)).status_code == status


def test_unknown_plan_is_a_404_and_post_is_refused(stored: dict[str, Any]) -> None:
    c = _client(stored["users"]["admin"])
    assert c.get("/plans/999999/report/?kind=progress").status_code == 404
    assert c.post(_url(stored["plan"])).status_code == 405


def test_a_missed_milestone_makes_a_task_overdue_before_its_deadline(stored: dict[str, Any]) -> None:
    from planwatch.reports.layout import Table, report_blocks

    W.add_milestone(stored["users"]["admin"], stored["added"], "完成方案起草", dt.date(2009, 6, 30))
    as_of = dt.date(2009, 12, 31)  # the task is due 2010-06-30; its milestone was due 2009-06-30
    content = build_content(stored["plan"], "progress", as_of)
    row = next(t for t in content.overdue_tasks if t.title == stored["added"].title)
    assert row.deadline == dt.date(2010, 6, 30) and row.missed_milestone == dt.date(2009, 6, 30)
    assert any("节点期限2009年6月30日已过" in p.text and stored["added"].title in p.text for p in content.problems)
    table = next(b for b in report_blocks(content) if isinstance(b, Table) and b.kind == "tasks")
    assert table.caption.endswith("逾期未完成的任务")
    cells = next(r for r in table.rows if r[1].text == stored["added"].title)
    assert cells[3].text == "2010年6月30日\n（节点2009年6月30日逾期）"
    # Done on time: no longer overdue.
    milestone = stored["added"].milestones.get()
    W.complete_milestone(stored["users"]["admin"], milestone, dt.date(2009, 6, 1))
    content = build_content(stored["plan"], "progress", as_of)
    assert stored["added"].title not in {t.title for t in content.overdue_tasks}
