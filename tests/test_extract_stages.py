"""Stage-level tests: dates, counts, furniture, language, bodies, lexicon validation."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from incidents.extract import dates, lexicon
from incidents.extract.counts import parse as parse_counts
from incidents.extract.language import detect
from incidents.extract.lexicon import get_rules

PUB = dt.date(2025, 1, 23)


@pytest.mark.parametrize(
    ("text", "expected", "statement"),
    [
        ("the Prosecutor General's Office said on Jan. 23.", dt.date(2025, 1, 23), True),
        ("On Jan. 20, the police said", dt.date(2025, 1, 20), True),
        ("on the night of Jan. 22 drones attacked", dt.date(2025, 1, 22), False),
        ("у ніч на 22 січня ворог атакував", dt.date(2025, 1, 21), False),
        ("overnight on Jan. 12 Russia attacked", dt.date(2025, 1, 11), False),
        ("вчора загинули", dt.date(2025, 1, 22), False),
        ("A strike on Sunday killed", dt.date(2025, 1, 19), False),
        ("Russia attacked Odesa overnight", dt.date(2025, 1, 22), False),
        ("Dec. 30 strike", dt.date(2024, 12, 30), False),
        ("in Kharkiv on May 21, 2024", dt.date(2024, 5, 21), False),
        ("23.01.2025", dt.date(2025, 1, 23), False),
    ],
)
def test_dates(text, expected, statement):
    found = dates.parse(text, PUB)
    assert found and found[0][2].date == expected and found[0][2].statement is statement


def test_past_day_and_bare_years_give_no_day():
    assert dates.parse("over the past day Russia attacked", PUB) == []
    assert dates.parse("in 2024 alone", PUB) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Russian forces suspected of killing 6 Ukrainian POWs", "en", [("killed", 6)]),
        (
            "a seventh Ukrainian soldier lying on the ground, whose fate is unknown.",
            "en",
            [("missing", 1)],
        ),
        (
            "Five people, including two children, were killed and 12 injured.",
            "en",
            [("killed", 5), ("injured", 12)],
        ),
        (
            "Two men and a woman were injured, and a 67-year-old man was killed.",
            "en",
            [("injured", 3), ("killed", 1)],
        ),
        ("The death toll rose to 14, the governor said.", "en", [("killed", 14)]),
        (
            "Внаслідок удару загинула жінка, ще троє людей поранені.",
            "uk",
            [("killed", 1), ("injured", 3)],
        ),
        ("Russia launched 120 drones and 5 missiles at the city.", "en", []),
        ("No casualties were reported.", "en", [("killed", 0), ("injured", 0)]),
    ],
)
def test_counts(text, lang, expected):
    found = [(v.field, v.value) for _s, _e, v in parse_counts(get_rules(), text, lang) if not v.sub]
    assert found == expected


def test_minimum_flag():
    found = parse_counts(get_rules(), "The attack killed at least 4 people.", "en")
    assert found[0][2].minimum and found[0][2].value == 4


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The strike hit the city and killed three people, officials said.", "en"),
        ("Унаслідок обстрілу загинули троє людей, повідомили в поліції.", "uk"),
        ("В результате обстрела погибли три человека, сообщили в полиции.", "ru"),
        ("Bei dem Angriff wurden drei Menschen getötet und die Stadt beschädigt.", None),
    ],
)
def test_language(text, lang):
    assert detect(text)[0] == lang


def test_broken_rules_file_is_named(tmp_path, monkeypatch):
    (tmp_path / "cues.json").write_text(
        json.dumps({"groups": [{"id": "a", "phrases": ["x", "x"]}]})
    )
    monkeypatch.setattr(lexicon, "RULES_DIR", tmp_path)
    with pytest.raises(lexicon.RulesError, match="cues.json: a: duplicate phrase"):
        lexicon._load_cues()


def test_a_type_rule_fires_only_with_a_hit_of_each_entry_and_no_whole_none_entry():
    from incidents.extract.types import fired

    rules = get_rules()
    for rule in rules.types:
        hits = {alt[0]: [(0, 1)] for alt in rule.all}
        got = [r for _t, r, _p in fired(rules, hits)]
        # (All hits at one place: every 'near' distance holds.)
        assert (rule.id in got) == (not any(set(alt) <= set(hits) for alt in rule.none)), rule.id
        for missing in {alt[0] for alt in rule.all}:
            fewer = {g: h for g, h in hits.items() if g != missing}
            if all(not set(alt).isdisjoint(fewer) for alt in rule.all):
                continue  # another entry's group stands for it
            assert rule.id not in [r for _t, r, _p in fired(rules, fewer)], (rule.id, missing)
        for alt in rule.none:
            vetoed = hits | {g: [(0, 1)] for g in alt}
            assert rule.id not in [r for _t, r, _p in fired(rules, vetoed)], (rule.id, alt)


def _phrase_texts(phrases: list[str]) -> list[str]:
    """A text for each lexicon phrase: its words, a wildcard as a word ending."""
    return [" ".join(w.replace("*", "ий") for w in p.lstrip("=").split()) + " ." for p in phrases]


def test_the_joined_outcome_and_no_casualty_lists_find_whatever_one_list_finds():
    # counts skips the per-list searches where the joined list finds nothing.
    rules = get_rules()
    cr = rules.counts
    data = json.loads((lexicon.RULES_DIR / "numbers.json").read_text(encoding="utf-8"))
    lists = [
        (cr.no_casualties[k], cr.any_no_casualties, v) for k, v in data["no_casualties"].items()
    ]
    lists += [(cr.outcomes[f], cr.any_outcome, v) for f, v in data["outcomes"].items()]
    checked = 0
    for one, joined, phrases in lists:
        for text in _phrase_texts(phrases):
            for m in one.finditer(text):
                assert joined.match(text, m.start()) is not None, text
                checked += 1
    assert checked > 100


def test_spans_of_gives_a_copy_in_order_and_sees_spans_added_later():
    from incidents.extract.document import Document, Span

    doc = Document(text="Two people were killed. One was injured.")
    doc.spans.append(Span(0, 3, "count", 2, "t", "r", 0))
    first = doc.spans_of("count", 0)
    first.append(Span(0, 1, "count", 9, "t", "r", 0))  # the caller's list, not the index
    doc.spans.append(Span(4, 10, "count", 3, "t", "r", 0))
    doc.spans.append(Span(24, 27, "count", 1, "t", "r", 1))
    assert [s.value for s in doc.spans_of("count", 0)] == [2, 3]
    assert [s.value for s in doc.spans_of("count")] == [2, 3, 1]
    assert doc.spans_of("date", 0) == [] and doc.spans_of("count", 5) == []
    doc.spans = [doc.spans[2]]  # replaced: indexed again
    assert [s.value for s in doc.spans_of("count")] == [1]


def test_phrase_indexes_scanning_one_text_share_its_word_heads():
    rules = get_rules()
    text = "В Херсоні поранено жінку, повідомили в ОВА. Police said two were killed."
    heads = lexicon._word_heads(text, 2, len(text))
    assert heads[:2] == [(2, "хер"), (10, "пор")]
    assert lexicon._word_heads(text, 2, len(text)) is heads
    cues = rules.cue_index.scan(text, 2, len(text))
    bodies = rules.body_index.scan(text, 2, len(text))
    assert ("act.injure", 10, 18) in cues and ("ua-military-admin", 39, 42) in bodies
    # The same as on a fresh copy of the text, each scanned alone (no heads to share),
    # and a scan from another start is not given the heads of the first.
    for index, found in ((rules.cue_index, cues), (rules.body_index, bodies)):
        rules.body_index.scan("Another text.")
        copy = "".join(list(text))
        assert copy is not text and index.scan(copy, 2, len(copy)) == found
    assert rules.cue_index.scan(text, 11, len(text))[0] == ("victim.civilian", 19, 24)


def test_a_count_in_a_sentence_of_wider_scope_is_marked_so():
    from incidents.extract import pipeline
    from incidents.extract.document import Document

    doc = Document(
        text="Загалом за минулу добу поранено дев'ятеро людей. "
        "У Херсоні поранено двох людей. Обстріл тривав уночі.",
        published=dt.date(2025, 3, 1),
    )
    pipeline.analyse(doc, get_rules(), None)
    marked = [
        (doc.text[s.start : s.end], s.extra.get("wider_scope")) for s in doc.spans_of("count")
    ]
    assert marked == [("дев'ятеро людей", True), ("двох людей", None)]
