"""Evaluation of eventdesk output against external gold data."""

from eventdesk.evaluation.events import evaluate_events
from eventdesk.evaluation.report import EventReport, Score

__all__ = ["EventReport", "Score", "evaluate_events"]
