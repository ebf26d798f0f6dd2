"""The first-character guard changes how fast patterns run, never what they match."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from incidents.extract import bodies, counts, dates, kind
from incidents.extract.guard import first_class, guarded, second_class, trie_alternation
from incidents.extract.lexicon import get_rules

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
RULES = Path(__file__).parent.parent / "incidents" / "extract" / "rules"


_CLASS = r"\[(?:\\.|[^\]\\])*\]"
# The guard in front: a word boundary every alternative tests (tested once), then the
# classes of the first and second characters.
_GUARD_HEAD = re.compile(rf"(?:\\b)?\(\?={_CLASS}(?:{_CLASS})?\)\(\?:")


def _plain(p: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern as written, without the guard in front."""
    head = _GUARD_HEAD.match(p.pattern)
    if head is None:
        return p
    inner = p.pattern[head.end() : -1]
    if p.flags & re.VERBOSE:
        inner = inner[:-1]  # the newline that closes a trailing comment
    return re.compile(inner, p.flags)


@lru_cache(maxsize=1)
def _pairs() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    rules = get_rules()
    cr = rules.counts
    patterns = [
        dates.DATE_RE,
        counts.number_pattern(rules),
        cr.persons,
        cr.singular_cyrillic,
        cr.any_outcome,
        *rules.cues.values(),
        kind._period(),
        *kind._kind_patterns().values(),
        *_module_patterns(),
    ]
    return [(p, _plain(p)) for p in patterns] + _furniture_pairs()


def _module_patterns() -> list[re.Pattern[str]]:
    """The stages' own patterns (module constants), guarded or not."""
    return [
        p
        for mod in (counts, bodies, dates)
        for name, p in sorted(vars(mod).items())
        if isinstance(p, re.Pattern) and name != "DATE_RE"
    ]


def _furniture_pairs() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    """Each furniture rule as the lexicon compiled it, beside its pattern as written."""
    data = json.loads((RULES / "furniture.json").read_text(encoding="utf-8"))
    written = {
        item["id"]: re.compile(item["pattern"], 0 if item.get("case_sensitive") else re.I)
        for part in ("line", "trailer", "mask")
        for item in data[part]
    }
    rules = get_rules()
    return [
        (r.pattern, written[r.id])
        for r in (*rules.line_rules, *rules.trailer_rules, *rules.mask_rules)
    ]


def _same(text: str) -> None:
    for p, plain in _pairs():
        got = [(m.span(), m.groups()) for m in p.finditer(text)]
        want = [(m.span(), m.groups()) for m in plain.finditer(text)]
        assert got == want, p.pattern[:80]


def test_lazy_line_scan_gets_its_guard_after_the_scan():
    p = guarded(r"^(?=.{0,20}$)(?:.*?)(?:subscribe|donate\b)", re.I)
    assert p.pattern.startswith(r"^(?=.{0,20}$).*?(?=[ds][ou])(?:")
    assert [bool(p.search(t)) for t in ("Please subscribe", "Donate now", "x" * 30)] == [
        True,
        True,
        False,
    ]
    # A top-level alternative outside the scan keeps the pattern as written.
    assert guarded(r"^(?:.*?)ab|cd").pattern == r"^(?:.*?)ab|cd"


def test_guard_is_put_in_front_of_the_big_patterns():
    assert sum(p is not plain for p, plain in _pairs()) > 20
    assert dates.DATE_RE.pattern.startswith("(?=[")
    assert counts.number_pattern(get_rules()).pattern.startswith("(?=[")


def test_first_class_of_simple_patterns():
    assert first_class(r"(?<!\w)(?:ab|cd)") == "[ac]"
    assert first_class(r"(?:x)?\d") == r"[\dx]"
    assert first_class(r"(?:a|)b") == "[ab]"
    assert first_class(r".b") is None  # any character may start a match
    assert first_class(r"[^a]b") is None
    assert first_class(r"(?=a)") is None  # an empty match: no guard


