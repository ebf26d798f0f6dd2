"""Incident type: what happened to whom, decided per sentence from cue groups.

Cue groups (actions, victims, targets, actors) are found once over the text;
a type rule fires in a sentence when all its groups co-occur there, so "POWs"
on a page is not an execution: "killing 6 Ukrainian POWs" is.

Two corrections keep the primary type on what happened to whom:

* a cue inside a context that negates it is dropped ("died in hospital" is
  care, not a strike on a hospital; "medics worked at the scene" are
  responders, not victims) -- see ``inside`` in rules/cues.json;
* a sentence whose strike hit homes gives ``strike_on_civilians`` the lead
  over infrastructure named in the same breath, and journalists wounded among
  other civilians make ``attack_on_journalists`` secondary, not primary.

The primary type follows the main harm, read from the headline and first
sentence.  A type named for what was hit or found (a hospital, a school, a
church, a power plant, cluster munitions, a grave) stays primary only when
the lead says so itself; it becomes secondary when the lead tells of a strike
on people and names the object only as nearby ("and a nearby hospital"),
after the toll ("300 killed in the bombing of a theatre"), or not at all (the
cluster warhead described three paragraphs down).
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from .document import Document, Span
from .lexicon import Rules, TypeRule


class PlaceScanner(Protocol):
    """What this stage needs of the gazetteer: the place mentions in a text."""

    def scan(self, text: str) -> list[Any]: ...


STAGE = "types"
log = logging.getLogger(__name__)
Hits = dict[str, list[tuple[int, int]]]
# Below strike_on_civilians (39-40): the type stays, as a secondary type.
DEMOTED_PRIORITY = 30
_HOMES = ("target.home",)
_OTHER_VICTIMS = ("victim.civilian", "victim.child")


def _inside(hit: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= hit[0] and hit[1] <= b for a, b in spans)


def find_cues(doc: Document, rules: Rules, places: PlaceScanner | None = None) -> None:
    """Record every cue-group hit per sentence (furniture, masks, negating contexts excluded).

    A cue word inside a place name the gazetteer knows is a name, not a cue:
    "Біла Церква" (White Church) is a town, "Могилів-Подільський" no grave.
    """
    doc.cues = [{} for _ in doc.sentences]
    if not doc.sentences:
        return
    lo, hi = doc.sentences[0].start, doc.sentences[-1].end
    # One pass over the words for every group (see lexicon.PhraseIndex).
    for group, start, end in rules.cue_index.scan(doc.text, lo, hi):
        index = doc.sentence_at(start, end)
        if index is None or doc.masked(start, end):
            continue
        doc.cues[index].setdefault(group, []).append((start, end))
    for cues in doc.cues:
        _struck_into_care(doc.text, cues)
        for group, contexts in rules.cue_inside.items():
            if group not in cues:
                continue
            around = [hit for c in contexts for hit in cues.get(c, [])]
            kept = [hit for hit in cues[group] if not _inside(hit, around)]
            if kept:
                cues[group] = kept
            else:
                del cues[group]
    if places is not None:
        _drop_place_names(doc, places)


def _struck_into_care(text: str, cues: Hits) -> None:
    """ "влучила в лікарню", "попала в больницу": a strike into the hospital, not care in it."""
    care, strikes = cues.get("ctx.care"), cues.get("act.strike")
    if not care or not strikes:
        return
    kept = [
        c
        for c in care
        if not any(0 < c[0] - b <= 2 and not text[b : c[0]].strip() for _a, b in strikes)
    ]
    if kept:
        cues["ctx.care"] = kept
    else:
        del cues["ctx.care"]


# Actors ("Russian") and contexts are capitalised everywhere and never name a place.
_NOT_IN_NAMES = ("actor.", "ctx.")


def _capitalised_hits(doc: Document, cues: Hits) -> bool:
    return any(
        doc.text[a].isupper()
        for group, hits in cues.items()
        if not group.startswith(_NOT_IN_NAMES)
        for a, _b in hits
    )


def _drop_place_names(doc: Document, places: PlaceScanner) -> None:
    """Drop cue hits that lie inside a place mention (only sentences with a capitalised hit)."""
    for index, cues in enumerate(doc.cues):
        if not _capitalised_hits(doc, cues):
            continue
        sent = doc.sentences[index]
        try:
            mentions = places.scan(doc.text[sent.start : sent.end])
        except Exception:  # a gazetteer failure keeps the cues; the places stage reports it
            log.warning("gazetteer scan failed on sentence %d", index, exc_info=True)
            continue
        names = [(sent.start + m.start, sent.start + m.end) for m in mentions]
        if not names:
            continue
        for group in [g for g in cues if not g.startswith(_NOT_IN_NAMES)]:
            kept = [hit for hit in cues[group] if not _in_name(hit, names, sent.start)]
            if kept:
                cues[group] = kept
            else:
                del cues[group]


def _in_name(hit: tuple[int, int], names: list[tuple[int, int]], sentence_start: int) -> bool:
    """The hit is part of a place name: inside it, and not a lone sentence-initial noun."""
    for a, b in names:
        if a <= hit[0] and hit[1] <= b:
            # "Церква зруйнована" at the head of a sentence names a church, unless the
            # place name says more than the cue word itself ("Біла Церква").
            return (b - a) > (hit[1] - hit[0]) or hit[0] > sentence_start
    return False


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _close(rule: TypeRule, hits: Hits) -> bool:
    """Every other entry has a hit within ``rule.near`` characters of a first-entry hit."""
    anchors = [h for g in rule.all[0] for h in hits.get(g, [])]
    for alt in rule.all[1:]:
        others = [h for g in alt for h in hits.get(g, [])]
        if not any(_gap(a, b) <= rule.near for a in anchors for b in others):
            return False
    return True


def fired(rules: Rules, hits: Hits) -> list[tuple[str, str, int]]:
    """(type, rule id, priority) of every type rule satisfied by one sentence's cue hits."""
    out: list[tuple[str, str, int]] = []
    if not hits:  # every rule needs a hit of each of its (non-empty) 'all' entries
        return out
    present = hits.keys()
    for rule in rules.types:
        # (A plain loop, not any() over a generator: this runs for every rule of every
        # sentence, and most rules miss their first entry.)
        for alt in rule.all:
            if present.isdisjoint(alt):
                break
        else:
            if not any(present >= set(alt) for alt in rule.none) and (
                not rule.near or _close(rule, hits)
            ):
                out.append((rule.type.value, rule.id, rule.priority))
    return out


