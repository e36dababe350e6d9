"""The package's version, in a module of its own so that any module can read it without importing
the facade (which imports nearly everything on first use)."""

__version__ = "0.1.0"
