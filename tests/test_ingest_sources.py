"""Readers: every kind of input in, or a clear error that names it."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from incidents.errors import IngestError
from incidents.ingest.sources import (
    MAX_REPORT_BYTES,
    Overrides,
    SourceItem,
    fetch_url,
    open_source,
)

# Sample text written for these tests (not from any article).
ARTICLE = (
    "A drone struck a residential street in the village of Testivka on the morning "
    "of 3 March, the regional military administration said. Two civilians were "
    "killed and five were injured, among them a teenager who was taken to hospital.",
    "Rescuers worked through the day to clear the rubble of two houses. The regional "
    "prosecutor's office opened a criminal case over the violation of the laws and "
    "customs of war, and investigators collected fragments of the drone at the site.",
    "Local officials said the street had no military positions and that the families "
    "living there had stayed through the winter because they had nowhere else to go.",
)

HTML_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Drone strike on Testivka kills two | Example Wire</title>
<meta property="og:title" content="Drone strike on Testivka kills two">
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2025-03-04T08:15:00+02:00">
<link rel="canonical" href="https://wire.example.org/news/testivka-strike">
<script>var tracker = "SECRET_TRACKER_PAYLOAD"; document.write(tracker);</script>
<style>.x {{ color: red }}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav>
<article><h1>Drone strike on Testivka kills two</h1>
<p>{ARTICLE[0]}</p><p>{ARTICLE[1]}</p><p>{ARTICLE[2]}</p>
<script>console.log("INLINE_SCRIPT_IN_ARTICLE")</script>
</article>
<footer>Copyright Example Wire. All rights reserved.</footer>
</body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Example Wire: Ukraine</title><link>https://wire.example.org/</link>
<description>Feed</description>
<item><title>Strike on Testivka</title><link>https://wire.example.org/a/1</link>
<pubDate>Tue, 04 Mar 2025 08:15:00 +0200</pubDate>
<description>&lt;p&gt;Two civilians were killed in Testivka.&lt;/p&gt;
&lt;script&gt;bad()&lt;/script&gt;</description></item>
<item><title>Empty item</title><link>https://wire.example.org/a/2</link>
<pubDate>not a date at all</pubDate><description></description></item>
<item><title>No date item</title><link>https://wire.example.org/a/3</link>
<description>Shelling damaged a school in Prykladne.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<id>urn:x</id><updated>2025-03-05T00:00:00Z</updated>
<entry><title>Clinic hit</title><id>urn:1</id><link href="https://atom.example.org/1"/>
<updated>2025-03-05T10:00:00Z</updated>
<content type="html">&lt;p&gt;A clinic was hit in Prykladne.&lt;/p&gt;</content></entry>
</feed>"""


def _items(spec: str, overrides: Overrides | None = None, **kw: float) -> list[SourceItem]:
    return list(open_source(spec, overrides, **kw).items())


def _one(spec: str, overrides: Overrides | None = None) -> SourceItem:
    items = _items(spec, overrides)
    assert len(items) == 1
    assert items[0].error is None
    return items[0]


# ---------------------------------------------------------------- plain text


def test_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("\n\n" + "\n".join(ARTICLE) + "\n\n", encoding="utf-8")
    item = _one(str(path))
    assert item.report is not None
    assert item.report.text == "\n".join(ARTICLE)
    assert item.report.published is None and item.report.url is None
    assert item.report.retrieved_at is not None
    assert item.label == str(path)


def test_utf8_bom_and_cyrillic(tmp_path: Path) -> None:
    path = tmp_path / "ua.txt"
    path.write_bytes("\ufeffУ Тестівці загинули двоє цивільних.".encode())
    item = _one(str(path))
    assert item.report is not None and item.report.text.startswith("У Тестівці")


