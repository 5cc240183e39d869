"""Load the Harbin example plans' annotations as plan models for audit tests.

Gold files (examples/harbin/gold) carry no offsets: each record's quote is located in the
document text with str.find. The development-zone plan has no gold file; its key figures are
hand-annotated in tests/fixtures/audit/ (exact quotes, checked against the text here).
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
    """The three gold-annotated plans plus the hand-annotated development-zone plan."""
    paths = sorted(GOLD.glob("*.json")) + sorted(FIXTURES.glob("*.json"))
    return [load_annotated(p) for p in paths]
