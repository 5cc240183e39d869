"""The README's main job: an overview of the built-in Harbin example plans."""

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from planwatch.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "harbin"


def test_summary_of_examples_lists_every_plan_and_the_audit():
    result = CliRunner().invoke(app, ["summary", str(EXAMPLES)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for title in ("哈尔滨市非公有制经济发展规划", "哈尔滨市工业经济发展规划", "哈尔滨市开发区经济发展规划"):
        assert title in result.output
    assert "数字核查" in result.output
    assert "[error]" in result.output or "错误 errors: 0" in result.output


def test_summary_of_a_missing_file_is_one_line_and_exit_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "planwatch", "summary", str(tmp_path / "nope.txt")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "nope.txt" in proc.stderr
