"""Pinned audit findings on the Harbin example plans, as they are and with every record stated
three times over (a long document restating its figures). The rules group figures by indicator
key and count repeated pairs by class instead of comparing every figure with every other; these
snapshots, written by the pairwise implementation, hold the findings (and the "另有N处" counts of
grouped findings) to what it produced.

After an intended change to the audit's findings, rewrite the snapshot with
``python -m tests.test_audit_long_documents`` and review the diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from planwatch.audit import audit_plans
from tests.audit_fixtures import harbin_plans
from tests.audit_repeats import repeated

SNAPSHOT = Path(__file__).parent / "fixtures" / "audit-snapshots" / "harbin-findings.json"


def snapshot() -> dict[str, list[dict[str, Any]]]:
    plans = harbin_plans()
    return {
        "together": [f.to_dict() for f in audit_plans(plans)],
        "repeated": [f.to_dict() for f in audit_plans([repeated(p, 3) for p in plans])],
    }


def _pinned() -> dict[str, Any]:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_harbin_findings_are_unchanged():
    assert snapshot()["together"] == _pinned()["together"]


def test_findings_on_repeated_records_are_unchanged():
    got = snapshot()["repeated"]
    pinned = _pinned()["repeated"]
    assert len(got) == len(pinned)
    for g, p in zip(got, pinned, strict=True):
        assert g == p, (g["rule"], g["message_zh"])


def test_repeats_add_pairs_not_new_kinds_of_finding():
    snap = snapshot()
    kinds = {(f["rule"], f["severity"]) for f in snap["together"]}
    assert {(f["rule"], f["severity"]) for f in snap["repeated"]} == kinds
    # a contradiction stated three times is still reported, with the repeats counted
    assert any("另有" in f["message_zh"] for f in snap["repeated"] if f["rule"] == "share_total")


def test_repeating_a_plan_does_not_change_its_figures():
    plan = harbin_plans()[0]
    big = repeated(plan, 4)
    assert len(big.targets) == 4 * len(plan.targets) and len(big.facts) == 4 * len(plan.facts)
    assert {(t.indicator, t.value) for t in big.targets} == {(t.indicator, t.value) for t in plan.targets}


if __name__ == "__main__":
    SNAPSHOT.write_text(json.dumps(snapshot(), ensure_ascii=False, indent=1), encoding="utf-8")
    sys.stdout.write(f"wrote {SNAPSHOT}\n")
