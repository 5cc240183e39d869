"""Hostile and failure-prone input to the web store: backups that must restore (and refuse escaping
entries), links, formulas, redirects, oversized spreadsheets, concurrent writes, repeated requests."""

from __future__ import annotations

import datetime as dt
import io
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from planwatch.errors import DocumentError
from planwatch.web import store
from planwatch.web.data.models import Indicator, Observation
from planwatch.web.ledger import workflow as W
from planwatch.web.ledger.models import Evidence, LedgerTask
from planwatch.web.plans.ingest import ingest_extraction
from planwatch.web.plans.review import approve_version
from tests.web.conftest import gold

J = "application/json"


def client_for(user: Any) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


@pytest.fixture
def world(org: dict[str, Any]) -> dict[str, Any]:
    us, un = org["users"], org["units"]
    data, text = gold("harbin-industry-2006-2010")
    live = ingest_extraction(data, text, doc_name=data["doc"])
    approve_version(us["admin"], live)
    live.plan.published = True
    live.plan.save()
    task = W.create_task(us["admin"], title="工信局任务", lead_unit=un["ind"], plan=live.plan,
                         deadline=dt.date(2030, 1, 1))
    inds = list(Indicator.objects.filter(targets__version=live).distinct().order_by("pk")[:2])
    for ind in inds:
        ind.responsible_unit = un["ind"]
        ind.public = True
        ind.save()
    return {**org, "live": live, "plan": live.plan, "task": task, "indicators": inds}


# ---- backup and restore -----------------------------------------------------------------------------

def _session(world: dict[str, Any]) -> None:
    """Ordinary use through the UI and the API: pages that fill the caches, observations (the later
    indicator first), a progress update with an evidence file, its approval, a task edit (m2m)."""
    us, un = world["users"], world["units"]
    admin, rep, lead = client_for(us["admin"]), client_for(us["reporter"]), client_for(us["leader"])
    plan = world["plan"]
    assert admin.get(f"/portal/plans/{plan.pk}/").status_code == 200
    assert admin.get("/dashboard/").status_code == 200
    assert admin.get(f"/plans/{plan.pk}/").status_code == 200
    first, second = world["indicators"]
    for ind, year in ((second, 2007), (first, 2008)):
        r = rep.post("/api/observations", {"indicator_id": ind.pk, "year": year, "value": 12.5,
                                           "source": "统计公报", "source_url": "https://stats.example/1"},
                     content_type=J)
        assert r.status_code == 201, r.content
    assert admin.get(f"/portal/plans/{plan.pk}/").status_code == 200
    task = world["task"]
    assert rep.post(f"/api/tasks/{task.pk}/accept", {}, content_type=J).status_code == 200
    upd = rep.post(f"/api/tasks/{task.pk}/updates", {"text": "进展", "status": "in_progress", "percent": 30},
                   content_type=J).json()["id"]
    ev = rep.post(f"/api/updates/{upd}/evidence",
                  {"file": SimpleUploadedFile("会议纪要.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")})
    assert ev.status_code == 201, ev.content
    assert lead.post(f"/api/updates/{upd}/review", {"approve": True}, content_type=J).status_code == 200
    v = LedgerTask.objects.get(pk=task.pk).version
    r = admin.patch(f"/api/tasks/{task.pk}", {"version": v, "title": "改名", "supporting_unit_ids": [un["zone"].pk]},
                    content_type=J)
    assert r.status_code == 200, r.content


