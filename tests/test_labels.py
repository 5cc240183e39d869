"""Display labels: every code the pages show has Chinese words; stored bilingual texts split cleanly."""

from __future__ import annotations

import importlib
import pkgutil
from typing import get_args

import pytest

import planwatch.audit
from planwatch import labels
from planwatch.extract.model import Comparator, Kind
from planwatch.progress.model import Light, Method, Status


def _has_cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


@pytest.mark.parametrize(("table", "codes"), [
    ("kind", get_args(Kind)), ("comparator", get_args(Comparator)), ("method", get_args(Method)),
    ("status", get_args(Status)), ("light", get_args(Light)), ("severity", ("error", "warning", "info")),
])
def test_every_code_of_the_core_has_chinese_words(table: str, codes: tuple[str, ...]) -> None:
    for code in codes:
        zh, en = labels.label(table, code), labels.label(table, code, english=True)
        assert _has_cjk(zh) and not _has_cjk(en) and en, (table, code)


def test_every_audit_rule_has_a_chinese_name() -> None:
    rules = set()
    for mod in pkgutil.iter_modules(planwatch.audit.__path__):
        rule = getattr(importlib.import_module(f"planwatch.audit.{mod.name}"), "RULE", None)
        if rule:
            rules.add(rule)
    assert len(rules) >= 7
    for rule in rules:
        assert _has_cjk(labels.label("rule", rule)), rule


def test_every_choice_of_the_ledger_has_words() -> None:
    from planwatch.web.ledger.models import PROGRESS, STATES

    for code, _ in STATES:
        assert _has_cjk(labels.label("task_state", code))
    for code, _ in PROGRESS:
        assert _has_cjk(labels.label("task_progress", code))
    assert labels.label("task_state", "assigned") == "交办"


def test_unknown_code_is_shown_as_it_is() -> None:
    assert labels.label("kind", "new_kind") == "new_kind"
    assert labels.label("kind", None) == ""


@pytest.mark.parametrize(("text", "zh", "en"), [
    ("交办 assigned", "交办", "assigned"),
    ("越高越好 higher is better", "越高越好", "higher is better"),
    ("已提取，请审核后保存 extracted: review it, then save", "已提取，请审核后保存", "extracted: review it, then save"),
    ("数值无效 value is not a finite number: 'abc'", "数值无效：'abc'", "value is not a finite number: 'abc'"),
    ("进展待审批 progress update to approve: 推进工业技术改造", "进展待审批：推进工业技术改造",
     "progress update to approve: 推进工业技术改造"),
    ("版本 3 不在审核中 version is live, not in review", "版本 3 不在审核中", "version is live, not in review"),
    ("已实现（提前实现）", "已实现（提前实现）", "已实现（提前实现）"),
    ("", "", ""),
])
def test_split_bilingual(text: str, zh: str, en: str) -> None:
    assert labels.split_bilingual(text) == (zh, en)


def test_split_tolerance() -> None:
    assert labels.split_tolerance("按书写精度取区间 | each figure taken as an interval") == (
        "按书写精度取区间", "each figure taken as an interval")
    assert labels.split_tolerance("仅中文") == ("仅中文", "仅中文")
