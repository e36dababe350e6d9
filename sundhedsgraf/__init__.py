"""sundhedsgraf: a graph knowledge model of Danish municipal, regional and KL health cooperation."""

__version__ = "0.1.0"
