"""Typed reads over the store: event queries, counts, one article with its annotations."""

from eventdesk.query.events import EventFilter, query_events
from eventdesk.query.stats import article_view, stats

__all__ = ["EventFilter", "article_view", "query_events", "stats"]
