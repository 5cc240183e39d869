"""Reading uploaded tables: time and peak memory of ``read_table`` on a legitimate large actual-data
sheet, and how fast hostile sheets (a declared A1:XFD1048576 dimension, too many rows) are refused.

    PYTHONPATH=$PWD python bench/spreadsheets.py [--rows 50000]

Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import tempfile
import time
import tracemalloc
import zipfile

os.environ.setdefault("PLANWATCH_DATA_DIR", tempfile.mkdtemp(prefix="planwatch-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")

import django

django.setup()

import openpyxl  # noqa: E402

from planwatch.errors import DocumentError  # noqa: E402
from planwatch.web.data.tables import read_table  # noqa: E402

HEADER = ["指标", "年份", "数值", "单位", "来源", "口径", "状态", "比较符", "链接", "原文", "备注"]


def legit(rows: int) -> bytes:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(HEADER)
    for i in range(rows):
        ws.append([f"指标{i % 500}", 1990 + i % 30, i * 1.5, "亿元", "统计公报", "全市", "最终", "=",
                   "https://stats.example/a", "原文", ""])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def declared_bomb(last_row: int) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER[:5])
    ws.cell(row=last_row, column=1, value="x")
    buf = io.BytesIO()
    wb.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
            zout.writestr(info, data)
    return out.getvalue()


def measure(label: str, data: bytes) -> None:
    """Time without tracing (tracemalloc slows parsing several-fold), then peak memory with it."""
    t0 = time.perf_counter()
    with contextlib.suppress(DocumentError):
        read_table("upload.xlsx", data)
    dt = time.perf_counter() - t0
    tracemalloc.start()
    try:
        _, rows = read_table("upload.xlsx", data)
        outcome = f"{len(rows)} rows read"
    except DocumentError as exc:
        outcome = "refused: " + exc.problem[:60]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label:38s} {len(data) / 1e6:7.2f} MB {dt:7.2f} s  peak {peak / 1e6:7.1f} MB  {outcome}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=50_000)
    args = ap.parse_args()
    measure(f"legit {args.rows} rows x 11 cols", legit(args.rows))
    measure("declared XFD, cell at row 10,000", declared_bomb(10_000))
    measure("declared XFD, cell at row 1,000,000", declared_bomb(1_000_000))


if __name__ == "__main__":
    main()
