"""Report options as the CLI and the download view accept them, checked without touching Django
(so a bad argument is reported before the database is opened), and the report's file names."""

from __future__ import annotations

import re
from datetime import date

from planwatch.errors import PlanWatchError
from planwatch.reports.content import KIND_TITLES
from planwatch.reports.generate import FORMATS

KINDS = tuple(KIND_TITLES)
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def parse_kind(kind: str) -> str:
    if kind not in KINDS:
        raise PlanWatchError(f"报告类型应为 progress 或 midterm / report kind must be progress or midterm, not {kind!r}")
    return kind


def parse_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise PlanWatchError(f"格式应为 {'、'.join(FORMATS)} / format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


def parse_as_of(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise PlanWatchError(f"日期应为 YYYY-MM-DD / the date must be YYYY-MM-DD, not {text!r}") from exc


def file_name(plan_title: str, plan_id: int, kind: str, as_of: date, fmt: str) -> str:
    """E.g. 哈尔滨市…规划实施进展情况报告（截至2011年1月1日）.docx — safe as a file name on any system."""
    title = _UNSAFE_IN_NAME.sub("", plan_title).strip()[:80] or f"规划{plan_id}"
    return f"{title}{KIND_TITLES[kind][0]}（截至{as_of.year}年{as_of.month}月{as_of.day}日）.{fmt}"


def ascii_file_name(plan_id: int, kind: str, as_of: date, fmt: str) -> str:
    """The fallback name for clients that do not read RFC 6266 filename*."""
    return f"plan-{plan_id}-{kind}-{as_of.isoformat()}.{fmt}"
