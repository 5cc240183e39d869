"""`planwatch audit`: documents and plan-model JSON files, the table, --json, bad input."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import planwatch.cli as cli
from planwatch.cli.app import app
from planwatch.extract.model import Fact, PlanExtraction, Target

EXAMPLES = Path("examples/harbin")


def _plan_file(tmp_path: Path) -> Path:
    plan = PlanExtraction(doc="zone.txt", title="某市开发区发展规划", period=(2006, 2010))
    plan.facts.append(Fact("全区实现生产总值201亿元", 0, 13, "开发区生产总值", "level", 201, None, "亿元", 2005))
    plan.targets.append(Target("生产总值达到461亿元", 20, 31, "开发区生产总值", "level", 461, None, "亿元", "=", 2010))
    plan.targets.append(Target("年均增长25.5%", 32, 41, "开发区生产总值", "growth", 25.5, None, "%", "=", 2010))
    path = tmp_path / "zone.json"
    path.write_text(plan.to_json(), encoding="utf-8")
    return path


def test_json_to_stdout_from_a_plan_model_file(tmp_path):
    result = CliRunner().invoke(app, ["audit", str(_plan_file(tmp_path)), "--json", "-"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["summary"]["error"] == 1
    f = payload["findings"][0]
    assert f["rule"] == "growth_triangle" and f["severity"] == "error"
    assert [r["quote"] for r in f["records"]] == ["全区实现生产总值201亿元", "生产总值达到461亿元", "年均增长25.5%"]
    assert f["tolerance"] and f["message_en"]


def test_table_for_documents(tmp_path):
    out = tmp_path / "findings.json"
    docs = [str(EXAMPLES / "harbin-development-zone-2006-2010.txt"), str(EXAMPLES / "harbin-nonpublic-economy-2006-2010.txt")]
    result = CliRunner().invoke(app, ["audit", *docs, "--json", str(out)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "growth_triangle" in result.output and "625.77" in result.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["summary"]["plans"] == [Path(d).name for d in docs]
    text = (EXAMPLES / "harbin-development-zone-2006-2010.txt").read_text(encoding="utf-8")
    for f in payload["findings"]:
        for r in f["records"]:
            if r["doc"] == "harbin-development-zone-2006-2010.txt":
                assert text[r["start"] : r["end"]] == r["quote"]


@pytest.mark.parametrize("content", ["{not json", '{"hello": 1}'])
def test_bad_json_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["planwatch", "audit", str(bad)])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "bad.json" in err and "Traceback" not in err
