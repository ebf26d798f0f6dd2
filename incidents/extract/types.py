"""Incident type: what happened to whom, decided per sentence from cue groups.

Cue groups (actions, victims, targets, actors) are found once over the text;
a type rule fires in a sentence when all its groups co-occur there, so "POWs"
on a page is not an execution: "killing 6 Ukrainian POWs" is.
"""

from __future__ import annotations

from .document import Document, Span
from .lexicon import Rules

STAGE = "types"


def find_cues(doc: Document, rules: Rules) -> None:
    """Record every cue-group hit, per sentence (furniture and masks excluded)."""
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


def fired(rules: Rules, present: set[str]) -> list[tuple[str, str, int]]:
    """(type, rule id, priority) of every type rule satisfied by the groups present."""
    out = []
    for rule in rules.types:
        if all(any(g in present for g in alt) for alt in rule.all) and not any(
            all(g in present for g in alt) for alt in rule.none
        ):
            out.append((rule.type.value, rule.id, rule.priority))
    return out


def run(doc: Document, rules: Rules) -> None:
    find_cues(doc, rules)
    for index, sent in enumerate(doc.sentences):
        present = set(doc.cues[index])
        for itype, rule_id, priority in fired(rules, present):
            span = Span(sent.start, sent.end, "type", itype, STAGE, rule_id, index, 0.8)
            span.extra["priority"] = priority
            doc.spans.append(span)
