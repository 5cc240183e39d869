#!/usr/bin/env python3
"""Ablation: micro-F1 on the development corpus with one part of the extractor switched off.

    .venv/bin/python scripts/ablation.py [--part dev]

Each row replaces one part by its neutral stand-in for the run (monkeypatching the module
attribute the pipeline calls), so its contribution is the drop from the "all parts" row:

- genre: every document read as a plan (no work report / execution report / bulletin / mid-term);
- section orientation: no review/goal prior from the headings (section_prior = 0), no bare headings;
- mending: hard-wrapped text, copying marks and pinyin left as they arrive;
- prose projects: only 专栏 boxes and 重点项目 lists;
- special figures: no 翻番, ranks, structure ratios, fractions, class counts;
- task tables: no tasks from items followed by 牵头单位/责任单位 outside task sections.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from score_corpus import score_part  # noqa: E402

from planwatch.evaluation import RECORD_TYPES  # noqa: E402
from planwatch.extract import plan, projects, quantitative, tasks  # noqa: E402
from planwatch.extract.genre import Genre  # noqa: E402


@contextmanager
def _patched(patches: list[tuple[Any, str, Any]]) -> Iterator[None]:
    saved = [(obj, name, getattr(obj, name)) for obj, name, _ in patches]
    try:
        for obj, name, value in patches:
            setattr(obj, name, value)
        yield
    finally:
        for obj, name, value in saved:
            setattr(obj, name, value)


class _NoUnitLabel:
    """Stands in for the 牵头单位/责任单位 pattern where only the task-table rule uses it."""

    @staticmethod
    def search(*_: Any) -> None:
        return None

    @staticmethod
    def finditer(*_: Any) -> Iterator[Any]:
        return iter(())


def _no_task_tables() -> list[tuple[Any, str, Any]]:
    original = tasks.extract_tasks

    def extract_tasks(*args: Any, **kw: Any) -> Any:
        with _patched([(tasks, "_UNIT_LABEL", _NoUnitLabel)]):
            return original(*args, **kw)

    # find_responsible reads the same pattern: keep it by patching only around the section loop.
    return [(plan, "extract_tasks", extract_tasks)]


ABLATIONS: dict[str, Callable[[], list[tuple[Any, str, Any]]]] = {
    "all parts": list,
    "- genre": lambda: [(plan, "find_genre", lambda text: Genre("plan", None))],
    "- section orientation": lambda: [
        (quantitative, "section_prior", lambda titles: 0),
        (quantitative, "_bare_headings", lambda *a: []),
    ],
    "- mending broken text": lambda: [(plan, "mend_text", lambda text: None)],
    "- prose projects": lambda: [(projects, "find_prose_projects", lambda *a: iter(()))],
    "- special figures": lambda: [(quantitative, "find_special_figures", lambda *a: [])],
    "- task tables as lines": _no_task_tables,
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=("dev",), default="dev", help="only the development part is ablated")
    a = ap.parse_args(argv)
    print(f"{'switched off':24s}" + "".join(f"{k:>10s}" for k in RECORD_TYPES))
    for label, make in ABLATIONS.items():
        with _patched(make()):
            overall = score_part(a.part)["overall"]
        print(f"{label:24s}" + "".join(f"{overall[k]['f1']:10.3f}" for k in RECORD_TYPES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
