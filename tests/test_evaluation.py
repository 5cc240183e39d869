"""The extraction scorer: hand-computed P/R/F1 on small cases, and the gold files scored against
perfect and perturbed copies of themselves."""

import copy
import json
import math
from pathlib import Path

import pytest

from planwatch.evaluation import aggregate, base_quantity, char_f1, locate, prf, score
from tests.cli_helpers import run_main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "harbin"
GOLD_DIR = EXAMPLES / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))

TEXT = "到2010年，全市地区生产总值达到1550亿元，年均增长18%。城镇化率达到70%。2005年实现增加值669.0亿元。"


def target(quote, value, unit, **kw):
    rec = {
        "quote": quote,
        "value": value,
        "value_high": None,
        "unit": unit,
        "kind": "level",
        "indicator": "",
        "comparator": "=",
        "target_year": 2010,
        "baseline_value": None,
        "baseline_year": None,
    }
    rec.update(kw)
    return rec


def test_scale_prefixes_and_aliases():
    assert base_quantity(2.38, "万亩") == (23800.0, "亩")
    assert base_quantity(1550, "亿元") == (1.55e11, "元")
    assert base_quantity(1550, "亿") == (1.55e11, "元")  # 亿 is an alias of 亿元
    assert base_quantity(3, "万亿元") == (3e12, "元")
    assert base_quantity(5, "千万") == (5e7, "")
    assert base_quantity(1.5, "个百分点") == (1.5, "个百分点")
    assert base_quantity(12, "％") == (12.0, "%")
    assert base_quantity("x", "%") == (None, "%")


def test_locate_exact_hint_and_whitespace_insensitive():
    assert locate(TEXT, "年均增长18%") == (24, 31)
    assert locate(TEXT, "年均增长 18％") == (24, 31)  # spaces and full-width folded
    assert locate(TEXT, "年均增长18%", hint=(24, 31)) == (24, 31)
    assert locate("增长8%，又增长8%", "增长8%", hint=(6, 10)) == (6, 10)  # a valid hint wins
    assert locate("增长8%，又增长8%", "增长8%", hint=(0, 3)) == (0, 4)  # a wrong one is ignored
    assert locate(TEXT, "不存在的句子") is None
    assert locate(TEXT, "") is None


def test_char_f1():
    assert char_f1("全市地区生产总值", "地区生产总值") == pytest.approx(2 * 0.75 / 1.75)
    assert char_f1("abc", "xyz") == 0.0
    assert char_f1(None, "a") == 0.0


def test_targets_hand_computed():
    gold = {
        "targets": [
            target("全市地区生产总值达到1550亿元", 1550, "亿元", indicator="全市地区生产总值"),
            target("年均增长18%", 18, "%", kind="growth", indicator="生产总值"),
            target("城镇化率达到70%", 70, "%", kind="share", indicator="城镇化率"),
        ]
    }
    pred = {
        "targets": [
            # same amount in 万元, wrong kind: matches gold 0
            target("地区生产总值达到1550亿元", 15500000, "万元", kind="count", indicator="地区生产总值"),
            # full-width % is %, wrong year and comparator: matches gold 1
            target(
                "年均增长18%",
                18,
                "％",
                kind="growth",
                indicator="生产总值",
                target_year=2015,
                comparator=">=",
            ),
            # wrong value: spurious
            target("城镇化率达到70%", 7, "%", kind="share"),
            # same quantity overlapping gold 0, but a smaller overlap than the first pred: spurious
            target("1550亿元", 1550, "亿元"),
        ]
    }
    result, errors = score(gold, pred, TEXT)
    t = result["targets"]
    assert (t["matched"], t["gold"], t["pred"]) == (2, 3, 4)
    assert t["precision"] == 0.5 and t["recall"] == 0.6667
    assert t["f1"] == round(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3), 4) == 0.5714
    assert t["kind_acc"] == 0.5
    assert t["target_year_acc"] == 0.5 and t["comparator_acc"] == 0.5
    assert t["baseline_acc"] == 1.0  # both pairs have no baseline on either side
    assert t["indicator_char_f1"] == round((2 * 0.75 / 1.75 + 1.0) / 2, 4) == 0.9286
    assert [r["quote"] for r in errors["targets"]["missed"]] == ["城镇化率达到70%"]
    assert sorted(r["value"] for r in errors["targets"]["spurious"]) == [7, 1550]
    # the empty record types are perfect, with no extra accuracies
    assert result["projects"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "gold": 0,
        "pred": 0,
        "matched": 0,
    }


