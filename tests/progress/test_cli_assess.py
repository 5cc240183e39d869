"""``planwatch assess``: every figure of the JSON, readable text, one-line errors."""

import json

import pytest
import typer
from typer.testing import CliRunner

from planwatch.cli.assess import assess_command, parse_baseline, parse_observation
from planwatch.errors import PlanWatchError


@pytest.fixture()
def cli():
    # A group with a callback, so the command is addressed by name whatever else is registered.
    group = typer.Typer()
    group.callback()(lambda: None)
    group.command("assess")(assess_command)
    return group


def run(cli, *args):
    result = CliRunner().invoke(cli, ["assess", *args])
    return result


def test_json_has_every_figure(cli):
    r = run(
        cli, "--baseline", "2015:14.5", "--target", "2030:7.25", "--observed", "2023:10.2",
        "--direction", "decrease", "--method", "statcan", "--json",
    )
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert d["status"] == "on_track"
    assert d["comparator"] == "<="  # a decrease target without a comparator is a ceiling
    assert round(d["ratio"], 5) == 0.95259
    for key in ["time_share", "task_share", "share_method", "cagr_actual", "cagr_required", "score",
                "required_rate_remaining", "projected_value", "explanation_zh", "explanation_en"]:
        assert d[key] is not None


def test_energy_table_reads_aloud(cli):
    r = run(cli, "--baseline", "2010:0", "--target", "2015:-16", "--observed", "2013:-9.03",
            "--kind", "change", "--binding")
    assert r.exit_code == 0, r.output
    assert "基本符合预期" in r.output
    assert "54.3%" in r.output and "3.9%" in r.output


def test_growth_preliminary_and_thresholds(cli, tmp_path):
    th = tmp_path / "th.json"
    th.write_text(json.dumps({"slightly_behind_gap": 0.01}), encoding="utf-8")
    r = run(cli, "--baseline", "2015:", "--target", "2020:7", "--kind", "growth",
            "--observed", "2016:6.7", "--observed", "2017:6.9", "--observed", "2018:6.6:p",
            "--thresholds", str(th), "--json")
    d = json.loads(r.output)
    assert d["preliminary"] is True
    # 1.95 points behind; with a 1-point "slightly behind" band it is lagging
    assert d["status"] == "lagging"


def test_bad_input_is_a_planwatch_error(cli, tmp_path):
    r = run(cli, "--baseline", "2015:abc", "--target", "2020:1")
    assert isinstance(r.exception, PlanWatchError)
    bad = tmp_path / "bad.json"
    bad.write_text('{"nope": 1}', encoding="utf-8")
    r = run(cli, "--baseline", "2015:1", "--target", "2020:2", "--thresholds", str(bad))
    assert isinstance(r.exception, PlanWatchError)


def test_parsers():
    o = parse_observation("2024-06-30:45")
    assert o.year == 2024 and o.as_of is not None and o.as_of.month == 6
    assert parse_observation("2019:1.5:p").status == "preliminary"
    assert parse_baseline("2015:-").value is None
    with pytest.raises(PlanWatchError):
        parse_observation("2019")
    with pytest.raises(PlanWatchError):
        parse_observation("19:1")
