"""Errors that say what to do.

Every error sundhedsgraf raises derives from :class:`SundhedsgrafError`; the CLI turns any of them
into one line on stderr and a non-zero exit, never a traceback::

    SundhedsgrafError
    ├── ModelError                 the knowledge model (model/) cannot be read or is invalid
    │   └── ModelInvalid           validation found problems (carries the list of Problem lines)
    ├── ConfigError                bad configuration or command-line input (unknown name, bad parameter)
    │   └── ParameterError         a query parameter is missing or of the wrong type
    ├── DatabaseError              talking to the database failed
    │   ├── ServiceUnavailable     the server at NEO4J_URI cannot be reached
    │   ├── AuthError              wrong user name or password
    │   ├── DatabaseNotFound       the database named by NEO4J_DATABASE does not exist
    │   ├── ReadOnlyViolation      a read-only command tried to write
    │   ├── QueryError             the server rejected a statement
    │   └── LoadError              a load failed and was rolled back
    └── EmbeddedServerError        the embedded ArcadeDB server could not start, stop or be found
"""

from __future__ import annotations


class SundhedsgrafError(Exception):
    """Base of every sundhedsgraf error. ``str(e)`` is one line that names the item and the fix."""

    exit_code = 1


class ModelError(SundhedsgrafError):
    """The knowledge model cannot be read."""


class ModelInvalid(ModelError):
    """Validation found problems; ``problems`` holds one line each."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        n = len(self.problems)
        super().__init__(f"the model has {n} problem{'s' if n != 1 else ''}: {self.problems[0] if n else ''}")


class ConfigError(SundhedsgrafError):
    """Bad configuration or command-line input."""

    exit_code = 2


class ParameterError(ConfigError):
    """A query parameter is missing or of the wrong type."""


class DatabaseError(SundhedsgrafError):
    """Talking to the database failed."""


class ServiceUnavailable(DatabaseError):
    pass


class AuthError(DatabaseError):
    pass


class DatabaseNotFound(DatabaseError):
    pass


class ReadOnlyViolation(DatabaseError):
    pass


class QueryError(DatabaseError):
    pass


class LoadError(DatabaseError):
    pass


class EmbeddedServerError(SundhedsgrafError):
    """The embedded ArcadeDB server could not start, stop or be found."""
