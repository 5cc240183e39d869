"""One entry point for all formats: content -> .docx | .html | .pdf file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from planwatch.errors import PlanWatchError
from planwatch.reports.content import ReportContent
from planwatch.reports.docx_writer import write_docx
from planwatch.reports.html_writer import write_html
from planwatch.reports.pdf import DEFAULT_TIMEOUT_S, docx_to_pdf

FORMATS = ("docx", "pdf", "html")


def write_report(content: ReportContent, fmt: str, out: str | Path, *, pdf_timeout: float = DEFAULT_TIMEOUT_S) -> Path:
    """Write ``content`` as ``fmt`` to ``out``; the PDF is converted from a temporary .docx."""
    if fmt not in FORMATS:
        raise PlanWatchError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path = Path(out)
    if fmt == "docx":
        return write_docx(content, path)
    if fmt == "html":
        return write_html(content, path)
    with tempfile.TemporaryDirectory(prefix="planwatch-report-") as tmp:
        source = write_docx(content, Path(tmp, path.with_suffix(".docx").name), for_libreoffice=True)
        return docx_to_pdf(source, path, timeout=pdf_timeout)