def test_quotes_must_overlap_and_value_high_must_agree():
    gold = {"targets": [target("城镇化率达到70%", 70, "%", value_high=75)]}
    far = {"targets": [target("年均增长18%", 70, "%", value_high=75)]}
    no_high = {"targets": [target("城镇化率达到70%", 70, "%")]}
    assert score(gold, far, TEXT)[0]["targets"]["matched"] == 0
    assert score(gold, no_high, TEXT)[0]["targets"]["matched"] == 0
    assert score(gold, gold, TEXT)[0]["targets"]["matched"] == 1


def test_facts_year_and_baseline_accuracy():
    fact = {
        "quote": "实现增加值669.0亿元",
        "value": 669.0,
        "unit": "亿元",
        "kind": "level",
        "year": 2005,
        "indicator": "增加值",
    }
    result, _ = score(
        {"facts": [fact]}, {"facts": [{**fact, "year": 2006, "quote": "实现 增加值669.0亿元"}]}, TEXT
    )
    f = result["facts"]
    assert (f["matched"], f["f1"], f["kind_acc"], f["year_acc"]) == (1, 1.0, 1.0, 0.0)
    assert "target_year_acc" not in f

    gold_t = target("全市地区生产总值达到1550亿元", 1550, "亿元", baseline_value=669.0, baseline_year=2005)
    for baseline, expected in (((669, 2005), 1.0), ((669, 2004), 0.0), ((None, None), 0.0)):
        pred_t = {**gold_t, "baseline_value": baseline[0], "baseline_year": baseline[1]}
        assert (
            score({"targets": [gold_t]}, {"targets": [pred_t]}, TEXT)[0]["targets"]["baseline_acc"]
            == expected
        )


def test_tasks_need_overlap_and_similar_titles():
    text = "（一）进一步深化行政审批制度改革。取消审批事项。（二）加强组织领导。"
    gold = {
        "tasks": [
            {"title": "进一步深化行政审批制度改革", "quote": "进一步深化行政审批制度改革。"},
            {"title": "加强组织领导", "quote": "加强组织领导。"},
        ]
    }
    pred = {
        "tasks": [
            {"title": "深化行政审批制度改革", "quote": "深化行政审批制度改革"},  # char-F1 0.87: match
            {"title": "组织", "quote": "加强组织领导。"},  # char-F1 0.5 < 0.6: no match
        ]
    }
    t = score(gold, pred, text)[0]["tasks"]
    assert (t["matched"], t["precision"], t["recall"], t["f1"]) == (1, 0.5, 0.5, 0.5)


def test_projects_match_by_name_ignoring_whitespace():
    text = "专栏1：大型燃气轮机技术改造、哈尔滨 新区建设"
    gold = {"projects": [{"name": "大型燃气轮机技术改造"}, {"name": "哈尔滨新区建设"}]}
    pred = {
        "projects": [{"name": " 大型燃气轮机 技术改造"}, {"name": "哈尔滨新区建设"}, {"name": "不存在的项目"}]
    }
    p = score(gold, pred, text)[0]["projects"]
    assert (p["matched"], p["gold"], p["pred"]) == (2, 2, 3)
    assert p["precision"] == 0.6667 and p["recall"] == 1.0 and p["f1"] == 0.8


