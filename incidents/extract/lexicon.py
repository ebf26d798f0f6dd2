"""Lexicons as data: load ``rules/*.json``, validate them, compile them once.

Adding a phrase is a data change, not a code change.  Every file is checked on
load (ids unique, types and body ids known, patterns compile, no duplicate
phrases) and a broken file raises :class:`RulesError` naming the file and entry.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ExtractionError
from ..vocab import BODIES, IncidentType, VictimGroup
from .guard import guarded

RULES_DIR = Path(__file__).with_name("rules")
WORD_TAIL = r"[\w'’-]*"
# Ukrainian texts write the apostrophe as ', ’ or ʼ (U+02BC, the "modifier letter" one
# many sites use): a phrase written with one matches them all.
APOSTROPHE_CHARS = "'’ʼ"
APOSTROPHES = re.compile(f"[{APOSTROPHE_CHARS}]")


class RulesError(ExtractionError):
    """A rules file is malformed; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class TypeRule:
    id: str
    type: IncidentType
    priority: int
    all: tuple[tuple[str, ...], ...]
    none: tuple[tuple[str, ...], ...]
    # When > 0: a hit of the first 'all' entry lies within this many characters
    # of a hit of every other entry.
    near: int = 0


@dataclass(frozen=True, slots=True)
class LineRule:
    id: str
    role: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class CountRules:
    persons: re.Pattern[str]
    singular_persons: re.Pattern[str]
    singular_cyrillic: re.Pattern[str]
    determiners: re.Pattern[str]
    outcomes: dict[str, re.Pattern[str]]
    any_outcome: re.Pattern[str]
    sub_markers: re.Pattern[str]
    no_casualties: dict[str, re.Pattern[str]]
    # Every phrase of the three no_casualties lists: where it finds nothing, none of them does.
    any_no_casualties: re.Pattern[str]
    toll_heads: re.Pattern[str]
    toll_verbs: re.Pattern[str]
    # "was wounded ... and later died", "отримав поранення, від яких помер": the injured
    # person named before it died, a death and not an injury.
    died_of_wounds: re.Pattern[str]
    # "death threats", "a mock execution": an outcome word that tells of no such outcome;
    # "оператор БпЛА", "мобільний оператор": a person noun that names no one harmed
    # (numbers.json not_outcomes and not_persons, blanked before counting).
    not_outcomes: re.Pattern[str]
    # "за минулу добу", "since early September", "in areas of": a sum over more than one
    # incident (a day over the region, a period, many places).
    wider_scope: re.Pattern[str]
    # "an elderly couple", "подружжя", "супружеская пара": two people.
    couples: re.Pattern[str]


_WORD = re.compile(r"\w+")
_KEY_LEN = 3


