"""CLI store commands: ingest, import-actuals, export, backup/restore, demo-setup."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.web.data.models import Observation
from planwatch.web.errors import ImportRejected
from planwatch.web.plans.models import Plan
from tests.web.conftest import HARBIN, ROOT

runner = CliRunner()


def test_ingest_json_twice_makes_versions(org: dict[str, Any]) -> None:
    gold = HARBIN / "gold" / "harbin-industry-2006-2010.json"
    r = runner.invoke(app, ["ingest", str(gold), "--approve"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["ingest", str(gold)])
    assert r.exit_code == 0, r.output
    plan = Plan.objects.get()
    assert [v.status for v in plan.versions.order_by("number")] == ["live", "review"]
    assert "targets +0 -0 ~0" in r.output  # same document: an empty diff


def test_import_actuals_and_exports(org: dict[str, Any], tmp_path: Path) -> None:
    r = runner.invoke(app, ["import-actuals", str(HARBIN / "harbin-actuals.csv"), "--create-indicators", "--revisions"])
    assert r.exit_code == 0, r.output
    n = Observation.objects.count()
    assert n > 40
    out = tmp_path / "sdmx.csv"
    assert runner.invoke(app, ["export", "sdmx", str(out)]).exit_code == 0
    assert len(list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))) == n
    assert runner.invoke(app, ["export", "actuals", str(tmp_path / "a.xlsx")]).exit_code == 0
    assert runner.invoke(app, ["export", "decomposition", str(tmp_path / "d.xlsx")]).exit_code == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("指标,年份,数值,单位,来源\n不存在,2010,abc,亿元,x\n", encoding="utf-8")
    r = runner.invoke(app, ["import-actuals", str(bad)])
    # an unknown indicator is no error: the row waits on the mapping screen; the bad number is one
    assert isinstance(r.exception, ImportRejected) and len(r.exception.errors) == 1
    assert Observation.objects.count() == n


def _cli(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(PLANWATCH_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "planwatch", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.slow
def test_demo_backup_restore_round_trip(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    r = _cli(["demo-setup"], a)
    assert r.returncode == 0, r.stderr
    assert "demo_office" in r.stdout and "unit_reporter" in r.stdout
    r = _cli(["backup", str(tmp_path / "bk.zip")], a)
    assert r.returncode == 0, r.stderr
    r = _cli(["restore", str(tmp_path / "bk.zip")], b)
    assert r.returncode == 0, r.stderr
    count = ("from planwatch.web.plans.models import Plan; from planwatch.web.history.models import AuditEntry;"
             "from planwatch.web.data.models import ObservationRevision as R;"
             "print(Plan.objects.count(), AuditEntry.objects.count(), R.objects.count())")
    ca = _cli(["manage", "shell", "-c", count], a).stdout.strip().splitlines()[-1].split()
    cb = _cli(["manage", "shell", "-c", count], b).stdout.strip().splitlines()[-1].split()
    assert ca == cb and int(ca[0]) == 5 and int(ca[1]) > 100
    r = _cli(["restore", str(tmp_path / "bk.zip")], b)  # not into a non-empty database
    assert r.returncode == 2 and "empty" in r.stderr and "Traceback" not in r.stderr


def test_ingest_a_real_document_through_the_extractor(org: dict[str, Any]) -> None:
    doc = HARBIN / "harbin-development-zone-2006-2010.txt"
    r = runner.invoke(app, ["ingest", str(doc)])
    assert r.exit_code == 0, r.output
    v = Plan.objects.get().versions.get()
    assert v.status == "review" and v.targets.exists()
    for t in v.targets.all():
        assert v.text[t.start:t.end] == t.quote
