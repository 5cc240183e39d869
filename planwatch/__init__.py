"""PlanWatch (规划实施监测评估系统): read Chinese development plans and monitor their implementation.

Layers, in data-flow order (see DESIGN.md): documents -> outline -> quantities -> extract ->
audit -> progress are plain Python; the Django web app and stores depend on them, never the reverse.
"""

__version__ = "0.1.0"