def test_a_word_boundary_in_every_alternative_is_tested_once_in_front():
    p = guarded(r"(?:\bin\s+May)|(?:\bduring\s+(?:May|June))", re.I)
    assert p.pattern.startswith(r"\b(?=[di][nu])(?:")
    assert [m.group() for m in p.finditer("In May, during June; within May")] == [
        "In May",
        "during June",
    ]
    assert kind._period().pattern.startswith("\\b(?=[")
    # Not when an alternative may match without one.
    assert not guarded(r"\bin\s+May|on\s+May").pattern.startswith("\\b")
    assert not guarded(r"(?a:\bin)|\bon").pattern.startswith("\\b")


def test_the_stages_word_patterns_are_guarded():
    for p in (counts._AGED_WORD, counts._NONE_WORD, bodies._RUSSIAN_QUALIFIER, dates._CLOCK):
        assert p.pattern.startswith("(?=["), p.pattern[:40]
    for p in (counts._TOLL_AFTER_VERB, bodies._HANDED_TO, dates.HARM_VERB, dates.OCCURRED):
        assert p.pattern.startswith("\\b(?=["), p.pattern[:40]


def test_inline_global_flags_at_the_start_count_as_flags():
    p = guarded(r"(?i)couple|подружж")
    assert p.pattern.startswith("(?=[")
    assert p.flags & re.IGNORECASE
    assert [m.group() for m in p.finditer("A COUPLE, Подружжя")] == ["COUPLE", "Подружж"]


def test_no_guard_for_a_case_insensitive_part_of_a_case_sensitive_pattern():
    assert first_class(r"(?i:ab)|c") is None
    assert first_class(r"(?i:ab)|c", re.I) == "[ac]"
    assert guarded(r"(?<!x)(?:(?i:ab)|c)").search("AB") is not None


def test_second_class_of_simple_patterns():
    assert second_class(r"ab|cd") == "[bd]"
    assert second_class(r"a?bc") == "[bc]"
    assert second_class(r"(?<!\w)(?:in|on)\s+May") == "[n]"
    assert second_class(r"\d+x") == r"[\dx]"
    assert second_class(r"a(?!)|bc") == "[c]"
    # None: a match may have one character, or any second one.
    for src in (r"a", r"(?:ab)*c", r"a.b", r"a[^b]", r"(a)\1", r"x(?i:y)"):
        assert second_class(src) is None, src
    assert guarded(r"(?<!x)(?:ab|cd)").pattern == r"(?=[ac][bd])(?:(?<!x)(?:ab|cd))"


def test_a_never_matching_alternative_adds_no_first_character():
    assert first_class(r"(?!)(?P<a>)|\d") == r"[\d]"
    assert first_class(r"(?:(?!)x|y)z") == "[y]"
    # The date finder's variants leave kinds of date out that way: they keep their guard.
    plain = dates.date_re("Two people were injured in Kharkiv")
    assert plain is not dates.DATE_RE and plain.pattern.startswith("(?=[")


def test_anchored_and_literal_patterns_are_left_alone():
    for src in (r"^ab|^cd", r"abc|abd", r"[ab]c"):
        assert guarded(src).pattern == src


def test_verbose_pattern_ending_in_a_comment():
    p = guarded("(?<!x)(?: ab | cd ) # the end", re.VERBOSE)
    assert [m.group() for m in p.finditer("ab cd xab")] == ["ab", "cd"]


def test_same_matches_on_every_fixture_text():
    for path in sorted(FIXTURES.glob("*.txt")):
        _same(path.read_text(encoding="utf-8"))


