"""Assemble incident drafts from the spans of one segment, every value with its evidence."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..schemas import Evidence, IncidentDraft
from ..vocab import BODIES, COUNT_FIELDS, REGIONS, GeoPrecision, IncidentType, VictimGroup
from .bodies import condemns_the_strike
from .counts import PRONOUN_DEATH
from .document import Document, Span
from .kind import Segment, _recalled_lines, backref, figure, recall
from .lexicon import Rules
from .places import UNKNOWN_PLACE, GazetteerLike, Place, choose, destination, is_district

STAGE = "drafts"
_OUTCOME_GROUPS = (
    "act.kill",
    "act.injure",
    "act.abduct",
    "act.detain",
    "act.torture",
    "cue.deport",
    "cue.sexual",
)


def evidence(doc: Document, span: Span, *, whole_sentence: bool = True) -> Evidence:
    """The sentence that gave a value (offsets into the stored text)."""
    if whole_sentence and 0 <= span.sentence < len(doc.sentences):
        sent = doc.sentences[span.sentence]
        start, end = sent.start, sent.end
    else:
        start, end = span.start, span.end
    return Evidence(
        quote=doc.text[start:end],
        start=start,
        end=end,
        stage=span.stage,
        rule_id=span.rule_id,
        confidence=round(span.confidence, 3),
    )


def _ordered(
    doc: Document, label: str, sentences: list[int], seg: Segment | None = None
) -> list[Span]:
    """Spans of ``label`` in ``sentences``, in that order; inside ``seg``'s clauses only."""
    spans = [s for i in sentences for s in doc.spans_of(label, i)]
    return spans if seg is None else [s for s in spans if seg.covers(s)]


def _inside_date(doc: Document, span: Span) -> bool:
    """A figure that is part of a date ("on July 8") is not a count."""
    return any(
        d.start <= span.start and span.end <= d.end for d in doc.spans_of("date", span.sentence)
    )


def _pick_type(doc: Document, seg: Segment, lede: set[int]) -> tuple[Span | None, list[Span]]:
    spans = _ordered(doc, "type", seg.sentences, seg)
    if not spans:
        return None, []
    in_lede = [s for s in spans if s.sentence in lede] or spans
    primary = max(in_lede, key=lambda s: s.extra.get("priority", 0))
    others: dict[str, Span] = {}
    for s in spans:
        if s.value != primary.value and s.value not in others:
            others[s.value] = s
    # strike_on_civilians is secondary only where the text adds harm to homes or civilians.
    if (
        primary.value != "strike_on_civilians"
        and "strike_on_civilians" in others
        and not any("target.civilian" in doc.cues[i] for i in seg.sentences)
    ):
        del others["strike_on_civilians"]
    # The prisoners killed are the execution's own victims; the dead a grave holds are what
    # the grave is (taxonomy: mass_grave is a burial site "of people killed"), so their
    # killing ("люди погибли весной 2022 года, когда село было оккупировано") is no
    # further type.  Torture seen on the bodies is.
    if primary.value.startswith("pow_") or primary.value == "mass_grave":
        others.pop("civilian_killing", None)
    return primary, list(others.values())


_DIRECT_FIRE = ("act.direct_fire", "act.shoot")


def _strike_not_killing(
    doc: Document,
    seg: Segment,
    primary: Span | None,
    secondary: list[Span],
    shared: Span | None,
) -> tuple[Span | None, list[Span]]:
    """ "Росіяни вбили жінку ... Вона загинула від уламків унаслідок обстрілу", "two people
    were killed, with Russia targeting residential areas" in a roundup of strikes: a
    killing told without direct fire (shooting, execution) where the text tells of a strike
    is the strike's toll, not a wilful killing of its own (taxonomy: civilian_killing is
    killing by direct fire)."""
    if primary is None or primary.value != IncidentType.CIVILIAN_KILLING.value:
        return primary, secondary
    if any(g in doc.cues[i] for i in seg.sentences for g in _DIRECT_FIRE):
        return primary, secondary
    strike = IncidentType.STRIKE_ON_CIVILIANS.value
    strikes = [s for s in _ordered(doc, "type", seg.sentences, seg) if s.value == strike]
    own = max(strikes, key=lambda s: s.extra.get("priority", 0)) if strikes else None
    if own is None and shared is not None and shared.value == strike and _fits(doc, seg, shared):
        own = shared
    if own is None:
        return primary, secondary
    return own, [s for s in secondary if s.value not in (strike, primary.value)]


