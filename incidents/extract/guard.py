"""A first-character guard for big patterns: the same matches, far fewer attempts.

``re`` tries a pattern at every position of the text.  A pattern that starts with
a lookbehind and a long alternation (the date finder, the number finder, the
lexicon phrase lists) pays for the whole alternation at every word start.
``guarded`` computes from the parsed pattern the set of characters a match can
start with and puts a lookahead for that class in front: one class test rejects
every other position, and the matches are exactly those of the original
pattern (the guard is a necessary condition; it is left off when any character
could start a match).
"""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {
    c.CATEGORY_DIGIT: r"\d",
    c.CATEGORY_WORD: r"\w",
    c.CATEGORY_SPACE: r"\s",
    c.CATEGORY_NOT_DIGIT: r"\D",
    c.CATEGORY_NOT_WORD: r"\W",
    c.CATEGORY_NOT_SPACE: r"\S",
}
_REPEATS = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}
_ZERO_WIDTH = {c.AT, c.ASSERT, c.ASSERT_NOT}
# Patterns ``re`` already scans quickly: anchored ones, and those starting with a literal
# or a class (a lookahead in front would hide that from it).
_SELF_GUARDED = {c.AT, c.LITERAL, c.IN}


class _Unbounded(Exception):
    """Any character may start a match: no guard."""


def _char(code: int) -> str:
    return re.escape(chr(code))


def _first(items: list[tuple[Any, Any]], icase: bool = False) -> tuple[set[str], bool]:
    """(class fragments a match of this sequence may start with, whether it may be empty).
    ``icase``: the guard is compiled with IGNORECASE."""
    out: set[str] = set()
    for op, av in items:
        first, empty = _first_item(op, av, icase)
        out |= first
        if not empty:
            return out, False
    return out, True


def _first_item(op: Any, av: Any, icase: bool) -> tuple[set[str], bool]:  # noqa: PLR0911
    if op == c.LITERAL:
        return {_char(av)}, False
    if op == c.IN:
        frags: set[str] = set()
        for sub_op, sub_av in av:
            if sub_op == c.LITERAL:
                frags.add(_char(sub_av))
            elif sub_op == c.RANGE:
                frags.add(f"{_char(sub_av[0])}-{_char(sub_av[1])}")
            elif sub_op == c.CATEGORY and sub_av in _CATEGORIES:
                frags.add(_CATEGORIES[sub_av])
            else:  # NEGATE and the rest
                raise _Unbounded
        return frags, False
    if op == c.BRANCH:
        found: set[str] = set()
        empty = False
        for seq in av[1]:
            f, e = _first(list(seq), icase)
            found |= f
            empty = empty or e
        return found, empty
    if op == c.SUBPATTERN:
        if av[1] & re.IGNORECASE and not icase:
            raise _Unbounded  # "(?i:...)": a case-sensitive class would miss its capitals
        return _first(list(av[-1]), icase)
    if op in _REPEATS:
        least, _most, seq = av
        f, e = _first(list(seq), icase)
        return f, e or least == 0
    if op == getattr(c, "ATOMIC_GROUP", None):
        return _first(list(av), icase)
    if op == c.GROUPREF_EXISTS:
        _group, yes, no = av
        f, e = _first(list(yes), icase)
        if no is None:
            return f, True
        g, e2 = _first(list(no), icase)
        return f | g, e or e2
    if op == c.ASSERT_NOT and not av[1]:
        return set(), False  # "(?!)": never matches, so it adds no first character
    if op in _ZERO_WIDTH:
        return set(), True
    raise _Unbounded  # ANY, NOT_LITERAL, GROUPREF, ...


def first_class(pattern: str, flags: int = 0) -> str | None:
    """The character class a match of ``pattern`` must start with; None if unbounded."""
    try:
        frags, empty = _first(list(_parser.parse(pattern, flags)), bool(flags & re.IGNORECASE))
    except _Unbounded:
        return None
    if empty or not frags:
        return None
    return "[" + "".join(sorted(frags)) + "]"


