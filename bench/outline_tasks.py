"""Throughput of the outline, task and project extraction on the example plans, and on a large
synthetic plan (the examples repeated), with peak memory. Prints figures; not a timed test.

usage: PYTHONPATH=. python bench/outline_tasks.py [REPEAT]
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

from planwatch.documents import document_from_text, load_document
from planwatch.extract.projects import extract_projects
from planwatch.extract.tasks import extract_tasks
from planwatch.outline import build_outline

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "harbin"


def run(name: str, text_len: int, doc: object) -> None:
    t0 = time.perf_counter()
    outline = build_outline(doc)  # type: ignore[arg-type]
    t1 = time.perf_counter()
    tasks = extract_tasks(doc, outline)  # type: ignore[arg-type]
    t2 = time.perf_counter()
    projects = extract_projects(doc, outline)  # type: ignore[arg-type]
    t3 = time.perf_counter()
    # Peak memory in a second pass: tracemalloc slows Python down, so it is kept out of the timing.
    tracemalloc.start()
    extract_projects(doc, outline)  # type: ignore[arg-type]
    extract_tasks(doc, build_outline(doc))  # type: ignore[arg-type]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    sections = sum(1 for _ in outline.walk())
    mb = text_len / 1e6
    print(
        f"{name:44s} {text_len:>9,d} chars  sections {sections:5d}  tasks {len(tasks):5d}  projects {len(projects):5d}  "
        f"outline {t1 - t0:6.3f}s  tasks {t2 - t1:6.3f}s  projects {t3 - t2:6.3f}s  "
        f"= {mb / max(t3 - t0, 1e-9):5.2f} M chars/s  peak {peak / 1e6:6.1f} MB"
    )


def main() -> None:
    # Warm up the regular-expression caches so the first document is not charged for compiling.
    warm = document_from_text("一、主要任务\n1、加快发展。\n专栏1 项目\n▲甲：乙、丙\n")
    extract_projects(warm, build_outline(warm))
    extract_tasks(warm, build_outline(warm))
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    texts = []
    for path in sorted(EXAMPLES.glob("harbin-*")):
        if path.suffix not in (".txt", ".md"):
            continue
        doc = load_document(str(path))
        texts.append(doc.text)
        run(path.name, len(doc.text), doc)
    big = "\n".join(texts) * repeat
    run(f"all examples x{repeat}", len(big), document_from_text(big))
    line = "加快推进改革，" * 700_000
    run("one 4.9M-char line", len(line), document_from_text(line))


if __name__ == "__main__":
    main()