def shared_type(doc: Document, segments: list[Segment], head: list[int]) -> Span | None:
    """The type most of a roundup's entries have, else the type of its opening.

    A daily roundup lists attacks of one kind; an entry that gives only a toll
    ("In Kostiantynivka one person was killed") is one of them.
    """
    firsts: list[Span] = []
    for seg in segments:
        spans = _ordered(doc, "type", seg.sentences, seg)
        if spans:
            firsts.append(max(spans, key=lambda s: s.extra.get("priority", 0)))
    if firsts:
        values = [s.value for s in firsts]
        best = max(dict.fromkeys(values), key=values.count)
        return next(s for s in firsts if s.value == best)
    head_spans = _ordered(doc, "type", head)
    if not head_spans:
        return None
    # "Росіяни за добу вбили трьох мешканців ... внаслідок атак": an opening that tells of
    # deaths from strikes, with no direct fire, counts a strike's toll (taxonomy:
    # civilian_killing is killing by direct fire), though its headline says only "killed".
    killing = IncidentType.CIVILIAN_KILLING.value
    strike = IncidentType.STRIKE_ON_CIVILIANS.value
    if head_spans[0].value == killing and not any(
        g in doc.cues[i] for i in head if i < len(doc.cues) for g in _DIRECT_FIRE
    ):
        return next((s for s in head_spans if s.value == strike), head_spans[0])
    return head_spans[0]


def strike_in(doc: Document, sentences: list[int]) -> Span | None:
    """A strike told in one sentence whose casualties another gives.

    The strike-with-casualties rule read across sentences: an opening that
    tells of strikes ("ворог здійснив 412 ударів", "a drone hit a tram stop")
    makes its entries, or its segment, strikes on civilians when they give a
    toll of killed or injured (the caller's segments always have a toll).
    """
    for i in sentences:
        if doc.sentences[i].is_title or i >= len(doc.cues):
            continue
        hits = doc.cues[i].get("act.strike")
        if hits:
            a, b = hits[0]
            return Span(
                a,
                b,
                "type",
                IncidentType.STRIKE_ON_CIVILIANS.value,
                STAGE,
                "type.strike.across_sentences",
                i,
                0.6,
                {"priority": 0},
            )
    return None


def _fits(doc: Document, seg: Segment, shared: Span) -> bool:
    """A strike read across sentences holds only for a segment with killed or injured."""
    if shared.rule_id != "type.strike.across_sentences":
        return True
    return any(
        field in ("killed", "injured") and span.value.value > 0
        for field, span in _pick_counts(doc, seg).items()
    )


def _wider_sum(doc: Document, span: Span) -> bool:
    """A sum over more than this incident ("In total, more than 530 bodies have been found in
    areas freed since early September", "Загалом за минулу добу ... поранено дев'ятеро"):
    the region's or the period's figure, never this incident's toll."""
    return bool(span.extra.get("wider_scope")) and doc.sentences[span.sentence].role == "total"