class _Offsets:
    """Where the characters of a match may fall: ``classes[i]`` holds the class fragments
    of the characters that can stand at the match's position ``i`` (i < width), None
    once any character can."""

    def __init__(self, width: int, icase: bool) -> None:
        self.width = width
        self.icase = icase
        self.classes: list[set[str] | None] = [set() for _ in range(width)]

    def _mark(self, at: int, frags: set[str] | None) -> None:
        cls = self.classes[at]
        if cls is not None:
            if frags is None:
                self.classes[at] = None
            else:
                cls |= frags

    def seq(self, items: list[tuple[Any, Any]], offs: set[int]) -> set[int]:
        """The offsets after ``items``, matched from any of ``offs`` (offsets reaching
        ``width`` are kept as ``width``: what follows them is not looked at)."""
        for op, av in items:
            if not offs:
                break
            offs = self.item(op, av, offs)
        return offs

    def item(self, op: Any, av: Any, offs: set[int]) -> set[int]:  # noqa: PLR0911
        live = {o for o in offs if o < self.width}
        done = offs - live
        if op in (c.LITERAL, c.IN, c.ANY, c.NOT_LITERAL):
            try:
                frags: set[str] | None = _first_item(op, av, self.icase)[0]
            except _Unbounded:
                frags = None
            for o in live:
                self._mark(o, frags)
            return done | {o + 1 for o in live}
        if op == c.ASSERT_NOT and not av[1]:
            return done  # "(?!)": no match goes on
        if op in _ZERO_WIDTH:
            return offs
        if op == c.SUBPATTERN:
            if av[1] & re.IGNORECASE and not self.icase:
                raise _Unbounded
            return done | self.seq(list(av[-1]), live)
        if op == c.BRANCH:
            out = set(done)
            for alt in av[1]:
                out |= self.seq(list(alt), set(live))
            return out
        if op in _REPEATS:
            least, most, sub = av
            out, cur, count, seen = set(done), live, 0, set()
            while True:
                if count >= least:
                    out |= cur
                if count == most or not cur or min(cur) >= self.width:
                    return out if count >= least else out | {self.width}
                key = (frozenset(cur), count >= least)
                if key in seen:  # no new offset: more repeats add none
                    return out
                seen.add(key)
                cur = self.seq(list(sub), cur)
                count += 1
        # Anything else (a back-reference, a group condition, ...): any character, any
        # length from here.
        for o in live:
            for at in range(o, self.width):
                self.classes[at] = None
        return done | {self.width}


def second_class(pattern: str, flags: int = 0) -> str | None:
    """The character class the second character of every match of ``pattern`` belongs
    to; None when a match may be shorter than two characters or its second may be any."""
    where = _Offsets(2, bool(flags & re.IGNORECASE))
    try:
        ends = where.seq(list(_parser.parse(pattern, flags)), {0})
    except _Unbounded:
        return None
    cls = where.classes[1]
    if not ends or min(ends) < 2 or not cls:
        return None
    return "[" + "".join(sorted(cls)) + "]"


def _lookahead(pattern: str, flags: int) -> str | None:
    """The guard for ``pattern``: its first character's class, and its second's when
    bounded ("(?=[ab][cd])"); None when any character may start a match."""
    cls = first_class(pattern, flags)
    if cls is None:
        return None
    return f"(?={cls}{second_class(pattern, flags) or ''})"


# "^(?=.{0,160}$)(?:.*?)(?:members on board|...)": anchored, then a lazy scan of the line
# that tries the whole alternation at every character.
_LAZY_SCAN = re.compile(r"\^((?:\(\?=[^()]*\))*)\(\?:\.\*\?\)(.+)", re.DOTALL)


