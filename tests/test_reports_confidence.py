"""Reports built without review mark the extractor's low-confidence records with ※ and explain the
mark under the table; a record a person has reviewed is not marked. The threshold is the one of the
review page (planwatch.extract.confidence.LOW_CONFIDENCE)."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from planwatch.cli import main
from planwatch.extract.confidence import LOW_CONFIDENCE
from planwatch.labels import LOW_CONFIDENCE_NOTE
from planwatch.reports.build import ReportInputs, build_report
from planwatch.reports.html_writer import write_html
from planwatch.reports.layout import Table, report_blocks
from tests.reports_helpers import AS_OF, sample_inputs

HARBIN = Path(__file__).resolve().parent.parent / "examples" / "harbin"
LOW = LOW_CONFIDENCE - 0.2
SURE = min(1.0, LOW_CONFIDENCE + 0.3)


def _inputs(reviewed: dict[str, set[int]] | None = None) -> ReportInputs:
    inputs = sample_inputs()
    plan = inputs.plan
    plan.targets = [replace(t, confidence=LOW if i in (0, 3) else SURE) for i, t in enumerate(plan.targets)]
    plan.tasks = [replace(k, confidence=LOW if i == 1 else SURE) for i, k in enumerate(plan.tasks)]
    plan.projects = [replace(p, confidence=LOW if i == 0 else SURE) for i, p in enumerate(plan.projects)]
    return replace(inputs, reviewed=reviewed or {})


def _tables(inputs: ReportInputs, kind: str = "midterm") -> dict[str, Table]:
    """The report's tables by kind, the first of each (the midterm report lists every task; the
    reported projects in section 四, the others in the appendix)."""
    content = build_report(inputs, kind=kind, as_of=AS_OF, issuer="某市发展和改革委员会")  # type: ignore[arg-type]
    tables: dict[str, Table] = {}
    for b in report_blocks(content):
        if isinstance(b, Table):
            tables.setdefault(b.kind, b)
    return tables


def _names(table: Table) -> list[str]:
    return [row[1].text for row in table.rows]


def test_unreviewed_low_confidence_target_is_marked_and_a_reviewed_one_is_not() -> None:
    # Targets 0 and 3 are low-confidence; the office has reviewed target 3 only.
    indicators = _tables(_inputs({"targets": {3}}), "progress")["indicators"]
    names = _names(indicators)
    assert "全市地区生产总值※" in names  # target 0 (the level target): unreviewed, marked
    assert "服务业增加值占GDP比重" in names and "服务业增加值占GDP比重※" not in names  # reviewed
    assert "单位GDP能耗降低" in names  # sure: never marked
    assert sum(n.endswith("※") for n in names) == 1
    assert LOW_CONFIDENCE_NOTE in indicators.notes


def test_tasks_and_projects_are_marked_too_and_the_note_explains_the_mark() -> None:
    tables = _tables(_inputs())
    assert _names(tables["tasks"]).count("完善创业服务体系※") == 1 and LOW_CONFIDENCE_NOTE in tables["tasks"].notes
    assert _names(tables["projects"]) == ["物流园区一期※"]  # reported; 科技孵化基地 is in the appendix
    assert LOW_CONFIDENCE_NOTE in tables["projects"].notes


def test_no_mark_and_no_note_when_every_low_confidence_record_was_reviewed() -> None:
    tables = _tables(_inputs({"targets": {0, 3}, "tasks": {1}, "projects": {0}}))
    for table in tables.values():
        assert not any(n.endswith("※") for n in _names(table))
        assert LOW_CONFIDENCE_NOTE not in table.notes


def test_the_written_report_carries_the_mark_and_the_note(tmp_path: Path) -> None:
    content = build_report(_inputs(), kind="progress", as_of=AS_OF, issuer="某市发展和改革委员会")
    html = write_html(content, tmp_path / "report.html", chart_renderer=lambda *_: "").read_text(encoding="utf-8")
    assert "全市地区生产总值※" in html
    assert "※ 为自动抽取置信度较低、尚未经人工复核的数据" in html


def test_report_file_from_an_extraction_marks_its_low_confidence_records(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``planwatch report-file`` is built without review: the extraction's low-confidence records are
    marked, the others (and a gold file's records, confidence 1 by default) are not."""
    data = json.loads((HARBIN / "gold" / "harbin-nonpublic-economy-2006-2010.json").read_text(encoding="utf-8"))
    data["targets"][0]["confidence"] = LOW
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "r.html"
    monkeypatch.setattr(sys, "argv", ["planwatch", "report-file", str(plan), "--kind", "midterm",
                                      "--as-of", "2011-01-01", "--format", "html", "--out", str(out)])
    with pytest.raises(SystemExit) as done:
        main()
    assert not done.value.code
    page = out.read_text(encoding="utf-8")
    assert page.count("※") == 2  # the marked indicator and the note under its table
    assert f"{data['targets'][0]['indicator']}※" in page and LOW_CONFIDENCE_NOTE in page