def _pick_counts(doc: Document, seg: Segment) -> dict[str, Span]:
    chosen: dict[str, Span] = {}
    spans = [
        s
        for s in _ordered(doc, "count", seg.sentences, seg)
        if not s.value.sub and not _inside_date(doc, s) and not _wider_sum(doc, s)
    ]
    by_text = sorted(spans, key=lambda s: s.start)
    # "Nobody was hurt" beside a toll of killed or injured speaks of another attack (the
    # car hit nearby, the other village): a zero said for both fields that contradicts a
    # figure of either is not this incident's.
    zeros = [s for s in by_text if s.value.value == 0]
    nobody = {(s.start, s.end) for s in zeros if s.value.field == "killed"}
    nobody &= {(s.start, s.end) for s in zeros if s.value.field == "injured"}
    if nobody and any(
        s.value.value > 0 and s.value.field in ("killed", "injured") for s in by_text
    ):
        by_text = [s for s in by_text if (s.start, s.end) not in nobody]
    for field in COUNT_FIELDS:
        mine = [s for s in by_text if s.value.field == field]
        updates = [s for s in mine if s.value.update]
        positive = [s for s in mine if s.value.value > 0]
        if updates:
            chosen[field] = updates[-1]
        elif positive:
            # "Eight killed" in the headline, "at least eight" in the text: the same
            # figure, which the text gives as a minimum.
            chosen[field] = max(positive, key=lambda s: (s.value.value, s.value.minimum))
            added = _also_added(doc, positive)
            if added is not None and added.value.value > chosen[field].value.value:
                chosen[field] = added
        elif mine:
            chosen[field] = mine[0]
    return chosen


def _also_added(doc: Document, positive: list[Span]) -> Span | None:
    """ "A correspondent and a camera operator were wounded ... A local resident who drove
    them was also injured": a body sentence's figure plus the people a later sentence
    counts 'also' (the headline's figure is not added to: it may be the whole toll)."""
    also = [s for s in positive if s.extra.get("also")]
    if not also:
        return None
    head = min(also, key=lambda s: (s.sentence, s.start))
    # ("Поранено жінку, ще двох людей травмовано": the base may be earlier in the same
    # sentence.)
    base = [
        s
        for s in positive
        if not s.extra.get("also")
        and (s.sentence, s.start) < (head.sentence, head.start)
        and not doc.sentences[s.sentence].is_title
    ]
    if not base:
        return None
    last = also[-1]
    total = base[-1].value.value + sum(s.value.value for s in also)
    value = replace(last.value, value=total, minimum=base[-1].value.minimum)
    return Span(
        last.start,
        last.end,
        "count",
        value,
        last.stage,
        last.rule_id,
        last.sentence,
        last.confidence,
        dict(last.extra),
    )


def _pick_dates(
    doc: Document, sentences: list[int], seg: Segment
) -> tuple[Span | None, Span | None]:
    spans = _ordered(doc, "date", sentences, seg)
    incident = next((s for s in spans if not s.value.statement), None)
    statement = next((s for s in spans if s.value.statement), None)
    return incident, statement


def _victims(
    doc: Document, rules: Rules, seg: Segment, itype: str | None
) -> tuple[list[VictimGroup], Span | None]:
    found: dict[VictimGroup, int] = {}
    for i in seg.sentences:
        cues = doc.cues[i]
        figures = doc.spans_of("count", i)
        # "вивезли дев'ятьох дітей ... до Краснодарського краю": a removal the deportation
        # rule read in the sentence is what happened to its people, as "deported" is.
        removed = any(t.value == IncidentType.DEPORTATION.value for t in doc.spans_of("type", i))
        if not any(g in cues for g in _OUTCOME_GROUPS) and not figures and not removed:
            continue
        # "Люди не постраждали", "nobody was hurt": a sentence that says only that nobody
        # was harmed names no victims.
        if figures and all(c.value.value == 0 for c in figures):
            continue
        # "...попала 63-летняя жительница. От полученных травм она скончалась": a death told
        # by a pronoun is of the person the sentence before names.
        named = [doc.cues[i - 1]] if any(f.rule_id == PRONOUN_DEATH for f in figures) else []
        for _id, group, cue_groups in rules.victim_groups:
            hits = [h for c in (cues, *named) for g in cue_groups for h in c.get(g, ())]
            if group == VictimGroup.CHILDREN:
                adults = [h for h in hits if _adult(doc, h, rules.victim_limits.adult_from)]
                hits = [h for h in hits if h not in adults]
                if adults:  # "20-річна дівчина": a young woman, a civilian
                    found.setdefault(VictimGroup.CIVILIANS, i)
            elif group == VictimGroup.CIVILIANS and itype == IncidentType.MASS_GRAVE.value:
                hits = _not_only_soldiers(doc, rules, i, hits)
            if hits:
                found.setdefault(group, i)
    if itype and itype.startswith("pow_"):
        found.pop(VictimGroup.CIVILIANS, None)
    order = [g for g in VictimGroup if g in found]
    first = min(found.values()) if found else None
    span = None
    if first is not None:
        sent = doc.sentences[first]
        span = Span(sent.start, sent.end, "victims", None, "victims", "victims.groups", first, 0.7)
    return order, span


