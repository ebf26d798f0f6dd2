"""The document every stage reads and annotates.

The stored text is never modified: furniture is *excluded* (its lines are
marked), so every span and every evidence quote is ``text[start:end]`` of the
text as given.  Each stage appends its spans and records its own failures in
``problems`` instead of raising.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Line:
    """One line (paragraph) of the text; ``role`` says what the furniture stage made of it."""

    start: int
    end: int
    role: str = "body"  # body | title | furniture | caption | related | trailer | duplicate
    rule_id: str = ""

    @property
    def excluded(self) -> bool:
        return self.role not in ("body", "title")


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    line_index: int
    is_title: bool = False
    # Set by the kind stage: "incident", "aggregate", "background" or "".
    role: str = ""


@dataclass(slots=True)
class Span:
    """Something a stage found: a label, a value, where, and which rule."""

    start: int
    end: int
    label: str
    value: Any
    stage: str
    rule_id: str
    sentence: int  # index into Document.sentences
    confidence: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Document:
    text: str
    published: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    # Analysis stops here (large inputs are capped; the rest is not read).
    limit: int = 0
    lines: list[Line] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    # Excluded parts of kept lines (datelines, inline credits): (start, end, rule id).
    masks: list[tuple[int, int, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # Cue-group hits per sentence: cues[i][group_id] = [(start, end), ...].
    cues: list[dict[str, list[tuple[int, int]]]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)
    # spans_of index: (label, sentence) -> spans, for the first ``_indexed`` spans.
    _index: dict[tuple[str, int | None], list[Span]] = field(default_factory=dict, repr=False)
    _indexed: int = field(default=0, repr=False)
    # Set by a guard stage when there is nothing to analyse (empty, binary, language).
    stop_reason: str | None = None

    def sentence_at(self, start: int, end: int) -> int | None:
        """Index of the sentence that contains [start, end), if any."""
        if len(self._starts) != len(self.sentences):
            self._starts = [s.start for s in self.sentences]
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and end <= self.sentences[i].end:
            return i
        return None

    def masked(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b, _ in self.masks)

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]

    def spans_of(self, label: str, sentence: int | None = None) -> list[Span]:
        """Spans with ``label`` (in ``sentence``), in the order they were found.

        Stages only append spans, so the index is extended, never rebuilt.
        """
        if self._indexed != len(self.spans):  # (most calls: nothing new to index)
            if self._indexed > len(self.spans):  # the list was replaced: start again
                self._index.clear()
                self._indexed = 0
            for s in self.spans[self._indexed :]:
                self._index.setdefault((s.label, s.sentence), []).append(s)
                self._index.setdefault((s.label, None), []).append(s)
            self._indexed = len(self.spans)
        found = self._index.get((label, sentence))
        return found[:] if found else []

    def problem(self, stage: str, message: str) -> None:
        self.problems.append(f"{stage}: {message}")
