"""Writes of the evaluation: every rule that changes data is here (views, admin, demo and tasks
call these functions). One module per part: indicators, retrospectives, reports, actions."""

from .base import EvaluationError

__all__ = ["EvaluationError"]