def priority(itype: str, base: int, present: set[str]) -> int:
    """The rule's priority, lowered where the sentence says the harm fell on others too."""
    if itype == "strike_on_infrastructure" and any(g in present for g in _HOMES):
        return DEMOTED_PRIORITY
    if itype == "attack_on_journalists" and any(g in present for g in _OTHER_VICTIMS):
        return DEMOTED_PRIORITY
    return base


# Types named for the object hit or found: the cue group that names it, and
# whether a toll told before it makes it incidental.  A hospital, a school or
# an aid site stays the most specific category whatever the toll ("two killed
# in a strike on a children's hospital"); a theatre, a power plant or a grave
# named after the toll of ordinary civilians does not.
_OBJECT_TYPES = {
    "attack_on_medical": ("target.medical", False),
    "attack_on_education": ("target.education", False),
    "attack_on_humanitarian": ("target.humanitarian", False),
    "attack_on_cultural_property": ("target.cultural", True),
    "strike_on_infrastructure": ("target.infrastructure", True),
    "prohibited_weapons": ("cue.prohibited", False),
    "mass_grave": ("cue.mass_grave", True),
}
# Types of harm to people that a lead may give instead.
_HARM_TYPES = ("strike_on_civilians", "civilian_killing")
COLLATERAL_WINDOW = 25  # "a nearby hospital": the marker this close before the object
_TOLL_WORDS = ("act.kill", "act.injure")


