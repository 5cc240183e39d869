"""Registers behind count targets: the enterprise register (企业名录) and the project register
(重点项目库), counting rules that feed targets' observations, and their pages, API and imports."""