def _empty_store(media: Path) -> None:
    """An empty database and media directory, inside the test's transaction (PostgreSQL refuses to
    TRUNCATE tables with pending deferred foreign-key checks, so they are checked first)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SET CONSTRAINTS ALL DEFERRED")
    for f in sorted(media.rglob("*"), reverse=True):
        f.unlink() if f.is_file() else f.rmdir()


def test_backup_restore_backup_is_identical_after_a_real_session(world: dict[str, Any], tmp_path: Path,
                                                                  settings: Any) -> None:
    from planwatch.web.data.models import StoredVerdict

    _session(world)
    assert StoredVerdict.objects.exists()  # derived rows: left out of the backup, rebuilt on first read
    a, b = tmp_path / "a.zip", tmp_path / "b.zip"
    first = store.backup(a)
    assert first["files"] == 1
    _empty_store(Path(settings.MEDIA_ROOT))
    assert not Evidence.objects.exists()
    restored = store.restore(a)
    assert restored == {"objects": first["objects"], "files": 1}
    ev = Evidence.objects.get()
    assert ev.file.read() == b"%PDF-1.4 evidence"
    store.backup(b)
    if a.read_bytes() != b.read_bytes():  # say which rows differ
        import json

        ra, rb = (json.loads(zipfile.ZipFile(p).read("data.json")) for p in (a, b))
        diff = [(x, y) for x, y in zip(ra, rb, strict=False) if x != y]
        raise AssertionError(f"{len(ra)} vs {len(rb)} rows; first differences: {diff[:2]}")
    # the restored store works: pages rebuild the caches, the trail continues
    admin = client_for(world["users"]["admin"])
    assert admin.get(f"/portal/plans/{world['plan'].pk}/").status_code == 200
    assert Observation.objects.count() == 2


def _backup_with(tmp_path: Path, entries: dict[str, bytes], symlink: str | None = None) -> Path:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("data.json", "[]")
        for name, data in entries.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


@pytest.mark.parametrize("name", [
    "media//tmp/pw-escape/ESCAPED.txt", "media/../ESCAPED.txt", "media/evidence/../../ESCAPED.txt",
    "media/C:/Windows/ESCAPED.txt", "media\\..\\ESCAPED.txt", "/abs/ESCAPED.txt", "../ESCAPED.txt",
    "elsewhere/ESCAPED.txt",
])
def test_restore_refuses_entries_outside_the_media_directory(db: Any, tmp_path: Path, name: str) -> None:
    path = _backup_with(tmp_path, {"media/evidence/ok.txt": b"ok", name: b"x"})
    with pytest.raises(DocumentError, match="unsafe entry"):
        store.restore(path)
    assert not Path("/tmp/pw-escape/ESCAPED.txt").exists()
    assert not list(tmp_path.rglob("ESCAPED.txt")) and not list(tmp_path.rglob("ok.txt"))


def test_restore_refuses_symlink_entries(db: Any, tmp_path: Path) -> None:
    path = _backup_with(tmp_path, {}, symlink="media/evidence/link")
    with pytest.raises(DocumentError, match="unsafe entry"):
        store.restore(path)


def test_restore_of_a_corrupt_backup_writes_nothing(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "bad.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("data.json", '[{"model": "data.indicator", "pk": 1, "fields": {"key": "k", "name": 5, '
                                 '"nonexistent": 1}}]')
        zf.writestr("media/evidence/a.txt", b"a")
    with pytest.raises(Exception):  # noqa: B017  (Django's DeserializationError)
        store.restore(path)
    assert not Indicator.objects.exists()
    assert not list(tmp_path.rglob("a.txt"))


# ---- concurrent writes on a real server --------------------------------------------------------------

@pytest.mark.slow
def test_concurrent_stale_patches_answer_409_never_500(tmp_path: Path) -> None:
    """10 simultaneous PATCHes of one task with the same version: one wins, the rest are told 409;
    20 concurrent observation writers: every write acknowledged, none a server error."""
    from concurrent.futures import ThreadPoolExecutor

    from tests.web.live_store import call, live_store

    with live_store(tmp_path) as s:
        base, tok, task = s["base"], s["token"], s["task"]

        def patch(i: int) -> int:
            return call(base, "PATCH", f"/api/tasks/{task}", tok, {"version": s["version"], "title": f"改{i}"})[0]

        with ThreadPoolExecutor(10) as pool:
            codes = list(pool.map(patch, range(10)))
        assert sorted(codes) == [200] + [409] * 9, codes


        def write(i: int) -> tuple[int, Any]:
            return call(base, "POST", "/api/observations", tok,
                        {"indicator_id": s["indicator"], "year": 1900 + i, "value": i, "source": "压测"})

        with ThreadPoolExecutor(20) as pool:
            answers = list(pool.map(write, range(100)))
        failed = [a for a in answers if a[0] != 201]
        assert not failed, str(failed[0])[:3000]
        assert call(base, "GET", f"/api/observations?indicator={s['indicator']}", tok)[1]["count"] == 100


# ---- spreadsheets -------------------------------------------------------------------------------------

def _xlsx(cells: dict[tuple[int, int], Any], dimension: str | None = None) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for (row, col), v in cells.items():
        ws.cell(row=row, column=col, value=v)
    buf = io.BytesIO()
    wb.save(buf)
    if dimension is None:
        return buf.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                import re

                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + dimension.encode() + b'"', data)
            zout.writestr(info, data)
    return out.getvalue()


HEADER = {(1, 1): "指标", (1, 2): "年份", (1, 3): "数值", (1, 4): "单位", (1, 5): "来源"}


@pytest.mark.parametrize("cells,dimension", [
    ({**HEADER, (1_000_000, 1): "x"}, "A1:XFD1048576"),       # a declared huge sheet: padding must not happen
    ({**HEADER, (120_000, 1): "x"}, None),                  # too many rows
    ({**HEADER, (2, 150): "x"}, None),                      # too many columns
], ids=["declared-dimension", "rows", "columns"])
def test_oversized_sheets_are_refused_with_a_clear_4xx(world: dict[str, Any], cells: dict[tuple[int, int], Any],
                                                       dimension: str | None) -> None:
    import tracemalloc

    data = _xlsx(cells, dimension)
    assert len(data) < 20_000
    c = client_for(world["users"]["reporter"])
    tracemalloc.start()
    r = c.post("/api/observations/import", {"file": SimpleUploadedFile("bomb.xlsx", data)})
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert r.status_code == 400, r.content
    assert "table too large" in r.json()["detail"]
    assert peak < 200 * 1024 * 1024
    assert not Observation.objects.exists()


def test_a_sheet_with_an_inflated_dimension_but_few_cells_still_imports(world: dict[str, Any]) -> None:
    ind = world["indicators"][0]
    data = _xlsx({**HEADER, (2, 1): ind.name, (2, 2): 2009, (2, 3): 5.5, (2, 4): ind.unit, (2, 5): "统计局"},
                 "A1:XFD50000")
    c = client_for(world["users"]["reporter"])
    r = c.post("/api/observations/import", {"file": SimpleUploadedFile("ok.xlsx", data)})
    assert r.status_code == 201, r.content
    assert Observation.objects.get().value == 5.5


# ---- links, formulas, redirects, evidence types --------------------------------------------------------

BAD_URLS = ["/\\evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<script>x</script>",
            "vbscript:msgbox", "//evil.example/x", "relative/x", "ftp://files.example/a"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_source_links_must_be_http_in_the_api(world: dict[str, Any], url: str) -> None:
    c = client_for(world["users"]["reporter"])
    r = c.post("/api/observations", {"indicator_id": world["indicators"][0].pk, "year": 2009, "value": 1,
                                     "source": "x", "source_url": url}, content_type=J)
    assert r.status_code == 400 and "http" in r.json()["detail"], r.content
    assert not Observation.objects.exists()


def test_source_links_must_be_http_in_the_form_and_the_import(world: dict[str, Any]) -> None:
    ind = world["indicators"][0]
    c = client_for(world["users"]["reporter"])
    r = c.post(f"/indicators/{ind.pk}/observe/", {"year": 2009, "value": 1, "status": "final", "source": "x",
                                                  "source_url": "javascript:alert(1)"})
    assert r.status_code == 200 and not Observation.objects.exists()
    table = f"指标,年份,数值,单位,来源,链接\n{ind.name},2009,1,{ind.unit},统计局,javascript:alert(1)\n".encode()
    r = c.post("/api/observations/import", {"file": SimpleUploadedFile("a.csv", table)})
    assert r.status_code == 400 and r.json()["errors"][0]["column"] == "链接"
    assert not Observation.objects.exists()


def test_a_stored_javascript_link_is_rendered_as_text(world: dict[str, Any]) -> None:
    ind = world["indicators"][0]
    Observation.objects.create(indicator=ind, year=2009, value=1.0, source="来源X", source_url="javascript:alert(1)")
    html = client_for(world["users"]["admin"]).get(f"/indicators/{ind.pk}/").content.decode()
    assert "来源X" in html and "javascript:" not in html


def test_exports_escape_formulas(world: dict[str, Any]) -> None:
    import csv

    import openpyxl

    ind = world["indicators"][0]
    for i, text in enumerate(['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1"]):
        Observation.objects.create(indicator=ind, year=2000 + i, value=-1.5, source=text, scope=text,
                                   quote=text, note=text)
    W.create_task(world["users"]["admin"], title="=1+2", lead_unit=world["units"]["ind"], internal_note="@x")
    admin = client_for(world["users"]["admin"])
    for url in ("/api/observations/export/xlsx", "/api/tasks-export.xlsx"):
        r = admin.get(url)
        assert r.status_code == 200, url
        wb = openpyxl.load_workbook(io.BytesIO(b"".join(r.streaming_content) if r.streaming else r.content))
        for row in wb.active.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (url, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), (url, cell.value)
    for fmt in ("opensdg", "sdmx"):
        r = admin.get(f"/api/observations/export/{fmt}")
        text = (b"".join(r.streaming_content) if r.streaming else r.content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        cells = [c for row in rows[1:] for c in row]
        assert "-1.5" in cells  # numbers stay numbers
        assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r")) or
                    (c.startswith("-") and c != "-1.5")], fmt


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"])
def test_review_redirect_stays_on_site(world: dict[str, Any], target: str) -> None:
    us = world["users"]
    W.accept_task(us["reporter"], world["task"])
    upd = W.submit_update(us["reporter"], world["task"], "x", "in_progress", 5)
    r = client_for(us["leader"]).post(f"/updates/{upd.pk}/review/", {"decision": "approve", "next": target})
    assert r.status_code == 302 and r["Location"] == "/approvals/", r["Location"]


def test_review_redirect_to_a_local_page_is_kept(world: dict[str, Any]) -> None:
    us = world["users"]
    W.accept_task(us["reporter"], world["task"])
    upd = W.submit_update(us["reporter"], world["task"], "x", "in_progress", 5)
    r = client_for(us["leader"]).post(f"/updates/{upd.pk}/review/", {"decision": "approve", "next": "/ledger/"})
    assert r["Location"] == "/ledger/"


@pytest.mark.parametrize("name", ["x.html", "x.HTM", "x.svg", "x.xhtml", "x.js", "noext"])
def test_api_evidence_refuses_active_content_like_the_form(world: dict[str, Any], name: str) -> None:
    us = world["users"]
    W.accept_task(us["reporter"], world["task"])
    upd = W.submit_update(us["reporter"], world["task"], "x", "in_progress", 5)
    rep = client_for(us["reporter"])
    r = rep.post(f"/api/updates/{upd.pk}/evidence", {"file": SimpleUploadedFile(name, b"<svg onload=alert(1)>")})
    assert r.status_code == 400, r.content
    assert not Evidence.objects.exists()
    form = rep.post(f"/ledger/{world['task'].pk}/", {"text": "y", "status": "in_progress", "percent": 6,
                                                     "evidence": SimpleUploadedFile(name, b"<svg>")})
    assert not Evidence.objects.exists() and form.status_code in (200, 400)


# ---- the audit trail ---------------------------------------------------------------------------------

def test_leadership_sees_no_pending_or_returned_updates_in_the_trail(world: dict[str, Any]) -> None:
    us = world["users"]
    task = world["task"]
    W.accept_task(us["reporter"], task)
    pending = W.submit_update(us["reporter"], task, "待审批的秘密进展", "in_progress", 5)
    W.add_evidence(pending, "pending.pdf", b"%PDF pending")
    returned = W.submit_update(us["reporter"], task, "被退回的进展", "in_progress", 6)
    W.review_update(us["leader"], returned, False, "退回意见：数据不实")
    approved = W.submit_update(us["reporter"], task, "已批准的进展", "in_progress", 7)
    W.review_update(us["leader"], approved, True)
    for who in ("viewer", "admin"):
        c = client_for(us[who])
        entries = c.get("/api/history?page_size=500").json()["items"]
        text = str(entries)
        assert "已批准的进展" in text, who
        assert "待审批的秘密进展" not in text and "被退回的进展" not in text and "pending.pdf" not in text, who
        assert "数据不实" not in text, who
        assert c.get(f"/api/history?model=ledger.progressupdate&object_id={pending.pk}").json()["count"] == 0
        html = c.get(f"/history/ledger.ledgertask/{task.pk}/").content.decode()
        assert "数据不实" not in html, who
    # the unit itself still reads its own returned update's history
    lead = client_for(us["leader"])
    assert "数据不实" in lead.get(f"/history/ledger.ledgertask/{task.pk}/").content.decode()


# ---- bad input that used to answer 500 -----------------------------------------------------------------

def test_unknown_plan_task_and_malformed_extraction_are_4xx(world: dict[str, Any]) -> None:
    admin = client_for(world["users"]["admin"])
    r = admin.post("/api/tasks", {"title": "x", "lead_unit_id": world["units"]["ind"].pk, "plan_task_id": 999999},
                   content_type=J)
    assert r.status_code == 400 and "plan task" in r.json()["detail"]
    for body in ({"targets": "x"}, {"extraction": {"targets": "x"}, "text": "正文"},
                 {"extraction": {"targets": [1, 2]}, "text": "正文"}, {"extraction": {"targets": [{"x": 1}]}, "text": "t"}):
        r = admin.post("/api/plans/ingest", body, content_type=J)
        assert r.status_code in (400, 422), (body, r.status_code)
    assert LedgerTask.objects.count() == 1


def test_plans_cannot_become_each_others_parent(world: dict[str, Any]) -> None:
    from planwatch.web.plans.models import Plan

    admin = client_for(world["users"]["admin"])
    a = world["plan"]
    b = Plan.objects.create(title="下级规划")
    c = Plan.objects.create(title="再下级规划")
    assert admin.patch(f"/api/plans/{b.pk}", {"parent_id": a.pk}, content_type=J).status_code == 200
    assert admin.patch(f"/api/plans/{c.pk}", {"parent_id": b.pk}, content_type=J).status_code == 200
    for plan, parent in ((a, b), (a, c), (a, a)):
        r = admin.patch(f"/api/plans/{plan.pk}", {"parent_id": parent.pk}, content_type=J)
        assert r.status_code == 400, (plan.title, parent.title)
    a.refresh_from_db()
    assert a.parent_id is None


def test_upload_errors_do_not_disclose_server_paths(world: dict[str, Any]) -> None:
    import tempfile

    admin = client_for(world["users"]["admin"])
    for name, data in (("plan.txt", b"\x00\x01\x02binary" * 50), ("plan.pdf", b"%PDF-1.4 broken"),
                       ("plan.docx", b"PK\x03\x04broken"), ("plan.txt", bytes(range(0x80, 0x100)) * 3)):
        r = admin.post("/api/plans/upload", {"file": SimpleUploadedFile(name, data)})
        assert r.status_code == 400, (name, r.content)
        detail = r.json()["detail"]
        assert tempfile.gettempdir() not in detail and "/tmp" not in detail, detail
        assert detail.startswith(name), detail
        page = admin.post("/upload/", {"document": SimpleUploadedFile(name, data)})
        assert tempfile.gettempdir() not in page.content.decode(), name


# ---- idempotency keys --------------------------------------------------------------------------------

def test_a_repeated_idempotency_key_returns_the_first_answer_without_writing_again(world: dict[str, Any]) -> None:
    from planwatch.web.accounts.models import ApiToken

    token = ApiToken.issue(world["users"]["reporter"], "t")[1]
    c = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    ind = world["indicators"][0]
    body = {"indicator_id": ind.pk, "year": 2009, "value": 1.5, "source": "统计局"}
    first = c.post("/api/observations", body, content_type=J, HTTP_IDEMPOTENCY_KEY="k-1")
    again = c.post("/api/observations", body, content_type=J, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and again["Idempotent-Replayed"] == "true"
    assert Observation.objects.get().revision == 1
    # a second update without a key would be a revision needing a reason; a new key executes again
    changed = {**body, "value": 2.5, "reason": "更正"}
    assert c.post("/api/observations", changed, content_type=J, HTTP_IDEMPOTENCY_KEY="k-2").status_code in (200, 201)
    assert Observation.objects.get().revision == 2
    # the same key for a different request is refused; another user's identical key is their own
    assert c.post(f"/api/tasks/{world['task'].pk}/accept", {}, content_type=J,
                  HTTP_IDEMPOTENCY_KEY="k-1").status_code == 422
    task_accept = client_for(world["users"]["leader"]).post(f"/api/tasks/{world['task'].pk}/accept", {},
                                                            content_type=J, HTTP_IDEMPOTENCY_KEY="k-1")
    assert task_accept.status_code == 200


def test_an_idempotent_request_that_fails_is_not_remembered(world: dict[str, Any]) -> None:
    c = client_for(world["users"]["reporter"])
    ind = world["indicators"][0]
    bad = c.post("/api/observations", {"indicator_id": ind.pk, "year": 3000, "value": 1}, content_type=J,
                 HTTP_IDEMPOTENCY_KEY="k-9")
    assert bad.status_code == 400  # a 4xx is an answer too: remembered
    again = c.post("/api/observations", {"indicator_id": ind.pk, "year": 3000, "value": 1}, content_type=J,
                   HTTP_IDEMPOTENCY_KEY="k-9")
    assert again.status_code == 400 and again["Idempotent-Replayed"] == "true"


# ---- login throttling --------------------------------------------------------------------------------

def test_the_sixth_wrong_password_is_refused_even_when_right(world: dict[str, Any]) -> None:
    c = Client()
    for _ in range(5):
        r = c.post("/accounts/login/", {"username": "office", "password": "wrong"})
        assert r.status_code == 200 and "用户名或密码不正确" in r.content.decode()
    r = c.post("/accounts/login/", {"username": "office", "password": "wrong"})
    assert r.status_code == 429 and "登录已暂停" in r.content.decode()
    r = c.post("/accounts/login/", {"username": "office", "password": "pw-office"})
    assert r.status_code == 429 and "登录已暂停" in r.content.decode()
    assert "_auth_user_id" not in c.session
    # the token endpoint is locked for the same account and address too
    r = c.post("/api/auth/tokens", {"username": "office", "password": "pw-office"}, content_type=J)
    assert r.status_code in (403, 429)
    # another account is not affected; a right password resets the count
    other = Client()
    for _ in range(5):
        other.post("/accounts/login/", {"username": "viewer", "password": "wrong"})
    assert other.post("/accounts/login/", {"username": "viewer", "password": "pw-viewer"}).status_code == 302
    for _ in range(5):
        other.post("/accounts/login/", {"username": "viewer", "password": "wrong"})
    assert other.post("/accounts/login/", {"username": "viewer", "password": "pw-viewer"}).status_code == 302


def test_backup_writes_a_time_as_it_reads_back_after_restore(db: Any) -> None:
    """Django serialises 1–999 µs as ``.000``; after a restore the same time has no fraction, so the
    backup writes it without one (else backup → restore → backup differs by chance)."""
    rows = [{"model": "history.auditentry", "pk": 1,
             "fields": {"at": "2026-12-02T18:18:59.000Z", "comment": "12:00:00.000"}},
            {"model": "history.auditentry", "pk": 2, "fields": {"at": "2026-12-02T18:18:59.120Z"}}]
    out = store._canonical(rows)
    assert out[0]["fields"] == {"at": "2026-12-02T18:18:59Z", "comment": "12:00:00.000"}
    assert out[1]["fields"]["at"] == "2026-12-02T18:18:59.120Z"


def test_a_path_on_this_site_is_a_valid_source_link() -> None:
    """Figures computed by the registers link to the list behind them (a path on this site)."""
    from planwatch.web.safety.validators import check_source_url

    assert check_source_url("/registers/rules/1/2006/") == "/registers/rules/1/2006/"


def test_a_nul_character_is_refused_with_400_on_every_store(world: dict[str, Any]) -> None:
    """PostgreSQL text holds no NUL: a query, a form field or a JSON string with one is a 400 with a
    message, never a 500 (and nothing is written)."""
    admin = client_for(world["users"]["admin"])
    r = admin.get("/search/", {"q": "工业\x00"})
    assert r.status_code == 400 and "空字符" in r.content.decode()
    assert admin.get("/ledger/", {"q": "a\x00b"}).status_code == 400
    ind = world["indicators"][0]
    before = Observation.objects.count()
    r = admin.post("/api/observations", {"indicator_id": ind.pk, "year": 2008, "value": 1, "source": "公报\x00"},
                   content_type=J)
    assert r.status_code == 400 and "空字符" in r.json()["detail"]
    r = admin.post(f"/indicators/{ind.pk}/observe/", {"year": "2008", "value": "1", "source": "x\x00"})
    assert r.status_code == 400
    assert Observation.objects.count() == before
    assert admin.get("/search/", {"q": "工业"}).status_code == 200  # an ordinary query still works
