"""Excel/CSV import and export: all-or-nothing with row-level errors; malformed, oversized and bomb uploads."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from typing import Any

import openpyxl
import pytest
from django.test import Client

from planwatch.errors import DocumentError
from planwatch.web.data import tables
from planwatch.web.data.models import Indicator, Observation, UnmatchedActual
from planwatch.web.errors import ImportRejected
from planwatch.web.ledger.models import LedgerTask
from tests.web.conftest import HARBIN


def xlsx(rows: list[list[Any]]) -> bytes:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


HEAD = ["序号", "任务", "牵头单位", "配合单位", "完成时限", "备注"]


def test_decomposition_import_and_round_trip(org: dict[str, Any]) -> None:
    admin = org["users"]["admin"]
    data = xlsx([HEAD, [1, "建设工业园区", "市工业和信息化局", "高新技术产业开发区、市发展和改革委员会", "2026年底", "重点"],
                 [2, "培育龙头企业", "高新技术产业开发区", "", dt.datetime(2027, 6, 30), ""],
                 [3, "完善服务体系", "市工业和信息化局", None, "2026年6月", None]])
    created = tables.import_decomposition(admin, "分解表.xlsx", data)
    assert [t.deadline for t in created] == [dt.date(2026, 12, 31), dt.date(2027, 6, 30), dt.date(2026, 6, 30)]
    assert {u.name for u in created[0].supporting_units.all()} == {"高新技术产业开发区", "市发展和改革委员会"}
    out = tables.export_decomposition(LedgerTask.objects.order_by("id"))
    ws = openpyxl.load_workbook(io.BytesIO(out)).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0][:6]) == HEAD and rows[1][1] == "建设工业园区" and rows[1][2] == "市工业和信息化局"
    LedgerTask.objects.all().delete()
    again = tables.import_decomposition(admin, "导出.xlsx", out)  # the export is importable
    assert [t.title for t in again] == ["建设工业园区", "培育龙头企业", "完善服务体系"]


@pytest.mark.parametrize(("rows", "column"), [
    ([["任务名称", "单位"], ["x", "y"]], "任务"),  # wrong headers
    ([HEAD, [1, "任务甲", "不存在的局", "", "", ""]], "牵头单位"),
    ([HEAD, [1, "任务甲", "市工业和信息化局", "火星办", "", ""]], "配合单位"),
    ([HEAD, [1, "任务甲", "市工业和信息化局", "", "", ""], [2, "任务甲", "市工业和信息化局", "", "", ""]], "任务"),
    ([HEAD, [1, "任务甲", "市工业和信息化局", "", "明年某个时候", ""]], "完成时限"),
    ([HEAD], "任务"),  # no data rows
])
def test_decomposition_errors_write_nothing(org: dict[str, Any], rows: list[list[Any]], column: str) -> None:
    good = [1, "合法的任务", "市工业和信息化局", "", "2026", ""]
    with pytest.raises(ImportRejected) as exc:
        tables.import_decomposition(org["users"]["admin"], "t.xlsx", xlsx([*rows, good] if len(rows) > 1 else rows))
    assert any(c == column for _, c, _ in exc.value.errors)
    assert LedgerTask.objects.count() == 0  # the good row was not written either


def test_decomposition_needs_office(org: dict[str, Any]) -> None:
    from planwatch.web.accounts.permissions import PermissionDenied

    with pytest.raises(PermissionDenied):
        tables.import_decomposition(org["users"]["reporter"], "t.xlsx", xlsx([HEAD, [1, "x", "市工业和信息化局"]]))


AHEAD = ["指标", "年份", "数值", "单位", "来源", "状态", "备注"]


def test_actuals_import_revisions_and_errors(org: dict[str, Any]) -> None:
    admin, reporter = org["users"]["admin"], org["users"]["reporter"]
    gdp = Indicator.objects.create(key="地区生产总值", name="地区生产总值", unit="亿元", responsible_unit=org["units"]["ind"])
    Indicator.objects.create(key="其他", name="其他", responsible_unit=org["units"]["zone"])
    counts = tables.import_actuals(reporter, "a.xlsx", xlsx([AHEAD, ["地区生产总值", 2008, "2,800", "亿元", "工作报告", "初步", "预计"]]))
    assert counts["created"] == 1
    for bad, col in [
        (["地区生产总值", 2009, "约三千", "亿元", "x", "", ""], "数值"),
        (["其他", 2009, 1, "亿元", "x", "", ""], "指标"),  # another unit's indicator
        (["地区生产总值", "二〇〇九", 1, "亿元", "x", "", ""], "年份"),
        (["地区生产总值", 2009, 1, "亿元", "x", "草稿", ""], "状态"),
    ]:
        with pytest.raises(ImportRejected) as exc:
            tables.import_actuals(reporter, "a.xlsx", xlsx([AHEAD, ["地区生产总值", 2010, 3000, "亿元", "公报", "", ""], bad]))
        assert [c for _, c, _ in exc.value.errors] == [col]
    # an unknown indicator is no error: the row waits on the mapping screen
    unknown = tables.import_actuals(admin, "u.xlsx", xlsx([AHEAD, ["不存在的指标", 2009, 1, "亿元", "x", "", ""]]))
    assert unknown["unmatched"] == 1 and UnmatchedActual.objects.get().name == "不存在的指标"
    dup = xlsx([AHEAD, ["地区生产总值", 2010, 1, "亿元", "a", "", ""], ["地区生产总值", 2010, 2, "亿元", "b", "", ""]])
    with pytest.raises(ImportRejected):
        tables.import_actuals(admin, "d.xlsx", dup)
    assert Observation.objects.count() == 1  # nothing of the rejected tables was written
    tables.import_actuals(admin, "d.xlsx", dup, revisions=True)
    obs = Observation.objects.get(indicator=gdp, year=2010)
    assert obs.value == 2 and [r.value for r in obs.revisions.order_by("number")] == [1, 2]
    # a later import with a new figure is a revision, the first one stays
    tables.import_actuals(admin, "f.xlsx", xlsx([AHEAD, ["地区生产总值", 2008, 2814.5, "亿元", "统计公报", "最终", ""]]))
    o8 = Observation.objects.get(indicator=gdp, year=2008)
    assert (o8.revision, o8.status) == (2, "final") and o8.revisions.first().value == 2800


def test_harbin_actuals_csv_keeps_source_and_note_and_definitions(org: dict[str, Any]) -> None:
    Indicator.objects.create(key="全市非公有制经济增加值", name="全市非公有制经济增加值", unit="亿元")
    data = (HARBIN / "harbin-actuals.csv").read_bytes()
    counts = tables.import_actuals(org["users"]["admin"], "harbin-actuals.csv", data, create_indicators=True,
                                   revisions=True)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert counts["created"] + counts["revised"] == len(rows)
    first = rows[0]
    o = Observation.objects.get(indicator__name=first["indicator"], year=int(first["year"]), scope=first["scope"])
    assert o.source_url == first["source_url"] and o.note == first["note"] and o.quote == first["quote"]
    # a 民营经济 statistic is not filed under the plan's 非公有制经济 indicator
    plan_ind = Indicator.objects.get(name="全市非公有制经济增加值")
    assert not plan_ind.observations.exists()


def test_open_sdg_and_sdmx(org: dict[str, Any]) -> None:
    ind = Indicator.objects.create(key="gdp", name="地区生产总值", unit="亿元")
    Observation.objects.create(indicator=ind, year=2008, value=2800, unit="亿元", status="preliminary", scope="全市")
    Observation.objects.create(indicator=ind, year=2010, value=3665.9, unit="亿元", status="final", scope="全市")
    sdg = list(csv.reader(io.StringIO(tables.export_open_sdg(Observation.objects.select_related("indicator")))))
    assert sdg[0] == ["Year", "Series", "Scope", "Units", "Value"] and sdg[2] == ["2010", "地区生产总值", "全市", "亿元", "3665.9"]
    sdmx = list(csv.DictReader(io.StringIO(tables.export_sdmx_csv(Observation.objects.select_related("indicator")))))
    assert [(r["TIME_PERIOD"], r["OBS_VALUE"], r["OBS_STATUS"]) for r in sdmx] == [("2008", "2800", "P"), ("2010", "3665.9", "A")]
    assert sdmx[0]["DATAFLOW"] == "PLANWATCH:OBSERVATIONS(1.0)"


def test_malformed_oversized_and_bomb_uploads(org: dict[str, Any], settings: Any) -> None:
    admin = org["users"]["admin"]
    with pytest.raises(DocumentError, match=r"Excel|Office"):
        tables.import_decomposition(admin, "坏文件.xlsx", b"PK\x03\x04 this is not a workbook at all")
    with pytest.raises(DocumentError, match=r"xlsx|csv"):
        tables.import_decomposition(admin, "表.doc", b"whatever")
    big = b"0" * (50 * 1024 * 1024)
    with pytest.raises(DocumentError, match=r"过大|too large"):
        tables.import_actuals(admin, "big.csv", big)
    settings.PLANWATCH_MAX_UNZIPPED_BYTES = 8 * 1024 * 1024
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * (16 * 1024 * 1024))
    from planwatch.web.data.uploads import check_upload

    assert len(bomb.getvalue()) < 100_000
    with pytest.raises(DocumentError, match=r"压缩炸弹|bomb|uncompressed"):
        check_upload("plan.docx", bomb.getvalue())
    assert LedgerTask.objects.count() == 0


def test_upload_endpoints_reject_bad_files(org: dict[str, Any], settings: Any) -> None:
    c = Client()
    c.force_login(org["users"]["admin"])
    settings.PLANWATCH_MAX_UNZIPPED_BYTES = 8 * 1024 * 1024
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * (16 * 1024 * 1024))
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = c.post("/api/plans/upload", {"file": SimpleUploadedFile("plan.docx", bomb.getvalue())})
    assert r.status_code == 400 and "炸弹" in r.json()["detail"]
    r = c.post("/api/plans/import-tasks", {"file": SimpleUploadedFile("t.xlsx", xlsx([HEAD, [1, "x", "不存在的局"]]))})
    assert r.status_code == 400 and r.json()["errors"][0]["column"] == "牵头单位"
    r = c.post("/api/plans/import-tasks", {"file": SimpleUploadedFile("t.xlsx", xlsx([HEAD, [1, "x", "市工业和信息化局"]]))})
    assert r.status_code == 201 and r.json()["created"] == 1
    r = c.get("/api/tasks-export.xlsx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
