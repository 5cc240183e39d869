"""Every gold annotation in the repository is well-formed and quotes its own document verbatim;
the real-plan corpus (tests/fixtures/corpus) keeps its layout: each document names its source on
its first line and is listed in the corpus README, and no document is in two parts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
PARTS = ("dev", "heldout", "unannotated")
KINDS = {"level", "growth", "share", "change", "count", "cumulative"}
COMPARATORS = {"=", ">=", "<=", "range"}
RECORD_TYPES = ("targets", "facts", "tasks", "projects")


def _gold_files() -> list[tuple[Path, Path]]:
    """(gold file, its document) for every gold annotation in the repository."""
    pairs: list[tuple[Path, Path]] = []
    for folder in [ROOT / "examples" / "harbin", CORPUS / "dev", CORPUS / "heldout"]:
        for gold in sorted((folder / "gold").glob("*.json")):
            pairs.append((gold, folder / json.loads(gold.read_text(encoding="utf-8"))["doc"]))
    for gold in sorted((ROOT / "tests" / "fixtures" / "heldout").glob("*.json")):
        pairs.append((gold, gold.parent / json.loads(gold.read_text(encoding="utf-8"))["doc"]))
    return pairs


GOLD = _gold_files()


def _number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _year(x: object) -> bool:
    return x is None or (isinstance(x, int) and 1900 <= x <= 2100)


@pytest.mark.parametrize("gold_path,doc_path", GOLD, ids=lambda p: p.stem)
def test_gold_is_well_formed_and_quotes_its_document(gold_path: Path, doc_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert doc_path.is_file(), f"{gold_path.name}: document {gold['doc']} missing"
    assert doc_path.stem == gold_path.stem
    text = doc_path.read_text(encoding="utf-8")
    assert isinstance(gold.get("title"), str) and gold["title"]
    assert gold.get("period") is None or (len(gold["period"]) == 2 and all(map(_year, gold["period"])))
    problems: list[str] = []
    for key in RECORD_TYPES:
        assert isinstance(gold.get(key), list), key
        for rec in gold[key]:
            quote = rec.get("quote") or ""
            if not quote or quote not in text:
                problems.append(f"{key}: quote not in text: {quote!r}")
            if key in ("targets", "facts"):
                if rec.get("kind") not in KINDS:
                    problems.append(f"{key}: kind {rec.get('kind')!r} in {quote!r}")
                if not _number(rec.get("value")) or not (
                    rec.get("value_high") is None or _number(rec["value_high"])
                ):
                    problems.append(f"{key}: value {rec.get('value')!r} in {quote!r}")
                if not isinstance(rec.get("unit"), str) or not rec.get("indicator"):
                    problems.append(f"{key}: unit/indicator missing in {quote!r}")
            if key == "targets":
                if rec.get("comparator") not in COMPARATORS:
                    problems.append(f"targets: comparator {rec.get('comparator')!r} in {quote!r}")
                if not _year(rec.get("target_year")) or not isinstance(rec.get("annual"), bool):
                    problems.append(f"targets: target_year/annual in {quote!r}")
                if (rec.get("baseline_value") is None) != (rec.get("baseline_year") is None):
                    problems.append(f"targets: baseline value without year (or the reverse) in {quote!r}")
            if key == "facts" and not (
                _year(rec.get("year")) and (rec.get("period") is None or len(rec["period"]) == 2)
            ):
                problems.append(f"facts: year/period in {quote!r}")
            if key == "tasks" and not (rec.get("title") and isinstance(rec.get("responsible", []), list)):
                problems.append(f"tasks: title/responsible in {quote!r}")
            if key == "projects" and not rec.get("name"):
                problems.append(f"projects: name missing in {quote!r}")
    assert not problems, "\n".join(problems)


def _corpus_docs(part: str) -> list[Path]:
    return sorted(p for p in (CORPUS / part).iterdir() if p.suffix in (".txt", ".md"))


def test_corpus_parts_are_disjoint_and_complete() -> None:
    stems = [p.stem for part in PARTS for p in _corpus_docs(part)]
    assert len(stems) == len(set(stems)), "a document is in two parts"
    for part in ("dev", "heldout"):
        docs = {p.stem for p in _corpus_docs(part)}
        golds = {p.stem for p in (CORPUS / part / "gold").glob("*.json")}
        assert docs == golds, f"{part}: documents without gold or gold without document"
    assert not (CORPUS / "unannotated" / "gold").exists()


def test_every_corpus_document_names_its_source_and_is_listed() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    rows = {
        m.group(1): m.group(0) for m in re.finditer(r"^\|\s*`?([\w.-]+\.(?:txt|md))`?\s*\|.*$", readme, re.M)
    }
    for part in PARTS:
        for doc in _corpus_docs(part):
            first = doc.read_text(encoding="utf-8").splitlines()[0]
            assert re.match(r"# source: \S+", first), f"{doc.name}: first line must be '# source: ADDRESS'"
            assert doc.name in rows, f"{doc.name} is not in the corpus README table"
            row = rows[doc.name]
            assert f"| {part} |" in row, f"{doc.name}: README row does not name part {part}"
            assert first.split("# source: ", 1)[1].strip() in row, f"{doc.name}: README row lacks its source"
