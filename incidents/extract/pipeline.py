"""The extractor pipeline: small stages over one Document, failures recorded, never raised.

``extract(report)`` never raises on any string: empty, binary-looking and
unsupported-language input give kind "other" with the reason in ``problems``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from .. import summary
from ..schemas import ExtractionResult, IncidentDraft, ReportIn
from ..vocab import IncidentType, ReportKind
from . import bodies, counts, dates, furniture, kind, language, places, sentences, types
from .document import Document, Span
from .drafts import build, evidence, shared_type, strike_in
from .kind import figure
from .lexicon import Rules, get_rules
from .places import GazetteerLike, default_gazetteer

log = logging.getLogger(__name__)
_NOT_SET = object()
BINARY_RATIO = 0.02  # more control characters than this: not text
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def looks_binary(text: str) -> bool:
    sample = text[:8192]
    if "\x00" in sample:
        return True
    controls = len(_CONTROL.findall(sample))
    replacement = sample.count("\ufffd")
    return bool(sample) and (controls + replacement) / len(sample) > BINARY_RATIO


def _guard(doc: Document) -> None:
    if not doc.text.strip():
        doc.stop_reason = "empty text: nothing to extract"
    elif looks_binary(doc.text):
        doc.stop_reason = "binary-looking input (control characters): not a text report"
    if doc.stop_reason:
        doc.problem("input", doc.stop_reason)
        return
    doc.limit = min(len(doc.text), furniture.MAX_ANALYSED_CHARS)
    if doc.limit < len(doc.text):
        doc.problem(
            "input",
            f"text is {len(doc.text):,} characters; only the first {doc.limit:,} were analysed",
        )


def _stage(doc: Document, name: str, func: object, *args: object) -> None:
    """Run one stage; a bug in it is recorded on the document, not raised."""
    try:
        func(doc, *args)  # type: ignore[operator]
    except Exception as exc:  # a stage failure must not kill a batch
        log.exception("stage %s failed", name)
        doc.problem(name, f"stage failed: {exc.__class__.__name__}: {exc}")


def analyse(doc: Document, rules: Rules, gazetteer: GazetteerLike | None) -> ExtractionResult:
    _guard(doc)
    if doc.stop_reason is None:
        _stage(doc, "furniture", furniture.run, rules)
        _stage(doc, "language", language.run)
    if doc.stop_reason is not None:
        return ExtractionResult(kind=ReportKind.OTHER, language=doc.language, problems=doc.problems)
    _stage(doc, "sentences", sentences.run)
    _stage(doc, "dates", dates.run)
    _stage(doc, "counts", counts.run, rules)
    _stage(doc, "types", types.run, rules)
    _stage(doc, "bodies", bodies.run, rules)
    _stage(doc, "sources", attributed)
    _stage(doc, "places", places.run, gazetteer)
    report_kind = ReportKind.OTHER
    drafts: list[IncidentDraft] = []
    try:
        report_kind = kind.decide(doc, rules)
        drafts = _drafts(doc, rules, report_kind, gazetteer)
    except Exception as exc:  # recorded, never raised (see module docstring)
        log.exception("drafting failed")
        doc.problem("drafts", f"stage failed: {exc.__class__.__name__}: {exc}")
    if report_kind in (ReportKind.INCIDENT, ReportKind.ROUNDUP) and not drafts:
        doc.problem("kind", "the report describes no incident with a type; nothing drafted")
        report_kind = ReportKind.OTHER
    return ExtractionResult(
        kind=report_kind, language=doc.language, incidents=drafts, problems=doc.problems
    )


def _drafts(
    doc: Document, rules: Rules, report_kind: ReportKind, gz: GazetteerLike | None
) -> list[IncidentDraft]:
    if report_kind == ReportKind.INCIDENT:
        seg = kind.incident_segment(doc)
        lede = set(kind._lede(doc))
        # "A drone hit a tram stop in Kherson. Two women were injured.": the strike is
        # told in the lede, its casualties in the next sentence.
        opening = [
            i for i in sorted(lede) if not doc.sentences[i].is_title and not kind.stub(doc, i)
        ][:1]
        draft = build(
            doc,
            rules,
            seg,
            context=_incident_context(doc, seg.sentences),
            lede=lede,
            gazetteer=gz,
            shared_type=strike_in(doc, opening + seg.sentences) or _headline_strike(doc),
        )
        return _summarised([draft])
    if report_kind != ReportKind.ROUNDUP:
        return []
    # The roundup's opening gives the day, the region and who reported for every entry.
    head = kind.roundup_head(doc, rules)
    drafts = []
    segments = kind.roundup_segments(doc, head)
    # A strike the entries tell ("завдали ракетного удару по Балаклії. Поранено ...") when
    # no entry sentence holds a type of its own and the opening tells none.
    told = sorted(set(head).union(*(seg.sentences for seg in segments)))
    common = shared_type(doc, segments, head) or strike_in(doc, told) or _headline_strike(doc)
    taken = set(head).union(*(seg.sentences for seg in segments))
    closing = [i for i in _attributions(doc) if i not in taken]
    # A lede that totals the night over several regions gives the day, not a region; so
    # does a headline listing the regions hit ("під ударом Харківщина та Одещина").
    placed_head = [
        i for i in head if not kind.summary_lede(doc, i, regions=2) and not _lists_regions(doc, i)
    ]
    named = _named_oblasts(doc)
    for seg in segments:
        context = seg.sentences + _head_for(doc, placed_head, seg, named) + closing
        drafts.append(
            build(
                doc,
                rules,
                seg,
                context=context,
                lede=set(head),
                gazetteer=gz,
                trusted=set(head),
                own_place_first=True,
                shared_type=common,
            )
        )
    if kind.day_head(doc):
        for draft in drafts:
            _reported_today(doc, draft, head)
    return _summarised(drafts)


def _headline_strike(doc: Document) -> Span | None:
    """ "Обстріл громад", "Russian drone attack on Nikopol": a headline that tells a strike
    whose toll only the body gives ("У Марганці поранено чоловіка").  Read like a strike
    told in another body sentence (drafts.strike_in): it types only a segment with
    killed or injured."""
    for i, sent in enumerate(doc.sentences):
        if not sent.is_title or i >= len(doc.cues):
            continue
        hits = doc.cues[i].get("act.strike")
        if hits:
            a, b = hits[0]
            return Span(
                a, b, "type", IncidentType.STRIKE_ON_CIVILIANS.value, "drafts",
                "type.strike.across_sentences", i, 0.6, {"priority": 0},
            )
    return None


def _oblasts_in(doc: Document, index: int) -> set[str]:
    """The oblasts a sentence names (districts are places inside one, not one)."""
    return {
        c
        for s in doc.spans_of("place", index)
        if s.value.kind == "region"
        and not places.is_district(doc, s)
        and (c := places._region_of(s.value))
    }


def _named_oblasts(doc: Document) -> set[str]:
    return set().union(*(_oblasts_in(doc, i) for i in range(len(doc.sentences))))


def _head_for(doc: Document, head: list[int], seg: kind.Segment, named: set[str]) -> list[int]:
    """The opening sentences that hold for one roundup entry.  An opening sentence about
    one oblast ("Over the past day, Russian forces attacked 31 settlements in Kherson
    Oblast") does not place an entry the report puts in another oblast it names ("In
    Donetsk Oblast, ... in Illinivka").  An entry placed in an oblast the report never
    names (a namesake of a village the gazetteer lacks) keeps the opening's region."""
    own = seg.key[0]
    if own is None or own not in named:
        return head
    return [i for i in head if not (here := _oblasts_in(doc, i)) or own in here]


def _lists_regions(doc: Document, index: int) -> bool:
    """The sentence names places in two or more oblasts."""
    return len({c for s in doc.spans_of("place", index) if (c := places._region_of(s.value))}) >= 2


def _attributions(doc: Document) -> list[int]:
    """Sentences that only say who reported ("Про це повідомив начальник ОВА", "Source: ..."):
    no figure, no role of their own, a reporting body.  They hold for every roundup entry."""
    return [
        i
        for i, sent in enumerate(doc.sentences)
        if not sent.role
        and any(s.value.role == "reported" for s in doc.spans_of("body", i))
        and not doc.spans_of("count", i)
        and not figure(doc, i)
    ]


def _reported_today(doc: Document, draft: IncidentDraft | None, head: list[int]) -> None:
    """An "over the past day" roundup entry without a day of its own: the incident day
    stays empty, the report's day is the day it was reported."""
    if draft is None or draft.date is not None or draft.date_reported is not None:
        return
    if doc.published is None:
        return
    marker = next((i for i in head if kind.day_roundup(doc.sentence_text(i))), None)
    if marker is None:
        return
    sent = doc.sentences[marker]
    span = Span(sent.start, sent.end, "date", None, "drafts", "date.roundup_day", marker, 0.6)
    draft.date_reported = doc.published
    draft.evidence["date_reported"] = evidence(doc, span)


def attributed(doc: Document) -> None:
    """Bodies named by a post's signature (its last line is only the name of the
    body that posted it) or by its channel name (a title that is only that name)
    reported the incident."""
    last = max((s.line_index for s in doc.sentences), default=-1)
    for i, sent in enumerate(doc.sentences):
        spans = [s for s in doc.spans_of("body", i) if s.value.role == "mentioned"]
        if not spans:
            continue
        text = doc.sentence_text(i)
        # A channel's or press office's name standing as the page's title is its author.
        signature = (sent.line_index == last or (sent.is_title and i == 0)) and _only_bodies(
            text, sent.start, spans
        )
        # (A "Source: ..." line's bodies are already "reported": bodies.run reads it.)
        if signature:
            for span in spans:
                span.value = bodies.BodyValue(span.value.body_id, "reported")
                span.rule_id = f"body.{span.value.body_id}.source_line"
                span.confidence = 0.8


SIGNATURE_WORDS = 8


def _only_bodies(text: str, offset: int, spans: list[Span]) -> bool:
    """A short line of body names: besides them only capitalised words (the place in
    "Kherson Regional Military Administration"), joining words and emoji."""
    if len(text.split()) > SIGNATURE_WORDS or text.rstrip().endswith((".", "!", "?", ":")):
        return False
    return furniture.only_body_names(text, [(s.start - offset, s.end - offset) for s in spans])


def _summarised(drafts: list[IncidentDraft | None]) -> list[IncidentDraft]:
    out = []
    for draft in drafts:
        if draft is not None:
            draft.summary = summary.write(draft)
            out.append(draft)
    return out


def _incident_context(doc: Document, seg: list[int]) -> list[int]:
    """Sentences that may name bodies, dates and places: all but statistics and background."""
    excluded_roles = ("aggregate", "background")
    rest = [i for i, s in enumerate(doc.sentences) if s.role not in excluded_roles and i not in seg]
    return seg + rest


def extract(
    report: ReportIn, *, rules: Rules | None = None, gazetteer: object = _NOT_SET
) -> ExtractionResult:
    """Incident drafts from one report.  Never raises on any text."""
    gz = default_gazetteer() if gazetteer is _NOT_SET else gazetteer
    doc = Document(
        text=report.text, published=report.published, publisher=report.publisher, url=report.url
    )
    try:
        return analyse(doc, rules or get_rules(), gz)  # type: ignore[arg-type]
    except Exception as exc:  # the promise is: no input makes extract() raise
        log.exception("extractor failed")
        return ExtractionResult(
            kind=ReportKind.OTHER,
            language=doc.language,
            problems=[*doc.problems, f"extractor failed: {exc.__class__.__name__}: {exc}"],
        )


def extract_text(
    text: str,
    *,
    published: dt.date | None = None,
    publisher: str | None = None,
    url: str | None = None,
    gazetteer: object = _NOT_SET,
) -> ExtractionResult:
    """Convenience: ``extract`` on a bare text."""
    report = ReportIn(text=text, published=published, publisher=publisher, url=url)
    return extract(report, gazetteer=gazetteer)