def test_projects_match_by_name_even_when_the_name_stands_earlier_in_the_text():
    # The gold quote (just the name) is found at its first mention, in the prose before the box;
    # the prediction points into the box: same name is enough, the overlap only breaks ties.
    text = "发展锂离子电池等产品。\n专栏1 基础功能部件：锂离子电池、直线电机\n另建锂离子电池。"
    box = text.index("锂离子电池、")
    later = text.rindex("锂离子电池")
    gold = {"projects": [{"name": "锂离子电池", "quote": "锂离子电池"}, {"name": "直线电机", "quote": "直线电机"}]}
    pred = {
        "projects": [
            {"name": "锂离子电池", "quote": "锂离子电池", "start": box, "end": box + 5},
            {"name": "锂离子电池", "quote": "锂离子电池", "start": later, "end": later + 5},
            {"name": "直线电机", "quote": "直线电机"},
        ]
    }
    p = score(gold, pred, text)[0]["projects"]
    assert (p["matched"], p["gold"], p["pred"]) == (2, 2, 3)  # one-to-one: the repeat stays spurious
    # Targets still need overlapping quotes.
    text_t = "产值达到5亿元。税收达到5亿元。"
    second = text_t.rindex("达到5亿元")
    gold_t = {"targets": [{"quote": "达到5亿元", "value": 5, "unit": "亿元"}]}
    pred_t = {"targets": [{"quote": "达到5亿元", "value": 5, "unit": "亿元", "start": second, "end": second + 5}]}
    assert score(gold_t, pred_t, text_t)[0]["targets"]["matched"] == 0


def test_prf_edge_cases():
    assert prf(0, 0, 0)["f1"] == 1.0
    assert prf(0, 0, 3)["precision"] == 0.0 and prf(0, 0, 3)["recall"] == 1.0 and prf(0, 0, 3)["f1"] == 0.0
    assert prf(0, 4, 0)["precision"] == 0.0 and prf(0, 4, 0)["f1"] == 0.0


def test_aggregate_is_micro_averaged():
    a = {"targets": {**prf(3, 4, 5), "kind_acc": 1.0, "indicator_char_f1": 0.5}}
    b = {"targets": {**prf(1, 6, 1), "kind_acc": 0.0, "indicator_char_f1": 1.0}}
    t = aggregate([a, b])["targets"]
    assert (t["matched"], t["gold"], t["pred"]) == (4, 10, 6)
    assert t["precision"] == 0.6667 and t["recall"] == 0.4 and t["f1"] == 0.5
    assert t["kind_acc"] == 0.75  # 3 of 4 matched pairs
    assert t["indicator_char_f1"] == 0.625  # (3*0.5 + 1*1.0) / 4
    assert aggregate([a, b])["facts"]["gold"] == 0


def load(gold_file):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    text = (EXAMPLES / gold["doc"]).read_text(encoding="utf-8")
    return gold, text


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_scored_against_itself_is_perfect(gold_file):
    gold, text = load(gold_file)
    result, errors = score(gold, copy.deepcopy(gold), text)
    for key in ("targets", "facts", "tasks", "projects"):
        r = result[key]
        assert (r["precision"], r["recall"], r["f1"]) == (1.0, 1.0, 1.0)
        assert r["matched"] == r["gold"] == len(gold[key])
        assert errors[key] == {"missed": [], "spurious": []}
    assert result["targets"]["kind_acc"] == result["targets"]["baseline_acc"] == 1.0


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_with_records_dropped(gold_file):
    gold, text = load(gold_file)
    pred = copy.deepcopy(gold)
    keys = [key for key in ("targets", "facts", "tasks") if gold[key]]
    for key in keys:
        pred[key] = pred[key][::2]  # keep every other record
    result, _ = score(gold, pred, text)
    for key in keys:
        n, kept = len(gold[key]), math.ceil(len(gold[key]) / 2)
        r = result[key]
        assert (r["matched"], r["precision"], r["recall"]) == (kept, 1.0, round(kept / n, 4))
        assert r["f1"] == round(2 * (kept / n) / (1 + kept / n), 4)


# (the perturbations need at least two facts and three targets)
PERTURBABLE = [g for g in GOLD_FILES if len(json.loads(g.read_text(encoding="utf-8"))["facts"]) >= 2]


