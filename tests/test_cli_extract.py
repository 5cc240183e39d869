"""``planwatch extract``: JSON shapes for one and several files, tables, bad files (exit 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "harbin"
ROOT = Path(__file__).resolve().parent.parent
REPORT = EXAMPLES / "harbin-new-area-work-report-excerpt.txt"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "160"}
    return subprocess.run(
        [sys.executable, "-m", "planwatch", "extract", *args],
        capture_output=True, text=True, env=env, timeout=120, cwd=ROOT,
    )


def _small_plan(tmp_path: Path) -> Path:
    p = tmp_path / "plan.txt"
    p.write_text(
        "某市“十四五”工业发展规划\n一、发展基础\n2020年，全市工业增加值为800亿元。\n"
        "二、发展目标\n到2025年，全市工业增加值达到1200亿元，年均增长8.5%。\n",
        encoding="utf-8",
    )
    return p


def test_one_file_json_is_the_object(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    res = _run(str(_small_plan(tmp_path)), "--json", str(out))
    assert res.returncode == 0, res.stderr
    obj = json.loads(out.read_text(encoding="utf-8"))
    assert obj["doc"] == "plan.txt" and obj["period"] == [2021, 2025]
    assert obj["title"] == "某市“十四五”工业发展规划"
    level = next(t for t in obj["targets"] if t["value"] == 1200)
    assert level["baseline_value"] == 800 and level["baseline_year"] == 2020
    assert [f["value"] for f in obj["facts"]] == [800]


def test_several_files_to_a_directory_and_to_a_list(tmp_path: Path) -> None:
    plan = _small_plan(tmp_path)
    out_dir = tmp_path / "preds"
    res = _run(str(plan), str(REPORT), "--json", str(out_dir) + "/", "--jobs", "2")
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in out_dir.iterdir()) == ["harbin-new-area-work-report-excerpt.json", "plan.json"]
    listing = tmp_path / "all.json"
    res = _run(str(plan), str(REPORT), "--json", str(listing))
    assert res.returncode == 0, res.stderr
    objs = json.loads(listing.read_text(encoding="utf-8"))
    assert [o["doc"] for o in objs] == ["plan.txt", "harbin-new-area-work-report-excerpt.txt"]


def test_tables_without_json(tmp_path: Path) -> None:
    res = _run(str(_small_plan(tmp_path)))
    assert res.returncode == 0, res.stderr
    assert "目标 Targets" in res.stdout and "事实 Facts" in res.stdout
    assert "全市工业增加值" in res.stdout


def test_bad_file_one_line_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "out"
    res = _run(str(empty), str(_small_plan(tmp_path)), "--json", str(out) + "/")
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert len([line for line in res.stderr.splitlines() if line.strip()]) == 1
    assert "empty.txt" in res.stderr
    assert (out / "plan.json").exists()
    res = _run(str(tmp_path / "missing.docx"))
    assert res.returncode == 2 and "Traceback" not in res.stderr
