"""Benchmark: report generation for a synthetic plan with 100 targets and 500 tasks.

Prints build time, .docx / .html time (with the default 8 charts), the whole .pdf time (the .docx
for LibreOffice plus the conversion, with the report's font substitutions) when LibreOffice is
installed, and peak Python memory. Aims: .docx < 2 s, .pdf < 8 s. Run:
    PYTHONPATH=$PWD python bench/reports.py [--no-pdf]
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

from planwatch.extract.model import PlanExtraction, Project, Target, Task
from planwatch.reports.assessment import Observation
from planwatch.reports.build import ProjectProgress, ReportInputs, TaskStatus, build_report
from planwatch.reports.docx_writer import write_docx
from planwatch.reports.generate import write_report
from planwatch.reports.html_writer import write_html
from planwatch.reports.pdf import find_converter

N_TARGETS, N_TASKS, N_PROJECTS, N_UNITS = 100, 500, 60, 25


def synthetic_inputs() -> ReportInputs:
    targets, observations = [], []
    for i in range(N_TARGETS):
        name = f"指标{i:03d}增加值"
        base = 100.0 + i
        targets.append(Target(quote=f"{name}达到{base * 2}亿元", start=0, end=0, indicator=name, kind="level",
                              value=base * 2, value_high=None, unit="亿元", comparator="=", target_year=2010,
                              baseline_value=base, baseline_year=2005, section=f"第{i % 6 + 1}部分 目标组{i % 6}"))
        for year in range(2006, 2010):
            observations.append(Observation(name, year, base * (1 + 0.17 * (year - 2005) * (0.7 + (i % 5) * 0.1)),
                                            "亿元", source="统计公报"))
    tasks = [Task(title=f"任务{i:03d}", quote=f"任务{i:03d}。", start=0, end=0, section=f"第{i % 6 + 1}部分",
                  deadline_year=2007 + i % 4, responsible=[f"单位{i % N_UNITS:02d}"]) for i in range(N_TASKS)]
    status = {i: TaskStatus(("done", "in_progress", "not_started")[i % 3], (f"单位{i % N_UNITS:02d}",))
              for i in range(0, N_TASKS, 2)}
    projects = [Project(name=f"项目{i:02d}", group="专栏", quote=f"项目{i:02d}", start=0, end=0)
                for i in range(N_PROJECTS)]
    progress = {f"项目{i:02d}": ProjectProgress(10.0 + i, 5.0 + i / 2) for i in range(0, N_PROJECTS, 2)}
    plan = PlanExtraction(doc="bench", title="基准测试规划", period=(2006, 2010), targets=targets, tasks=tasks,
                          projects=projects)
    return ReportInputs(plan, observations, status, progress)


def timed(label: str, func, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = func(*args)
    print(f"{label:<28}{time.perf_counter() - start:8.2f} s")
    return result


def main() -> None:
    inputs = synthetic_inputs()
    print(f"plan: {N_TARGETS} targets, {N_TASKS} tasks, {N_PROJECTS} projects, "
          f"{len(inputs.observations)} observations")
    content = timed("build ReportContent", lambda: build_report(inputs, kind="midterm", as_of=date(2010, 6, 30),
                                                                  issuer="基准测试"))
    with tempfile.TemporaryDirectory() as tmp:
        docx = timed(f".docx ({len(content.charts)} charts)", write_docx, content, Path(tmp, "r.docx"))
        timed(".html", write_html, content, Path(tmp, "r.html"))
        print(f"{'.docx size':<28}{docx.stat().st_size / 2**10:8.0f} KiB")
        if "--no-pdf" not in sys.argv:
            if find_converter() is None:
                print("pdf: LibreOffice not installed, skipped")
            else:
                pdf = timed(".pdf (docx + LibreOffice)", write_report, content, "pdf", Path(tmp, "r.pdf"))
                print(f"{'.pdf size':<28}{pdf.stat().st_size / 2**10:8.0f} KiB")
        # Memory is measured in a separate pass: tracemalloc slows allocation-heavy code several-fold.
        tracemalloc.start()
        write_docx(build_report(inputs, kind="midterm", as_of=date(2010, 6, 30), issuer="基准测试"),
                   Path(tmp, "m.docx"))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{'peak Python memory (docx)':<28}{peak / 2**20:8.1f} MiB")


if __name__ == "__main__":
    main()
