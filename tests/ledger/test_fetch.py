"""Article URLs and feeds against a local web server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from fogofwar.cli import cli
from fogofwar.ingest.fetch import FetchLimits, fetch_document, iter_feed, make_client
from fogofwar.ingest.readers import InputError
from fogofwar.ledger import Ledger
from fogofwar.schema import Document

PARAGRAPHS = [
    "Ukrainian officials said on Monday that Russian forces had launched a large drone "
    "attack on the city of Kharkiv overnight, damaging several apartment buildings.",
    "Mayor Ihor Terekhov said that at least nine civilians were wounded in the strikes, "
    "including two children, and that emergency crews worked through the night.",
    "The regional governor said that air defences shot down most of the drones, but that "
    "debris fell on a school and a power station in the north of the city.",
]
ARTICLE = f"""<!doctype html><html><head><title>Drones hit Kharkiv</title>
<meta property="og:site_name" content="Local Wire">
<meta property="article:published_time" content="2024-12-28T08:00:00Z"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Drones hit Kharkiv</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}</article></body></html>"""
EMPTY = "<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>"
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>
<item><title>Drones hit Kharkiv</title><link>{base}/article.html</link>
<pubDate>Sat, 28 Dec 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Officials said nine civilians were wounded in Kharkiv.&lt;/p&gt;</description>
</item>
<item><title>Gone</title><link>{base}/missing</link>
<description>This page was removed by the editors on Friday.</description></item>
<item><title>No link here</title>
<description>Two soldiers were killed near Pokrovsk, the army said.</description></item>
<item><title>Empty</title></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, content_type: str = "text/html") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/article.html":
            self.send(200, ARTICLE.encode())
        elif self.path == "/empty.html":
            self.send(200, EMPTY.encode())
        elif self.path == "/text.txt":
            self.send(200, " ".join(PARAGRAPHS).encode(), "text/plain; charset=utf-8")
        elif self.path == "/image.png":
            self.send(200, b"\x89PNG\r\n", "image/png")
        elif self.path == "/feed.xml":
            self.send(200, FEED.format(base=base).encode(), "application/rss+xml")
        elif self.path == "/big.html":
            self.send(200, b"<p>" + b"word " * 50_000 + b"</p>")
        elif self.path == "/slow.html":
            time.sleep(2)
            self.send(200, ARTICLE.encode())
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        else:
            self.send(404, b"not here")


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that give up early (timeouts, size limits) break the pipe: expected


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LIMITS = FetchLimits(
    connect_timeout=1, read_timeout=0.5, deadline=5, max_bytes=100_000, max_redirects=3
)


def fetch(url: str) -> Document | InputError:
    with make_client(LIMITS) as client:
        return fetch_document(url, client, LIMITS)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_article_page_gives_its_text_and_metadata(server: str) -> None:
    document = fetch(f"{server}/article.html")
    assert isinstance(document, Document)
    assert PARAGRAPHS[1] in document.text and "Home" not in document.text
    assert (document.title, document.outlet, document.published) == (
        "Drones hit Kharkiv",
        "Local Wire",
        "2024-12-28",
    )
    assert document.url == document.id == f"{server}/article.html"


def test_redirects_are_followed_up_to_the_cap(server: str) -> None:
    assert isinstance(fetch(f"{server}/moved"), Document)
    loop = fetch(f"{server}/loop")
    assert isinstance(loop, InputError) and loop.reason == "too many redirects (more than 3)"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/empty.html", "no article text found in the page"),
        ("/image.png", "not an article page (content type image/png)"),
        ("/big.html", "too large (over 0 MB)"),
        ("/slow.html", "timed out (the server did not answer in time)"),
    ],
)
def test_bad_pages_are_one_line_errors(server: str, path: str, reason: str) -> None:
    error = fetch(server + path)
    assert isinstance(error, InputError)
    assert (error.item, error.reason) == (server + path, reason)


def test_unreachable_host_and_bad_urls(server: str) -> None:
    error = fetch(f"http://127.0.0.1:{closed_port()}/news")
    assert isinstance(error, InputError) and error.reason.startswith("cannot connect")
    assert isinstance(fetch("http://exa mple.org/"), InputError)


def test_plain_text_pages_are_read_as_text(server: str) -> None:
    document = fetch(f"{server}/text.txt")
    assert isinstance(document, Document) and document.text.startswith("Ukrainian officials")


def test_feed_entries_are_fetched_or_reported(server: str) -> None:
    with make_client(LIMITS) as client:
        items = list(iter_feed(f"{server}/feed.xml", lambda: client, LIMITS))
    assert len(items) == 4
    article, missing, no_link, empty = items
    assert isinstance(article, Document) and PARAGRAPHS[0] in article.text
    assert article.outlet == "Local Wire"
    assert isinstance(missing, InputError) and missing.reason == "HTTP 404 Not Found"
    assert isinstance(no_link, InputError) and "no web link" in no_link.reason
    assert no_link.item == f"{server}/feed.xml entry 3"
    assert isinstance(empty, InputError)


def test_feed_summaries_are_read_without_fetching(tmp_path: Path, server: str) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(FEED.format(base="http://127.0.0.1:9"))  # nothing listens there
    counted: list[int] = []
    items = list(iter_feed(str(feed), make_client, summaries=True, on_entries=counted.append))
    assert counted == [4]
    texts = [i.text for i in items if isinstance(i, Document)]
    assert texts == [
        "Officials said nine civilians were wounded in Kharkiv.",
        "This page was removed by the editors on Friday.",
        "Two soldiers were killed near Pokrovsk, the army said.",
    ]
    assert items[0].published == "2024-12-28" and items[0].url.endswith("/article.html")
    assert isinstance(items[3], InputError) and items[3].reason == "the entry has no summary text"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("<html><body><p>Just a page</p></body></html>", "the feed has no entries"),
        ('{"entries": ["not", "xml"]}', "not an RSS or Atom feed"),
        ("<rss><channel><item><title>cut off", "the entry has no web link"),
    ],
)
def test_files_that_are_not_feeds(tmp_path: Path, content: str, reason: str) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(content)
    (error,) = list(iter_feed(str(feed), make_client))
    assert isinstance(error, InputError) and error.reason.startswith(reason)


@pytest.mark.usefixtures("nlp")
def test_cli_ingest_urls_and_feeds_goes_on_after_bad_items(server: str, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'web.db'}"
    result = CliRunner().invoke(
        cli,
        [
            "ingest",
            f"{server}/article.html",
            f"{server}/missing",
            f"http://127.0.0.1:{closed_port()}/x",
            "--feed",
            f"{server}/feed.xml",
            "--db",
            db,
            "--timeout",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"fogofwar: skipped {server}/missing: HTTP 404 Not Found" in result.stderr
    assert "cannot connect" in result.stderr
    # the feed's first entry is the article again: same text, so not stored twice
    assert "stored 1 document, 1 already in the ledger, 5 failed" in result.stderr
    with Ledger(db) as ledger:
        (report,) = list(ledger.reports())
    assert report.document.outlet == "Local Wire"
    assert any(actor.name == "Ihor Terekhov" for actor in report.actors)
