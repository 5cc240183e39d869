"""Regression floors on the real corpus in the repository (the development part only: examples/harbin
with gold and tests/fixtures/corpus/dev). Each floor sits just below the score reached, per record
type and per document genre, so a change that makes extraction worse on real plans fails here.
The held-out part is never read by tests: it is scored once, by hand, with scripts/score_corpus.py."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from planwatch.documents import load_document
from planwatch.evaluation import RECORD_TYPES, aggregate, score
from planwatch.extract import extract_plan
from planwatch.extract.genre import find_genre

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"harbin": ROOT / "examples" / "harbin", "corpus": ROOT / "tests" / "fixtures" / "corpus" / "dev"}


@cache
def _scored() -> tuple[tuple[str, str, str, dict[str, Any]], ...]:
    """(folder, document name, genre, per-type result) for every gold file of the dev part."""
    out = []
    for folder, path in FOLDERS.items():
        for gold_path in sorted((path / "gold").glob("*.json")):
            doc_path = next(p for p in (path / f"{gold_path.stem}.txt", path / f"{gold_path.stem}.md") if p.is_file())
            doc = load_document(doc_path)
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            result, _ = score(gold, extract_plan(doc).to_dict(), doc.text)
            out.append((folder, doc_path.name, find_genre(doc.text).kind, result))
    return tuple(out)


def _f1(rows: list[dict[str, Any]]) -> dict[str, float]:
    total = aggregate(rows)
    return {k: total[k]["f1"] for k in RECORD_TYPES}


FLOORS = {
    "harbin": {"targets": 0.97, "facts": 0.975, "tasks": 0.97, "projects": 0.97},
    # Targets, facts and projects lowered with seven project-list documents added to dev (issue 12):
    # their list counts and investments are mostly read as facts, and a few names stay unread.
    "corpus": {"targets": 0.91, "facts": 0.93, "tasks": 0.93, "projects": 0.93},
}


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_f1_floors_per_record_type(folder: str) -> None:
    got = _f1([r for f, _, _, r in _scored() if f == folder])
    for kind, floor in FLOORS[folder].items():
        assert got[kind] >= floor, (folder, kind, got)


# Targets and facts together per genre: the decision target vs fact depends on the genre.
GENRE_FLOORS = {
    "plan": 0.93,
    "annual": 0.95,
    "execution_report": 0.97,
    "midterm": 0.88,
    "gazetteer": 0.95,
}


@pytest.mark.parametrize("genre", sorted(GENRE_FLOORS))
def test_quantitative_floor_per_genre(genre: str) -> None:
    rows = [r for _, _, g, r in _scored() if g == genre]
    assert rows, f"no development document of genre {genre}"
    matched = sum(r[k]["matched"] for r in rows for k in ("targets", "facts"))
    gold = sum(r[k]["gold"] for r in rows for k in ("targets", "facts"))
    pred = sum(r[k]["pred"] for r in rows for k in ("targets", "facts"))
    f1 = 2 * matched / (gold + pred) if gold + pred else 1.0
    assert f1 >= GENRE_FLOORS[genre], (genre, round(f1, 3))


def test_headline_records_of_the_harbin_plans_hold() -> None:
    """No Harbin plan with gold loses most of a record type it has (a collapse the totals could hide)."""
    for folder, name, _, res in _scored():
        if folder != "harbin":
            continue
        for kind in ("targets", "facts", "tasks"):
            if res[kind]["gold"] >= 5:
                assert res[kind]["f1"] >= 0.75, (name, kind, res[kind])
