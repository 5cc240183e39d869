"""Scoring an extraction against a gold annotation (our own scorer; the numbers are those of
the reference ``score_extraction.py`` the gold files were made for).

A predicted record matches a gold record when:

- targets/facts: same unit and numerically equal value and value_high after scale prefixes are
  normalised (2.38 万亩 == 23800 亩), and their quotes overlap in the document text; the kind is
  scored separately (``kind_acc``);
- tasks: their quotes overlap in the text and the titles share >= 60 % characters (char-F1);
- projects: same name (whitespace-insensitive); the overlap of the quotes only decides between
  repeated names (a project's name may stand in the text before its box, where a gold quote
  that is just the name is found first).

Matching is one-to-one, greedy, best overlap first. Per record type: precision, recall, F1;
for matched targets/facts also kind accuracy and mean indicator char-F1; targets add target
year, comparator and baseline accuracy; facts add year accuracy.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

Record = dict[str, Any]
Span = tuple[int, int]

RECORD_TYPES: tuple[str, ...] = ("targets", "facts", "tasks", "projects")
COUNT_KEYS: tuple[str, ...] = ("precision", "recall", "f1", "gold", "pred", "matched")
TASK_TITLE_MIN_F1 = 0.6

UNIT_ALIASES = {"％": "%", "%": "%", "亿": "亿元"}
# Checked in this order: the longest prefix first (万亿 before 亿, 千万 before 万).
SCALES: tuple[tuple[str, float], ...] = (
    ("万亿", 1e12),
    ("亿", 1e8),
    ("千万", 1e7),
    ("百万", 1e6),
    ("万", 1e4),
    ("千", 1e3),
)
_WS = re.compile(r"\s+")


def norm_unit(unit: object) -> str:
    """NFKC, no spaces, aliases (亿 -> 亿元, full-width % -> %)."""
    if unit is None:
        return ""
    u = unicodedata.normalize("NFKC", str(unit)).replace(" ", "")
    return UNIT_ALIASES.get(u, u)


def base_quantity(value: object, unit: object) -> tuple[float | None, str]:
    """(value, unit) in base units: (2.38, '万亩') -> (23800.0, '亩'); (1550, '亿元') -> (1.55e11, '元')."""
    u = norm_unit(unit)
    if value is None:
        return None, u
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None, u
    for prefix, scale in SCALES:
        if u.startswith(prefix) and u != "个百分点":
            return v * scale, u[len(prefix) :]
    return v, u


def norm_text(s: str | None) -> str:
    """NFKC without any whitespace: the form quotes and names are compared in."""
    return _WS.sub("", unicodedata.normalize("NFKC", s or ""))


class _FlatText:
    """``text`` NFKC-normalised without whitespace, with the source offset of every character;
    built once per document for the whitespace-insensitive quote search."""

    def __init__(self, text: str) -> None:
        flat: list[str] = []
        index: list[int] = []
        for k, ch in enumerate(text):
            c = unicodedata.normalize("NFKC", ch)
            if not c.strip():
                continue
            for cc in c:
                flat.append(cc)
                index.append(k)
        self.flat = "".join(flat)
        self.index = index

    def find(self, q: str) -> Span | None:
        j = self.flat.find(q)
        if j < 0:
            return None
        return (self.index[j], self.index[j + len(q) - 1] + 1)


class _Locator:
    """Finds quotes in one document text (exact first, then whitespace-insensitive)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._flat: _FlatText | None = None

    def locate(self, quote: str | None, hint: Span | None = None) -> Span | None:
        text = self.text
        if not quote:
            return None
        if hint is not None:
            s, e = hint
            if 0 <= s <= e <= len(text) and norm_text(text[s:e]) == norm_text(quote):
                return (s, e)
        i = text.find(quote)
        if i >= 0:
            return (i, i + len(quote))
        q = norm_text(quote)
        if not q:
            return None
        if self._flat is None:
            self._flat = _FlatText(text)
        return self._flat.find(q)


def locate(text: str, quote: str | None, hint: Span | None = None) -> Span | None:
    """(start, end) of ``quote`` in ``text``: the hint if it holds the quote, else the first
    exact occurrence, else a whitespace- and width-insensitive occurrence; None if absent."""
    return _Locator(text).locate(quote, hint)


def overlap(a: Span | None, b: Span | None) -> int:
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def char_f1(a: str | None, b: str | None) -> float:
    """F1 of the character multisets of two strings (whitespace ignored, NFKC)."""
    na, nb = norm_text(a), norm_text(b)
    if not na or not nb:
        return 0.0
    common = sum((Counter(na) & Counter(nb)).values())
    if common == 0:
        return 0.0
    p, r = common / len(na), common / len(nb)
    return 2 * p * r / (p + r)


def num_eq(x: object, y: object) -> bool:
    """Equal numbers (relative tolerance 1e-6); two missing values are equal."""
    if x is None and y is None:
        return True
    if x is None or y is None:
        return False
    try:
        fx, fy = float(x), float(y)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return abs(fx - fy) <= 1e-6 * max(1.0, abs(fx), abs(fy))


def _spans(locator: _Locator, records: Sequence[Record]) -> list[Span | None]:
    out: list[Span | None] = []
    for r in records:
        start, end = r.get("start"), r.get("end")
        hint = (start, end) if isinstance(start, int) and isinstance(end, int) else None
        out.append(locator.locate(r.get("quote") or r.get("name"), hint))
    return out


