"""Key projects (重点项目): counting and summing rules and the per-plan roll-up.

Investment is in 亿元 (the plans' unit). A project is *started* (开工), *in production* (投产) or
*completed* (竣工) from the year its milestone was marked done; its completed investment of a year
counts once the report was approved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

STATES = {"": "全部项目", "started": "已开工", "in_production": "已投产", "completed": "已竣工"}
MEASURES = {"count": "项目个数", "planned_investment": "计划总投资（亿元）",
            "completed_investment": "完成投资（亿元）"}
MILESTONES = {"started": "开工", "in_production": "投产", "completed": "竣工"}


@dataclass(frozen=True)
class ProjectFacts:
    id: int
    name: str = ""
    group: str = ""
    planned_investment: float | None = None
    started: int | None = None  # year the milestone was done
    in_production: int | None = None
    completed: int | None = None
    investment: tuple[tuple[int, float], ...] = ()  # approved (year, amount)

    def state_year(self, state: str) -> int | None:
        return {"started": self.started, "in_production": self.in_production, "completed": self.completed}.get(state)

    def invested(self, upto: int | None = None, only: int | None = None) -> float:
        return sum(a for y, a in self.investment if (only is None or y == only) and (upto is None or y <= upto))


@dataclass(frozen=True)
class ProjectRule:
    """Which projects count and what is added up: 实施建设省市重点项目100个 = count of started projects
    in the year (mode new); 规划投资5000万元以上的项目500项 = count with planned investment ≥ 0.5亿元;
    项目总投资 = sum of planned investment."""

    measure: str = "count"
    state: str = ""
    investment_min: float | None = None  # 亿元, on the planned total investment
    mode: str = "stock"  # stock | new | cumulative (as the enterprise rules)
    since: int | None = None

    def errors(self) -> list[str]:
        out = []
        if self.measure not in MEASURES:
            out.append(f"计量方式无效：{self.measure}")
        if self.state not in STATES:
            out.append(f"项目状态无效：{self.state}")
        if self.mode not in ("stock", "new", "cumulative"):
            out.append(f"计数方式无效：{self.mode}")
        if self.mode == "cumulative" and self.since is None:
            out.append("累计新增须给出起始年")
        if self.investment_min is not None and not self.investment_min >= 0:
            out.append("投资门槛须为非负数")
        return out

    def describe(self) -> str:
        parts = [STATES[self.state]]
        if self.investment_min is not None:
            parts.append(f"计划总投资≥{self.investment_min:g}亿元")
        mode = {"stock": "截至年末", "new": "当年", "cumulative": f"自{self.since}年起累计"}[self.mode]
        return " · ".join([*parts, MEASURES[self.measure], mode])


def _eligible(rule: ProjectRule, p: ProjectFacts) -> bool:
    return rule.investment_min is None or (p.planned_investment or 0) >= rule.investment_min


def _in(rule: ProjectRule, p: ProjectFacts, year: int) -> bool:
    """Counts in ``year`` for the rule's state and mode."""
    if not rule.state:
        return True
    y = p.state_year(rule.state)
    if y is None:
        return False
    if rule.mode == "stock":
        return y <= year
    if rule.mode == "new":
        return y == year
    return (rule.since or y) <= y <= year


def project_series(rule: ProjectRule, projects: Iterable[ProjectFacts], years: range
                   ) -> dict[int, tuple[float, list[int]]]:
    """Per year: the figure and the ids of the projects behind it."""
    ps = [p for p in projects if _eligible(rule, p)]
    out: dict[int, tuple[float, list[int]]] = {}
    for y in years:
        members = [p for p in ps if _in(rule, p, y)]
        if rule.measure == "count":
            value = float(len(members))
        elif rule.measure == "planned_investment":
            value = sum(p.planned_investment or 0 for p in members)
        else:
            if rule.mode == "new":
                value = sum(p.invested(only=y) for p in members)
            elif rule.mode == "cumulative":
                value = sum(p.invested(upto=y) - p.invested(upto=(rule.since or y) - 1) for p in members)
            else:
                value = sum(p.invested(upto=y) for p in members)
            members = [p for p in members if p.investment]
        out[y] = (round(value, 6), [p.id for p in members])
    return out


@dataclass
class Rollup:
    """A plan's projects in figures: what the plan page shows and the report's 重大项目 section uses."""

    projects: int = 0
    with_owner: int = 0
    started: int = 0
    in_production: int = 0
    completed: int = 0
    planned_investment: float = 0.0
    completed_investment: float = 0.0
    by_year: dict[int, float] = field(default_factory=dict)
    by_group: list[dict[str, object]] = field(default_factory=list)

    @property
    def investment_share(self) -> float | None:
        """Completed ÷ planned investment (None when nothing is planned)."""
        return self.completed_investment / self.planned_investment if self.planned_investment else None

    def as_dict(self) -> dict[str, object]:
        return {"projects": self.projects, "with_owner": self.with_owner, "started": self.started,
                "in_production": self.in_production, "completed": self.completed,
                "planned_investment": round(self.planned_investment, 6),
                "completed_investment": round(self.completed_investment, 6),
                "investment_share": self.investment_share, "by_year": {y: round(v, 6) for y, v in sorted(self.by_year.items())},
                "by_group": self.by_group}


def rollup(projects: Iterable[ProjectFacts], owners: int = 0, upto: int | None = None) -> Rollup:
    """Counts and sums over the projects (milestones and investment up to ``upto`` when given)."""
    r = Rollup(with_owner=owners)
    groups: dict[str, dict[str, float]] = {}
    for p in projects:
        r.projects += 1
        for state in ("started", "in_production", "completed"):
            y = p.state_year(state)
            if y is not None and (upto is None or y <= upto):
                setattr(r, state, getattr(r, state) + 1)
        r.planned_investment += p.planned_investment or 0
        done = p.invested(upto=upto)
        r.completed_investment += done
        for y, a in p.investment:
            if upto is None or y <= upto:
                r.by_year[y] = r.by_year.get(y, 0.0) + a
        g = groups.setdefault(p.group, {"projects": 0, "started": 0, "completed": 0, "planned": 0.0, "done": 0.0})
        g["projects"] += 1
        g["started"] += p.started is not None and (upto is None or p.started <= upto)
        g["completed"] += p.completed is not None and (upto is None or p.completed <= upto)
        g["planned"] += p.planned_investment or 0
        g["done"] += done
    r.by_year = dict(sorted(r.by_year.items()))
    r.by_group = [{"group": k, **{n: (round(v, 6) if isinstance(v, float) else v) for n, v in g.items()}}
                  for k, g in groups.items()]
    return r
