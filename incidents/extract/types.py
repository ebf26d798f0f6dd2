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
"""

from __future__ import annotations

from .document import Document, Span
from .lexicon import Rules, TypeRule

STAGE = "types"
# Below strike_on_civilians (39-40): the type stays, as a secondary type.
DEMOTED_PRIORITY = 30
_HOMES = ("target.home",)
_OTHER_VICTIMS = ("victim.civilian", "victim.child")


def _inside(hit: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= hit[0] and hit[1] <= b for a, b in spans)


def find_cues(doc: Document, rules: Rules) -> None:
    """Record every cue-group hit per sentence (furniture, masks, negating contexts excluded)."""
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
        for group, contexts in rules.cue_inside.items():
            if group not in cues:
                continue
            around = [hit for c in contexts for hit in cues.get(c, [])]
            kept = [hit for hit in cues[group] if not _inside(hit, around)]
            if kept:
                cues[group] = kept
            else:
                del cues[group]


Hits = dict[str, list[tuple[int, int]]]


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
    out = []
    for rule in rules.types:
        if (
            all(any(g in hits for g in alt) for alt in rule.all)
            and not any(all(g in hits for g in alt) for alt in rule.none)
            and (not rule.near or _close(rule, hits))
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


def run(doc: Document, rules: Rules) -> None:
    find_cues(doc, rules)
    for index, sent in enumerate(doc.sentences):
        present = set(doc.cues[index])
        for itype, rule_id, base in fired(rules, doc.cues[index]):
            span = Span(sent.start, sent.end, "type", itype, STAGE, rule_id, index, 0.8)
            span.extra["priority"] = priority(itype, base, present)
            doc.spans.append(span)
