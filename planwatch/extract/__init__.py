"""Extraction of the plan model (targets, facts, tasks, projects) from a Document."""

from planwatch.extract.model import Fact, PlanExtraction, Project, Target, Task
from planwatch.extract.plan import extract_plan
from planwatch.extract.quantitative import extract_quantitative

__all__ = ["Fact", "PlanExtraction", "Project", "Target", "Task", "extract_plan", "extract_quantitative"]
