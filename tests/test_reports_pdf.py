"""PDF through LibreOffice: clear errors when it is missing or hangs; a real conversion when present."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from planwatch.errors import PlanWatchError
from planwatch.reports import pdf
from planwatch.reports.build import build_report
from planwatch.reports.docx_writer import write_docx
from planwatch.reports.generate import write_report
from tests.reports_helpers import AS_OF, sample_inputs, tiny_chart


def test_missing_converter_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(PlanWatchError, match="LibreOffice"):
        pdf.docx_to_pdf(tmp_path / "a.docx", tmp_path / "a.pdf")


def test_hanging_converter_times_out(tmp_path: Path) -> None:
    script = tmp_path / "slow-soffice"
    script.write_text("#!/bin/sh\nexec sleep 5\n")
    script.chmod(0o755)
    with pytest.raises(PlanWatchError, match="longer than"):
        pdf.docx_to_pdf(tmp_path / "a.docx", tmp_path / "a.pdf", timeout=0.3, converter=str(script))


def test_failing_converter_is_reported(tmp_path: Path) -> None:
    script = tmp_path / "bad-soffice"
    script.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    script.chmod(0o755)
    with pytest.raises(PlanWatchError, match="could not be loaded"):
        pdf.docx_to_pdf(tmp_path / "a.docx", tmp_path / "a.pdf", converter=str(script))


def test_unknown_format_rejected(tmp_path: Path) -> None:
    content = build_report(sample_inputs(), kind="progress", as_of=AS_OF, issuer="x")
    with pytest.raises(PlanWatchError, match="format"):
        write_report(content, "odt", tmp_path / "r.odt")


@pytest.mark.skipif(pdf.find_converter() is None, reason="LibreOffice (soffice) not installed")
def test_real_conversion_gives_a4_pdf(tmp_path: Path) -> None:
    content = build_report(sample_inputs(), kind="midterm", as_of=AS_OF, issuer="某市发改委")
    source = write_docx(content, tmp_path / "report.docx", chart_renderer=tiny_chart, for_libreoffice=True)
    out = pdf.docx_to_pdf(source, tmp_path / "out" / "report.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
        assert "595.3" in info and "841.89" in info  # A4 in points
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "总体评价" in text and re.search(r"—\s*1\s*—", text)
        # GB/T 9704: 28 characters a line. A paragraph's first line of Chinese only (digits and Latin
        # are narrower) that runs on holds 26 after its two-character indent, not the 25 of plain 3号.
        first = [line for line in text.splitlines() if re.fullmatch(r"（[一二三四五]）[^\x00-\x7f]{18,}", line)]
        assert first and {len(line) for line in first} == {26}, first
