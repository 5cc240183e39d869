"""Registers behind the count targets (plain Python, no Django): the 统一社会信用代码 check digit,
counting rules over an enterprise register year by year, and project investment roll-ups.

The web app (``planwatch.web.registers``) filters rows in the database and hands the small sets
that remain to these functions, so every count has one definition tested without a database.
"""

from planwatch.registers.creditcode import credit_code_error, with_check_digit
from planwatch.registers.projects import ProjectFacts, Rollup, rollup
from planwatch.registers.rules import Rule, count_series, held_by_year, suggest_rule

__all__ = ["ProjectFacts", "Rollup", "Rule", "count_series", "credit_code_error", "held_by_year", "rollup",
           "suggest_rule", "with_check_digit"]