# "20-річна дівчина", "a 19-year-old girl" (the age before the noun); "дівчина, 20,",
# "girl (19)", "девушка 20 лет" (after it).
_AGE_BEFORE = re.compile(
    r"(\d{1,3})\s*-?\s*(?:річн|літн|летн|year-old|year\s+old)[\w'’-]*\s+(?:[\w'’-]+\s+)?$",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(
    r"(?:\s*[,(]\s*|\s+(?:віком|aged|в\s+возрасте)\s+)(\d{1,3})"
    r"(?:\s*[,)]|\s+(?:років|роки|рік|лет|года|год|years?)\b)",
    re.IGNORECASE,
)


def _adult(doc: Document, hit: tuple[int, int], adult_from: int) -> bool:
    """A child cue with an adult's age beside it names an adult ("20-річна дівчина")."""
    a, b = hit
    m = _AGE_BEFORE.search(doc.text[max(0, a - 30) : a]) or _AGE_AFTER.match(doc.text, b, b + 25)
    return m is not None and int(m.group(1)) >= adult_from


def _not_only_soldiers(
    doc: Document, rules: Rules, index: int, hits: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """A mass grave's sentence naming soldiers whose civilian cues are only generic words
    for people ("тіла 12 людей, усі — українські військові") names no civilians."""
    sent = doc.sentences[index]
    limits = rules.victim_limits
    # "Російські військові закопали тіла людей": soldiers who did it are not the dead.
    actors = doc.cues[index].get("actor.perpetrator", ())
    soldiers = [
        m
        for m in limits.soldiers.finditer(doc.text, sent.start, sent.end)
        if not any(a <= m.start() < b for a, b in actors)
    ]
    if not soldiers:
        return hits
    return [h for h in hits if not limits.generic_persons.fullmatch(doc.text, h[0], h[1])]


_LOCAL_UA_BODIES = ("ua-military-admin", "ua-police", "ua-state-emergency")


def _other_figure(doc: Document, index: int) -> bool:
    """A sentence outside the incident with a figure of its own (a date or an article is none)."""
    return bool(doc.spans_of("count", index)) or figure(doc, index, measures=True)


def _outside_statements(doc: Document, context: list[int]) -> list[Span]:
    """Bodies of sentences left out of a report's context that still speak of its incident:
    a body that first condemns this strike in a sentence that goes on to its own tally ("The
    WHO condemned the strike and said ..., which has recorded more than 2,100 such attacks
    since 2022"); a body sent the case's materials in a sentence of legal comment ('"The
    killing of prisoners of war is a gross violation of the Geneva Conventions," the office
    said, adding that it had forwarded the materials to the ICRC and the UN').  A recollection
    of an earlier incident ("Нагадаємо, ...") gives none."""
    taken = set(context)
    out: list[Span] = []
    recalled: set[int] | None = None
    for i, sent in enumerate(doc.sentences):
        if i in taken or sent.role not in ("aggregate", "background"):
            continue
        found = doc.spans_of("body", i)
        if sent.role == "aggregate":
            out.extend(b for b in found if condemns_the_strike(doc, b))
            continue
        notified = [b for b in found if b.value.role == "notified"]
        if not notified:
            continue
        text = doc.sentence_text(i)
        if recalled is None:
            recalled = _recalled_lines(doc)
        if not (recall(text) or backref(text) or sent.line_index in recalled):
            out.extend(notified)
    return out


def _names_settlement(doc: Document, index: int, settlement: str | None) -> bool:
    """The sentence names the incident's settlement: it is about this incident."""
    return settlement is not None and any(
        p.value.settlement == settlement for p in doc.spans_of("place", index)
    )


# "ніч минула відносно спокійно, інформація про загиблих і поранених не надходила",
# "no casualties were reported": a statement that nobody was harmed.
_NO_HARM = re.compile(
    r"(?i)\b(?:минула|пройшла|прошла)\s+(?:відносно\s+|относительно\s+)?(?:спокійно|спокойно)"
    r"|\b(?:інформаці\w+|відомост\w+|даних)\s+про\s+(?:загиблих\s+(?:і|та|й)\s+поранених"
    r"|постраждалих)\s+(?:не\s+надходил\w*|не\s+надійшл\w*|немає)"
    r"|\bno\s+casualties\s+(?:were|have\s+been)\s+reported"
)


def _says_nobody_harmed(doc: Document, index: int) -> bool:
    """The sentence says nobody was harmed and gives no toll of its own."""
    counts = doc.spans_of("count", index)
    if any(c.value.value > 0 for c in counts):
        return False
    s = doc.sentences[index]
    return bool(_NO_HARM.search(doc.text[s.start : s.end]))


def _body_spans(
    doc: Document,
    seg: Segment,
    sentences: list[int],
    place: tuple[str | None, str | None],
    trusted: set[int],
    harmed: bool = False,
    outside: list[Span] | None = None,
) -> list[Span]:
    """Bodies of the incident's own sentences, plus statements that carry no figures
    or name the incident's settlement, plus ``outside`` ones (see _outside_statements).

    A body quoted only on another figure ("the Air Force downed 62 of 94
    drones") is not a reporting body of the incident.
    """
    own = set(seg.sentences) | trusted
    region, settlement = place
    out = []
    spans = [
        s
        for i in sentences
        for s in doc.spans_of("body", i)
        if seg.covers(s) or _attribution(doc, s)
    ] + (outside or [])
    for s in spans:
        if (
            s.sentence not in own
            and not _names_settlement(doc, s.sentence, settlement)
            and not condemns_the_strike(doc, s)
            and _other_figure(doc, s.sentence)
        ):
            continue
        # A body saying nobody was harmed speaks of another night or place than a toll's.
        if harmed and _says_nobody_harmed(doc, s.sentence):
            continue
        # Russian officials have no registry id; Ukrainian local bodies do not report there.
        if region and region.startswith("RU-") and s.value.body_id in _LOCAL_UA_BODIES:
            continue
        out.append(s)
    return out


def _attribution(doc: Document, body: Span) -> bool:
    """ "One person was killed in Druzhkivka and two were injured in Sloviansk, Governor
    Filashkin reported": a sentence's bodies all named after its last figure report what
    every clause of it tells."""
    counts = doc.spans_of("count", body.sentence)
    last = max((c.end for c in counts), default=None)
    return last is not None and all(b.start >= last for b in doc.spans_of("body", body.sentence))


def _bodies(spans: list[Span]) -> tuple[list[str], list[str], list[str], dict[str, Span]]:
    roles: dict[str, set[str]] = {}
    first: dict[str, Span] = {}
    for s in spans:
        roles.setdefault(s.value.body_id, set()).add(s.value.role)
        first.setdefault(f"{s.value.body_id}:{s.value.role}", s)
    ranked = sorted(roles, key=lambda b: BODIES[b].rank)
    reporting = [b for b in ranked if roles[b] & {"reported", "investigates"}]
    investigating = [b for b in ranked if "investigates" in roles[b]]
    notified = [b for b in ranked if "notified" in roles[b] and b not in reporting]
    ev: dict[str, Span] = {}
    for b in reporting:
        ev.setdefault("reporting_bodies", first.get(f"{b}:reported") or first[f"{b}:investigates"])
    for b in notified:
        ev.setdefault("notified_bodies", first[f"{b}:notified"])
    return reporting, investigating, notified, ev


def _perpetrator(doc: Document, seg: Segment) -> tuple[str | None, int | None]:
    for i in seg.sentences:
        hits = doc.cues[i].get("actor.perpetrator")
        if hits:
            a, b = hits[0]
            return " ".join(doc.text[a:b].split()), i
    return None, None


def _region_spans(doc: Document, sentences: list[int]) -> list[Span]:
    return [
        p
        for i in sentences
        for p in doc.spans_of("place", i)
        if p.value.kind == "region"
        and not is_district(doc, p)
        and getattr(p.value, "region_code", None)
    ]


def _first_region_span(doc: Document, sentences: list[int]) -> Span | None:
    spans = _region_spans(doc, sentences)
    return spans[0] if spans else None


def _sole_region_span(doc: Document) -> Span | None:
    """The region of a regional report: named in its opening (headline or lede) and the
    only region it names at all.  An entry's bare place name is then read inside it,
    never as a namesake elsewhere (a national roundup's opening names no region)."""
    spans = _region_spans(doc, list(range(len(doc.sentences))))
    if not spans or len({_span_region(p) for p in spans}) != 1:
        return None
    return spans[0] if spans[0].sentence < _OPENING_SENTENCES else None


_OPENING_SENTENCES = 2  # the headline and the first sentence of the lede


def _span_region(span: Span | None) -> str | None:
    code = getattr(span.value, "region_code", None) if span is not None else None
    return str(code) if code else None


def _inside(doc: Document, place: Place, region: Span, gazetteer: GazetteerLike | None) -> Place:
    """The entry's place read inside the region the report names: its namesake there
    when the gazetteer has one (Antonivka in Kherson Oblast), else the region alone."""
    mention = place.settlement_span.value if place.settlement_span is not None else None
    if gazetteer is not None and mention is not None:
        found = gazetteer.resolve_mention(mention, context=doc.text[region.start : region.end])
        if found.region_code == _span_region(region) and found.settlement:
            return Place(
                found.region_code,
                found.settlement,
                found.lat,
                found.lon,
                found.precision,
                region,
                place.settlement_span,
            )
    return _region_only(region)


def _region_only(span: Span) -> Place:
    """A region-precision place on the region's centre, from the span that names it."""
    code = _span_region(span)
    centre = REGIONS.get(code) if code else None
    return Place(
        code,
        None,
        centre.lat if centre else None,
        centre.lon if centre else None,
        GeoPrecision.REGION,
        span,
        None,
    )


def _region_named(place: Place) -> bool:
    span = place.region_span
    return span is not None and getattr(span.value, "kind", None) == "region"


def _place_filter(doc: Document, seg: Segment, itype: str) -> Callable[[Span], bool]:
    """Place spans that may locate the incident: the segment's own, and for a
    deportation not where people were taken to (it is located where they were taken from)."""
    if itype != IncidentType.DEPORTATION.value:
        return seg.covers
    return lambda s: seg.covers(s) and not destination(doc, s)


def build(
    doc: Document,
    rules: Rules,
    seg: Segment,
    *,
    context: list[int],
    lede: set[int],
    gazetteer: GazetteerLike | None,
    trusted: set[int] | None = None,
    own_place_first: bool = False,
    shared_type: Span | None = None,
) -> IncidentDraft | None:
    """One draft from one segment; None when the segment says no incident type.

    ``context`` sentences may give the place, bodies and dates when the
    segment's own sentences do not; ``trusted`` ones (a roundup's opening)
    give bodies even though they carry figures.  With ``own_place_first`` (a
    roundup entry) a place the segment itself locates is not overruled by a
    region the context names.  ``shared_type`` is the type of a roundup's other
    entries (or its opening), for an entry that tells its toll but not what hit it.
    """
    trusted = trusted or set()
    primary, secondary = _pick_type(doc, seg, lede)
    if primary is None and shared_type is not None and _fits(doc, seg, shared_type):
        primary, secondary = shared_type, []
    primary, secondary = _strike_not_killing(doc, seg, primary, secondary, shared_type)
    if primary is None:
        return None
    ev: dict[str, Evidence] = {"type": evidence(doc, primary)}
    if secondary:
        ev["secondary_types"] = evidence(doc, secondary[0])
    draft: dict[str, object] = {
        "type": IncidentType(primary.value),
        "secondary_types": [IncidentType(s.value) for s in secondary],
    }
    place_filter = _place_filter(doc, seg, primary.value)
    place = UNKNOWN_PLACE
    if own_place_first:
        # A roundup entry's own place outranks the region its opening names, unless
        # the entry names no region and its place lies outside the opening's region.
        place = choose(doc, seg.sentences, gazetteer, place_filter)
        outer_span = _first_region_span(
            doc, [i for i in context if i not in seg.sentences]
        ) or _sole_region_span(doc)
        outer = _span_region(outer_span)
        if place.region_code is None:
            place = UNKNOWN_PLACE  # ambiguous here: resolved below with the context
        elif outer not in (None, place.region_code) and not _region_named(place):
            # The entry's place is a namesake elsewhere (or unknown here): keep only
            # what is certain, the opening's region, never a settlement in another one.
            place = _inside(doc, place, outer_span, gazetteer) if outer_span else UNKNOWN_PLACE
    if place.region_code is None:
        place_sentences = seg.sentences + [i for i in context if i not in seg.sentences]
        place = choose(doc, place_sentences, gazetteer, place_filter)
    draft.update(
        region_code=place.region_code,
        settlement=place.settlement,
        lat=place.lat,
        lon=place.lon,
        geo_precision=place.precision,
    )
    if place.region_span is not None and place.region_code:
        ev["region_code"] = evidence(doc, place.region_span)
    if place.settlement_span is not None and place.settlement:
        ev["settlement"] = evidence(doc, place.settlement_span)
    _add_dates(doc, draft, ev, seg.sentences + sorted(lede - set(seg.sentences)), seg)
    if not own_place_first and "date" not in draft:
        rest = [i for i in context if i not in seg.sentences]
        _occurred_date(doc, draft, ev, rest) or _attack_date(doc, draft, ev, rest)
    minimum = []
    for field, span in _pick_counts(doc, seg).items():
        draft[field] = span.value.value
        ev[field] = evidence(doc, span)
        if span.value.minimum:
            minimum.append(field)
    draft["minimum_counts"] = minimum
    groups, vspan = _victims(doc, rules, seg, primary.value)
    draft["victim_groups"] = groups
    if vspan is not None and groups:
        ev["victim_groups"] = evidence(doc, vspan)
    reporting, investigating, notified, bev = _bodies(
        _body_spans(
            doc,
            seg,
            context,
            (place.region_code, place.settlement),
            trusted,
            harmed=bool(draft.get("killed") or draft.get("injured")),
            outside=None if own_place_first else _outside_statements(doc, context),
        )
    )
    draft.update(
        reporting_bodies=reporting, investigating_bodies=investigating, notified_bodies=notified
    )
    ev.update({k: evidence(doc, v) for k, v in bev.items()})
    perpetrator, pi = _perpetrator(doc, seg)
    if perpetrator and pi is not None:
        draft["perpetrator"] = perpetrator
        s = doc.sentences[pi]
        ev["perpetrator"] = evidence(
            doc, Span(s.start, s.end, "perp", None, "drafts", "actor.perpetrator", pi, 0.7)
        )
    draft["evidence"] = ev
    result = IncidentDraft.model_validate(draft)
    result.confidence = confidence(result)
    return result


def _add_dates(
    doc: Document,
    draft: dict[str, object],
    ev: dict[str, Evidence],
    sentences: list[int],
    seg: Segment,
) -> None:
    incident, statement = _pick_dates(doc, sentences, seg)
    if incident is not None:
        draft.update(
            date=incident.value.date,
            date_end=incident.value.date_end,
            date_precision=incident.value.precision,
        )
        ev["date"] = evidence(doc, incident)
    elif statement is not None:
        # Only the day of a statement is known: the incident day stays empty.
        draft["date_reported"] = statement.value.date
        ev["date_reported"] = evidence(doc, statement)


def _attack_date(
    doc: Document, draft: dict[str, object], ev: dict[str, Evidence], sentences: list[int]
) -> bool:
    """ "On Monday, September 2, Nikopol came under Russian attack.", "Вночі ворог знову
    атакував Одещину ударними безпілотниками.": a sentence that tells of the attack on the
    incident's own place, with no toll of its own, dates the incident."""
    place = draft.get("settlement") or draft.get("region_code")
    if not place:
        return False
    for i in sentences:
        if "act.strike" not in doc.cues[i]:
            continue
        named = {
            getattr(p.value, "settlement", None) or getattr(p.value, "region_code", None)
            for p in doc.spans_of("place", i)
        }
        named |= {getattr(p.value, "region_code", None) for p in doc.spans_of("place", i)}
        if place not in named:
            continue
        for span in doc.spans_of("date", i):
            if not span.value.statement:
                draft.update(
                    date=span.value.date,
                    date_end=span.value.date_end,
                    date_precision=span.value.precision,
                )
                draft.pop("date_reported", None)
                ev.pop("date_reported", None)
                ev["date"] = evidence(doc, span)
                return True
    return False


def _occurred_date(
    doc: Document, draft: dict[str, object], ev: dict[str, Evidence], sentences: list[int]
) -> bool:
    """ "The shootings are said to have occurred on Oct. 10", "Prosecutors say that on 14
    October 2025 a group of servicemen entered the village": a sentence of the report that
    says when it happened, or a day told inside what was reported, dates the incident,
    though it gives no toll or type of its own."""
    for i in sentences:
        for span in doc.spans_of("date", i):
            value = span.value
            told = span.extra.get("occurred") or span.extra.get("told")
            if told and not value.statement and not value.relative:
                draft.update(
                    date=value.date, date_end=value.date_end, date_precision=value.precision
                )
                draft.pop("date_reported", None)
                ev.pop("date_reported", None)
                ev["date"] = evidence(doc, span)
                return True
    return False


def confidence(d: IncidentDraft) -> float:
    """How complete and well-supported the draft is (0..1), from its evidence."""
    score = 0.35
    score += 0.15 if d.type else 0
    score += {
        GeoPrecision.SETTLEMENT: 0.2,
        GeoPrecision.NEAR_SETTLEMENT: 0.17,
        GeoPrecision.REGION: 0.12,
    }.get(d.geo_precision, 0.0)
    score += 0.1 if d.date or d.date_reported else 0
    score += 0.1 if any(getattr(d, f) is not None for f in COUNT_FIELDS) else 0
    score += 0.05 if d.reporting_bodies else 0
    evid = [e.confidence for e in d.evidence.values()]
    factor = sum(evid) / len(evid) if evid else 0.5
    return round(min(0.95, score * (0.6 + 0.4 * factor)), 3)
