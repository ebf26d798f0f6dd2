"""Readers: turn a path or a URL into reports (``ReportIn``), or say clearly why not.

One input may hold one report (plain text, an HTML page, a URL) or many (a JSON
Lines batch, an RSS/Atom feed).  ``open_source`` reads and checks the whole input
up front (existence, size, encoding, format) and raises ``IngestError`` naming it;
a batch then yields one ``SourceItem`` per report, where a bad row or a broken
feed item is an item carrying its error instead of a report, so it can be
reported and skipped without losing its neighbours.

Limits (the decision): one report's text is at most ``MAX_REPORT_BYTES`` (5 MB;
a long news article is under 100 kB, so anything bigger is not a report); a feed
file or a fetched URL is at most ``MAX_DOWNLOAD_BYTES``.  A JSON Lines batch has
no overall cap; each row obeys the report cap.

Metadata precedence: what the caller gives (``Overrides``, the command line) wins
over what the document says about itself; what the document says wins over
nothing.  Nothing is guessed: a page without a machine-readable publication date
gets none.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import IngestError
from ..schemas import ReportIn

log = logging.getLogger(__name__)

MAX_REPORT_BYTES = 5_000_000
MAX_DOWNLOAD_BYTES = 20_000_000
CONNECT_TIMEOUT_SECONDS = 10.0
# A server that trickles bytes never trips the socket timeout: cap the whole read.
TOTAL_TIMEOUT_SECONDS = 30.0
_SNIFF_BYTES = 4096
_USER_AGENT = "incidents-db ingest (+https://github.com/)"
_JSONL_FIELDS = ("text", "url", "publisher", "published", "title", "language")


@dataclass(frozen=True, slots=True)
class Overrides:
    """Metadata from the command line; each given field wins over the document's."""

    published: dt.date | None = None
    publisher: str | None = None
    url: str | None = None

    def apply(self, report: ReportIn) -> ReportIn:
        changes: dict[str, Any] = {}
        for name in ("published", "publisher", "url"):
            value = getattr(self, name)
            if value is not None:
                changes[name] = value
        return report.model_copy(update=changes) if changes else report


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One report from an input, or the reason this part of the input was skipped."""

    label: str  # names the input and, in a batch, the row or item
    report: ReportIn | None = None
    error: str | None = None


@dataclass
class Source:
    """An input that has been opened and checked; ``items()`` yields its reports."""

    label: str
    kind: str  # text | html | jsonl | feed
    total: int  # number of items it will yield (rows, feed entries, or 1)
    _items: Iterator[SourceItem]

    def items(self) -> Iterator[SourceItem]:
        return self._items


def open_source(
    spec: str,
    overrides: Overrides | None = None,
    *,
    timeout: float | None = None,
    total_timeout: float | None = None,
) -> Source:
    """Open a path or an http(s) URL.  Raises ``IngestError`` naming ``spec``.

    Timeouts default to ``CONNECT_TIMEOUT_SECONDS`` and ``TOTAL_TIMEOUT_SECONDS``.
    """
    overrides = overrides or Overrides()
    if re.match(r"^https?://", spec, re.IGNORECASE):
        data, content_type, final_url = fetch_url(
            spec, timeout=timeout, total_timeout=total_timeout
        )
        return _from_bytes(spec, data, content_type, overrides, origin_url=final_url)
    return _from_path(spec, overrides)


# ----------------------------------------------------------------------- paths


def _from_path(spec: str, overrides: Overrides) -> Source:
    path = Path(spec)
    if not path.exists():
        raise IngestError(f"{spec}: no such file")
    if not path.is_file():
        raise IngestError(f"{spec}: not a file")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(f"{spec}: the file is empty")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return _jsonl_source(spec, path, overrides)
    cap = MAX_DOWNLOAD_BYTES if suffix in (".xml", ".rss", ".atom") else MAX_REPORT_BYTES
    if size > cap:
        raise IngestError(f"{spec}: the file is {_mb(size)}; the limit for one input is {_mb(cap)}")
    return _from_bytes(spec, path.read_bytes(), None, overrides, origin_url=None)


def _from_bytes(
    label: str, data: bytes, content_type: str | None, overrides: Overrides, origin_url: str | None
) -> Source:
    if not data.strip():
        raise IngestError(f"{label}: the input is empty")
    kind = _sniff_kind(label, data, content_type)
    if kind == "feed":
        return _feed_source(label, data, overrides)
    if kind == "jsonl":
        text = decode_utf8(label, data)
        rows = text.splitlines()
        return Source(label, "jsonl", len(rows), _jsonl_rows(label, enumerate(rows, 1), overrides))
    if len(data) > MAX_REPORT_BYTES:
        raise IngestError(
            f"{label}: the document is {_mb(len(data))}; the limit for one report is "
            f"{_mb(MAX_REPORT_BYTES)}"
        )
    text = decode_utf8(label, data, charset=_charset(content_type))
    if kind == "html":
        report = html_report(label, text, url=origin_url)
    else:
        report = text_report(label, text, url=origin_url)
    return Source(label, kind, 1, iter([SourceItem(label, overrides.apply(report))]))


def _sniff_kind(label: str, data: bytes, content_type: str | None) -> str:
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        raise IngestError(f"{label}: looks like a binary file (NUL bytes), not a text report")
    ctype = (content_type or "").split(";")[0].strip().lower()
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if ctype in ("application/rss+xml", "application/atom+xml") or _looks_like_feed(lowered):
        return "feed"
    if label.lower().endswith((".jsonl", ".ndjson")) or ctype in (
        "application/x-ndjson",
        "application/jsonl",
    ):
        return "jsonl"
    if ctype in ("text/html", "application/xhtml+xml") or label.lower().endswith((".html", ".htm")):
        return "html"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "html"
    return "text"


def _looks_like_feed(lowered_head: bytes) -> bool:
    if not lowered_head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return False
    return any(tag in lowered_head for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel"))


def decode_utf8(label: str, data: bytes, *, charset: str | None = None) -> str:
    """Decode strictly: a report whose bytes are not what they claim is refused."""
    encoding = charset or "utf-8"
    try:
        text = data.decode(encoding)
    except LookupError:
        raise IngestError(f"{label}: unknown character encoding {charset!r}") from None
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{label}: not valid {exc.encoding.upper()} (bad byte at offset {exc.start}); "
            "save the file as UTF-8 and retry"
        ) from None
    return text.removeprefix("\ufeff")


def _charset(content_type: str | None) -> str | None:
    match = re.search(r"charset=([\w.-]+)", content_type or "", re.IGNORECASE)
    return match.group(1).lower() if match else None


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


# ------------------------------------------------------------ single documents


def _clean_text(label: str, text: str) -> str:
    cleaned = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not cleaned:
        raise IngestError(f"{label}: the document has no text")
    if _control_ratio(cleaned) > 0.01:
        raise IngestError(f"{label}: the text is full of control characters; not a text report")
    return cleaned


def _control_ratio(text: str) -> float:
    sample = text[:20_000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f")
    return bad / max(len(sample), 1)


def text_report(label: str, text: str, *, url: str | None = None) -> ReportIn:
    return ReportIn(
        text=_clean_text(label, text), url=url, retrieved_at=dt.datetime.now(dt.UTC)
    )


def html_report(label: str, html: str, *, url: str | None = None) -> ReportIn:
    """Main text and the page's own metadata, found by trafilatura (scripts, menus,
    comments and boilerplate are left out)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            # Only the page's markup (meta tags, <time>, JSON-LD) may give the date:
            # no guessing from the running text or the URL.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises assorted parser errors on junk
        raise IngestError(f"{label}: the HTML cannot be parsed ({exc.__class__.__name__})") from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise IngestError(f"{label}: no main text found in the HTML page")
    return ReportIn(
        text=_clean_text(label, text),
        url=url or _str_or_none(getattr(doc, "url", None)),
        publisher=_str_or_none(getattr(doc, "sitename", None)),
        title=_str_or_none(getattr(doc, "title", None)),
        published=_parse_date(getattr(doc, "date", None)),
        language=_str_or_none(getattr(doc, "language", None)),
        retrieved_at=dt.datetime.now(dt.UTC),
    )


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _parse_date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# ------------------------------------------------------------------ JSON Lines


