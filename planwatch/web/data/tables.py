"""Excel/CSV tables in and out: the decomposition table (任务分解表), the actual-data table, and
observation exports in the Open SDG and SDMX-CSV layouts.

Imports are all-or-nothing: every row is validated first, errors are collected with row and column,
and only a clean table is written, inside one transaction.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction

from planwatch.errors import DocumentError
from planwatch.labels import label
from planwatch.progress.verdict import cumulative_month
from planwatch.web.accounts.models import Unit
from planwatch.web.accounts.permissions import can_edit_indicator_data, can_supervise, require
from planwatch.web.data.keys import indicator_key
from planwatch.web.data.models import Observation, Region, UnmatchedActual
from planwatch.web.data.observations import record_observation
from planwatch.web.data.regions import find_indicator, get_indicator, get_region
from planwatch.web.data.uploads import check_upload
from planwatch.web.errors import ImportRejected, InvalidInput
from planwatch.web.safety.validators import is_http_url, spreadsheet_text

DECOMPOSITION_HEADERS = ("序号", "任务", "牵头单位", "配合单位", "完成时限", "备注")
ACTUALS_HEADERS = ("指标", "年份", "数值", "单位", "来源")
ACTUALS_OPTIONAL = ("地区", "口径", "状态", "比较符", "链接", "原文", "备注")
# English column names accepted for the same columns (e.g. examples/harbin/harbin-actuals.csv).
ALIASES = {
    "no": "序号", "task": "任务", "lead unit": "牵头单位", "supporting units": "配合单位", "deadline": "完成时限",
    "note": "备注", "indicator": "指标", "year": "年份", "value": "数值", "unit": "单位", "source": "来源",
    "scope": "口径", "status": "状态", "comparator": "比较符", "source_url": "链接", "url": "链接",
    "quote": "原文", "范围": "口径", "region": "地区", "area": "地区",
}
STATUS_WORDS = {"": "preliminary", "初步": "preliminary", "快报": "preliminary", "预计": "preliminary",
                "preliminary": "preliminary", "最终": "final", "正式": "final", "终值": "final", "final": "final"}
_SPLIT_UNITS = re.compile(r"[、，,；;／/\s]+")


# ---- reading ----------------------------------------------------------------------------------------

def _cell(v: Any) -> Any:
    if isinstance(v, str):
        return v.strip()
    return v


# Limits of an uploaded table, checked while reading (a sheet's declared dimension is never trusted:
# a 5 KB file can declare A1:XFD1048576). Ledgers and actual-data tables are far smaller.
MAX_ROWS = 100_000
MAX_COLS = 100
MAX_CELLS = 2_000_000


def _too_big(name: str, what: str) -> DocumentError:
    return DocumentError(name, f"表格超出限制 table too large: {what} (上限 limits: {MAX_ROWS} 行 rows, "
                               f"{MAX_COLS} 列 columns, {MAX_CELLS} 个非空单元格 non-empty cells)")


def _bounded(name: str, rows: Iterable[Iterable[Any]]) -> list[list[Any]]:
    """Rows as lists, refusing the table as soon as it passes a limit (rows are counted with the
    empty ones, so a lone cell far down the sheet is refused without reading a million rows)."""
    out: list[list[Any]] = []
    cells = 0
    for n, row in enumerate(rows, start=1):
        if n > MAX_ROWS:
            raise _too_big(name, f"超过 more than {MAX_ROWS} 行 rows")
        r = list(row)
        while r and r[-1] in (None, ""):
            r.pop()
        if len(r) > MAX_COLS:
            raise _too_big(name, f"第{n}行超过 row {n} has more than {MAX_COLS} 列 columns")
        cells += sum(1 for c in r if c not in (None, ""))
        if cells > MAX_CELLS:
            raise _too_big(name, f"超过 more than {MAX_CELLS} 个单元格 cells")
        out.append(r)
    return out


def _sheet_rows(name: str, ws: Any) -> Iterator[list[Any]]:
    """The rows of a read-only sheet as the file stores them, without openpyxl's padding: it pads every
    row (and every missing row) to the declared dimension, which a hostile file sets to A1:XFD1048576.
    Missing rows come back empty (and count towards the row limit); a row is as wide as its last cell."""
    from openpyxl.worksheet._reader import WorkSheetParser

    with ws._get_source() as src:
        parser = WorkSheetParser(src, ws._shared_strings, data_only=True, epoch=ws.parent.epoch,
                                 date_formats=ws.parent._date_formats,
                                 timedelta_formats=ws.parent._timedelta_formats)
        expected = 1
        for idx, cells in parser.parse():
            for _ in range(expected, idx):
                yield []
            expected = idx + 1
            width = max((c["column"] for c in cells), default=0)
            if width > MAX_COLS:
                raise _too_big(name, f"第{idx}行超过 row {idx} has more than {MAX_COLS} 列 columns")
            row: list[Any] = [None] * width
            for c in cells:
                row[c["column"] - 1] = c["value"]
            yield row


def _xlsx_rows(name: str, data: bytes) -> list[list[Any]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise DocumentError(name, f"无法读取Excel文件 cannot read the workbook: {type(exc).__name__}") from exc
    try:
        return _bounded(name, _sheet_rows(name, wb.worksheets[0]))
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(name, f"无法读取Excel文件 cannot read the workbook: {type(exc).__name__}") from exc
    finally:
        wb.close()


def read_table(name: str, data: bytes) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """Header names (aliases resolved) and (row number, {header: value}) for each non-empty row."""
    check_upload(name, data)
    lower = name.lower()
    rows: list[list[Any]]
    if lower.endswith((".xlsx", ".xlsm")):
        rows = _xlsx_rows(name, data)
    elif lower.endswith((".csv", ".txt")):
        from planwatch.documents.encoding import decode_text

        text = decode_text(data, name)[0]  # UTF-8 (BOM), UTF-16, GB18030 or Big5; garbled text refused
        try:
            rows = _bounded(name, csv.reader(io.StringIO(text)))
        except csv.Error as exc:
            raise DocumentError(name, f"CSV格式错误 malformed CSV: {exc}") from exc
    else:
        raise DocumentError(name, "仅支持 .xlsx 或 .csv 表格 only .xlsx or .csv tables are supported")
    rows = [r for r in rows if any(c not in (None, "") for c in r)]
    if not rows:
        raise DocumentError(name, "表格为空 the table is empty")
    header = [ALIASES.get(str(h or "").strip().lower(), str(h or "").strip()) for h in rows[0]]
    out = []
    for i, r in enumerate(rows[1:], start=2):
        out.append((i, {h: _cell(r[j]) if j < len(r) else None for j, h in enumerate(header) if h}))
    return header, out


def _require_headers(name: str, header: list[str], needed: Iterable[str]) -> None:
    missing = [h for h in needed if h not in header]
    if missing:
        raise ImportRejected(name, [(1, h, f"缺少列 missing column (表头应为 expected: {' / '.join(needed)})")
                                    for h in missing])


def parse_deadline(v: Any) -> dt.date | None:
    """A deadline cell: a date, 2025-12-31, 2025年12月31日, 2025年6月 (end of month), 2025年底/2025年 (end
    of year), 年中 (30 June). Empty or 长期/持续 → None. Raises ValueError otherwise."""
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, int | float) and 1900 <= v <= 2100:
        return dt.date(int(v), 12, 31)
    s = str(v).strip().replace("／", "/")
    if re.fullmatch(r"长期|持续|持续推进|长期坚持|常态化", s):
        return None
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", s)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})月?(?:底|末)?", s)
    if m:
        y, mo = int(m[1]), int(m[2])
        return dt.date(y, mo, calendar.monthrange(y, mo)[1])
    m = re.fullmatch(r"(\d{4})年?(上半年|年中)(?:前)?", s)
    if m:
        return dt.date(int(m[1]), 6, 30)
    m = re.fullmatch(r"(\d{4})年?(?:底|末|年底|年末|全年)?(?:前)?", s)
    if m:
        return dt.date(int(m[1]), 12, 31)
    raise ValueError(s)


def _unit_index() -> dict[str, Unit]:
    idx: dict[str, Unit] = {}
    for u in Unit.objects.filter(active=True):
        idx[u.name] = u
        if u.short_name:
            idx.setdefault(u.short_name, u)
    return idx


# ---- decomposition table ---------------------------------------------------------------------------

def import_decomposition(user: Any, name: str, data: bytes, plan: Any = None) -> list[Any]:
    """Create ledger tasks from a 任务分解表. All rows or none."""
    from planwatch.web.ledger.models import LedgerTask
    from planwatch.web.ledger.workflow import create_task

    require(can_supervise(user), "只有规划处可以导入任务分解表 only the planning office imports task tables")
    header, rows = read_table(name, data)
    _require_headers(name, header, DECOMPOSITION_HEADERS[1:3])
    units = _unit_index()
    errors: list[tuple[int, str, str]] = []
    parsed = []
    seen: dict[str, int] = {}
    existing = set()
    if plan is not None:
        existing = {indicator_key(t) for t in LedgerTask.objects.filter(plan=plan).values_list("title", flat=True)}
    for rownum, r in rows:
        title = str(r.get("任务") or "").strip()
        if not title:
            errors.append((rownum, "任务", "任务为空 task is empty"))
            continue
        key = indicator_key(title)
        if key in seen:
            errors.append((rownum, "任务", f"与第{seen[key]}行重复 duplicate of row {seen[key]}"))
        elif key in existing:
            errors.append((rownum, "任务", "该规划已有此任务 task already in the ledger of this plan"))
        seen.setdefault(key, rownum)
        lead_name = str(r.get("牵头单位") or "").strip()
        lead = units.get(lead_name)
        if lead is None:
            errors.append((rownum, "牵头单位", f"单位不存在 unknown unit: {lead_name or '（空）'}"))
        support = []
        for s in _SPLIT_UNITS.split(str(r.get("配合单位") or "")):
            if s and s not in units:
                errors.append((rownum, "配合单位", f"单位不存在 unknown unit: {s}"))
            elif s:
                support.append(units[s])
        try:
            deadline = parse_deadline(r.get("完成时限"))
        except ValueError:
            errors.append((rownum, "完成时限", f"无法识别的日期 unreadable date: {r.get('完成时限')}"))
            deadline = None
        parsed.append({"number": str(r.get("序号") or "")[:30], "title": title, "lead_unit": lead,
                       "supporting_units": support, "deadline": deadline,
                       "internal_note": str(r.get("备注") or "")})
    if not rows:
        errors.append((0, "任务", "没有数据行 no data rows"))
    if errors:
        raise ImportRejected(name, errors)
    with transaction.atomic():
        return [create_task(user, plan=plan, **p) for p in parsed]


def _escaped(values: list[Any]) -> list[Any]:
    """Cells no spreadsheet evaluates as formulas; numbers formatted by us (e.g. "-1.5") stay numbers."""
    return [v if _is_number_text(v) else spreadsheet_text(v) for v in values]


def _is_number_text(v: Any) -> bool:
    if not isinstance(v, str):
        return False
    try:
        float(v)
    except ValueError:
        return False
    return True


def _append(ws: Any, values: list[Any]) -> None:
    """A row of an exported workbook, every text cell written as a string (never a formula)."""
    ws.append(_escaped(values))
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def export_decomposition(tasks: Iterable[Any]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分解表"
    ws.append([*DECOMPOSITION_HEADERS, "督办状态", "进展", "完成百分比"])
    for i, t in enumerate(tasks, start=1):
        _append(ws, [t.number or str(i), t.title, t.lead_unit.name,
                   "、".join(u.name for u in t.supporting_units.all()),
                   t.deadline, t.internal_note, label("task_state", t.state), label("task_progress", t.progress_status), t.percent])
    for col, width in zip("ABCDEFGHI", (6, 50, 20, 30, 12, 30, 10, 10, 10), strict=True):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---- actual-data table ------------------------------------------------------------------------------

def _number(v: Any) -> float:
    if isinstance(v, bool):
        raise ValueError(v)
    f = float(v) if isinstance(v, int | float) else float(str(v).replace(",", "").replace("，", "").strip())
    if not math.isfinite(f):
        raise ValueError(v)
    return f


def _row_region(cell: str, default: Region | None, user: Any, cache: dict[str, Region | None]) -> Region | None:
    if not cell:
        return default
    if cell not in cache:
        found = Region.objects.filter(name=cell).first()
        cache[cell] = found if found is not None or not can_supervise(user) else get_region(cell)
    return cache[cell]


def import_actuals(user: Any, name: str, data: bytes, *, create_indicators: bool = False,
                   revisions: bool = False, region: Region | None = None) -> dict[str, int]:
    """Record observations from an actual-data table (指标 / 年份 / 数值 / 单位 / 来源 [地区 口径 状态 比较符
    链接 原文 备注]; a 链接 URL may stand in for 来源). Each row belongs to its 地区 (else ``region``); it is
    recorded on the indicator of that region a confirmed alias or its identity (name + 口径 + unit,
    ``planwatch.progress.identity``) points to. A row that matches none is created as a new indicator
    when ``create_indicators`` (office only), else kept for the mapping screen (``data.mapping``).
    A repeated 地区+指标+年份+口径 is a duplicate-row error, unless ``revisions``: then repeated rows are
    successive revisions in file order. Invalid tables write nothing."""
    header, rows = read_table(name, data)
    _require_headers(name, header, ACTUALS_HEADERS[:4])
    if "来源" not in header and "链接" not in header:
        _require_headers(name, header, ACTUALS_HEADERS)
    if create_indicators:
        require(can_supervise(user), "只有规划处可以新建指标 only the planning office creates indicators")
    errors: list[tuple[int, str, str]] = []
    parsed = []
    regions: dict[str, Region | None] = {}
    seen: dict[tuple[Any, str, int, str], int] = {}
    for rownum, r in rows:
        iname = str(r.get("指标") or "").strip()
        rcell = str(r.get("地区") or "").strip()
        reg = _row_region(rcell, region, user, regions)
        if rcell and reg is None:
            errors.append((rownum, "地区", f"地区不存在 unknown region: {rcell}"))
        scope = str(r.get("口径") or "").strip()[:100]
        unit = str(r.get("单位") or "").strip()
        ind = find_indicator(reg, iname, unit, None, scope) if iname else None
        if not iname:
            errors.append((rownum, "指标", "指标为空 indicator is empty"))
        elif ind is not None and not can_edit_indicator_data(user, ind):
            errors.append((rownum, "指标", f"无权填报 may not report: {iname}"))
        try:
            year = int(_number(r.get("年份")))
            if not 1900 <= year <= 2100:
                raise ValueError(year)
        except (TypeError, ValueError):
            errors.append((rownum, "年份", f"年份无效 invalid year: {r.get('年份')}"))
            year = 0
        try:
            value = _number(r.get("数值"))
        except (TypeError, ValueError):
            errors.append((rownum, "数值", f"不是数值 not a number: {r.get('数值')}"))
            value = math.nan
        status = STATUS_WORDS.get(str(r.get("状态") or "").strip().lower())
        if status is None:
            errors.append((rownum, "状态", f"状态应为 初步/最终: {r.get('状态')}"))
        comparator = str(r.get("比较符") or "=").strip()
        if comparator not in ("=", ">", ">=", "<", "<=", "≈", "~"):
            errors.append((rownum, "比较符", f"无效的比较符 invalid comparator: {comparator}"))
        if not is_http_url(str(r.get("链接") or "").strip()) and str(r.get("链接") or "").strip():
            errors.append((rownum, "链接", f"链接须为 http(s) 网址 the link must be an http(s) URL: {str(r.get('链接'))[:80]}"))
        k = (reg.pk if reg else None, indicator_key(iname), year, scope)
        if iname and year and k in seen and not revisions:
            errors.append((rownum, "指标", f"与第{seen[k]}行重复 duplicate of row {seen[k]} (地区+指标+年份+口径)"))
        seen.setdefault(k, rownum)
        parsed.append({"name": iname, "year": year, "value": value, "unit": unit, "region": reg, "indicator": ind,
                       "source": str(r.get("来源") or "").strip()[:300], "status": status or "preliminary",
                       "comparator": comparator, "scope": scope,
                       "source_url": str(r.get("链接") or "").strip()[:500],
                       "quote": str(r.get("原文") or "").strip(), "note": str(r.get("备注") or "").strip()})
    if not rows:
        errors.append((0, "指标", "没有数据行 no data rows"))
    if errors:
        raise ImportRejected(name, errors)
    counts = {"created": 0, "revised": 0, "unchanged": 0, "new_indicators": 0, "unmatched": 0}
    with transaction.atomic():
        for p in parsed:
            ind = p["indicator"]
            if ind is None:
                ind = find_indicator(p["region"], p["name"], p["unit"], None, p["scope"])
            if ind is None and not create_indicators:
                UnmatchedActual.objects.create(
                    region=p["region"], name=p["name"][:200], caliber_text=p["scope"], year=p["year"],
                    value=p["value"], unit=p["unit"], comparator=p["comparator"], status=p["status"],
                    source=p["source"], source_url=p["source_url"], quote=p["quote"], note=p["note"],
                    file_name=name[:300])
                counts["unmatched"] += 1
                continue
            if ind is None:
                ind = get_indicator(p["name"], p["unit"], "=", None, p["region"], p["scope"])
                ind.definition = f"由实际数据表导入 created by importing {name}"
                ind.save(update_fields=["definition"])
                counts["new_indicators"] += 1
            counts[record_row(user, ind, p, name)] += 1
    return counts


def record_row(user: Any, ind: Any, p: dict[str, Any], file_name: str) -> str:
    """Record one parsed row on ``ind``; "created" / "revised" / "unchanged"."""
    existed = Observation.objects.filter(indicator=ind, year=p["year"], scope=p["scope"], period="").exists()
    try:
        _, changed = record_observation(
            user, ind, p["year"], p["value"], scope=p["scope"], unit=p["unit"], comparator=p["comparator"],
            status=p["status"], source=p["source"] or p["source_url"], source_url=p["source_url"],
            quote=p["quote"], note=p["note"], reason=f"导入 imported from {file_name}", check_permission=False)
    except InvalidInput as exc:
        raise ImportRejected(file_name, [(0, "数值", str(exc))]) from exc
    return "unchanged" if not changed else "revised" if existed else "created"


def export_actuals(observations: Iterable[Observation]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "实际数据"
    ws.append([*ACTUALS_HEADERS, *ACTUALS_OPTIONAL])
    for o in observations:
        _append(ws, [o.indicator.name, o.year, o.value, o.unit, o.source, o.scope,
                   "最终" if o.status == "final" else "初步", o.comparator, o.source_url, o.quote, o.note])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_open_sdg(observations: Iterable[Observation]) -> str:
    """Open SDG data CSV: Year, disaggregation columns (Scope), Units, Value — one indicator per file
    in Open SDG; here all given observations, ``Series`` naming the indicator."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")  # RFC 4180; quotes any cell holding CR or LF
    w.writerow(["Year", "Series", "Scope", "Units", "Value"])
    for o in sorted(observations, key=lambda o: (o.indicator.name, o.scope, o.year)):
        w.writerow(_escaped([o.year, o.indicator.name, o.scope, o.unit, f"{o.value:g}"]))
    return buf.getvalue()


def export_sdmx_csv(observations: Iterable[Observation], agency: str = "PLANWATCH") -> str:
    """SDMX-CSV (version 1): DATAFLOW, dimensions, TIME_PERIOD, OBS_VALUE, attributes.
    OBS_STATUS uses the SDMX code list: A normal (final), P provisional (preliminary)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")  # RFC 4180; quotes any cell holding CR or LF
    w.writerow(["DATAFLOW", "FREQ", "INDICATOR", "SCOPE", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE",
                "OBS_STATUS", "SOURCE"])
    for o in sorted(observations, key=lambda o: (o.indicator.key, o.scope, o.year)):
        # 时期 2001-2005 → 2001/2005; a 1-9月 cumulative figure (2023-09) → 2023-01/2023-09
        period = (str(o.year) if not o.period else f"{o.year}-01/{o.period}" if cumulative_month(o.period)
                  else o.period.replace("-", "/"))
        w.writerow(_escaped([f"{agency}:OBSERVATIONS(1.0)", "A", o.indicator.key, o.scope or "_T", period,
                             f"{o.value:g}", o.unit, "A" if o.status == "final" else "P", o.source_url or o.source]))
    return buf.getvalue()
