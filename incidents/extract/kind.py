"""Report kind and incident segments.

Each sentence gets a role: ``aggregate`` (statistics over many incidents),
``background`` (law, context), ``incident`` (says what happened: a type cue
or a victim count) or nothing.  The report is ``aggregate`` when its headline
and lede are statistics, ``other`` when nothing describes an incident,
``roundup`` when several places each have their own toll, else ``incident``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..vocab import ReportKind
from .document import Document
from .lexicon import Rules
from .places import _region_of

STAGE = "kind"
LEDE_SENTENCES = 3


@dataclass
class Segment:
    """The sentences of one incident, in reading order, with its place key."""

    sentences: list[int] = field(default_factory=list)
    key: tuple[str | None, str | None] = (None, None)


def _has(doc: Document, label: str, index: int) -> bool:
    return any(s.label == label and s.sentence == index for s in doc.spans)


def _real_count(doc: Document, index: int) -> bool:
    return any(not s.value.sub for s in doc.spans_of("count", index))


def assign_roles(doc: Document, rules: Rules) -> None:
    markers = rules.kind_markers
    for i, sent in enumerate(doc.sentences):
        text = doc.sentence_text(i)
        typed = _has(doc, "type", i)
        counted = _real_count(doc, i)
        if markers["aggregate"].search(text):
            sent.role = "aggregate"
        elif markers["background"].search(text) and not counted and not _has(doc, "date", i):
            sent.role = "background"
        elif typed or counted:
            sent.role = "incident"


def _lede(doc: Document) -> list[int]:
    titles = [i for i, s in enumerate(doc.sentences) if s.is_title]
    body = [i for i, s in enumerate(doc.sentences) if not s.is_title][:LEDE_SENTENCES]
    return titles + body


def _place_key(doc: Document, index: int) -> tuple[str | None, str | None] | None:
    for span in doc.spans_of("place", index):
        m = span.value
        region = _region_of(m)
        if m.kind == "settlement" and region:
            return region, m.settlement
        if m.kind == "region" and region:
            return region, None
    return None


def decide(doc: Document, rules: Rules) -> ReportKind:
    assign_roles(doc, rules)
    incident = [i for i, s in enumerate(doc.sentences) if s.role == "incident"]
    if not incident:
        return ReportKind.AGGREGATE if _typed_aggregate(doc) else ReportKind.OTHER
    lede = _lede(doc)
    head = " ".join(doc.sentence_text(i) for i in lede[:2])
    if rules.kind_markers["other"].search(head) and not any(
        _real_count(doc, i) and doc.sentences[i].role == "incident" for i in lede[:2]
    ):
        return ReportKind.OTHER
    typed_lede = [i for i in lede if _has(doc, "type", i) or _real_count(doc, i)]
    if typed_lede and all(doc.sentences[i].role == "aggregate" for i in typed_lede[:2]):
        return ReportKind.AGGREGATE
    if _is_roundup(doc, rules, incident, lede):
        return ReportKind.ROUNDUP
    return ReportKind.INCIDENT


def _typed_aggregate(doc: Document) -> bool:
    return any(s.role == "aggregate" and _has(doc, "type", i) for i, s in enumerate(doc.sentences))


def _is_roundup(doc: Document, rules: Rules, incident: list[int], lede: list[int]) -> bool:
    places: dict[tuple[str | None, str | None], int] = {}
    for i in incident:
        key = _place_key(doc, i)
        if key and _real_count(doc, i):
            places.setdefault(key, i)
    if len(places) < 2:
        return False
    head = " ".join(doc.sentence_text(i) for i in lede)
    return len(places) >= 3 or bool(rules.kind_markers["roundup"].search(head))


def roundup_segments(doc: Document) -> list[Segment]:
    """One segment per place with its own toll, in the order of the text."""
    segments: dict[tuple[str | None, str | None], Segment] = {}
    current: Segment | None = None
    current_line = -1
    # The roundup's opening sentence gives its total, which is never an incident.
    first_body = next((i for i, s in enumerate(doc.sentences) if not s.is_title), -1)
    for i, sent in enumerate(doc.sentences):
        if sent.role != "incident" or sent.is_title or i == first_body:
            continue
        key = _place_key(doc, i)
        if key is None:
            if current is not None and sent.line_index == current_line:
                current.sentences.append(i)
            continue
        current = segments.setdefault(key, Segment(key=key))
        current.sentences.append(i)
        current_line = sent.line_index
    return [s for s in segments.values() if any(_real_count(doc, i) for i in s.sentences)]


def incident_segment(doc: Document) -> Segment:
    """The single incident's sentences: headline and lede first, then the rest.

    Sentences that name only another region than the incident's are left out:
    they usually recall an earlier attack elsewhere.
    """
    lede = _lede(doc)
    order = [i for i in lede if doc.sentences[i].role == "incident"]
    order += [i for i, s in enumerate(doc.sentences) if s.role == "incident" and i not in order]
    main = next((k for i in order if (k := _place_key(doc, i))), None)
    kept = []
    for i in order:
        key = _place_key(doc, i)
        if main and key and key[0] != main[0]:
            continue
        kept.append(i)
    return Segment(sentences=kept, key=main or (None, None))
