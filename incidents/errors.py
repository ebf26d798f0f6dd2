"""One error hierarchy; the CLI and the app translate it at the edges.

Every message says what was wrong and, where it can, how to fix it, naming the
file, row or field concerned.
"""

from __future__ import annotations


class IncidentsError(Exception):
    """Base of every error this package raises on purpose."""


class ConfigError(IncidentsError):
    """Settings are missing or invalid."""


class StoreError(IncidentsError):
    """The database cannot be reached, is not initialised, or refused a write."""


class NotFoundError(IncidentsError):
    """No record with that ID (and no merged ID that points to one)."""


class ValidationFailed(IncidentsError):
    """Input rows failed validation.  ``problems`` lists ``file:row: field: reason``."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or []
        detail = "\n".join(self.problems[:200])
        more = len(self.problems) - 200
        if more > 0:
            detail += f"\n... and {more} more"
        super().__init__(f"{message}\n{detail}" if detail else message)


class ImportError_(IncidentsError):
    """A structured import file cannot be read (encoding, format)."""


class ExtractionError(IncidentsError):
    """A report cannot be read by the extractor (empty, binary, unsupported language)."""


class UnsupportedLanguage(ExtractionError):
    """The report is not in a supported language (English, Ukrainian, Russian)."""


class GeocodeError(IncidentsError):
    """The gazetteer or the online geocoder failed."""


class IngestError(IncidentsError):
    """A source cannot be fetched or read for ingest."""
