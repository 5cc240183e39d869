"""Benchmark document loading: throughput and peak memory per format.

Run: PYTHONPATH=$PWD python bench/documents.py [--scale N]
Builds test files in a temp directory from the example plans (txt, GB18030 txt, md, docx, pdf,
html), loads each with ``load_document`` and prints MB/s, paragraphs/s and the tracemalloc peak.
"""

from __future__ import annotations

import argparse
import html
import tempfile
import time
import tracemalloc
from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from planwatch.documents import load_document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "harbin"


def corpus(scale: int) -> str:
    plans = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("harbin-*.txt"))]
    return "\n".join(plans * scale)


def build(tmp: Path, text: str, pdf_pages: int) -> dict[str, Path]:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    files = {"txt (utf-8)": tmp / "plan.txt", "txt (gb18030)": tmp / "plan-gb.txt", "md": tmp / "plan.md"}
    files["txt (utf-8)"].write_text(text, encoding="utf-8")
    files["txt (gb18030)"].write_bytes(text.encode("gb18030", "replace"))
    files["md"].write_text("\n\n".join("## " + ln if len(ln) < 30 else ln for ln in lines), encoding="utf-8")

    d = docx.Document()
    for ln in lines:
        d.add_paragraph(ln)
    files["docx"] = tmp / "plan.docx"
    d.save(files["docx"])

    files["html"] = tmp / "plan.html"
    body = "".join(f"<p>{html.escape(ln)}</p>\n" for ln in lines)
    files["html"].write_text(f"<html><meta charset='utf-8'><body>{body}</body></html>", encoding="utf-8")

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    files["pdf"] = tmp / "plan.pdf"
    c = canvas.Canvas(str(files["pdf"]), pagesize=A4)
    chunks = [ln[i : i + 38] for ln in lines for i in range(0, len(ln), 38)]
    for page in range(pdf_pages):
        c.setFont("STSong-Light", 11)
        for k in range(40):
            c.drawString(40, 800 - 19 * k, chunks[(page * 40 + k) % len(chunks)])
        c.showPage()
    c.save()
    return files


def measure(path: Path) -> tuple[float, int, int, int]:
    """(seconds, peak traced bytes, chars, paragraphs). Timing runs without tracemalloc, which
    slows allocation-heavy code several-fold; the memory peak comes from a second load."""
    t0 = time.perf_counter()
    doc = load_document(path)
    elapsed = time.perf_counter() - t0
    tracemalloc.start()
    load_document(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak, len(doc.text), len(doc.paragraphs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=int, default=20, help="copies of the example plans in the text")
    ap.add_argument("--pdf-pages", type=int, default=60)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        files = build(tmp, corpus(args.scale), args.pdf_pages)
        big = tmp / "huge.txt"
        with big.open("wb") as fh:
            fh.truncate(200 * 1024 * 1024)
        print(f"{'format':14} {'file MB':>8} {'chars':>10} {'paras':>7} {'seconds':>8} {'MB/s':>7} {'peak MB':>8}")
        for label, path in files.items():
            load_document(path)  # warm imports
            elapsed, peak, chars, paras = measure(path)
            size = path.stat().st_size / 1e6
            print(
                f"{label:14} {size:8.2f} {chars:10d} {paras:7d} {elapsed:8.3f} "
                f"{size / elapsed:7.2f} {peak / 1e6:8.1f}"
            )
        t0 = time.perf_counter()
        try:
            load_document(big)
        except Exception as exc:
            print(f"200 MB sparse file refused in {1000 * (time.perf_counter() - t0):.2f} ms: {exc}")


if __name__ == "__main__":
    main()
