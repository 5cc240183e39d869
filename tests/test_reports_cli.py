"""`planwatch report-file`: a report from an extraction JSON and the actuals CSV; bad input exits 2."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from planwatch.cli import main

HARBIN = Path(__file__).resolve().parent.parent / "examples" / "harbin"


def run(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> int:
    monkeypatch.setattr(sys, "argv", ["planwatch", "report-file", *args])
    try:
        main()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_html_report_from_gold_json(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code = run(monkeypatch, [str(HARBIN / "gold" / "harbin-nonpublic-economy-2006-2010.json"),
                             "--actuals", str(HARBIN / "harbin-actuals.csv"), "--kind", "midterm",
                             "--as-of", "2011-01-01", "--format", "html", "--out", str(out),
                             "--issuer", "哈尔滨市发展和改革委员会"])
    assert code == 0
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert soup.h1 is not None and soup.h1.text == "《哈尔滨市非公有制经济发展规划》中期评估报告"
    assert "50.9" in soup.text


def test_bad_date_exits_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(monkeypatch, [str(HARBIN / "gold" / "harbin-industry-2006-2010.json"), "--as-of", "2011-13-01",
                             "--out", str(tmp_path / "r.docx")])
    assert code == 2
    assert "--as-of" in capsys.readouterr().err


def test_missing_plan_exits_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    code = run(monkeypatch, [str(tmp_path / "none.json"), "--as-of", "2011-01-01", "--out", str(tmp_path / "r.docx")])
    assert code == 2


def test_method_option_checked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    code = run(monkeypatch, [str(HARBIN / "gold" / "harbin-industry-2006-2010.json"), "--as-of", "2011-01-01",
                             "--method", "guess", "--out", str(tmp_path / "r.docx")])
    assert code == 2