def _guard_lazy_scan(pattern: str, flags: int) -> str:
    """The same pattern with the first-character guard put after its lazy scan, when it
    has that form (and no alternative of its own outside it); else the pattern as is."""
    m = _LAZY_SCAN.fullmatch(pattern)
    if m is None:
        return pattern
    guard = _lookahead(m.group(2), flags)
    if guard is None:
        return pattern
    end = "\n)" if flags & re.VERBOSE else ")"
    return f"^{m.group(1)}.*?{guard}(?:{m.group(2)}{end}"


_SCOPE_CHANGES_BOUNDARY = re.ASCII | re.LOCALE


def _at_word_boundary(items: list[tuple[Any, Any]]) -> bool:
    """Every match of the sequence tests ``\\b`` where it starts, before consuming a
    character ("\\bin\\s+March|\\bduring ...": each alternative tests it again)."""
    for op, av in items:
        if op == c.AT:
            if av == c.AT_BOUNDARY:
                return True
            continue  # another zero-width test at the same place
        if op in (c.ASSERT, c.ASSERT_NOT):
            continue
        if op == c.BRANCH:
            return all(_at_word_boundary(list(seq)) for seq in av[1])
        if op == c.SUBPATTERN:
            if (av[1] | av[2]) & _SCOPE_CHANGES_BOUNDARY:
                return False  # (?a:\b...): another kind of word
            return _at_word_boundary(list(av[-1]))
        return False
    return False


_GLOBAL_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")
_FLAG_OF = {"a": re.ASCII, "i": re.IGNORECASE, "L": re.LOCALE, "m": re.MULTILINE}
_FLAG_OF.update({"s": re.DOTALL, "u": re.UNICODE, "x": re.VERBOSE})


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with a first-character lookahead in front where
    that saves work.  A pattern whose every alternative starts with ``\\b`` tests it
    once, in front of the lookahead, instead of once per alternative.  Inline global
    flags at its start ("(?i)...") count as ``flags``."""
    lead = _GLOBAL_FLAGS.match(pattern)
    if lead is not None:
        for letter in lead.group(1):
            flags |= _FLAG_OF[letter]
        pattern = pattern[lead.end() :]
    parsed = list(_parser.parse(pattern, flags))
    if parsed and _at_word_boundary(parsed):
        guard = _lookahead(pattern, flags)
        if guard is not None:
            end = "\n)" if flags & re.VERBOSE else ")"
            try:
                return re.compile(f"\\b{guard}(?:{pattern}{end}", flags)
            except re.error:  # inline global flags, which must stay at the start
                return re.compile(pattern, flags)
    if parsed and parsed[0][0] == c.AT:
        return re.compile(_guard_lazy_scan(pattern, flags), flags)
    if not parsed or parsed[0][0] in _SELF_GUARDED:
        return re.compile(pattern, flags)
    guard = _lookahead(pattern, flags)
    if guard is None:
        return re.compile(pattern, flags)
    # (A verbose pattern may end in a comment: the group closes on the next line.)
    end = "\n)" if flags & re.VERBOSE else ")"
    try:
        return re.compile(f"{guard}(?:{pattern}{end}", flags)
    except re.error:  # e.g. inline global flags, which must stay at the start
        return re.compile(pattern, flags)


_END = ""


def trie_alternation(words: list[str] | set[str] | tuple[str, ...], space: str = r"\ ") -> str:
    """One pattern matching any of ``words``, as a trie: at each character only the words
    that share the text so far are tried, instead of every word from its start.

    It matches exactly what the longest-first alternation ``w1|w2|...`` matches, in the
    same order of preference: a word that goes on is tried before the one it extends
    (``(?:...)?`` is greedy), and words that differ in a character never match at the
    same place.  ``space`` is the pattern a space in a word stands for.
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(space if ch == " " else re.escape(ch), {})
        node[_END] = {}

    def emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        branches = [atom + emit(child) for atom, child in node.items() if atom != _END]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if _END in node:
            return f"(?:{body})?"
        return body

    if not root:
        return "(?!)"
    return emit(root)
