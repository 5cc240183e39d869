"""The audit on the Harbin example plans (three gold annotations plus the hand-annotated key
figures of the development-zone plan). Expected findings were computed by hand:

* 开发区生产总值 201 (2005) → 461 (2010) at 25.5 %: 201 × 1.255^5 = 625.8; implied 18.06 %.
* 开发区工业总产值 2005 = 3.5 × 2000 but "年均增长23.99%": 3.5^(1/5) − 1 = 28.47 % (a warning:
  output growth is at comparable prices, the multiple nominal — 3.6 % a year of price rise).
* 合同外资 3.26 × "九五"末 vs 21 %: 26.66 %; 实际利用外资 2.73 × vs 21.5 %: 22.25 %.
* industry plan: 高技术产业 150 = 25 % of 工业增加值 → 600, but 工业增加值 is 1050 (and the
  development-zone plan implies 419 / 40 % = 1047.5).
* 开发区税收 28.2 × 1.1577^5 = 58.6 vs 57 (implied 15.11 %): a small miss, warning.
* 2010 GDP: 1550 / 48 % = 3229 (non-public plan) vs 461 / 15 % = 3073 (zone plan): warning.
* 2005 轻工业 122 + 重工业 228.7 = 350.7 = 规模以上 total, not 全部工业 490.9: warning.
Consistent and therefore silent: 490.9 → 1050 at 16.5 %, 669.0 → 1550 at 18 %, 141.1 → 322 at
18 %, 58.6 → 145 at 20 %, 28 → 64 at 18 %, 56.9 → 150 at ≥20 %, 2005 GDP 669.0/36.5 % = 1833 vs
201/11 % = 1827, 419/40 % = 1047.5 vs 1050, Σ 1.9·1.125^k = 13.7 vs 14.
"""

from __future__ import annotations

import time

from planwatch.audit import Severity, audit_plans
from tests.audit_fixtures import harbin_plans


def _findings():
    return audit_plans(harbin_plans())


def test_errors_are_exactly_the_real_inconsistencies():
    errors = [f for f in _findings() if f.severity is Severity.ERROR]
    got = sorted((f.rule, f.records[0].quote) for f in errors)
    assert got == sorted(
        [
            ("growth_triangle", "2005年全区实现生产总值201亿元"),
            ("growth_triangle", "分别是“九五”末的3.26倍和2.73倍"),
            ("growth_triangle", "分别是“九五”末的3.26倍和2.73倍"),
            ("share_total", "占全市工业增加值40%"),  # 419/40% = 1047.5 vs 150/25% = 600
            ("share_total", "高技术产业增加值占工业增加值的比重25%"),  # 600 vs stated 1050
        ]
    )


def test_consistent_triples_are_not_errors():
    consistent = {
        "工业增加值达到1050亿元",
        "全市非公有制经济增加值达到1550亿元",
        "全市机械制造业增加值达到322亿元",
        "实现工业增加值145亿元",
        "医药工业实现工业增加值64亿元",
        "全市高技术产业增加值达到150亿元",
    }
    for f in _findings():
        if f.rule == "growth_triangle":
            assert not consistent & {r.quote for r in f.records}, f.message_en


def test_expected_warnings():
    warnings = [f for f in _findings() if f.severity is Severity.WARNING]
    texts = "\n".join(f.message_zh for f in warnings)
    assert "开发区税收" in texts and "15.11%" in texts
    assert "3229.17" in texts and "3073.33" in texts
    assert "122亿元 + 228.7亿元 = 350.7亿元" in texts
    assert "28.47%" in texts and "3.6%" in texts
    rules = {f.rule for f in warnings}
    assert {"growth_triangle", "share_total", "parts_whole", "definitions"} <= rules


def test_records_carry_quotes_and_offsets_into_their_documents():
    from tests.audit_fixtures import EXAMPLES

    texts = {p.name: p.read_text(encoding="utf-8") for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md")}
    for f in _findings():
        for r in f.records:
            assert texts[r.doc][r.start : r.end] == r.quote


def test_audit_of_the_example_plans_is_fast():
    plans = harbin_plans()
    t0 = time.perf_counter()
    audit_plans(plans)
    assert time.perf_counter() - t0 < 1.0


def test_extracted_plans_with_texts():
    """The whole pipeline: documents → extract_plan → audit (with the texts for context)."""
    from planwatch.documents import load_document
    from planwatch.extract import extract_plan
    from tests.audit_fixtures import EXAMPLES

    paths = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md") and "README" not in p.name)
    docs = [load_document(p) for p in paths]
    plans = [extract_plan(d) for d in docs]
    texts = {p.doc: d.text for p, d in zip(plans, docs, strict=True)}
    findings = audit_plans(plans, texts=texts)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert any("625.77" in f.message_zh for f in errors)  # 201 × 1.255^5 vs 461
    assert any("600" in f.message_zh and "1050" in f.message_zh for f in errors)
    for f in errors:
        quotes = {r.quote for r in f.records}
        assert "工业增加值达到1050亿元" not in quotes or f.rule == "share_total", f.message_en
        assert "全市非公有制经济增加值达到1550亿元" not in quotes, f.message_en
