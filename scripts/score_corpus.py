#!/usr/bin/env python3
"""Score the extractor on the repository's real-plan corpus: micro-F1 per record type.

The development part is the Harbin examples with gold (examples/harbin/gold) plus
tests/fixtures/corpus/dev; ``--part heldout`` scores tests/fixtures/corpus/heldout instead (the part
nobody tunes on: look at its totals, not at its errors). Matching is planwatch.evaluation, the
re-implementation of the reference scorer the gold files were made for.

usage: .venv/bin/python scripts/score_corpus.py [--part dev|heldout] [--json OUT] [--show-errors N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planwatch.documents import load_document  # noqa: E402
from planwatch.evaluation import RECORD_TYPES, aggregate, score  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
PARTS: dict[str, tuple[Path, ...]] = {
    "dev": (ROOT / "examples" / "harbin", CORPUS / "dev"),
    "heldout": (CORPUS / "heldout",),
}
DOC_SUFFIXES = (".txt", ".md")

Predictor = Callable[[Path], dict[str, Any]]


def gold_pairs(part: str) -> list[tuple[Path, Path]]:
    """(gold file, document) for every gold/<stem>.json of the part whose document exists."""
    pairs = []
    for folder in PARTS[part]:
        for gold in sorted((folder / "gold").glob("*.json")):
            docs = [folder / (gold.stem + s) for s in DOC_SUFFIXES if (folder / (gold.stem + s)).is_file()]
            if not docs:
                raise SystemExit(f"{gold}: no document {gold.stem}.txt/.md beside the gold folder")
            pairs.append((gold, docs[0]))
    return pairs


def extract(path: Path) -> dict[str, Any]:
    """The extractor's records for one document (imported lazily so tests can pass their own)."""
    from planwatch.extract import extract_plan

    result: dict[str, Any] = extract_plan(load_document(path)).to_dict()
    return result


def score_part(part: str, predict: Predictor = extract) -> dict[str, Any]:
    """Per-document results, errors and the micro-averaged total of one part."""
    documents: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    for gold_path, doc_path in gold_pairs(part):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = load_document(doc_path).text
        documents[doc_path.name], errors[doc_path.name] = score(gold, predict(doc_path), text)
    return {
        "part": part,
        "documents": documents,
        "overall": aggregate(list(documents.values())),
        "errors": errors,
    }


def render(result: dict[str, Any], show_errors: int = 0) -> str:
    """The table: matched/gold,pred per document and record type, then micro-F1 per type."""
    docs = result["documents"]
    width = max([len(n) for n in docs] + [8])
    lines = [f"{'document':<{width}}  " + "".join(k.ljust(13) for k in RECORD_TYPES) + "(matched/gold,pred)"]
    for name, res in docs.items():
        cells = [f"{res[k]['matched']}/{res[k]['gold']},{res[k]['pred']}".ljust(13) for k in RECORD_TYPES]
        lines.append(f"{name:<{width}}  " + "".join(cells))
    overall = result["overall"]
    f1s = ", ".join(f"{k} {overall[k]['f1']:.3f}" for k in RECORD_TYPES)
    lines.append(f"{result['part']}: micro F1 over {len(docs)} documents: {f1s}")
    for name, errs in result["errors"].items() if show_errors > 0 else ():
        for key, err in errs.items():
            for label in ("missed", "spurious"):
                for rec in err[label][:show_errors]:
                    lines.append(f"{name} {key} {label}: {json.dumps(rec, ensure_ascii=False)[:200]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=sorted(PARTS), default="dev")
    parser.add_argument("--json", metavar="OUT", help="also write the results as JSON")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N", help="N misses/spurious per type")
    args = parser.parse_args(argv)
    if args.part == "heldout" and args.show_errors:
        parser.error("--show-errors is for the dev part only: the held-out part is scored, never inspected")
    result = score_part(args.part)
    print(render(result, args.show_errors))
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
