#!/usr/bin/env python3
"""Confidence calibration of the extractor on the repository's real-plan corpus.

    .venv/bin/python scripts/calibration.py --fit            # fit planwatch/extract/confidence.json on dev
    .venv/bin/python scripts/calibration.py [--part heldout]  # table: confidence bins -> share correct

A record is correct when it matches a gold record of the same type (planwatch.evaluation, as the
scorer). ``--fit`` only ever reads the development part (examples/harbin + tests/fixtures/corpus/dev);
the held-out part is for the table, which prints counts only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from score_corpus import gold_pairs  # noqa: E402

from planwatch.documents import load_document  # noqa: E402
from planwatch.evaluation import RECORD_TYPES, matched_predictions  # noqa: E402
from planwatch.extract import extract_plan  # noqa: E402
from planwatch.extract.confidence import TABLE_PATH, wilson_lower  # noqa: E402

BINS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.0001))
MIN_SUPPORT = 5
"""A bucket fitted on fewer records is left to its coarser parent key."""
PER_DOCUMENT = 5.0
"""The most records one document counts for in a bucket (records of a document are correlated)."""


def judged_records(part: str) -> Iterator[tuple[str, str, float, bool, str]]:
    """(record type, evidence key, confidence, correct, document) of every predicted record of the part."""
    for gold_path, doc_path in gold_pairs(part):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = load_document(doc_path)
        result = extract_plan(doc)
        pred = result.to_dict()
        right = matched_predictions(gold, pred, doc.text)
        for key in RECORD_TYPES:
            for j, rec in enumerate(getattr(result, key)):
                yield key, rec.evidence, rec.confidence, j in right[key], doc_path.name


def fit() -> dict[str, Any]:
    """Wilson lower bounds per evidence key and per each of its leading parts, on the dev part.

    Records of one document are not independent (one document's style makes many of them right
    or wrong together), so each document counts for at most ``PER_DOCUMENT`` records of a bucket:
    its correct/total are scaled down to that weight before the bound is taken."""
    per_doc: dict[str, dict[str, list[int]]] = {}
    for _, evidence, _, ok, doc in judged_records("dev"):
        parts = evidence.split("|") if evidence else ["unknown"]
        for n in range(1, len(parts) + 1):
            c = per_doc.setdefault("|".join(parts[:n]), {}).setdefault(doc, [0, 0])
            c[0] += int(ok)
            c[1] += 1
    buckets: dict[str, Any] = {}
    for key, docs in sorted(per_doc.items()):
        correct = sum(c for c, _ in docs.values())
        total = sum(t for _, t in docs.values())
        if total < MIN_SUPPORT:
            continue
        w_correct = sum(c * min(1.0, PER_DOCUMENT / t) for c, t in docs.values())
        w_total = sum(min(float(t), PER_DOCUMENT) for _, t in docs.values())
        buckets[key] = {
            "correct": correct,
            "total": total,
            "documents": len(docs),
            "confidence": round(wilson_lower(w_correct, w_total), 3),
        }
    return {"fitted_on": "dev", "z": 1.96, "min_support": MIN_SUPPORT, "per_document": PER_DOCUMENT, "buckets": buckets}


def table(part: str) -> str:
    rows = [[0, 0] for _ in BINS]
    high = [0, 0]
    by_type: dict[str, list[int]] = {k: [0, 0] for k in RECORD_TYPES}
    for key, _, conf, ok, _ in judged_records(part):
        for i, (lo, hi) in enumerate(BINS):
            if lo <= conf < hi:
                rows[i][0] += int(ok)
                rows[i][1] += 1
        if conf >= 0.9:
            high[0] += int(ok)
            high[1] += 1
            by_type[key][0] += int(ok)
            by_type[key][1] += 1
    lines = [f"calibration on the {part} part: confidence bin -> records, share correct", "bin          records  correct"]
    for (lo, hi), (c, t) in zip(BINS, rows, strict=True):
        share = f"{c / t:.3f}" if t else "-"
        lines.append(f"[{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}  {t:7d}  {share}")
    share = f"{high[0] / high[1]:.3f}" if high[1] else "-"
    lines.append(f"confidence >= 0.90: {high[1]} records, {share} correct")
    for key, (c, t) in by_type.items():
        if t:
            lines.append(f"  {key:9s} >= 0.90: {t} records, {c / t:.3f} correct")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit", action="store_true", help=f"fit on the dev part and write {TABLE_PATH.name}")
    ap.add_argument("--part", choices=("dev", "heldout"), default="dev", help="part for the table (default dev)")
    a = ap.parse_args(argv)
    if a.fit:
        data = fit()
        TABLE_PATH.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {TABLE_PATH.relative_to(ROOT)}: {len(data['buckets'])} buckets")
        return 0
    print(table(a.part))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
