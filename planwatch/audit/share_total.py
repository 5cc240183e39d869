"""Rule 2, share and total: a share ("X占全市生产总值的15%") together with a level of X implies
the whole (X / 15%). That implied whole must agree with the whole stated outright and with the
same whole implied by other shares — in this plan or another plan of the same place and year.
Base-year facts are checked the same way as targets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from planwatch.audit.figures import Figure, FigureIndex, is_level, resolved_share_keys
from planwatch.audit.findings import Finding
from planwatch.audit.grading import grade, tolerance_text
from planwatch.audit.intervals import Interval, fmt_number
from planwatch.extract.keys import IndicatorKey, share_keys, split_share

RULE = "share_total"
_LIST_SEPARATORS = ("、", "和", "及", "与")


@dataclass(frozen=True)
class ImpliedWhole:
    """A whole computed as part / share."""

    key: IndicatorKey
    year: int
    interval: Interval  # base units
    share: Figure
    part: Figure

    def value(self) -> float:
        return self.part.value * self.part.factor / (self.share.value / 100)

    def explain(self, unit_factor: float, unit: str) -> tuple[str, str]:
        v = fmt_number(self.value() / unit_factor, 2)
        zh = f"{self.part.written()} ÷ {self.share.written()} = {v}{unit}（据 {self.share.doc}）"
        en = f"{self.part.written()} ÷ {self.share.written()} = {v}{unit} (from {self.share.doc})"
        return zh, en


def _comparable_geo(key: IndicatorKey, a: Figure, b: Figure) -> bool:
    """Figures of two plans are compared only when the area is named (not just "the plan's own")."""
    return a.plan == b.plan or bool(key.scope.geo)


_ELIDED_START = re.compile(r"^(?:年|约|仅|已|分别)?占")
ELIDED_GAP = 12  # characters between a level and a following "占…" whose subject is left out


def _part_candidates(index: FigureIndex, share: Figure) -> list[tuple[Figure, IndicatorKey]]:
    """Level figures of the share's part with the whole's key in the part's dimension. When no
    level of the named part exists, a level stated just before the share in the same sentence
    ("生产总值达到461亿元，年占全市生产总值的15%") is its part: plans leave that subject out."""
    levels = index.plan_levels(share.plan, share.year, share.record_type)
    lookup = _levels_lookup(index, share.plan, share.year, share.record_type)
    hits: list[tuple[int, Figure, IndicatorKey]] = []
    for unit in lookup.units:  # the part's key depends on its unit only: one parse per unit
        keys = resolved_share_keys(share, unit)
        if keys is None:
            return []
        part_key, whole_key = keys
        for i, part in lookup.by_subject_unit.get((part_key.subject(), unit), []):
            if part.key.dimension == whole_key.dimension:
                hits.append((i, part, whole_key))
    out = [(part, whole_key) for _, part, whole_key in sorted(hits, key=lambda h: h[0])]
    if out or share.start < 0:
        return out
    named_part = resolved_share_keys(share, None)
    if named_part is not None and len(named_part[0].measure) > 1 and not _ELIDED_START.match(share.quote):
        return []  # the part is named; it is just not stated as a level
    lo = bisect_left(lookup.ends, share.start - ELIDED_GAP)
    hi = bisect_right(lookup.ends, share.start)
    before = [levels[i] for i in sorted(lookup.end_order[lo:hi]) if levels[i].end >= 0]
    if not before:
        return []
    part = max(before, key=lambda f: f.end)
    keys = resolved_share_keys(share, part.unit)
    if keys is None:
        return []
    whole_key = keys[1]
    if whole_key.measure == keys[0].measure or not whole_key.measure:
        whole_key = IndicatorKey(whole_key.scope, part.key.measure, part.key.dimension)
    if part.key.dimension != whole_key.dimension:
        return []
    return [(part, whole_key)]


@dataclass
class _LevelsLookup:
    """The levels of one plan, year and record type, indexed for :func:`_part_candidates`."""

    units: list[str]  # distinct units, in order of first use
    by_subject_unit: dict[tuple[object, str], list[tuple[int, Figure]]]  # (subject, unit) → (position, level)
    ends: list[int]  # end offsets, ascending
    end_order: list[int]  # positions of the levels in the order of ``ends``


def _levels_lookup(index: FigureIndex, plan: int, year: int | None, record_type: str) -> _LevelsLookup:
    return index.memo(("share_total.levels", plan, year, record_type), lambda: _build_lookup(index, plan, year, record_type))


def _build_lookup(index: FigureIndex, plan: int, year: int | None, record_type: str) -> _LevelsLookup:
    levels = index.plan_levels(plan, year, record_type)
    by_subject_unit: dict[tuple[object, str], list[tuple[int, Figure]]] = {}
    for i, f in enumerate(levels):
        by_subject_unit.setdefault((f.key.subject(), f.unit), []).append((i, f))
    order = sorted(range(len(levels)), key=lambda i: levels[i].end)
    return _LevelsLookup(
        units=list(dict.fromkeys(f.unit for f in levels)),
        by_subject_unit=by_subject_unit,
        ends=[levels[i].end for i in order],
        end_order=order,
    )


def implied_wholes(index: FigureIndex) -> list[ImpliedWhole]:
    """Every whole implied by a share and a level of its part stated in the same plan and year."""
    out: list[ImpliedWhole] = []
    for share in index.figures:
        if share.kind != "share" or share.year is None:
            continue
        split = split_share(share.indicator)
        if split is None or any(sep in split[0] for sep in _LIST_SEPARATORS):
            continue
        share_ratio = share.interval.scale(0.01)
        if share_ratio.lo <= 0:
            continue
        for part, whole_key in _part_candidates(index, share):
            out.append(ImpliedWhole(whole_key, share.year, part.interval / share_ratio, share, part))
    return out


def check(index: FigureIndex) -> list[Finding]:
    """One finding per stated whole and plan of the shares that contradict it, and one per pair of
    plans whose shares imply different wholes (a wrong total would otherwise be reported once for
    every share divided into it).

    Figures repeated with the same value (a long document restating its figures) make the
    pairs grow as the square of the document; pairs are therefore counted by classes of equal
    interval, record type and plan, and only the first disagreeing pair of a group is built."""
    wholes = sorted(implied_wholes(index), key=lambda w: (w.share.order, w.part.order))
    stated_by_key: dict[tuple[IndicatorKey, int], list[Figure]] = {}
    for fig in index.figures:
        if is_level(fig) and fig.year is not None:
            stated_by_key.setdefault((fig.key, fig.year), []).append(fig)
    same_whole: dict[tuple[IndicatorKey, int], list[tuple[int, ImpliedWhole]]] = {}
    for pos, w in enumerate(wholes):
        same_whole.setdefault((w.key, w.year), []).append((pos, w))
    against_stated: list[tuple[tuple[int, int], Finding, int]] = []
    against_implied: list[tuple[tuple[int, int, int], Finding, int]] = []
    for g, ((key, year), group) in enumerate(same_whole.items()):
        against_stated += _stated_disagreements(index, key, group, stated_by_key.get((key, year), []))
        against_implied += [((g, i, j), found, n) for (i, j), found, n in _implied_disagreements(key, [w for _, w in group])]
    against_stated.sort(key=lambda x: x[0])
    against_implied.sort(key=lambda x: x[0])
    return [_first_of(found, n) for _, found, n in against_stated + against_implied]


_Class = tuple[Interval, str, int]  # interval, record type, plan


def _whole_class(w: ImpliedWhole) -> _Class:
    return (w.interval, w.share.record_type, w.share.plan)


def _classes(group: list[ImpliedWhole]) -> dict[_Class, list[int]]:
    """Positions of the implied wholes of one group by class, ascending."""
    classes: dict[_Class, list[int]] = {}
    for i, w in enumerate(group):
        classes.setdefault(_whole_class(w), []).append(i)
    return classes


def _stated_disagreements(
    index: FigureIndex, key: IndicatorKey, group: list[tuple[int, ImpliedWhole]], stated: list[Figure]
) -> list[tuple[tuple[int, int], Finding, int]]:
    """Per stated whole and plan of the shares: ((position of the first disagreeing share's whole,
    position of the stated figure), the finding for that pair, how many shares disagree)."""
    out: list[tuple[tuple[int, int], Finding, int]] = []
    if not stated:
        return out
    wholes = [w for _, w in group]
    classes = _classes(wholes)
    for s_pos, s in enumerate(stated):
        first: dict[int, int] = {}  # plan of the shares → first disagreeing position in ``wholes``
        count: dict[int, int] = defaultdict(int)
        for (interval, record_type, plan), positions in classes.items():
            if record_type != s.record_type or not (plan == s.plan or bool(key.scope.geo)):
                continue
            if grade(interval, s.interval) is None:
                continue
            usable = [i for i in positions if wholes[i].part is not s]
            if not usable:
                continue
            count[plan] += len(usable)
            first[plan] = min(first.get(plan, usable[0]), usable[0])
        for plan, i in first.items():
            found = _against_stated(index, wholes[i], s)
            assert found is not None  # the class was graded as disagreeing
            out.append(((group[i][0], s_pos), found, count[plan]))
    return out


def _implied_disagreements(
    key: IndicatorKey, group: list[ImpliedWhole]
) -> list[tuple[tuple[int, int], Finding, int]]:
    """Per pair of plans: ((i, j) of the first disagreeing pair of implied wholes in the group's
    order, its finding, how many pairs disagree). Two wholes from the same share never count."""
    classes = _classes(group)
    names = list(classes)

    def disagree(a: _Class, b: _Class) -> bool:
        return a[1] == b[1] and (a[2] == b[2] or bool(key.scope.geo)) and grade(a[0], b[0]) is not None

    per_share = {c: Counter(id(group[i].share) for i in positions) for c, positions in classes.items()}
    count: dict[tuple[int, int], int] = defaultdict(int)
    partners: dict[_Class, list[_Class]] = defaultdict(list)
    for x, a in enumerate(names):
        for b in names[x:]:
            if not disagree(a, b):
                continue
            partners[a].append(b)
            if a != b:
                partners[b].append(a)
            na, nb = len(classes[a]), len(classes[b])
            if a == b:
                n = na * (na - 1) // 2 - sum(k * (k - 1) // 2 for k in per_share[a].values())
            else:
                n = na * nb - sum(k * per_share[b].get(sid, 0) for sid, k in per_share[a].items())
            if n:
                count[_plans(a[2], b[2])] += n
    pending = {plans for plans, n in count.items() if n}
    out: list[tuple[tuple[int, int], Finding, int]] = []
    for i, w in enumerate(group):
        if not pending:
            break
        found_now: dict[tuple[int, int], int] = {}
        for b in partners.get(_whole_class(w), []):
            plans = _plans(w.share.plan, b[2])
            if plans not in pending:
                continue
            positions = classes[b]
            k = bisect_right(positions, i)
            while k < len(positions) and group[positions[k]].share is w.share:
                k += 1
            if k < len(positions) and (plans not in found_now or positions[k] < found_now[plans]):
                found_now[plans] = positions[k]
        for plans, j in found_now.items():
            found = _against_implied(w, group[j])
            assert found is not None  # the classes were graded as disagreeing
            out.append(((i, j), found, count[plans]))
            pending.discard(plans)
    return out


def _plans(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a <= b else (b, a)


def _first_of(first: Finding, count: int) -> Finding:
    """The first finding of a group of ``count``, noting how many more say the same."""
    if count == 1:
        return first
    more = count - 1
    return replace(
        first,
        message_zh=first.message_zh + f"（另有{more}处占比推算同样不符）",
        message_en=first.message_en + f" ({more} more share(s) disagree the same way)",
    )


def _scope_hint(index: FigureIndex, w: ImpliedWhole) -> tuple[str, str]:
    """If another share of the same plan relates the same part measure to a differently scoped
    whole (a base-year share of 规模以上工业增加值, say), say so: the target may mean that scope."""
    for other in index.by_plan[w.share.plan]:
        if other is w.share or other.kind != "share":
            continue
        keys = share_keys(other.indicator, w.part.unit)
        if keys is None:
            continue
        if keys[0].measure == w.part.key.measure and keys[1].measure == w.key.measure and keys[1].scope != w.key.scope:
            scope = keys[1].scope.size or keys[1].scope.ownership or keys[1].scope.geo
            return (
                f"注意：{other.describe()} 的分母口径为{scope}，若本指标也按该口径，则分母不是同一个数",
                f"note: {other.describe()} divides by a {scope} whole; if this share does too,"
                " the wholes are not the same figure",
            )
    return "", ""


def _against_stated(index: FigureIndex, w: ImpliedWhole, stated: Figure) -> Finding | None:
    severity = grade(w.interval, stated.interval)
    if severity is None:
        return None
    imp_zh, imp_en = w.explain(stated.factor, stated.unit)
    hint_zh, hint_en = _scope_hint(index, w)
    if hint_en:
        hint_en = " " + hint_en
    zh = (
        f"{w.year}年{stated.indicator}：由占比推算 {imp_zh}，"
        f"但{stated.doc if stated.plan != w.share.plan else '同一规划'}写明 {stated.written()}。{hint_zh}"
    )
    en = (
        f"{w.year} {stated.indicator}: the share implies {imp_en},"
        f" but {stated.doc if stated.plan != w.share.plan else 'the same plan'} states {stated.written()}.{hint_en}"
    )
    return Finding(
        rule=RULE,
        severity=severity,
        message_zh=zh,
        message_en=en,
        records=(w.share.ref(), w.part.ref(), stated.ref()),
        tolerance=tolerance_text(
            w.part.bounds.note_zh,
            w.share.bounds.note_zh,
            stated.bounds.note_zh,
            f"推算总量区间 {w.interval.scale(1 / stated.factor).fmt()}，写明区间 {stated.bounds.interval.fmt()}",
        ),
        details={"implied_whole": w.value() / stated.factor, "stated_whole": stated.value},
    )


def _against_implied(a: ImpliedWhole, b: ImpliedWhole) -> Finding | None:
    severity = grade(a.interval, b.interval)
    if severity is None:
        return None
    unit_factor, unit = a.part.factor, a.part.unit
    a_zh, a_en = a.explain(unit_factor, unit)
    b_zh, b_en = b.explain(unit_factor, unit)
    label = a.key.scope.label() + a.key.measure
    zh = f"{a.year}年{label}：{a_zh}；{b_zh}。两者应为同一总量。"
    en = f"{a.year} {label}: {a_en}; {b_en}. Both should be the same whole."
    return Finding(
        rule=RULE,
        severity=severity,
        message_zh=zh,
        message_en=en,
        records=(a.share.ref(), a.part.ref(), b.share.ref(), b.part.ref()),
        tolerance=tolerance_text(
            a.part.bounds.note_zh,
            a.share.bounds.note_zh,
            b.part.bounds.note_zh,
            b.share.bounds.note_zh,
            f"两个推算区间 {a.interval.scale(1 / unit_factor).fmt()} 与 {b.interval.scale(1 / unit_factor).fmt()}",
        ),
        details={"implied_a": a.value() / unit_factor, "implied_b": b.value() / unit_factor},
    )