_ALPHABET = st.sampled_from(list("abcdefhnostuwyjmrl 0123456789.,-'’()\nоднавтрийсічнябер"))


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_same_matches_on_any_text(text: str):
    _same(text)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "on",
                "the",
                "night",
                "of",
                "Jan.",
                "22",
                "у",
                "ніч",
                "на",
                "12",
                "грудня",
                "two",
                "twenty-one",
                "people",
                "killed",
                "Sunday",
                "yesterday",
                "за",
                "добу",
                ",",
                "3.01.2025",
            ]
        ),
        max_size=14,
    ).map(" ".join)
)
def test_same_matches_on_date_and_number_words(text: str):
    _same(text)


def _longest_first(words, space=r"\ "):
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", space) for w in ordered)


def _word_lists():
    rules = get_rules()
    return [
        (sorted(dates.MONTHS), r"\ "),
        (sorted(dates.WEEKDAYS), r"\ "),
        (sorted(dates.RELATIVE), r"\ "),
        (sorted(dates.PAST_DAY), r"\ "),
        (sorted(rules.numbers), r"\s+"),
        (["one", "once", "on", "o", "two", "twenty", "twenty one", "twelve"], r"\s+"),
    ]


# What follows the alternation decides which word wins when several match: a word
# boundary, a number after it, or nothing.
_AFTER = (r"(?![\w'’])", r"\.?\s+\d", "")


def _same_as_alternation(text: str) -> None:
    for words, space in _word_lists():
        for after in _AFTER:
            trie = re.compile(f"(?:{trie_alternation(words, space)}){after}", re.I)
            alt = re.compile(f"(?:{_longest_first(words, space)}){after}", re.I)
            assert [m.span() for m in trie.finditer(text)] == [
                m.span() for m in alt.finditer(text)
            ], (words[:3], after)


def test_trie_matches_like_the_longest_first_alternation_on_fixture_texts():
    for path in sorted(FIXTURES.glob("*.txt"))[:40]:
        _same_as_alternation(path.read_text(encoding="utf-8"))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "one",
                "once",
                "on",
                "o",
                "twenty",
                "twenty one",
                "twelve",
                "jan",
                "january",
                "mar",
                "March",
                "6",
                "sunday",
                "неділі",
                "неділю",
                "вчора",
                "сьогодні вночі",
                "за добу",
                "за минулу добу",
                "двадцять",
                "двадцять один",
                "п'ятеро",
                "пʼятеро",
                " ",
                ".",
                ",",
            ]
        ),
        max_size=12,
    ).map(" ".join)
)
def test_trie_matches_like_the_longest_first_alternation_on_any_text(text: str):
    _same_as_alternation(text)


def _same_dates(text: str) -> None:
    fast = dates.date_re(text)
    assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == [
        (m.span(), m.groupdict()) for m in dates.DATE_RE.finditer(text)
    ]
    assert fast.sub(" ", text) == dates.DATE_RE.sub(" ", text)


def test_date_finder_for_a_text_leaves_out_only_what_it_cannot_hold():
    # Most sentences name no month or weekday: those kinds of date are not tried.
    assert dates.date_re("Two people were injured in Kharkiv") is not dates.DATE_RE
    assert dates.date_re("On Sunday, 2 March, a drone hit Kharkiv") is dates.DATE_RE
    assert dates.date_re("Mayor Terekhov said the marketplace burned") is not dates.DATE_RE
    for path in sorted(FIXTURES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        _same_dates(text)
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            _same_dates(sentence)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *("on", "the", "night", "of", "into", "Jan.", "March", "mar", "may", "22", "3"),
                *("у", "ніч", "на", "проти", "12", "грудня", "неділю", "Sunday", "sunday", "last"),
                *("early", "вранці", "в", "минулу", "суботу", "yesterday", "за", "добу", ","),
                *("3.01.2025", "2025-03-01", "between", "and", "-", "mayor", "sundays", "."),
            ]
        ),
        max_size=14,
    ).map(" ".join)
)
def test_date_finder_for_a_text_matches_like_the_whole_one(text: str):
    _same_dates(text)
    _same_dates(text.replace(" ", ""))


def test_trie_of_nothing_matches_nothing():
    assert re.compile(trie_alternation([])).search("anything") is None
