"""Progress assessment (进度评估): indicators against targets, tasks against deadlines, units
against each other. Plain Python: typed objects in, typed objects out, no database.

Two methods for indicators: ``cn`` (时间过半、任务过半, task share against time share) and
``statcan`` (Statistics Canada / Open SDG compound-growth ratio with its score).
"""

from planwatch.progress.assess import assess
from planwatch.progress.model import (
    Assessment,
    Baseline,
    IndicatorTarget,
    Observation,
    Projection,
    Thresholds,
)

__all__ = [
    "Assessment",
    "Baseline",
    "IndicatorTarget",
    "Observation",
    "Projection",
    "Thresholds",
    "assess",
]
