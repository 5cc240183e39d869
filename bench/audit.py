"""Benchmark: audit 1,000 synthetic plans.

Each synthetic plan looks like a Chinese five-year special plan: base-year facts (levels,
shares, period growth, multiples, period totals) and targets (levels, growth rates, shares,
cumulative figures), mostly consistent, with a share of planted inconsistencies. Plans come in
groups of five per place (a city's general plan and four special plans sharing the place's
statistics), audited place by place as the CLI would, then each plan on its own.

Then one long document: the example plans (examples/harbin/*.txt) repeated to ``--mb`` MB of
text (default 5; 0 skips it) and audited as one plan with its text, as ``planwatch audit FILE``
does; prints extraction and audit time and the audit's peak traced memory. Repeated figures make
the number of figure pairs grow as the square of the document; the rules group figures by key so
that the audit time grows only with the findings.

Run: PYTHONPATH=. python bench/audit.py [N] [--mb 5]
"""

from __future__ import annotations

import argparse
import random
import resource
import time
import tracemalloc
from pathlib import Path

from planwatch.audit import audit_plans
from planwatch.documents import document_from_text
from planwatch.extract import extract_plan
from planwatch.extract.model import Fact, PlanExtraction, Target

SECTORS = ["机械制造业", "食品工业", "医药工业", "石化工业", "冶金工业", "建材工业", "纺织工业", "电子信息产业"]
MEASURES = ["生产总值", "工业增加值", "税收", "实际利用外资", "出口总额", "固定资产投资"]


def place_truth(rng: random.Random) -> dict[str, tuple[float, float, float]]:
    """Per measure: base-year level, annual growth rate and a (usually consistent) 2010 target."""
    truth = {}
    for measure in MEASURES:
        base = round(rng.uniform(10, 900), 1)
        if measure == "生产总值":
            base = round(rng.uniform(1500, 3000), 1)
        elif measure == "工业增加值":
            base = round(rng.uniform(500, 1000), 1)
        g = rng.choice([8, 10, 12.5, 15, 16.5, 18, 20])
        drift = 1.0 if rng.random() < 0.85 else rng.uniform(0.7, 1.3)  # some plans miscompute
        truth[measure] = (base, g, round(base * (1 + g / 100) ** 5 * drift))
    industry = truth["工业增加值"][0]
    for sector in SECTORS:
        truth[sector] = (round(rng.uniform(0.02, 0.12) * industry, 1), 0.0, round(rng.uniform(1.5, 2.5), 2))
    return truth


def synthetic_plan(rng: random.Random, place: int, k: int, truth: dict[str, tuple[float, float, float]]) -> PlanExtraction:
    kinds = ["国民经济", "工业", "非公有制经济", "服务业", "开发区经济"]
    plan = PlanExtraction(doc=f"place{place:04d}-plan{k}.txt", title=f"某{place}市{kinds[k]}发展规划", period=(2006, 2010))
    offset = 0

    def add(quote: str) -> tuple[int, int]:
        nonlocal offset
        start = offset
        offset += len(quote) + 3
        return start, start + len(quote)

    def fact(ind: str, kind: str, value: float, unit: str, quote: str, year: int | None = 2005, period=None) -> None:
        s, e = add(quote)
        plan.facts.append(Fact(quote, s, e, ind, kind, value, None, unit, year, period))

    def target(ind: str, kind: str, value: float, unit: str, quote: str, comparator: str = "=") -> None:
        s, e = add(quote)
        plan.targets.append(Target(quote, s, e, ind, kind, value, None, unit, comparator, 2010))

    measures = MEASURES if k == 0 else rng.sample(MEASURES, 2)
    for measure in measures:
        base, g, level = truth[measure]
        if k and rng.random() < 0.03:  # a special plan quoting another figure for the same statistic
            base = round(base * 1.1, 1)
        unit = "亿美元" if measure in ("实际利用外资", "出口总额") else "亿元"
        fact(f"全市{measure}", "level", base, unit, f"2005年全市{measure}实现{base}{unit}")
        fact(f"全市{measure}", "growth", g, "%", f"“十五”期间年均增长{g}%", year=None, period=(2001, 2005))
        mult = round((1 + g / 100) ** 5 * (1.1 if rng.random() < 0.03 else 1.0), 1)
        fact(f"全市{measure}", "change", mult, "倍", f"是2000年的{mult}倍")
        target(f"全市{measure}", "level", level, unit, f"{measure}达到{level}{unit}")
        target(f"全市{measure}", "growth", g, "%", f"年均增长{g}%")
        total = round(sum(base * (1 + g / 100) ** i for i in range(1, 6)) * (1.15 if rng.random() < 0.03 else 1.0), 1)
        target(f"全市累计{measure}", "cumulative", total, unit, f"累计{measure}{total}{unit}")
    gdp = truth["生产总值"][0]
    industry = truth["工业增加值"][0]
    for sector in rng.sample(SECTORS, 4):
        v, _, growth_factor = truth[sector]
        fact(f"全市规模以上{sector}增加值", "level", v, "亿元", f"规模以上{sector}实现增加值{v}亿元")
        share = round(100 * v / gdp * (1.2 if rng.random() < 0.03 else 1.0), 1)
        fact(f"规模以上{sector}增加值占全市生产总值比重", "share", share, "%", f"占全市生产总值的{share}%")
        t = round(v * growth_factor)
        target(f"全市{sector}增加值", "level", t, "亿元", f"{sector}增加值达到{t}亿元")
    light = round(industry * 0.35, 1)
    heavy = round(industry * 0.65 * (1.3 if rng.random() < 0.03 else 1.0), 1)
    whole = industry
    fact("轻工业增加值", "level", light, "亿元", f"轻工业增加值{light}亿元")
    fact("重工业增加值", "level", heavy, "亿元", f"重工业增加值{heavy}亿元")
    fact("全部工业增加值", "level", whole, "亿元", f"全部工业实现增加值{whole}亿元")
    return plan


EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "harbin"


def long_document(target_bytes: int) -> None:
    """The example plans repeated into one document of at least ``target_bytes`` (UTF-8), audited
    as one plan with its text."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    parts: list[str] = []
    size = 0
    while size < target_bytes:
        t = texts[len(parts) % len(texts)]
        parts.append(t)
        size += len(t.encode("utf-8"))
    text = "".join(parts)
    doc = document_from_text(text, name="long.txt")
    t0 = time.perf_counter()
    plan = extract_plan(doc)
    extracted = time.perf_counter() - t0
    t0, cpu = time.perf_counter(), time.process_time()
    findings = audit_plans([plan], texts={plan.doc: text})
    audited, audit_cpu = time.perf_counter() - t0, time.process_time() - cpu
    t0 = time.perf_counter()
    rows = [f.to_dict() for f in findings]
    as_dicts = time.perf_counter() - t0
    tracemalloc.start()
    audit_plans([plan], texts={plan.doc: text})
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    records = len(plan.targets) + len(plan.facts)
    print(f"one document of {size / 1e6:.2f} MB ({len(parts)} plan texts): {records} targets+facts, extracted in {extracted:.2f} s")
    print(f"  audited in {audited:.2f} s wall ({audit_cpu:.2f} s CPU), {len(rows)} findings, to dicts in {as_dicts:.2f} s")
    print(f"  peak traced memory of the audit: {peak / 1e6:.1f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=1000, help="synthetic plans (default 1000)")
    ap.add_argument("--mb", type=float, default=5.0, help="MB of text for the long document (default 5; 0 skips it)")
    args = ap.parse_args()
    n = args.n
    rng = random.Random(2006)
    truths = [place_truth(rng) for _ in range((n + 4) // 5)]
    plans = [synthetic_plan(rng, i // 5, i % 5, truths[i // 5]) for i in range(n)]
    records = sum(len(p.targets) + len(p.facts) for p in plans)

    t0 = time.perf_counter()
    counts = {"error": 0, "warning": 0, "info": 0}
    for i in range(0, n, 5):
        for f in audit_plans(plans[i : i + 5]):
            counts[f.severity.value] += 1
    grouped = time.perf_counter() - t0

    t0 = time.perf_counter()
    single = sum(len(audit_plans([p])) for p in plans)
    one_by_one = time.perf_counter() - t0

    tracemalloc.start()
    audit_plans(plans[:5])
    _, peak5 = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"plans: {n}  records: {records} ({records / n:.0f} per plan)")
    print(f"audited by place (5 plans per call): {grouped:.2f} s  = {n / grouped:.0f} plans/s, {1000 * grouped / n:.2f} ms/plan")
    print(f"  findings: {counts['error']} error, {counts['warning']} warning, {counts['info']} info")
    print(f"audited one plan per call: {one_by_one:.2f} s = {n / one_by_one:.0f} plans/s, {single} findings")
    print(f"peak traced memory for one place (5 plans): {peak5 / 1024:.0f} KiB")
    if args.mb > 0:
        long_document(int(args.mb * 1e6))
    print(f"max RSS of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
