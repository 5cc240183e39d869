"""One search box over plans, targets, tasks, projects and units, respecting who may see what."""