@pytest.mark.parametrize("gold_file", PERTURBABLE, ids=lambda p: p.stem)
def test_gold_with_perturbed_fields(gold_file):
    gold, text = load(gold_file)
    pred = copy.deepcopy(gold)
    targets = pred["targets"]
    n = len(targets)
    wrong_kind = 3
    for rec in targets[:wrong_kind]:
        rec["kind"] = "cumulative" if rec["kind"] != "cumulative" else "level"
    for rec in targets:  # 亿元 restated in 万元 is the same quantity
        if rec["unit"] == "亿元":
            rec["value"], rec["unit"] = rec["value"] * 10000, "万元"
    for rec in targets[-2:]:
        rec["target_year"] = 1900
    # a pure-whitespace change inside a quote is still located
    pred["facts"][0]["quote"] = " ".join(pred["facts"][0]["quote"])
    # one fact gets a value no gold record has: one miss and one spurious
    pred["facts"][-1]["value"] = -123456.0
    result, errors = score(gold, pred, text)
    t, f = result["targets"], result["facts"]
    assert t["f1"] == 1.0
    assert t["kind_acc"] == round((n - wrong_kind) / n, 4)
    assert t["target_year_acc"] == round((n - 2) / n, 4)
    m = len(gold["facts"])
    assert (f["matched"], f["precision"], f["recall"]) == (
        m - 1,
        round((m - 1) / m, 4),
        round((m - 1) / m, 4),
    )
    assert errors["facts"]["spurious"][0]["value"] == -123456.0


def test_cli_eval_with_gold_as_predictions_is_perfect(monkeypatch, capsys):
    docs = [str(EXAMPLES / json.loads(g.read_text(encoding="utf-8"))["doc"]) for g in GOLD_FILES]
    code, stdout, stderr = run_main(
        monkeypatch, capsys, "eval", str(GOLD_DIR), *docs, "--pred-dir", str(GOLD_DIR), "--json"
    )
    assert code == 0, stderr
    out = json.loads(stdout)
    assert len(out["documents"]) == len(GOLD_FILES) >= 5
    for result in [*out["documents"].values(), out["overall"]]:
        for key in ("targets", "facts", "tasks", "projects"):
            assert result[key]["f1"] == 1.0
    assert out["overall"]["targets"]["gold"] == sum(
        len(json.loads(g.read_text(encoding="utf-8"))["targets"]) for g in GOLD_FILES
    )
    code, stdout, _ = run_main(
        monkeypatch, capsys, "eval", str(GOLD_DIR), docs[0], "--pred-dir", str(GOLD_DIR)
    )
    assert code == 0 and "targets" in stdout and "1.000" in stdout


def test_cli_eval_shows_errors_and_reports_missing_gold(tmp_path, monkeypatch, capsys):
    gold_file = GOLD_FILES[0]
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    pred = copy.deepcopy(gold)
    pred["targets"] = pred["targets"][1:]
    (tmp_path / gold_file.name).write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    doc = str(EXAMPLES / gold["doc"])
    code, out, err = run_main(
        monkeypatch, capsys, "eval", str(GOLD_DIR), doc, "--pred-dir", str(tmp_path), "--show-errors", "1"
    )
    assert code == 0, err
    assert "targets missed" in out and gold["targets"][0]["quote"][:10] in out

    code, out, err = run_main(
        monkeypatch,
        capsys,
        "eval",
        str(GOLD_DIR),
        doc,
        "--pred-dir",
        str(tmp_path),
        "--show-errors",
        "2",
        "--json",
    )
    assert code == 0, err
    missed = json.loads(out)["errors"][gold["doc"]]["targets"]["missed"]
    assert missed == [gold["targets"][0]]

    code, out, err = run_main(
        monkeypatch, capsys, "eval", str(tmp_path / "no-gold"), doc, "--pred-dir", str(tmp_path)
    )
    assert code == 2 and "Traceback" not in err
    assert "gold file not found" in err


def test_cli_eval_without_pred_dir_runs_the_extractor(monkeypatch, capsys):
    import planwatch.extract
    from planwatch.extract.model import PlanExtraction

    gold_file = GOLD_FILES[0]
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    seen = []

    def fake_extract_plan(doc):
        seen.append(doc.name)
        return PlanExtraction.from_dict(gold)

    monkeypatch.setattr(planwatch.extract, "extract_plan", fake_extract_plan, raising=False)
    code, out, err = run_main(
        monkeypatch, capsys, "eval", str(GOLD_DIR), str(EXAMPLES / gold["doc"]), "--json"
    )
    assert code == 0, err
    assert seen == [gold["doc"]]
    result = json.loads(out)["overall"]
    # offsets of -1 (gold has none) are no hint: quotes are located in the text, so all match
    assert all(result[key]["f1"] == 1.0 for key in ("targets", "facts", "tasks", "projects"))
