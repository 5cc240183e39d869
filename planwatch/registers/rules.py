"""Counting rules over the enterprise register, year by year.

An enterprise *qualifies* in year Y when every condition of the rule holds at the end of Y: it is
in the register (established, not closed), in each required tier (高新技术企业 …), and its revenue
of Y reaches the threshold. The database narrows the rows (ownership, region, thresholds); these
functions turn the remaining rows into per-year sets, so a count and the list behind it are the
same set.

Modes: ``stock`` 存量 = qualifies at the end of Y; ``new`` 当年新增 = qualifies in Y but not in Y−1
(for a tier: entered it during the year); ``cumulative`` 累计新增 = newly qualified in any year
from ``since`` to Y.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

TIERS = {
    "high_tech": "高新技术企业",
    "tech_sme": "科技型中小企业",
    "specialized": "专精特新中小企业",
    "little_giant": "专精特新“小巨人”企业",
    "above_scale": "规模以上企业",
    "industry_education": "产教融合型企业",
}
OWNERSHIP = {"public": "公有", "nonpublic": "非公有"}
SIZES = {"large": "大型", "medium": "中型", "small": "小型", "micro": "微型"}
MODES = {"stock": "年末存量", "new": "当年新增", "cumulative": "累计新增"}


@dataclass(frozen=True)
class Rule:
    """Which enterprises count. ``revenue_min`` is in 万元 (the register's revenue unit)."""

    ownership: str = ""
    tiers: tuple[str, ...] = ()
    revenue_min: float | None = None
    region: str = ""
    industry: str = ""
    sizes: tuple[str, ...] = ()
    mode: str = "stock"
    since: int | None = None

    def errors(self) -> list[str]:
        out = []
        if self.ownership and self.ownership not in OWNERSHIP:
            out.append(f"所有制无效：{self.ownership}")
        out += [f"类别无效：{t}" for t in self.tiers if t not in TIERS]
        out += [f"规模无效：{s}" for s in self.sizes if s not in SIZES]
        if self.revenue_min is not None and not self.revenue_min >= 0:
            out.append("收入门槛须为非负数")
        if self.mode not in MODES:
            out.append(f"计数方式无效：{self.mode}")
        if self.mode == "cumulative" and self.since is None:
            out.append("累计新增须给出起始年")
        return out

    def describe(self) -> str:
        """The rule in words, e.g. 非公有 · 高新技术企业 · 营业收入≥1亿元 · 当年新增."""
        parts = []
        if self.region:
            parts.append(f"区域：{self.region}")
        if self.industry:
            parts.append(f"行业含“{self.industry}”")
        if self.ownership:
            parts.append(OWNERSHIP[self.ownership])
        if self.sizes:
            parts.append("、".join(SIZES[s] for s in self.sizes))
        parts += [TIERS[t] for t in self.tiers]
        if self.revenue_min is not None:
            parts.append(f"营业收入≥{money(self.revenue_min)}")
        mode = MODES[self.mode]
        if self.mode == "cumulative":
            mode += f"（自{self.since}年起）"
        return " · ".join([*(parts or ["全部在册企业"]), mode])


def money(wan: float) -> str:
    """万元 as words: 2000000 → 200亿元, 5000 → 5000万元."""
    if wan >= 10000:
        return f"{round(wan / 10000, 2):g}亿元"
    return f"{round(wan, 1):g}万元"


def by_year(pairs: Iterable[tuple[int, int]]) -> dict[int, set[int]]:
    """(enterprise id, year) rows → {year: ids}."""
    out: dict[int, set[int]] = {}
    for ident, year in pairs:
        out.setdefault(year, set()).add(ident)
    return out


def held_by_year(spans: Iterable[tuple[int, int | None, int | None]], years: range) -> dict[int, set[int]]:
    """(id, first year held at year end, first year *not* held at year end or None) → {year: ids}.

    A tier entered on 2008-05-01 and left on 2010-03-01 is (id, 2008, 2010): held at the end of 2008
    and 2009. An enterprise established in 2007 and still open is (id, 2007, None). A missing start
    means held since before the window.
    """
    out: dict[int, set[int]] = {y: set() for y in years}
    lo, hi = years.start, years.stop
    groups: dict[tuple[int, int], list[int]] = {}
    for ident, start, end in spans:
        first = lo if start is None else max(start, lo)
        last = hi if end is None else min(end, hi)
        if first < last:
            groups.setdefault((first, last), []).append(ident)
    for (first, last), ids in groups.items():  # few distinct year ranges: set updates run in C
        for y in range(first, last):
            out[y].update(ids)
    return out


def constant(ids: Iterable[int], years: range) -> dict[int, set[int]]:
    """A condition that does not depend on the year (ownership, region, size …)."""
    fixed = set(ids)
    return {y: fixed for y in years}


def removed_from(spans: Iterable[tuple[int, int]], years: range) -> dict[int, set[int]]:
    """(id, first year it no longer counts) → {year: ids to drop} (closed enterprises)."""
    out: dict[int, set[int]] = {y: set() for y in years}
    for ident, year in spans:
        for y in range(max(year, years.start), years.stop):
            out[y].add(ident)
    return out


def qualifying(years: range, parts: list[Mapping[int, set[int]]],
               minus: Mapping[int, set[int]] | None = None) -> dict[int, set[int]]:
    """Per year, the ids present in every part (each part: {year: ids} of one condition), less
    those in ``minus`` of that year."""
    out: dict[int, set[int]] = {}
    for y in years:
        sets = sorted((p.get(y, set()) for p in parts), key=len)
        got = set(sets[0]).intersection(*sets[1:]) if sets else set()
        if minus:
            got -= minus.get(y, set())
        out[y] = got
    return out


def window(rule: Rule, years: range) -> range:
    """The years whose qualifying sets a series over ``years`` needs (one earlier for new entries)."""
    first = years.start
    if rule.mode == "new":
        first -= 1
    elif rule.mode == "cumulative" and rule.since is not None:
        first = min(first, rule.since) - 1
    return range(first, years.stop)


def count_series(rule: Rule, qualify: Mapping[int, set[int]], years: range) -> dict[int, set[int]]:
    """The enterprises counted for each year of ``years`` (``qualify`` must cover ``window``)."""
    def new(y: int) -> set[int]:
        return set(qualify.get(y, set())) - qualify.get(y - 1, set())

    out: dict[int, set[int]] = {}
    for y in years:
        if rule.mode == "stock":
            out[y] = set(qualify.get(y, set()))
        elif rule.mode == "new":
            out[y] = new(y)
        else:
            acc: set[int] = set()
            for z in range(rule.since if rule.since is not None else y, y + 1):
                acc |= new(z)
            out[y] = acc
    return out


def scaled(count: int, unit: str) -> float:
    """A count in the target's unit: 20000 enterprises against a target in 万户 is 2."""
    return count / 10000 if unit.startswith("万") else float(count)


# ---- suggestions from a target's wording ----------------------------------------------------------

_TIER_WORDS = [("小巨人", "little_giant"), ("专精特新", "specialized"), ("高新技术企业", "high_tech"),
               ("科技型中小企业", "tech_sme"), ("产教融合型企业", "industry_education"),
               ("规模以上", "above_scale"), ("规上", "above_scale")]
_REVENUE = re.compile(r"(?:营业收入|销售收入|主营业务收入|销售额|营收|收入)(?:达到|超过|在)?\s*"
                      r"(\d+(?:\.\d+)?)?\s*(亿|万)元(?:以上|及以上)")
_NEW = re.compile(r"新增|创办|新认定|新培育|入库|新建")


@dataclass
class Suggestion:
    rule: Rule
    reasons: list[str] = field(default_factory=list)


def suggest_rule(text: str, *, annual: bool = False, start_year: int | None = None) -> Suggestion:
    """A first rule from a target's wording: 销售收入200亿元以上 → revenue ≥ 200亿元; 高新技术企业 →
    that tier; 非公有制/民营 → ownership; 新增/入库/创办 → new entries (per year for an annual target,
    else cumulative from the plan's first year). The office checks and saves it."""
    reasons: list[str] = []
    ownership = ""
    if m := re.search(r"非公有制?|民营|私营", text):
        ownership = "nonpublic"
        reasons.append(f"{m[0]} → 所有制：非公有")
    elif m := re.search(r"国有|公有制", text):
        ownership = "public"
        reasons.append(f"{m[0]} → 所有制：公有")
    tiers: list[str] = []
    rest = text
    for word, code in _TIER_WORDS:
        if word in rest and code not in tiers:
            if code == "specialized" and "little_giant" in tiers:
                continue
            tiers.append(code)
            reasons.append(f"{word} → 类别：{TIERS[code]}")
        rest = rest.replace(word, "")
    revenue = None
    m = _REVENUE.search(text)
    if m:
        amount = float(m[1]) if m[1] else 1.0
        revenue = amount * 10000 if m[2] == "亿" else amount
        reasons.append(f"{m[0]} → 营业收入≥{money(revenue)}")
    sizes: tuple[str, ...] = ()
    if re.search(r"小微", rest):
        sizes = ("small", "micro")
    elif re.search(r"小型", rest):
        sizes = ("small",)
    elif re.search(r"中小", rest):
        sizes = ("small", "medium")
    elif re.search(r"大型|大中型", rest):
        sizes = ("large",) if "大中型" not in rest else ("large", "medium")
    if sizes:
        reasons.append("规模：" + "、".join(SIZES[s] for s in sizes))
    mode, since = "stock", None
    if _NEW.search(text):
        if annual or start_year is None:
            mode = "new"
        else:
            mode, since = "cumulative", start_year
        hit = _NEW.search(text)
        reasons.append(f"{hit[0] if hit else ''} → {MODES[mode]}")
    return Suggestion(Rule(ownership=ownership, tiers=tuple(tiers), revenue_min=revenue, sizes=sizes,
                           mode=mode, since=since), reasons)
