"""`planwatch quantities`: text and file arguments, JSON output, offsets into the file's text."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from planwatch.cli.app import app
from planwatch.documents import load_document

EXCERPT = Path("examples/harbin/harbin-new-area-work-report-excerpt.txt")


def _run(*args: str) -> tuple[int, str]:
    command = typer.main.get_command(app)
    argv = ["quantities", *args] if hasattr(command, "commands") else list(args)  # a group once other commands exist
    result = CliRunner().invoke(app, argv)
    return result.exit_code, result.output


def test_json_for_text_argument() -> None:
    code, out = _run("总规模达到 40 亿元以上，引导设立 15-20 支创业投资基金", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["text"], r["value"], r["value_high"], r["unit"], r["comparator"]) for r in rows] == [
        ("40 亿元", 40, None, "亿元", ">="),
        ("15-20 支", 15, 20, "支", "range"),
    ]
    assert rows[0]["base_value"] == 4e9 and rows[0]["base_unit"] == "元"
    for key in ("approx", "dimension", "base_value_high", "start", "end"):
        assert key in rows[0]


def test_json_offsets_refer_to_file_text() -> None:
    code, out = _run(str(EXCERPT), "--json")
    assert code == 0
    rows = json.loads(out)
    text = load_document(EXCERPT).text
    assert rows
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    assert any(r["unit"] == "万亩" and r["value"] == 2.38 for r in rows)


def test_table_output() -> None:
    code, out = _run("年均增长18%")
    assert code == 0
    assert "18%" in out and "Quantities (1)" in out


def test_missing_file_is_an_error() -> None:
    code, _ = _run("no/such/plan.docx")
    assert code != 0


def test_times_option() -> None:
    code, out = _run("到2010年，“十一五”期末，比上年增长", "--times", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["text"], r["kind"], r["year"]) for r in rows] == [
        ("2010年", "year", 2010), ("“十一五”期末", "period_end", 2010), ("比上年", "previous_year", None),
    ]
    assert rows[1]["period"] == [2006, 2010]
    code, out = _run("“十一五”期间", "--times")
    assert code == 0 and "period" in out
