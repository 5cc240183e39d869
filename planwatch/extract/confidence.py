"""Confidence of each extracted record: how often records with the same evidence were right.

Every record carries an evidence key (its calibration bucket: 'target|strong|named|plan',
'table|fact', 'task|item', 'project|prose' …). ``scripts/calibration.py --fit`` extracts the
development corpus of the repository (examples/harbin + tests/fixtures/corpus/dev), matches the
records to the gold, and writes for each key the lower bound of the Wilson interval of its share
correct to ``confidence.json`` beside this module. The lower bound, not the share, keeps small
buckets modest, and each document counts for at most five records of a bucket (a document's records
are right or wrong together): a record reads ≥ 0.9 only when many like it, in many documents, were right. A key not seen in the fit
falls back to its leading parts (target|strong|named → target|strong → target), then to 0.5.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from planwatch.extract.model import PlanExtraction

__all__ = ["LOW_CONFIDENCE", "TABLE_PATH", "assign_confidence", "confidence_of", "is_low_confidence", "wilson_lower"]

TABLE_PATH = Path(__file__).resolve().parent / "confidence.json"
DEFAULT = 0.5
LOW_CONFIDENCE = 0.5
"""A record whose confidence is below this is low-confidence: records with its evidence were not even
surely right half the time. The one threshold the review page (low-confidence records first, marked
待复核) and the reports (unreviewed low-confidence records marked ※) both use."""
Z = 1.96
"""The 95 % two-sided normal quantile of the Wilson bound."""


def wilson_lower(correct: float, total: float, z: float = Z) -> float:
    """Lower end of the Wilson score interval of ``correct`` successes in ``total`` trials."""
    if total <= 0:
        return 0.0
    p = correct / total
    denom = 1 + z * z / total
    centre = p + z * z / (2 * total)
    margin = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return max(0.0, (centre - margin) / denom)


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    if not TABLE_PATH.is_file():
        return {}
    data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    return {str(k): float(v["confidence"]) for k, v in data.get("buckets", {}).items()}


def is_low_confidence(confidence: float | None) -> bool:
    """Whether a record's confidence is below LOW_CONFIDENCE (None: a record entered by hand, not low)."""
    return confidence is not None and confidence < LOW_CONFIDENCE


def confidence_of(evidence: str, table: dict[str, float] | None = None) -> float:
    """The confidence of an evidence key (backing off to its leading parts)."""
    table = _table() if table is None else table
    parts = evidence.split("|") if evidence else []
    while parts:
        key = "|".join(parts)
        if key in table:
            return round(min(1.0, max(0.0, table[key])), 3)
        parts.pop()
    return DEFAULT


def assign_confidence(result: PlanExtraction, table: dict[str, float] | None = None) -> PlanExtraction:
    """Set ``confidence`` on every record of ``result`` from its evidence key."""
    for records in (result.targets, result.facts, result.tasks, result.projects):
        for rec in records:
            rec.confidence = confidence_of(rec.evidence, table)
    return result
