"""Loading the spaCy pipeline and parsing articles in batches."""

from eventdesk.nlp.pipeline import load_pipeline, parse_articles

__all__ = ["load_pipeline", "parse_articles"]
