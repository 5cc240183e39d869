"""scripts/score_corpus.py: the corpus scorer finds every gold/document pair of a part, scores
the gold against itself as perfect and an empty extraction as zero, and prints the table."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("score_corpus", ROOT / "scripts" / "score_corpus.py")
assert _spec is not None and _spec.loader is not None
score_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score_corpus)


def _gold_of(part: str) -> dict[str, dict[str, Any]]:
    return {
        doc.name: json.loads(gold.read_text(encoding="utf-8")) for gold, doc in score_corpus.gold_pairs(part)
    }


@pytest.mark.parametrize("part", ["dev", "heldout"])
def test_gold_scored_against_itself_is_perfect(part: str) -> None:
    golds = _gold_of(part)
    result = score_corpus.score_part(part, predict=lambda path: golds[path.name])
    assert set(result["documents"]) == set(golds)
    for key in ("targets", "facts", "tasks", "projects"):
        total = result["overall"][key]
        assert total["gold"] == total["matched"] == sum(len(g[key]) for g in golds.values())
        assert total["f1"] == 1.0


def test_dev_part_has_the_examples_and_the_corpus_and_the_table_adds_up() -> None:
    names = {doc.name for _, doc in score_corpus.gold_pairs("dev")}
    assert "harbin-industry-2006-2010.txt" in names
    assert "luqiao-gazetteer-11fyp-targets-p377.txt" in names
    assert not names & {doc.name for _, doc in score_corpus.gold_pairs("heldout")}

    golds = _gold_of("dev")
    result = score_corpus.score_part("dev", predict=lambda path: {})
    for key in ("targets", "facts", "tasks", "projects"):
        assert result["overall"][key]["matched"] == result["overall"][key]["pred"] == 0
    table = score_corpus.render(result)
    lines = table.splitlines()
    assert len(lines) == len(golds) + 2
    n = len(golds["harbin-industry-2006-2010.txt"]["targets"])
    assert any(line.startswith("harbin-industry-2006-2010.txt") and f" 0/{n},0 " in line for line in lines)
    assert lines[-1].startswith(f"dev: micro F1 over {len(golds)} documents: targets 0.000")


def test_cli_refuses_to_show_heldout_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        score_corpus.main(["--part", "heldout", "--show-errors", "3"])
    assert exc.value.code == 2
    assert "held-out" in capsys.readouterr().err