def _phrase_key(phrase: str) -> str:
    """The lower-cased literal head of a phrase's first word (at most three characters)."""
    first = phrase.lstrip("=").split()[0]
    literal = first.split("*", 1)[0]
    if not literal:
        raise ValueError(f"phrase {phrase!r} starts with a wildcard")
    return literal[:_KEY_LEN].lower()


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """Every lexicon group in one pass: a dict lookup on each word's first characters.

    Only the few phrase patterns whose literal head matches the word are tried,
    instead of every group's alternation at every word start (the old cost).
    Within a group matches do not overlap; where two phrases of one group
    start at the same word, the longer match wins.
    """

    by_key: dict[str, tuple[tuple[str, re.Pattern[str]], ...]]
    # A word head (its first characters, lower-cased) -> the patterns of every key that
    # is a prefix of it, shortest key first: filled as heads are met.
    by_head: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, groups: dict[str, list[str]], where: str) -> PhraseIndex:
        buckets: dict[str, dict[str, list[str]]] = {}
        for gid, phrases in groups.items():
            compile_phrases(phrases, f"{where}: {gid}")  # validation, with a clear message
            for phrase in phrases:
                try:
                    key = _phrase_key(phrase)
                except ValueError as exc:
                    raise RulesError(f"{where}: {gid}: {exc}") from exc
                buckets.setdefault(key, {}).setdefault(gid, []).append(phrase)
        by_key = {
            key: tuple(
                (gid, re.compile(_alternation(phrases), re.IGNORECASE))
                for gid, phrases in per_group.items()
            )
            for key, per_group in buckets.items()
        }
        return cls(by_key)

    def scan(self, text: str, lo: int = 0, hi: int | None = None) -> list[tuple[str, int, int]]:
        """(group id, start, end) of every hit in ``text[lo:hi]``, in text order per group."""
        hi = len(text) if hi is None else hi
        out: list[tuple[str, int, int]] = []
        busy: dict[str, int] = {}  # group -> end of its last hit
        by_head = self.by_head
        for p, head in _word_heads(text, lo, hi):
            tried = by_head.get(head)
            if tried is None:
                tried = self._for_head(head)
            if not tried:
                continue
            best: dict[str, int] = {}
            for gid, pattern in tried:
                if p < busy.get(gid, -1):
                    continue
                m = pattern.match(text, p, hi)
                if m and m.end() > best.get(gid, -1):
                    best[gid] = m.end()
            for gid, end in best.items():
                busy[gid] = end
                out.append((gid, p, end))
        return out

    def _for_head(self, head: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        get = self.by_key.get
        tried = tuple(x for n in range(1, len(head) + 1) for x in get(head[:n], ()))
        if len(self.by_head) < HEAD_CACHE:
            self.by_head[head] = tried
        return tried


HEAD_CACHE = 100_000  # distinct word heads remembered (three characters each)

# The word heads of the last text scanned: the cue and the body index scan the same text.
_last_heads: tuple[str, int, int, list[tuple[int, str]]] | None = None


def _word_heads(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """(start, head) of every word of ``text[lo:hi]``: its first characters lower-cased."""
    global _last_heads  # noqa: PLW0603 - one entry, replaced whole
    last = _last_heads
    if last is not None and last[0] is text and last[1] == lo and last[2] == hi:
        return last[3]
    # Lower-case once (offsets hold unless a character changes length when lowered).
    low = text[lo:hi].lower()
    starts = [word.start() for word in _WORD.finditer(text, lo, hi)]
    if len(low) == hi - lo:
        heads = [(p, low[p - lo : p - lo + _KEY_LEN]) for p in starts]
    else:
        heads = [(p, text[p : p + _KEY_LEN].lower()) for p in starts]
    _last_heads = (text, lo, hi, heads)
    return heads


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(phrase_pattern(p) for p in ordered)


@dataclass(frozen=True, slots=True)
class VictimLimits:
    """When a victim cue does not name its group (victims.json)."""

    adult_from: int  # a child cue with this age or more beside it names an adult
    soldiers: re.Pattern[str]
    generic_persons: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Rules:
    cues: dict[str, re.Pattern[str]]
    cue_index: PhraseIndex
    # A hit of the key group inside a hit of one of these groups is dropped.
    cue_inside: dict[str, tuple[str, ...]]
    body_index: PhraseIndex
    types: tuple[TypeRule, ...]
    bodies: dict[str, re.Pattern[str]]
    roles: dict[str, re.Pattern[str]]
    # Bodies quoted on nationwide or unrelated figures, and the phrases that say so.
    unrelated_bodies: frozenset[str]
    unrelated_figures: re.Pattern[str]
    # Bodies named as context (the president at a summit): reporting only beside harm.
    context_bodies: frozenset[str]
    # Bodies with forces of their own ("the General Staff said its drones struck ..."):
    # their claim of their own attack is the attacker's, not a report of harm.
    combatant_bodies: frozenset[str]
    # Rights groups that "the rights group" just after their name stands for.
    anaphora_bodies: frozenset[str]
    # A service named as an institution doing its own work on the site reports it.
    own_work_bodies: frozenset[str]
    own_work_generic: re.Pattern[str]
    own_work: re.Pattern[str]
    # Report cues that tell work at the site ("pulled", "дістали"): never a generic crew's report.
    own_work_site: re.Pattern[str]
    # "добавил он", "he said": a pronoun that speaks for the body named just before.
    pronoun_speakers: re.Pattern[str]
    victim_groups: tuple[tuple[str, VictimGroup, tuple[str, ...]], ...]
    victim_limits: VictimLimits
    outcome_cues: tuple[str, ...]
    numbers: dict[str, int]
    number_multipliers: frozenset[str]
    ordinals: frozenset[str]
    minimum_qualifiers: re.Pattern[str]
    approximate_qualifiers: re.Pattern[str]
    counts: CountRules
    kind_markers: dict[str, re.Pattern[str]]
    line_rules: tuple[LineRule, ...]
    trailer_rules: tuple[LineRule, ...]
    mask_rules: tuple[LineRule, ...]


def phrase_pattern(phrase: str) -> str:
    """One lexicon phrase as a regular expression (see rules/cues.json 'about')."""
    case_sensitive = phrase.startswith("=")
    words = phrase.lstrip("=").split()
    if not words:
        raise ValueError("empty phrase")
    parts = []
    for word in words:
        if word == "*":
            parts.append(r"[\w'’-]+")
        elif word.endswith("*"):
            parts.append(_any_apostrophe(re.escape(word[:-1])) + WORD_TAIL)
        else:
            parts.append(_any_apostrophe(re.escape(word)))
    body = r"\s+".join(parts)
    if not words[-1].endswith("*"):
        body += r"(?![\w])"
    return f"(?-i:{body})" if case_sensitive else body


def _any_apostrophe(escaped: str) -> str:
    return APOSTROPHES.sub(f"[{APOSTROPHE_CHARS}]", escaped)


def compile_phrases(phrases: list[str], where: str) -> re.Pattern[str]:
    if not phrases:
        raise RulesError(f"{where}: no phrases")
    seen: set[str] = set()
    for phrase in phrases:
        if not isinstance(phrase, str) or not phrase.strip("=* "):
            raise RulesError(f"{where}: phrase {phrase!r} is not a non-empty string")
        if phrase in seen:
            raise RulesError(f"{where}: duplicate phrase {phrase!r}")
        seen.add(phrase)
    # Longest first, so an alternation prefers "Red Cross worker" over "Red Cross".
    ordered = sorted(seen, key=lambda p: (-len(p), p))
    try:
        # One word-start check up front: the alternation is tried only at word starts.
        alternation = _by_first_letter(ordered)
        return guarded(rf"(?<![\w])(?=[\w(])(?:{alternation})", re.IGNORECASE)
    except re.error as exc:
        raise RulesError(f"{where}: a phrase does not compile: {exc}") from exc


def _by_first_letter(ordered: list[str]) -> str:
    """The alternation of ``ordered`` phrases, factored by their first letter.

    "(?:ж(?:інка|інку)|ч(?:оловік))" tries only the branch of the letter at hand
    instead of every phrase at every word start; the match is the same, because
    phrases with different first letters never match at the same place and each
    branch keeps the longest-first order.  Case-sensitive phrases, and every
    phrase sharing a first letter with one, stay unfactored, in order.
    """
    plain = [p for p in ordered if not p.startswith("=") and p[0].isalpha()]
    kept = [p for p in ordered if p not in set(plain)]
    kept_letters = {p.lstrip("=")[0].lower() for p in kept}
    groups: dict[str, list[str]] = {}
    for phrase in plain:
        letter = phrase[0].lower()
        if letter in kept_letters:
            kept.append(phrase)
        else:
            groups.setdefault(letter, []).append(phrase)
    kept.sort(key=lambda p: (-len(p), p))
    branches = [phrase_pattern(p) for p in kept]
    for letter, phrases in groups.items():
        rests = "|".join(phrase_pattern(p)[1:] for p in phrases)
        branches.append(f"{re.escape(letter)}(?:{rests})")
    return "|".join(branches)


def _load(name: str) -> dict[str, Any]:
    path = RULES_DIR / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RulesError(f"{path}: cannot be read as JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise RulesError(f"{path}: the top level must be an object")
    return data


def _unique_ids(items: list[dict[str, Any]], where: str) -> None:
    ids = [str(item.get("id", "")) for item in items]
    missing = [i for i, v in enumerate(ids) if not v]
    if missing:
        raise RulesError(f"{where}: entry #{missing[0]} has no id")
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise RulesError(f"{where}: duplicate id(s) {', '.join(sorted(dup))}")


def _cue_phrases() -> dict[str, list[str]]:
    groups = _load("cues.json").get("groups", [])
    _unique_ids(groups, "cues.json")
    return {g["id"]: list(g.get("phrases", [])) for g in groups}


def _load_cue_inside(known: set[str]) -> dict[str, tuple[str, ...]]:
    inside = {k: v for k, v in _load("cues.json").get("inside", {}).items() if k != "about"}
    out: dict[str, tuple[str, ...]] = {}
    for key, groups in inside.items():
        unknown = [g for g in [key, *groups] if g not in known]
        if unknown or not isinstance(groups, list) or not groups:
            raise RulesError(f"cues.json: inside.{key}: unknown or empty cue group(s) {unknown}")
        out[key] = tuple(groups)
    return out


def _load_cues() -> dict[str, re.Pattern[str]]:
    return {
        gid: compile_phrases(phrases, f"cues.json: {gid}")
        for gid, phrases in _cue_phrases().items()
    }


def _load_types(cues: dict[str, re.Pattern[str]]) -> tuple[TypeRule, ...]:
    rules = _load("types.json").get("rules", [])
    _unique_ids(rules, "types.json")
    out = []
    for r in rules:
        where = f"types.json: {r['id']}"
        try:
            itype = IncidentType(r["type"])
        except (KeyError, ValueError) as exc:
            raise RulesError(f"{where}: unknown incident type {r.get('type')!r}") from exc
        all_of = tuple(tuple(alt) for alt in r.get("all", []))
        none_of = tuple(tuple(alt) for alt in r.get("none", []))
        if not all_of:
            raise RulesError(f"{where}: 'all' is empty")
        for alt in all_of + none_of:
            unknown = [g for g in alt if g not in cues]
            if unknown or not alt:
                raise RulesError(f"{where}: unknown cue group(s) {unknown or alt}")
        near = r.get("near", 0)
        if not isinstance(near, int) or near < 0:
            raise RulesError(f"{where}: 'near' must be a whole number of characters")
        out.append(TypeRule(r["id"], itype, int(r.get("priority", 0)), all_of, none_of, near))
    return tuple(sorted(out, key=lambda t: -t.priority))


def _load_bodies() -> tuple[dict[str, re.Pattern[str]], dict[str, re.Pattern[str]]]:
    data = _load("bodies.json")
    bodies = data.get("bodies", [])
    _unique_ids(bodies, "bodies.json")
    unknown = [b["id"] for b in bodies if b["id"] not in BODIES]
    if unknown:
        raise RulesError(f"bodies.json: unknown body id(s) {', '.join(unknown)}")
    compiled = {
        b["id"]: compile_phrases(b.get("phrases", []), f"bodies.json: {b['id']}") for b in bodies
    }
    roles = data.get("roles", {})
    needed = {"notified", "reported", "investigates"}
    if set(roles) != needed:
        raise RulesError(f"bodies.json: roles must be exactly {sorted(needed)}")
    role_patterns = {k: compile_phrases(v, f"bodies.json: roles.{k}") for k, v in roles.items()}
    return compiled, role_patterns


def _load_unrelated() -> tuple[frozenset[str], re.Pattern[str]]:
    data = _load("bodies.json").get("unrelated_figures", {})
    ids = frozenset(data.get("bodies", []))
    unknown = sorted(i for i in ids if i not in BODIES)
    if unknown:
        raise RulesError(f"bodies.json: unrelated_figures: unknown body id(s) {unknown}")
    phrases = compile_phrases(data.get("phrases", []), "bodies.json: unrelated_figures")
    return ids, phrases


def _load_body_ids(key: str) -> frozenset[str]:
    ids = frozenset(_load("bodies.json").get(key, {}).get("bodies", []))
    unknown = sorted(i for i in ids if i not in BODIES)
    if unknown:
        raise RulesError(f"bodies.json: {key}: unknown body id(s) {unknown}")
    return ids


def _load_own_work() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = _load("bodies.json").get("own_work", {})
    ids = frozenset(data.get("bodies", []))
    unknown = sorted(i for i in ids if i not in BODIES)
    if unknown:
        raise RulesError(f"bodies.json: own_work: unknown body id(s) {unknown}")
    generic = compile_phrases(data.get("generic", []), "bodies.json: own_work.generic")
    phrases = compile_phrases(data.get("phrases", []), "bodies.json: own_work.phrases")
    site = compile_phrases(data.get("site_work", []), "bodies.json: own_work.site_work")
    return ids, generic, phrases, site


def _load_victims(cues: dict[str, re.Pattern[str]]) -> tuple[Any, tuple[str, ...]]:
    data = _load("victims.json")
    groups = data.get("groups", [])
    _unique_ids(groups, "victims.json")
    out = []
    for g in groups:
        try:
            vg = VictimGroup(g["group"])
        except (KeyError, ValueError) as exc:
            raise RulesError(f"victims.json: {g['id']}: unknown group {g.get('group')!r}") from exc
        missing = [c for c in g.get("cues", []) if c not in cues]
        if missing or not g.get("cues"):
            raise RulesError(f"victims.json: {g['id']}: unknown cue group(s) {missing}")
        out.append((g["id"], vg, tuple(g["cues"])))
    outcome = tuple(data.get("outcome_cues", []))
    bad = [c for c in outcome if c not in cues]
    if bad:
        raise RulesError(f"victims.json: outcome_cues: unknown cue group(s) {bad}")
    return tuple(out), outcome


def _load_victim_limits() -> VictimLimits:
    data = _load("victims.json")
    adult = data.get("adult_from")
    if not isinstance(adult, int) or not 1 <= adult <= 30:
        raise RulesError(f"victims.json: adult_from must be a whole number of years, not {adult!r}")
    return VictimLimits(
        adult,
        compile_phrases(data.get("soldiers", []), "victims.json: soldiers"),
        compile_phrases(data.get("generic_persons", []), "victims.json: generic_persons"),
    )


def _load_multipliers(words: dict[str, int]) -> frozenset[str]:
    found = frozenset(w.lower() for w in _load("numbers.json").get("multipliers", []))
    unknown = sorted(found - set(words))
    if unknown:
        raise RulesError(f"numbers.json: multipliers not among the cardinals: {unknown}")
    return found


def _load_numbers() -> tuple[dict[str, int], frozenset[str], re.Pattern[str], re.Pattern[str]]:
    data = _load("numbers.json")
    words: dict[str, int] = {}
    for lang, table in data.get("cardinals", {}).items():
        for word, value in table.items():
            if not isinstance(value, int) or value < 0:
                raise RulesError(f"numbers.json: {lang}.{word}: value must be a whole number")
            key = word.lower()
            if key in words and words[key] != value:
                raise RulesError(f"numbers.json: {word!r} has two values")
            words[key] = value
            # "п'ятеро" is written with any of the apostrophes: ', ’ and ʼ (U+02BC).
            for variant in {APOSTROPHES.sub(a, key) for a in APOSTROPHE_CHARS}:
                words.setdefault(variant, value)
    ordinals = frozenset(o.lower() for o in data.get("ordinals", []))
    minimum = compile_phrases(data.get("minimum_qualifiers", []), "numbers.json: minimum")
    approx = compile_phrases(data.get("approximate_qualifiers", []), "numbers.json: approximate")
    return words, ordinals, minimum, approx


def _load_count_rules() -> CountRules:
    data = _load("numbers.json")
    where = "numbers.json"
    outcomes = data.get("outcomes", {})
    fields = ("killed", "injured", "missing", "detained")
    if sorted(outcomes) != sorted(fields):
        raise RulesError(f"{where}: outcomes must name exactly {', '.join(fields)}")
    no_cas = data.get("no_casualties", {})
    if sorted(no_cas) != ["both", "injured", "killed"]:
        raise RulesError(f"{where}: no_casualties must have both, killed and injured")
    all_outcomes = [p for f in fields for p in outcomes[f]]
    return CountRules(
        persons=compile_phrases(data.get("persons", []), f"{where}: persons"),
        singular_persons=compile_phrases(data.get("singular_persons", []), f"{where}: singular"),
        singular_cyrillic=compile_phrases(
            data.get("singular_persons_cyrillic", []), f"{where}: singular_persons_cyrillic"
        ),
        determiners=compile_phrases(data.get("singular_determiners", []), f"{where}: determiners"),
        outcomes={f: compile_phrases(outcomes[f], f"{where}: outcomes.{f}") for f in fields},
        any_outcome=compile_phrases(list(dict.fromkeys(all_outcomes)), f"{where}: outcomes"),
        sub_markers=compile_phrases(
            data.get("sub_count_markers", []), f"{where}: sub_count_markers"
        ),
        no_casualties={
            k: compile_phrases(v, f"{where}: no_casualties.{k}") for k, v in no_cas.items()
        },
        any_no_casualties=compile_phrases(
            list(dict.fromkeys(p for v in no_cas.values() for p in v)), f"{where}: no_casualties"
        ),
        toll_heads=compile_phrases(data.get("toll_update", []), f"{where}: toll_update"),
        toll_verbs=compile_phrases(data.get("toll_verbs", []), f"{where}: toll_verbs"),
        died_of_wounds=compile_phrases(data.get("died_of_wounds", []), f"{where}: died_of_wounds"),
        not_outcomes=compile_phrases(
            data.get("not_outcomes", []) + data.get("not_persons", []),
            f"{where}: not_outcomes/not_persons",
        ),
        wider_scope=compile_phrases(data.get("wider_scope", []), f"{where}: wider_scope"),
        couples=compile_phrases(data.get("couples", []), f"{where}: couples"),
    )


def _load_kind_markers() -> dict[str, re.Pattern[str]]:
    data = _load("kind.json")
    needed = ("aggregate", "background", "roundup", "other")
    missing = [k for k in needed if k not in data]
    if missing:
        raise RulesError(f"kind.json: missing marker list(s) {', '.join(missing)}")
    return {k: compile_phrases(data[k], f"kind.json: {k}") for k in needed}


def _line_rules(items: list[dict[str, Any]], where: str, default_role: str) -> tuple[LineRule, ...]:
    _unique_ids(items, where)
    out = []
    for item in items:
        flags = 0 if item.get("case_sensitive") else re.IGNORECASE
        try:
            pattern = guarded(item["pattern"], flags)
        except (KeyError, re.error) as exc:
            raise RulesError(f"{where}: {item['id']}: bad pattern: {exc}") from exc
        out.append(LineRule(item["id"], item.get("role", default_role), pattern))
    return tuple(out)


@lru_cache(maxsize=1)
def get_rules() -> Rules:
    """Load and compile every rules file once per process."""
    cues = _load_cues()
    bodies, roles = _load_bodies()
    victims, outcome = _load_victims(cues)
    words, ordinals, minimum, approx = _load_numbers()
    furniture = _load("furniture.json")
    body_phrases = {b["id"]: b.get("phrases", []) for b in _load("bodies.json").get("bodies", [])}
    unrelated_bodies, unrelated_figures = _load_unrelated()
    own_work_bodies, own_work_generic, own_work, own_work_site = _load_own_work()
    return Rules(
        cues=cues,
        cue_index=PhraseIndex.build(_cue_phrases(), "cues.json"),
        cue_inside=_load_cue_inside(set(cues)),
        body_index=PhraseIndex.build(body_phrases, "bodies.json"),
        types=_load_types(cues),
        bodies=bodies,
        roles=roles,
        unrelated_bodies=unrelated_bodies,
        unrelated_figures=unrelated_figures,
        context_bodies=_load_body_ids("context_bodies"),
        combatant_bodies=_load_body_ids("combatant_bodies"),
        anaphora_bodies=_load_body_ids("anaphora_bodies"),
        own_work_bodies=own_work_bodies,
        own_work_generic=own_work_generic,
        own_work=own_work,
        own_work_site=own_work_site,
        pronoun_speakers=compile_phrases(
            _load("bodies.json").get("pronoun_speakers", {}).get("phrases", []),
            "bodies.json: pronoun_speakers",
        ),
        victim_groups=victims,
        victim_limits=_load_victim_limits(),
        outcome_cues=outcome,
        numbers=words,
        number_multipliers=_load_multipliers(words),
        ordinals=ordinals,
        minimum_qualifiers=minimum,
        approximate_qualifiers=approx,
        counts=_load_count_rules(),
        kind_markers=_load_kind_markers(),
        line_rules=_line_rules(furniture.get("line", []), "furniture.json: line", "furniture"),
        trailer_rules=_line_rules(
            furniture.get("trailer", []), "furniture.json: trailer", "trailer"
        ),
        mask_rules=_line_rules(furniture.get("mask", []), "furniture.json: mask", "mask"),
    )
