"""Loaders: the validated knowledge model in, the property graph out (:mod:`.graph`)."""

from .graph import LoadReport, load_graph, quote_identifier

__all__ = ["LoadReport", "load_graph", "quote_identifier"]
