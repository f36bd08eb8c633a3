"""graphbuild's one exception hierarchy. Every error says what to do next."""

from __future__ import annotations

__all__ = ["GraphbuildError", "InputError", "QueryError", "StoreError", "WorkspaceError", "FetchError",
           "WorkspaceLockedError", "WorkspaceNotWritableError", "OutputError",
           "RelatedLookupError", "CurationError"]


class GraphbuildError(Exception):
    """Base class; the CLI prints ``str(error)`` on one line and exits 1."""

    code = "E000"

    def __str__(self) -> str:  # pragma: no cover - trivial
        return f"[{self.code}] {super().__str__()}"


class InputError(GraphbuildError):
    """A malformed input file or record; names the file and the line/record."""

    code = "E100"

    def __init__(self, path: str, line: int | None, message: str):
        self.path, self.line, self.message = str(path), line, message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class QueryError(GraphbuildError):
    """A Cypher query was refused or failed; carries the database's message."""

    code = "E200"


class StoreError(GraphbuildError):
    """A store could not be opened, reached or written."""

    code = "E300"


class WorkspaceError(GraphbuildError):
    """A workspace is missing, locked or inconsistent."""

    code = "E400"


class FetchError(GraphbuildError):
    """A metadata service could not be fetched from or answered badly."""

    code = "E500"


class RelatedLookupError(GraphbuildError):
    """A paper, title or entity named in a related-work query is not in the graph."""

    code = "E600"


class WorkspaceLockedError(WorkspaceError):
    """Another process is writing the workspace; names the holder."""

    code = "E401"


class WorkspaceNotWritableError(WorkspaceError):
    """The workspace folder cannot be written (read-only, a file, out of space)."""

    code = "E402"


class OutputError(GraphbuildError):
    """An output file could not be written (read-only folder, no space left, a folder in the way)."""

    code = "E700"

    def __init__(self, message: str, errno: int | None = None):
        self.errno = errno
        super().__init__(message)


class CurationError(GraphbuildError):
    """A curation command names nothing in the graph, or there is nothing to undo."""

    code = "E800"