def _jsonl_source(spec: str, path: Path, overrides: Overrides) -> Source:
    with path.open("rb") as fh:
        head = fh.read(_SNIFF_BYTES)
    if b"\x00" in head:
        raise IngestError(f"{spec}: looks like a binary file (NUL bytes), not JSON Lines")
    total = _count_lines(path)
    return Source(spec, "jsonl", total, _jsonl_file_rows(spec, path, overrides))


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as fh:
        for line in fh:
            if line.strip():
                count += 1
    return count


def _jsonl_file_rows(spec: str, path: Path, overrides: Overrides) -> Iterator[SourceItem]:
    def numbered() -> Iterator[tuple[int, str | bytes]]:
        with path.open("rb") as fh:
            yield from enumerate(fh, 1)

    yield from _jsonl_rows(spec, numbered(), overrides)


def _jsonl_rows(
    spec: str, rows: Iterator[tuple[int, str | bytes]], overrides: Overrides
) -> Iterator[SourceItem]:
    for number, raw in rows:
        if not raw.strip():
            continue
        label = f"{spec}:{number}"
        try:
            report = jsonl_report(label, raw)
        except IngestError as exc:
            yield SourceItem(label, error=str(exc))
            continue
        yield SourceItem(label, overrides.apply(report))


def jsonl_report(label: str, raw: str | bytes) -> ReportIn:
    """One JSON Lines row ``{"text", "url", "publisher", "published", "title"}``."""
    if len(raw) > MAX_REPORT_BYTES:
        raise IngestError(
            f"{label}: the row is {_mb(len(raw))}; the limit is {_mb(MAX_REPORT_BYTES)}"
        )
    line = decode_utf8(label, raw) if isinstance(raw, bytes) else raw
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise IngestError(f"{label}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise IngestError(f"{label}: expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError(f"{label}: text: missing or empty")
    fields: dict[str, Any] = {}
    for name in _JSONL_FIELDS[1:]:
        value = obj.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise IngestError(f"{label}: {name}: expected a string, got {type(value).__name__}")
        fields[name] = _jsonl_date(label, value) if name == "published" else value
    try:
        return ReportIn(
            text=_clean_text(label, text), retrieved_at=dt.datetime.now(dt.UTC), **fields
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise IngestError(f"{label}: {field}: {first['msg']}") from None


def _jsonl_date(label: str, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise IngestError(f"{label}: published: {value!r} is not a YYYY-MM-DD date") from None


# ---------------------------------------------------------------------- feeds


def _feed_source(label: str, data: bytes, overrides: Overrides) -> Source:
    import feedparser

    parsed = feedparser.parse(data)
    entries = list(parsed.get("entries") or [])
    if not entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({reason})" if reason else ""
        raise IngestError(f"{label}: not an RSS/Atom feed with items{detail}")
    if parsed.get("bozo"):
        log.warning("%s: the feed is not well-formed (%s); reading what parsed", label,
                    parsed.get("bozo_exception"))
    publisher = _str_or_none((parsed.get("feed") or {}).get("title"))
    items = (
        _feed_item(f"{label} item {i}", entry, publisher, overrides)
        for i, entry in enumerate(entries, 1)
    )
    return Source(label, "feed", len(entries), items)


def _feed_item(label: str, entry: Any, publisher: str | None, overrides: Overrides) -> SourceItem:
    try:
        report = feed_entry_report(label, entry, publisher)
    except IngestError as exc:
        return SourceItem(label, error=str(exc))
    return SourceItem(label, overrides.apply(report))


def feed_entry_report(label: str, entry: Any, publisher: str | None) -> ReportIn:
    """A feed item's own content (or its summary) as the report text; the item's
    link, title and publication date as metadata.  The linked page is not fetched."""
    body = ""
    for content in entry.get("content") or []:
        body = content.get("value") or ""
        if body.strip():
            break
    if not body.strip():
        body = entry.get("summary") or entry.get("description") or ""
    text = _fragment_text(body)
    if not text:
        raise IngestError(f"{label}: the item has no text")
    if len(text.encode("utf-8")) > MAX_REPORT_BYTES:
        raise IngestError(f"{label}: the item text is over {_mb(MAX_REPORT_BYTES)}")
    return ReportIn(
        text=_clean_text(label, text),
        url=_str_or_none(entry.get("link")),
        title=_str_or_none(entry.get("title")),
        publisher=publisher,
        published=_struct_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        retrieved_at=dt.datetime.now(dt.UTC),
    )


def _fragment_text(fragment: str) -> str:
    """Text of an HTML fragment, scripts and styles dropped, paragraphs kept apart."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml's parser errors (ParserError, XMLSyntaxError)
        return ""
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for block in root.xpath(".//p|.//br|.//div|.//li|.//h1|.//h2|.//h3|.//h4"):
        block.tail = "\n" + (block.tail or "")
    lines = (re.sub(r"[ \t]+", " ", ln).strip() for ln in root.text_content().splitlines())
    return "\n".join(ln for ln in lines if ln)


def _struct_date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    except (AttributeError, ValueError):
        return None


# ------------------------------------------------------------------------ URLs


def fetch_url(
    url: str,
    *,
    timeout: float | None = None,
    total_timeout: float | None = None,
    max_bytes: int = MAX_DOWNLOAD_BYTES,
) -> tuple[bytes, str | None, str]:
    """GET ``url``: (body, content type, final URL).  Every failure is an
    ``IngestError`` that names the URL and says what happened."""
    timeout = timeout or CONNECT_TIMEOUT_SECONDS
    total_timeout = total_timeout or TOTAL_TIMEOUT_SECONDS
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise IngestError(
                    f"{url}: the page is {_mb(int(declared))}; the limit is {_mb(max_bytes)}"
                )
            body = _read_capped(url, response, max_bytes, started, total_timeout)
            return body, response.headers.get("Content-Type"), response.geturl()
    except IngestError:
        raise
    except urllib.error.HTTPError as exc:
        raise IngestError(f"{url}: the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise IngestError(f"{url}: no answer within {timeout:g} s") from None
        raise IngestError(f"{url}: cannot be reached ({exc.reason})") from None
    except TimeoutError:
        raise IngestError(f"{url}: no answer within {timeout:g} s") from None
    except (OSError, ValueError) as exc:
        raise IngestError(f"{url}: cannot be fetched ({exc})") from None


def _read_capped(url: str, response: Any, max_bytes: int, started: float, total: float) -> bytes:
    # read1 returns what has arrived instead of waiting for a full chunk, so the
    # deadline is checked even while a slow server trickles bytes.
    read = getattr(response, "read1", response.read)
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() - started > total:
            raise IngestError(f"{url}: the download took longer than {total:g} s; gave up")
        chunk = read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(f"{url}: the page is over {_mb(max_bytes)}; gave up")
        chunks.append(chunk)
