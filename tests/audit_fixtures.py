"""Load the Harbin example plans' annotations as plan models for audit tests.

Gold files (examples/harbin/gold) carry no offsets: each record's quote is located in the
document text with str.find. For the development-zone plan the audit tests use the key figures
hand-annotated in tests/fixtures/audit/ (exact quotes, checked against the text here) instead of
its gold file.
"""

from __future__ import annotations

import json
from pathlib import Path

from planwatch.extract.model import PlanExtraction

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "harbin"
GOLD = EXAMPLES / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "audit"


def _document_for(stem: str) -> Path:
    for ext in (".txt", ".md"):
        path = EXAMPLES / (stem + ext)
        if path.exists():
            return path
    raise FileNotFoundError(stem)


def load_annotated(path: Path) -> PlanExtraction:
    """A plan model from an annotation file, with offsets located in its document."""
    data = json.loads(path.read_text(encoding="utf-8"))
    doc_path = _document_for(path.stem)
    text = doc_path.read_text(encoding="utf-8")
    plan = PlanExtraction.from_dict(data)
    plan.doc = doc_path.name
    for rec in [*plan.targets, *plan.facts]:
        start = text.find(rec.quote)
        assert start >= 0, f"quote not in {doc_path.name}: {rec.quote}"
        rec.start, rec.end = start, start + len(rec.quote)
    return plan


def harbin_plans() -> list[PlanExtraction]:
    """The gold-annotated example plans, the development-zone plan from its hand-annotated fixture."""
    fixtures = sorted(FIXTURES.glob("*.json"))
    hand = {p.stem for p in fixtures}  # a hand-annotated fixture stands in for the plan's gold file
    paths = [p for p in sorted(GOLD.glob("*.json")) if p.stem not in hand] + fixtures
    return [load_annotated(p) for p in paths]