def _lead(doc: Document, spans: list[Span]) -> set[int]:
    """The headline(s) and the first body sentence that says what happened."""
    typed = {s.sentence for s in spans}
    titles = {i for i, s in enumerate(doc.sentences) if s.is_title}
    first = next((i for i in sorted(typed) if i not in titles), None)
    return titles | ({first} if first is not None else set())


def _incidental(doc: Document, index: int, group: str, toll_first: bool) -> bool:
    """Every mention of the object is beside the point: nearby, or after the toll."""
    hits = doc.cues[index].get(group, [])
    if not hits:
        return False
    collateral = doc.cues[index].get("ctx.collateral", [])
    tolls = [
        c.end
        for c in doc.spans_of("count", index)
        if toll_first
        and c.value.field in ("killed", "injured")
        and not c.value.sub
        and c.value.value > 0
    ]
    # "есть погибшая и раненые, повреждена гражданская инфраструктура": a toll told in
    # words, without a figure, comes first as well.
    if toll_first:
        tolls += [b for g in _TOLL_WORDS for _a, b in doc.cues[index].get(g, [])]
    for start, _end in hits:
        near = any(0 <= start - b <= COLLATERAL_WINDOW for _a, b in collateral)
        if not near and not any(end <= start for end in tolls):
            return False
    return True


def _main_harm(doc: Document, spans: list[Span]) -> None:
    """Demote object types that the lead does not make the main harm (module docstring)."""
    lead = _lead(doc, spans)
    if not any(s.value in _HARM_TYPES for s in spans if s.sentence in lead):
        return
    for itype, (group, toll_first) in _OBJECT_TYPES.items():
        mine = [s for s in spans if s.value == itype]
        if not mine or any(
            s.sentence in lead and not _incidental(doc, s.sentence, group, toll_first) for s in mine
        ):
            continue
        for s in mine:
            s.extra["priority"] = min(s.extra["priority"], DEMOTED_PRIORITY)


# Who a torture sentence names as its victims when they are civilians.
_CIVILIAN_VICTIMS = ("victim.civilian", "victim.child")
POW_MISTREATMENT_PRIORITY = 95  # type.pow.mistreated


def _prisoners_told_before(doc: Document, spans: list[Span]) -> None:
    """In a report whose lead tells of prisoners of war, a later torture sentence that
    names no civilian ("They described guards beating new arrivals", "He stopped breathing
    after they beat him") is about those prisoners: pow_mistreatment, not the torture of
    civilians (the rule for that type only sees its own sentence).  A lead that names
    civilians as well ("катувань цивільних і військовополонених") leaves them apart."""
    lead = _lead(doc, spans)
    if not any(s.value.startswith("pow_") for s in spans if s.sentence in lead):
        return
    if any(g in doc.cues[i] for i in lead for g in _CIVILIAN_VICTIMS):
        return
    for s in spans:
        if s.value == "torture" and not any(g in doc.cues[s.sentence] for g in _CIVILIAN_VICTIMS):
            s.value = "pow_mistreatment"
            s.rule_id = "type.pow.mistreated.told_before"
            s.extra["priority"] = POW_MISTREATMENT_PRIORITY


def run(doc: Document, rules: Rules, places: PlaceScanner | None = None) -> None:
    """Type spans per sentence; ``places`` defaults to the process gazetteer (None if absent)."""
    find_cues(doc, rules, places if places is not None else _default_places())
    spans: list[Span] = []
    for index, sent in enumerate(doc.sentences):
        present = set(doc.cues[index])
        for itype, rule_id, base in fired(rules, doc.cues[index]):
            span = Span(sent.start, sent.end, "type", itype, STAGE, rule_id, index, 0.8)
            span.extra["priority"] = priority(itype, base, present)
            spans.append(span)
    _main_harm(doc, spans)
    _prisoners_told_before(doc, spans)
    doc.spans.extend(spans)


def _default_places() -> PlaceScanner | None:
    from .places import default_gazetteer

    return default_gazetteer()