def match(
    gold: Sequence[Record],
    pred: Sequence[Record],
    locator: _Locator,
    same: Callable[[Record, Record], bool],
    by_name: bool = False,
) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs: greedy on overlap, largest first (ties: later
    indices first, as in the reference). With ``by_name`` (projects) records that are the ``same``
    pair up even without overlapping quotes; the overlap then only orders the candidates."""
    gs, ps = _spans(locator, gold), _spans(locator, pred)
    cands: list[tuple[int, int, int]] = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if not same(g, p):
                continue
            ov = overlap(gs[i], ps[j])
            if ov > 0 or (gs[i] is None and ps[j] is None) or by_name:
                cands.append((ov, i, j))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return pairs


def quantity_same(g: Record, p: Record) -> bool:
    """Same number in the same unit (scale prefixes 万/亿… normalised); kind is scored separately."""
    gv, gu = base_quantity(g.get("value"), g.get("unit"))
    pv, pu = base_quantity(p.get("value"), p.get("unit"))
    gh, _ = base_quantity(g.get("value_high"), g.get("unit"))
    ph, _ = base_quantity(p.get("value_high"), p.get("unit"))
    return gu == pu and num_eq(gv, pv) and num_eq(gh, ph)


def task_same(g: Record, p: Record) -> bool:
    return char_f1(g.get("title"), p.get("title")) >= TASK_TITLE_MIN_F1


def project_same(g: Record, p: Record) -> bool:
    return norm_text(g.get("name")) == norm_text(p.get("name"))


# Record types matched by name alone (the overlap of the quotes only breaks ties).
BY_NAME: frozenset[str] = frozenset({"projects"})

SAME: dict[str, Callable[[Record, Record], bool]] = {
    "targets": quantity_same,
    "facts": quantity_same,
    "tasks": task_same,
    "projects": project_same,
}


def prf(n_match: int, n_gold: int, n_pred: int) -> dict[str, Any]:
    """Precision, recall, F1 (rounded to 4 places) and the counts. No predictions and no gold
    is perfect; predictions without gold have precision 0."""
    p = n_match / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = n_match / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "gold": n_gold,
        "pred": n_pred,
        "matched": n_match,
    }


def _share(matched: Sequence[tuple[Record, Record]], ok: Callable[[Record, Record], bool]) -> float:
    """Share of matched (gold, pred) pairs for which ``ok`` holds, rounded to 4 places."""
    return round(sum(1 for g, p in matched if ok(g, p)) / len(matched), 4)


def _same_field(name: str) -> Callable[[Record, Record], bool]:
    return lambda g, p: g.get(name) == p.get(name)


def _same_baseline(g: Record, p: Record) -> bool:
    return num_eq(g.get("baseline_value"), p.get("baseline_value")) and g.get("baseline_year") == p.get(
        "baseline_year"
    )


def score(gold: dict[str, Any], pred: dict[str, Any], text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Score one document. Returns (result, errors): ``result[type]`` has P/R/F1, counts and the
    extra accuracies; ``errors[type]`` lists the ``missed`` gold and ``spurious`` predicted records."""
    locator = _Locator(text)
    result: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    for key in RECORD_TYPES:
        g: list[Record] = gold.get(key) or []
        p: list[Record] = pred.get(key) or []
        pairs = match(g, p, locator, SAME[key], key in BY_NAME)
        res = prf(len(pairs), len(g), len(p))
        result[key] = res
        mg = {i for i, _ in pairs}
        mp = {j for _, j in pairs}
        errors[key] = {
            "missed": [g[i] for i in range(len(g)) if i not in mg],
            "spurious": [p[j] for j in range(len(p)) if j not in mp],
        }
        if not pairs or key not in ("targets", "facts"):
            continue
        matched = [(g[i], p[j]) for i, j in pairs]
        res["kind_acc"] = _share(matched, _same_field("kind"))
        res["indicator_char_f1"] = round(
            sum(char_f1(gr.get("indicator"), pr.get("indicator")) for gr, pr in matched) / len(matched), 4
        )
        if key == "targets":
            res["target_year_acc"] = _share(matched, _same_field("target_year"))
            res["comparator_acc"] = _share(matched, _same_field("comparator"))
            res["baseline_acc"] = _share(matched, _same_baseline)
        else:
            res["year_acc"] = _share(matched, _same_field("year"))
    return result, errors


def matched_predictions(gold: dict[str, Any], pred: dict[str, Any], text: str) -> dict[str, set[int]]:
    """Per record type, the indices of the predicted records that match a gold record (the same
    one-to-one matching as ``score``): what a calibration counts as right."""
    locator = _Locator(text)
    return {
        key: {j for _, j in match(gold.get(key) or [], pred.get(key) or [], locator, SAME[key], key in BY_NAME)}
        for key in RECORD_TYPES
    }


def extra_keys(res: dict[str, Any]) -> list[str]:
    """The accuracy keys of one result entry (everything that is not P/R/F1 or a count)."""
    return [k for k in res if k not in COUNT_KEYS]


def aggregate(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Micro-average over documents: matched/gold/pred summed per record type, P/R/F1 from the
    sums; each extra accuracy is the mean over all matched pairs (weighted by ``matched``)."""
    total: dict[str, Any] = {}
    for key in RECORD_TYPES:
        entries = [r[key] for r in results if key in r]
        matched = sum(e["matched"] for e in entries)
        res = prf(matched, sum(e["gold"] for e in entries), sum(e["pred"] for e in entries))
        weights: dict[str, float] = {}
        for e in entries:
            for name in extra_keys(e):
                weights[name] = weights.get(name, 0.0) + e[name] * e["matched"]
        for name, weighted in weights.items():
            res[name] = round(weighted / matched, 4) if matched else 0.0
        total[key] = res
    return total