def test_command_line_metadata_wins(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    over = Overrides(published=dt.date(2025, 3, 9), publisher="Given Name", url="https://given/")
    report = _one(str(path), over).report
    assert report is not None
    assert (report.published, report.publisher, report.url) == (
        dt.date(2025, 3, 9),
        "Given Name",
        "https://given/",
    )
    assert report.title == "Drone strike on Testivka kills two"  # not overridden


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("latin1.txt", "Kyiv café rubble".encode("latin-1"), "not valid UTF-8"),
        ("controls.txt", b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20 + b"text", "control characters"),
    ],
)
def test_bad_files_raise_naming_the_file(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError, match=message) as err:
        _items(str(path))
    assert str(path) in str(err.value)


def test_huge_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"The same sentence about shelling, repeated until the file is enormous.\n"
    with path.open("wb") as fh:
        for _ in range(20_000_000 // len(line) + 1):
            fh.write(line)
    assert path.stat().st_size > 20_000_000
    with pytest.raises(IngestError, match=r"huge.txt: the file is 20\.0 MB; the limit"):
        _items(str(path))


def test_missing_path_and_directory(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        _items(str(tmp_path / "nope.txt"))
    with pytest.raises(IngestError, match="not a file"):
        _items(str(tmp_path))


# ---------------------------------------------------------------------- HTML


def test_html_main_text_and_meta_tags(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    report = _one(str(path)).report
    assert report is not None
    assert "Two civilians were killed and five were injured" in report.text
    assert "SECRET_TRACKER_PAYLOAD" not in report.text
    assert "INLINE_SCRIPT_IN_ARTICLE" not in report.text
    assert "Subscribe" not in report.text
    assert report.title == "Drone strike on Testivka kills two"
    assert report.publisher == "Example Wire"
    assert report.published == dt.date(2025, 3, 4)
    assert report.url == "https://wire.example.org/news/testivka-strike"


def test_html_without_date_meta_gets_no_date(tmp_path: Path) -> None:
    page = HTML_PAGE.replace(
        '<meta property="article:published_time" content="2025-03-04T08:15:00+02:00">', ""
    ).replace("on the morning of 3 March", "on the morning of 3 March 2025")
    path = tmp_path / "nodate.html"
    path.write_text(page, encoding="utf-8")
    report = _one(str(path)).report
    assert report is not None and report.published is None


def test_html_that_is_only_scripts(tmp_path: Path) -> None:
    path = tmp_path / "scripts.html"
    path.write_text(
        "<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(IngestError, match="scripts.html: no main text"):
        _items(str(path))


# ---------------------------------------------------------------- JSON Lines


def test_jsonl_batch_rows_and_bad_rows(tmp_path: Path) -> None:
    rows = [
        json.dumps({"text": ARTICLE[0], "url": "https://a/1", "publisher": "A",
                    "published": "2025-03-04", "title": "One"}),
        "{not json",
        json.dumps({"url": "https://a/3"}),
        json.dumps({"text": ARTICLE[1], "published": "4 March"}),
        json.dumps({"text": ARTICLE[1], "publisher": 12}),
        json.dumps(["a list"]),
        "",
        json.dumps({"text": ARTICLE[2], "extra": "ignored"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    source = open_source(str(path))
    assert source.total == 7
    items = list(source.items())
    assert [i.label for i in items] == [f"{path}:{n}" for n in (1, 2, 3, 4, 5, 6, 8)]
    good = [i for i in items if i.report]
    assert len(good) == 2
    first = good[0].report
    assert first is not None
    assert (first.url, first.publisher, first.published, first.title) == (
        "https://a/1", "A", dt.date(2025, 3, 4), "One"
    )
    errors = {i.label.rsplit(":", 1)[1]: i.error for i in items if i.error}
    assert "not valid JSON" in (errors["2"] or "")
    assert "text: missing" in (errors["3"] or "")
    assert "published: '4 March' is not a YYYY-MM-DD date" in (errors["4"] or "")
    assert "publisher: expected a string" in (errors["5"] or "")
    assert "expected a JSON object" in (errors["6"] or "")


def test_jsonl_invalid_utf8_row_is_one_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": ARTICLE[0]}).encode()
    other = good.replace(b"A drone", b"Drone")
    path.write_bytes(good + b"\n" + b'{"text": "caf\xe9"}\n' + other + b"\n")
    items = _items(str(path))
    assert [bool(i.report) for i in items] == [True, False, True]
    assert "mixed.jsonl:2: not valid UTF-8" in (items[1].error or "")


def test_jsonl_overrides_apply_to_every_row(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"text": ARTICLE[0], "publisher": "Doc"}) + "\n", encoding="utf-8")
    report = _one(str(path), Overrides(publisher="Cli")).report
    assert report is not None and report.publisher == "Cli"


# --------------------------------------------------------------------- feeds


def test_rss_items_become_reports_and_broken_items_are_named(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(RSS, encoding="utf-8")
    source = open_source(str(path))
    assert source.kind == "feed" and source.total == 3
    items = list(source.items())
    first, broken, undated = items
    assert first.report is not None
    assert first.report.text == "Two civilians were killed in Testivka."
    assert first.report.publisher == "Example Wire: Ukraine"
    assert first.report.url == "https://wire.example.org/a/1"
    assert first.report.published == dt.date(2025, 3, 4)
    assert broken.report is None and broken.error == f"{path} item 2: the item has no text"
    assert undated.report is not None and undated.report.published is None


def test_atom_feed(tmp_path: Path) -> None:
    path = tmp_path / "atom.xml"
    path.write_text(ATOM, encoding="utf-8")
    report = _one(str(path)).report
    assert report is not None
    assert report.text == "A clinic was hit in Prykladne."
    assert report.published == dt.date(2025, 3, 5)
    assert report.url == "https://atom.example.org/1"


def test_feed_without_items_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text('<?xml version="1.0"?><rss><channel><title>x</title>', encoding="utf-8")
    with pytest.raises(IngestError, match="broken.xml: not an RSS/Atom feed"):
        _items(str(path))


# ---------------------------------------------------------------------- URLs


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        route = self.path
        if route == "/page":
            self._send(200, "text/html; charset=utf-8", HTML_PAGE.encode())
        elif route == "/feed":
            self._send(200, "application/rss+xml", RSS.encode())
        elif route == "/text":
            self._send(200, "text/plain; charset=utf-8", ARTICLE[0].encode())
        elif route == "/slow":
            time.sleep(3)
            self._send(200, "text/plain", b"late")
        elif route == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        elif route == "/big":
            self._send(200, "text/plain", b"y" * 3_000_000)
        else:
            self._send(404, "text/plain", b"nothing here")

    def _send(self, code: int, ctype: str, body: bytes) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_html_page(server: str) -> None:
    report = _one(f"{server}/page").report
    assert report is not None
    assert report.url == f"{server}/page"  # the address fetched, not the page's claim
    assert report.publisher == "Example Wire"
    assert "SECRET_TRACKER_PAYLOAD" not in report.text


def test_url_feed_and_text(server: str) -> None:
    assert len(_items(f"{server}/feed")) == 3
    report = _one(f"{server}/text").report
    assert report is not None and report.text == ARTICLE[0]


def test_url_http_error(server: str) -> None:
    with pytest.raises(IngestError, match=r"/missing: the server answered HTTP 404"):
        _items(f"{server}/missing")


def test_url_unreachable() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/x"
    with pytest.raises(IngestError, match="cannot be reached") as err:
        _items(url)
    assert url in str(err.value)


def test_url_slow_server_times_out(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"/slow: no answer within 0.5 s"):
        _items(f"{server}/slow", timeout=0.5)
    assert time.monotonic() - started < 2.5


def test_url_trickling_server_hits_the_total_deadline(server: str) -> None:
    with pytest.raises(IngestError, match="took longer than 1 s"):
        fetch_url(f"{server}/trickle", timeout=2, total_timeout=1)


def test_url_size_cap(server: str) -> None:
    with pytest.raises(IngestError, match="the page is 3.0 MB; the limit is 1.0 MB"):
        fetch_url(f"{server}/big", max_bytes=1_000_000)
    assert MAX_REPORT_BYTES < 20_000_000
