"""Plan documents in every encoding a government office produces, and the garbled ones that must be
refused: Big5 read as GB18030 is mojibake that would silently spoil every later step."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.documents import load_document
from planwatch.errors import DocumentError
from tests.cli_helpers import run_main

SIMPLIFIED = ("哈尔滨市国民经济和社会发展第十一个五年规划纲要\n"
              "一、发展目标\n到2010年，全市地区生产总值达到3000亿元，年均增长13%以上。"
              "城镇居民人均可支配收入年均增长10%。\n二、主要任务\n（一）加快推进产业结构调整，发展现代服务业。\n")
TRADITIONAL = ("哈爾濱市國民經濟和社會發展第十一個五年規劃綱要\n"
               "一、發展目標\n到2010年，全市地區生產總值達到3000億元，年均增長13%以上。"
               "城鎮居民人均可支配收入年均增長10%。\n二、主要任務\n（一）加快推進產業結構調整，發展現代服務業。\n")

ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-16-le": lambda t: t.encode("utf-16-le"),
    "utf-16-be": lambda t: t.encode("utf-16-be"),
}


@pytest.mark.parametrize("text", [SIMPLIFIED, TRADITIONAL], ids=["simplified", "traditional"])
@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_unicode_encodings_load_back_equal(tmp_path: Path, text: str, encoding: str) -> None:
    f = tmp_path / "plan.txt"
    f.write_bytes(ENCODINGS[encoding](text))
    assert load_document(f).text == text


def test_gb18030_simplified_text(tmp_path: Path) -> None:
    f = tmp_path / "plan.txt"
    f.write_bytes(SIMPLIFIED.encode("gb18030"))
    doc = load_document(f)
    assert doc.text == SIMPLIFIED and doc.encoding == "gb18030"


def test_big5_traditional_text_is_read_as_big5_not_gb18030_mojibake(tmp_path: Path) -> None:
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # the trap: Big5 bytes are valid GB18030 too
    f = tmp_path / "plan.txt"
    f.write_bytes(data)
    doc = load_document(f)
    assert doc.encoding == "big5" and doc.text == TRADITIONAL


def test_big5_text_through_the_cli_extracts_the_target(tmp_path: Path) -> None:
    f = tmp_path / "plan.txt"
    f.write_bytes(TRADITIONAL.encode("big5"))
    r = CliRunner().invoke(app, ["quantities", str(f)])
    assert r.exit_code == 0, r.output
    assert "3000" in r.output and "カ" not in r.output


@pytest.mark.parametrize("data", [
    TRADITIONAL.encode("big5")[:60] + b"\xff\xfe" + TRADITIONAL.encode("big5")[60:],   # Big5 with a corrupt byte
    bytes(range(0x80, 0x100)) * 3,
], ids=["corrupt-big5", "high-bytes"])
def test_garbled_text_is_refused_with_a_clear_message(tmp_path: Path, data: bytes, monkeypatch: Any,
                                                     capsys: Any) -> None:
    f = tmp_path / "plan.txt"
    f.write_bytes(data)
    with pytest.raises(DocumentError) as err:
        load_document(f)
    assert "cannot decode" in str(err.value) or "garbled" in str(err.value)
    code, _, err = run_main(monkeypatch, capsys, "quantities", str(f))
    assert code == 2 and "Traceback" not in err and ("garbled" in err or "cannot decode" in err)


def test_html_declaring_a_wrong_charset_is_not_mojibake(tmp_path: Path) -> None:
    f = tmp_path / "plan.html"
    f.write_bytes(b'<html><head><meta charset="gb2312"></head><body><p>' + TRADITIONAL.encode("big5") + b"</p></body></html>")
    doc = load_document(f)
    assert "哈爾濱" in doc.text


def test_quantities_of_a_directory_is_an_error(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    code, _, err = run_main(monkeypatch, capsys, "quantities", str(tmp_path))
    assert code == 2 and "not a regular file" in err and "Traceback" not in err


def test_long_tables_are_capped_on_the_terminal(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    f = tmp_path / "long.txt"
    f.write_text("".join(f"第{i}项指标达到{i}亿元。\n" for i in range(1, 451)), encoding="utf-8")
    code, out, _ = run_main(monkeypatch, capsys, "quantities", str(f))
    assert code == 0 and "only the first 200 of 450" in out
    assert "200亿元" in out and "201亿元" not in out
    code, out, _ = run_main(monkeypatch, capsys, "quantities", str(f), "--all")
    assert "450亿元" in out and "only the first" not in out
    code, out, _ = run_main(monkeypatch, capsys, "quantities", "--json", str(f))
    assert out.count('"unit"') == 450
