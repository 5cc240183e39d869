"""Regression against the dev gold set (examples/harbin/gold): the accuracy the extractor reached,
asserted slightly below so the test is stable; and quote provenance on all five example plans."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from planwatch.documents import load_document
from planwatch.evaluation import aggregate, score
from planwatch.extract import extract_plan

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "harbin"
GOLD_DOCS = (
    "harbin-nonpublic-economy-2006-2010.txt",
    "harbin-industry-2006-2010.txt",
    "harbin-economic-reform-2016-2020.md",
)
ALL_DOCS = (*GOLD_DOCS, "harbin-development-zone-2006-2010.txt", "harbin-new-area-work-report-excerpt.txt")


@cache
def _extract(name: str) -> tuple[str, dict[str, Any]]:
    doc = load_document(EXAMPLES / name)
    return doc.text, extract_plan(doc).to_dict()


@cache
def _overall() -> dict[str, Any]:
    results = []
    for name in GOLD_DOCS:
        text, pred = _extract(name)
        gold = json.loads((EXAMPLES / "gold" / (Path(name).stem + ".json")).read_text(encoding="utf-8"))
        results.append(score(gold, pred, text)[0])
    return aggregate(results)


def test_targets_f1() -> None:
    assert _overall()["targets"]["f1"] >= 0.95


def test_facts_f1() -> None:
    assert _overall()["facts"]["f1"] >= 0.95


def test_target_year_accuracy() -> None:
    assert _overall()["targets"]["target_year_acc"] >= 0.95


def test_indicator_names() -> None:
    overall = _overall()
    assert overall["targets"]["indicator_char_f1"] >= 0.86
    assert overall["facts"]["indicator_char_f1"] >= 0.84


def test_comparators_and_baselines() -> None:
    overall = _overall()
    assert overall["targets"]["comparator_acc"] >= 0.95
    assert overall["targets"]["baseline_acc"] >= 0.93
    assert overall["targets"]["kind_acc"] >= 0.93
    assert overall["facts"]["kind_acc"] >= 0.9
    assert overall["facts"]["year_acc"] >= 0.88


def test_plan_periods_and_titles() -> None:
    expected = {
        "harbin-nonpublic-economy-2006-2010.txt": ("哈尔滨市非公有制经济发展规划", [2006, 2010]),
        "harbin-industry-2006-2010.txt": ("哈尔滨市工业经济发展规划", [2006, 2010]),
        "harbin-economic-reform-2016-2020.md": ("哈尔滨市“十三五”时期经济体制改革专项规划", [2016, 2020]),
        "harbin-development-zone-2006-2010.txt": ("哈尔滨市开发区经济发展规划", [2006, 2010]),
    }
    for name, (title, period) in expected.items():
        _, pred = _extract(name)
        assert pred["title"] == title
        assert pred["period"] == period


def test_work_report_targets_are_annual() -> None:
    _, pred = _extract("harbin-new-area-work-report-excerpt.txt")
    assert pred["period"] is None
    assert pred["targets"], "the report's 全年 targets"
    assert all(t["annual"] and t["target_year"] is None for t in pred["targets"])


@pytest.mark.parametrize("name", ALL_DOCS)
def test_quotes_are_exact_substrings(name: str) -> None:
    text, pred = _extract(name)
    for key in ("targets", "facts", "tasks", "projects"):
        for rec in pred[key]:
            assert text[rec["start"] : rec["end"]] == rec["quote"], (key, rec)
    for rec in pred["targets"] + pred["facts"]:
        assert rec["start"] < rec["end"]
        assert rec["indicator"]
        assert rec["kind"] in ("level", "growth", "share", "change", "count", "cumulative")


def test_annual_plan_and_stated_period() -> None:
    from planwatch.documents import document_from_text

    annual = document_from_text("某市2024年国民经济和社会发展计划\n“十四五”以来，…。\n全年地区生产总值增长6%左右。\n")
    result = extract_plan(annual)
    assert result.period is None
    assert [(t.value, t.annual, t.target_year) for t in result.targets] == [(6, True, None)]
    stated = document_from_text("某县产业发展规划\n本规划期限为2021—2025年，展望到2035年。\n到2025年，全县工业增加值达到80亿元。\n")
    result = extract_plan(stated)
    assert result.period == (2021, 2025)
    assert [(t.value, t.target_year) for t in result.targets] == [(80, 2025)]
