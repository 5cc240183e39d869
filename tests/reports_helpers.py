"""A small hand-made plan with known numbers, used by the report tests."""

from __future__ import annotations

import base64
from datetime import date

from planwatch.extract.model import Fact, PlanExtraction, Project, Target, Task
from planwatch.reports.assessment import Observation
from planwatch.reports.build import ProjectProgress, ReportInputs, TaskStatus
from planwatch.reports.doubts import AuditFinding

# A valid 1x1 PNG, so tests that do not look at charts need not run matplotlib.
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def tiny_chart(_series: object) -> bytes:
    return TINY_PNG


def target(indicator: str, kind: str, value: float, unit: str, section: str, *, comparator: str = "=",
           baseline: tuple[float, int] | None = None, year: int = 2010, quote: str = "") -> Target:
    return Target(quote=quote or f"{indicator}达到{value}{unit}", start=0, end=0, indicator=indicator, kind=kind,
                  value=value, value_high=None, unit=unit, comparator=comparator, target_year=year,
                  baseline_value=baseline[0] if baseline else None, baseline_year=baseline[1] if baseline else None,
                  section=section)


def sample_plan() -> PlanExtraction:
    return PlanExtraction(
        doc="sample.txt",
        title="某市测试发展规划",
        period=(2006, 2010),
        targets=[
            target("全市地区生产总值", "level", 200.0, "亿元", "二、（一）主要目标", baseline=(100.0, 2005)),
            target("全市地区生产总值", "growth", 10.0, "%", "二、（一）主要目标"),
            target("单位GDP能耗降低", "change", 20.0, "%", "二、（一）主要目标", quote="单位GDP能耗降低20%（约束性）"),
            target("服务业增加值占GDP比重", "share", 45.0, "%", "三、（二）产业结构", comparator=">="),
            target("高新技术企业", "count", 300.0, "户", "三、（二）产业结构"),
        ],
        facts=[Fact(quote="2005年服务业增加值占GDP比重为35%", start=0, end=0, indicator="服务业增加值占GDP比重",
                    kind="share", value=35.0, value_high=None, unit="%", year=2005)],
        tasks=[
            Task(title="建设物流园区", quote="建设物流园区。", start=0, end=0, section="四、（一）", deadline_year=2007,
                 responsible=["市商务局"]),
            Task(title="完善创业服务体系", quote="完善创业服务体系。", start=0, end=0, section="四、（二）", deadline_year=2010),
            Task(title="推进国企改革", quote="推进国企改革。", start=0, end=0, section="四、（三）", deadline_year=2009),
        ],
        projects=[Project(name="物流园区一期", group="专栏1 物流", quote="物流园区一期", start=0, end=0),
                  Project(name="科技孵化基地", group="专栏2 科技", quote="科技孵化基地", start=0, end=0)],
    )


def sample_inputs(gdp_2008: float = 170.0) -> ReportInputs:
    return ReportInputs(
        plan=sample_plan(),
        observations=[
            Observation("地区生产总值", 2007, 150.0, "亿元", scope="全市", source="统计公报2007"),
            Observation("地区生产总值", 2008, gdp_2008, "亿元", scope="全市", source="统计公报2008", note="初步核算"),
            Observation("地区生产总值增速", 2007, 12.0, "%", source="统计公报2007"),
            Observation("地区生产总值增速", 2008, 9.0, "%", source="统计公报2008"),
            Observation("服务业增加值占GDP比重", 2008, 38.0, "%", source="统计公报2008"),
            Observation("地区生产总值", 2010, 260.0, "亿元", source="统计公报2010"),  # after the as-of date
        ],
        task_status={0: TaskStatus("in_progress", ("市商务局",), date(2007, 12, 31)),
                     2: TaskStatus("done", ("市国资委",))},
        project_progress={"物流园区一期": ProjectProgress(12.0, 9.0, started=2008)},
        findings=[AuditFinding("sum-of-parts", "error", "三次产业比重之和为101%", "三次产业比重为10:45:46")],
    )


AS_OF = date(2009, 6, 30)
