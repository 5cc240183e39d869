"""A small matcher for regression tests against the gold files (mirrors the official scorer's rules:
tasks match when their quotes overlap in the text and titles share >= 60% characters; projects match
by name within the same group; matching is one-to-one)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def char_f1(a: str, b: str) -> float:
    ca, cb = Counter(_norm(a)), Counter(_norm(b))
    common = sum((ca & cb).values())
    if not common:
        return 0.0
    p, r = common / sum(ca.values()), common / sum(cb.values())
    return 2 * p * r / (p + r)


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(quote), text)]


def f1(matched: int, n_gold: int, n_pred: int) -> float:
    return 2 * matched / (n_gold + n_pred) if n_gold + n_pred else 1.0


def task_f1(gold: list[dict[str, Any]], pred: list[dict[str, Any]], text: str) -> float:
    """Any occurrence of a gold quote may match (gold files carry no offsets)."""
    cands = []
    for i, g in enumerate(gold):
        g_spans = _spans(text, g["quote"])
        for j, p in enumerate(pred):
            if char_f1(g["title"], p["title"]) < 0.6:
                continue
            ov = max((min(e, p["end"]) - max(s, p["start"]) for s, e in g_spans), default=0)
            if ov > 0:
                cands.append((ov, i, j))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    return f1(len(used_g), len(gold), len(pred))


def project_f1(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> float:
    g = Counter((x.get("group"), _norm(x["name"])) for x in gold)
    p = Counter((x.get("group"), _norm(x["name"])) for x in pred)
    return f1(sum((g & p).values()), sum(g.values()), sum(p.values()))
