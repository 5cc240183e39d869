"""Reports of stored plans mark the low-confidence records nobody reviewed (※): approving a version
accepts its pending records wholesale, which is no review of each; a record accepted one by one or
corrected by the office is not marked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planwatch.extract.confidence import LOW_CONFIDENCE
from planwatch.labels import LOW_CONFIDENCE_NOTE
from planwatch.reports.layout import Table, report_blocks
from planwatch.web.plans.ingest import ingest_extraction
from planwatch.web.plans.review import approve_version, correct_record, set_review_state
from planwatch.web.reports.service import build_content

TEXT = ("某县产业规划（2021—2025年）\n到2025年，工业总产值达到300亿元，规上企业达到120户，"
        "旅游收入达到40亿元。\n")
LOW = LOW_CONFIDENCE - 0.25


def _target(quote: str, indicator: str, value: float, unit: str, kind: str = "level") -> dict[str, Any]:
    return {"quote": quote, "start": -1, "end": -1, "indicator": indicator, "kind": kind, "value": value,
            "value_high": None, "unit": unit, "comparator": "=", "target_year": 2025, "confidence": LOW}


def test_stored_report_marks_unreviewed_low_confidence_targets_only(org: dict[str, Any]) -> None:
    office = org["users"]["admin"]
    version = ingest_extraction({
        "doc": "industry.txt", "title": "某县产业规划", "period": [2021, 2025],
        "targets": [_target("工业总产值达到300亿元", "工业总产值", 300, "亿元"),
                    _target("规上企业达到120户", "规上企业", 120, "户", "count"),
                    _target("旅游收入达到40亿元", "旅游收入", 40, "亿元")],
        "facts": [], "tasks": [], "projects": []}, TEXT, doc_name="industry.txt")
    set_review_state(office, version.targets.get(indicator_text="规上企业"), "accepted")
    correct_record(office, version.targets.get(indicator_text="旅游收入"), {"value": 45.0})
    approve_version(office, version)  # 工业总产值 is accepted wholesale, never looked at
    content = build_content(version.plan, "progress", dt.date(2023, 6, 30), issuer="某县发展和改革局")
    marks = {row.indicator: row.low_confidence for row in content.rows}
    assert marks == {"工业总产值": True, "规上企业": False, "旅游收入": False}
    table = next(b for b in report_blocks(content) if isinstance(b, Table) and b.kind == "indicators")
    names = [row[1].text for row in table.rows]
    assert "工业总产值※" in names and "规上企业" in names and "旅游收入" in names
    assert LOW_CONFIDENCE_NOTE in table.notes
