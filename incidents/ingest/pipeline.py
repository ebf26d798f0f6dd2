"""Ingest: preserve each report, extract, and merge with what is already stored.

``ingest_report`` handles one report inside the caller's transaction:

1. A report whose text (SHA-256) is already stored changes nothing.
2. The extractor reads it.  Aggregate and "other" reports are preserved as
   evidence and produce no incident.
3. Each draft is scored against the stored incidents of its region and type
   within a day of its dates (``candidate_incidents``: an indexed query, so the
   cost per report does not grow with the database).  A clear match
   (``match.CLEAR_MATCH``) joins: the report becomes one more source.  A likely
   match (``match.SUGGEST``) becomes a new draft incident plus a merge
   suggestion naming both IDs, the score and the reasons, for a person to
   confirm or reject.  Anything else becomes a new draft incident.

``ingest_sources`` runs a batch: one transaction per report, so a batch killed
half-way leaves every finished report whole and nothing of the unfinished one,
and a re-run stores exactly the rest.  A bad input or row is reported by name
and skipped.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from ..config import PROJECT_ROOT
from ..errors import IncidentsError, IngestError
from ..schemas import ExtractionResult, IncidentDraft, IncidentRecord, ReportIn
from ..store import check_initialised, init_db, make_engine, repo, session_scope
from ..vocab import ReportKind
from . import match
from .sources import Overrides, SourceItem, open_source

log = logging.getLogger(__name__)

Extractor = Callable[[ReportIn], ExtractionResult]

DEMO_REPORTS = PROJECT_ROOT / "data" / "demo" / "reports.jsonl"
NO_INCIDENT_KINDS = frozenset({ReportKind.AGGREGATE, ReportKind.OTHER})
# Stored incidents of one region within a day of the draft's dates; generous so a
# busy front-line oblast's three-day window is read whole.
CANDIDATE_LIMIT = 200
NO_PUBLISHED_DATE = (
    "no publication date known: dates that depend on it (relative days, omitted "
    "years) are left empty"
)


@dataclass
class IngestOutcome:
    """What one report did: its row, whether it was new, and per incident the action
    (``created``, ``joined``, ``suggested`` or ``unchanged``)."""

    report_id: int
    created: bool
    kind: str | None = None
    incidents: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ItemResult:
    label: str
    outcome: IngestOutcome | None = None
    error: str | None = None


@dataclass
class IngestSummary:
    inputs: int = 0
    reports_new: int = 0
    reports_known: int = 0
    reports_without_incident: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def add(self, result: ItemResult) -> None:
        if result.error is not None:
            self.failures.append((result.label, result.error))
            return
        outcome = result.outcome
        assert outcome is not None
        if not outcome.created:
            self.reports_known += 1
            return
        self.reports_new += 1
        if not outcome.incidents:
            self.reports_without_incident += 1
        self.actions.update(action for _, action in outcome.incidents)
        self.problems.extend((result.label, p) for p in outcome.problems)

    def lines(self) -> list[str]:
        """The summary in words, one line per fact."""
        a = self.actions
        return [
            f"inputs: {self.inputs}",
            f"reports stored: {self.reports_new} new, {self.reports_known} already stored "
            f"(unchanged), {self.reports_without_incident} kept as evidence without an incident",
            f"incidents: {a['created']} created, {a['joined']} joined (new source), "
            f"{a['suggested']} created with a merge suggestion, {a['unchanged']} unchanged",
            f"failed: {len(self.failures)}",
        ]


# ------------------------------------------------------------------ one report


def ingest_report(
    session: Session, report: ReportIn, *, actor: str, extractor: Extractor | None = None
) -> IngestOutcome:
    """Preserve, extract and merge one report in ``session`` (the caller commits).

    ``extractor`` defaults to ``incidents.extract.extract``.
    """
    known = repo.find_report(session, report.text)
    if known is not None:
        return IngestOutcome(report_id=known, created=False)
    result = (extractor or _default_extractor())(report)
    report_id, created = repo.get_or_add_report(session, report, kind=result.kind.value)
    outcome = IngestOutcome(report_id=report_id, created=created, kind=result.kind.value)
    outcome.problems.extend(result.problems)
    if report.published is None and NO_PUBLISHED_DATE not in outcome.problems:
        outcome.problems.append(NO_PUBLISHED_DATE)
    if not created or result.kind in NO_INCIDENT_KINDS:
        return outcome
    taken: set[str] = set()
    for number, draft in enumerate(result.incidents, 1):
        placed = _place_draft(
            session, draft, report_id, actor=actor, taken=taken, reported_on=report.published
        )
        if isinstance(placed, str):
            outcome.problems.append(f"incident {number}: {placed}")
        else:
            outcome.incidents.append(placed)
            taken.add(placed[0])
    return outcome


def _default_extractor() -> Extractor:
    from ..extract import extract

    return extract


def _place_draft(
    session: Session,
    draft: IncidentDraft,
    report_id: int,
    *,
    actor: str,
    taken: set[str],
    reported_on: dt.date | None,
) -> tuple[str, str] | str:
    """Join, suggest or create; a string is the reason the draft was not stored."""
    if draft.type is None:
        return "no incident type found; not stored as an incident"
    # One report never supports two of its own drafts as one incident: the
    # extractor separated them on purpose.
    candidates = [c for c in _candidates(session, draft) if c.public_id not in taken]
    found = match.best_match(draft, candidates, reported_on=reported_on)
    if found is not None and found[1].is_clear:
        record, _ = found
        changed = repo.add_source(session, record.public_id, draft, report_id, actor=actor)
        return record.public_id, "joined" if changed else "unchanged"
    public_id = repo.create_incident(session, draft, report_id, actor=actor, status="draft")
    if found is not None and found[1].is_likely:
        record, result = found
        repo.add_merge_suggestion(
            session, public_id, record.public_id, result.score, result.reasons, report_id
        )
        return public_id, "suggested"
    return public_id, "created"


def _candidates(session: Session, draft: IncidentDraft) -> list[IncidentRecord]:
    """Stored incidents that could be this draft: same region and type, dates within
    a day.  A draft without a region or any date is compared with nothing."""
    start = draft.date or draft.date_reported
    if draft.region_code is None or draft.type is None or start is None:
        return []
    end = draft.date_end or start
    slack = dt.timedelta(days=match.MAX_DAY_GAP)
    # The type is not passed to the query: its type filter materialises every
    # incident of that type (cost growing with the database), while region and
    # date alone use the (region_code, sort_date) index.  The scorer's type gate
    # applies the same rule (primary or secondary type) on the few rows returned.
    return repo.candidate_incidents(
        session,
        region_code=draft.region_code,
        type=None,
        date_from=start - slack,
        date_to=end + slack,
        limit=CANDIDATE_LIMIT,
    )


# --------------------------------------------------------------------- batches


def ingest_sources(
    engine: Engine,
    inputs: list[str],
    *,
    published: dt.date | None = None,
    publisher: str | None = None,
    url: str | None = None,
    actor: str,
    progress: bool = True,
    on_result: Callable[[ItemResult], None] | None = None,
    extractor: Extractor | None = None,
) -> IngestSummary:
    """Ingest every report in ``inputs`` (paths or URLs), each in its own transaction.

    Command-line metadata (``published``, ``publisher``, ``url``) wins over the
    document's.  A bad input, row or feed item is recorded in ``failures`` with its
    name and skipped.  ``progress`` draws a bar on stderr when it is a terminal.
    """
    check_initialised(engine)
    overrides = Overrides(published=published, publisher=publisher, url=url)
    summary = IngestSummary(inputs=len(inputs))
    with _progress_bar(progress) as bar:
        for spec in inputs:
            for result in _ingest_input(engine, spec, overrides, actor, extractor, bar):
                summary.add(result)
                if on_result is not None:
                    on_result(result)
                bar.step(result.label)
    log.info("ingest finished: %s", "; ".join(summary.lines()))
    return summary


def _ingest_input(
    engine: Engine,
    spec: str,
    overrides: Overrides,
    actor: str,
    extractor: Extractor | None,
    bar: _Bar,
) -> Iterator[ItemResult]:
    try:
        source = open_source(spec, overrides)
    except IngestError as exc:
        log.warning("%s", exc)
        bar.grow(1)
        yield ItemResult(spec, error=str(exc))
        return
    bar.grow(source.total)
    for item in source.items():
        yield _ingest_item(engine, item, actor, extractor)


def _ingest_item(
    engine: Engine, item: SourceItem, actor: str, extractor: Extractor | None
) -> ItemResult:
    if item.report is None:
        return ItemResult(item.label, error=item.error or f"{item.label}: unreadable")
    for attempt in (1, 2):
        try:
            with session_scope(engine) as session:
                outcome = ingest_report(session, item.report, actor=actor, extractor=extractor)
            return ItemResult(item.label, outcome=outcome)
        except IntegrityError:
            # Another process stored the same report (or public ID) first; the
            # retry sees its row and converges.
            if attempt == 2:
                return ItemResult(item.label, error=f"{item.label}: conflicting concurrent write")
        except IncidentsError as exc:
            return ItemResult(item.label, error=f"{item.label}: {exc}")
        except SQLAlchemyError as exc:
            log.exception("database error on %s", item.label)
            return ItemResult(item.label, error=f"{item.label}: the database refused it ({exc})")
    raise AssertionError("unreachable")


class _Bar:
    """Progress over every report of every input; silent unless drawing."""

    def __init__(self, progress: Any = None) -> None:
        self._progress = progress
        self._task = progress.add_task("reports", total=0) if progress is not None else None
        self._total = 0

    def grow(self, n: int) -> None:
        self._total += n
        if self._progress is not None:
            self._progress.update(self._task, total=self._total)

    def step(self, label: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=_short(label))


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[_Bar]:
    """A progress bar on stderr when it is a terminal; otherwise a silent one."""
    if not (enabled and sys.stderr.isatty()):
        yield _Bar()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
               TextColumn("{task.description}"))
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        yield _Bar(progress)


def _short(label: str, width: int = 60) -> str:
    return label if len(label) <= width else "…" + label[-(width - 1) :]


# ------------------------------------------------------------------------ demo


def ingest_demo(db_url: str, *, actor: str = "demo", progress: bool = True) -> IngestSummary:
    """Initialise the database if needed and ingest the demo reports through the real
    pipeline.  Idempotent: a second run finds every report already stored."""
    path = demo_reports_path()
    init_db(db_url)
    engine = make_engine(db_url)
    try:
        return ingest_sources(engine, [str(path)], actor=actor, progress=progress)
    finally:
        engine.dispose()


def demo_reports_path() -> Path:
    if not DEMO_REPORTS.is_file():
        raise IngestError(
            f"the demo reports are missing: expected {DEMO_REPORTS} "
            "(a JSON Lines file that ships with the repository)"
        )
    return DEMO_REPORTS
